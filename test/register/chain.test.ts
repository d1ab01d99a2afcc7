// The register's lines: a chain of hashes that finds any entry changed, removed, inserted or cut
// after it was written, and refuses a register of a newer cci — naming the line.

import { describe, expect, it } from 'vitest';
import { encodeEntry, readChain } from '../../src/register/chain.js';
import { REGISTER_FORMAT, type EntryBody } from '../../src/register/format.js';
import { approvalBody } from '../../src/register/entries.js';
import { incident } from '../helpers/dataset.js';
import { briefingModel } from '../helpers/model.js';
import { MemoryRegister } from '../helpers/register.js';
import { dataset, event } from '../helpers/dataset.js';

const EVENT = 'test-event';

function register(): MemoryRegister {
  const reg = new MemoryRegister(EVENT);
  const data = dataset({ event: event(), incidents: [incident('2024-08-05T09:00:00+02:00', { id: 'A' })] });
  reg.issue(data, 'securite', '2024-08-05', { kind: 'partners' });
  reg.append([
    approvalBody(briefingModel({ event: { ...briefingModel().event, id: EVENT } }), 'f'.repeat(64), 0, 'alice'),
  ]);
  return reg;
}

const problem = (text: string, event: string | undefined = EVENT) => {
  const r = readChain(text, event);
  return r.ok ? undefined : r.problem;
};

describe('the chain of the register', () => {
  it('reads back every entry written, in order', () => {
    const reg = register();
    const r = readChain(reg.text, EVENT);
    expect(r.ok).toBe(true);
    expect(r.entries.map((e) => [e.seq, e.type])).toEqual([
      [1, 'register'],
      [2, 'document'],
      [3, 'delivery'],
      [4, 'approval'],
    ]);
    expect(r.entries.every((e, i) => i === 0 || e.prev === r.entries[i - 1]!.hash)).toBe(true);
    expect(readChain('', EVENT)).toEqual({ ok: true, entries: [] });
  });

  it('names the line cut short by an interrupted write', () => {
    const text = register().text;
    expect(problem(text.slice(0, -1))).toMatchObject({ line: 4, message: expect.stringMatching(/cut short/) });
    expect(problem(text.slice(0, text.length - 40))).toMatchObject({
      line: 4,
      message: expect.stringMatching(/cut short/),
    });
  });

  it('names a line that is not JSON, or not an entry', () => {
    const lines = register().lines;
    expect(problem([lines[0], '{"v":1,"seq":2', lines[2], ''].join('\n'))).toMatchObject({
      line: 2,
      message: expect.stringMatching(/not valid JSON/),
    });
    expect(problem([lines[0], '[1,2]', ''].join('\n'))).toMatchObject({
      line: 2,
      message: expect.stringMatching(/not an entry/),
    });
  });

  it('finds an entry edited by hand, even when its JSON stays valid, and a line removed, added or moved', () => {
    const lines = register().lines;
    const join = (ls: string[]) => `${ls.join('\n')}\n`;
    // figures raised by hand: the entry's own hash no longer matches
    const edited = [...lines];
    edited[1] = edited[1]!.replace('"incidents":1', '"incidents":7');
    expect(edited[1]).not.toBe(lines[1]);
    expect(problem(join(edited))).toMatchObject({
      line: 2,
      message: expect.stringMatching(/changed after it was written/),
    });
    // the same edit with a hash recomputed: the next line no longer follows it
    const rehashed = [...lines];
    const body = JSON.parse(edited[1]!) as Record<string, unknown>;
    const { v: _v, seq, prev, at, hash: _h, ...rest } = body;
    rehashed[1] = encodeEntry(rest as unknown as EntryBody, seq as number, prev as string, at as string).line;
    expect(problem(join(rehashed))).toMatchObject({
      line: 3,
      message: expect.stringMatching(/does not follow line 2/),
    });
    // whitespace added: an edit too
    expect(problem(join([lines[0]!, lines[1]!.replace('{"v"', '{ "v"'), ...lines.slice(2)]))).toMatchObject({
      line: 2,
    });
    expect(problem(join([lines[0]!, lines[2]!, lines[3]!]))).toMatchObject({
      line: 2,
      message: expect.stringMatching(/numbered 3 where 2/),
    });
    expect(problem(join([lines[0]!, lines[1]!, lines[1]!, ...lines.slice(2)]))).toMatchObject({ line: 3 });
  });

  it('refuses a register written by a newer cci, and one of another event', () => {
    const lines = register().lines;
    const newer = encodeEntry(
      { type: 'approval', event: EVENT } as unknown as EntryBody,
      5,
      JSON.parse(lines[3]!).hash,
      'x',
    ).line.replace(`"v":${REGISTER_FORMAT}`, `"v":${REGISTER_FORMAT + 1}`);
    const p = problem(`${[...lines, newer].join('\n')}\n`);
    expect(p).toMatchObject({
      line: 5,
      newer: true,
      message: expect.stringMatching(/newer cci \(register format 2; this cci reads format 1\)/),
    });
    expect(problem(`${lines.join('\n')}\n`, 'other-event')).toMatchObject({
      line: 1,
      message: expect.stringMatching(/belongs to the event "test-event"/),
    });
    expect(problem(`${lines.join('\n')}\n`, undefined)).toBeUndefined();
  });

  it('refuses an entry naming a TLP:RED record', () => {
    const reg = new MemoryRegister(EVENT);
    reg.append([]);
    const line = encodeEntry(
      {
        type: 'document',
        event: EVENT,
        division: 'securite',
        date: '2024-08-05',
        audience: 'partners',
        lang: 'both',
        serial: 1,
        window: { start: 'a', end: 'b' },
        marking: 'TLP:AMBER',
        tlp: 'AMBER',
        specialFrance: false,
        version: 1,
        corrigendum: 0,
        content: 'c',
        via: 'hand',
        outDir: '/o',
        files: [],
        keyFigures: [],
        figures: {} as never,
        previous: {} as never,
        cumulative: {} as never,
        shown: [['SECRET', 'incident', 'd', 'RED', 0]],
        late: [],
        revisions: [],
        facts: {},
      },
      2,
      reg.view.lastHash,
      'x',
    ).line;
    expect(problem(`${reg.lines[0]}\n${line}\n`)).toMatchObject({
      line: 2,
      message: expect.stringMatching(/TLP:RED record \(SECRET\)/),
    });
  });

  it("records with each document the register it was composed against and the event's zone, and refuses a basis after the entry itself", () => {
    const r = readChain(register().text, EVENT);
    const doc = r.entries.find((e) => e.type === 'document') as { basis?: number; timezone?: string; seq: number };
    expect(doc.basis).toBe(1); // composed against an empty register
    expect(doc.timezone).toBe('Europe/Paris');
    const reg = new MemoryRegister(EVENT);
    reg.append([]);
    for (const basis of [3, 0, 1.5]) {
      const line = encodeEntry(
        {
          type: 'document',
          event: EVENT,
          division: 'securite',
          date: '2024-08-05',
          audience: 'partners',
          lang: 'both',
          serial: 1,
          window: { start: 'a', end: 'b' },
          marking: 'TLP:CLEAR',
          tlp: 'CLEAR',
          specialFrance: false,
          version: 1,
          corrigendum: 0,
          content: 'c',
          via: 'hand',
          outDir: '/o',
          files: [],
          keyFigures: [],
          figures: {} as never,
          previous: {} as never,
          cumulative: {} as never,
          shown: [],
          late: [],
          revisions: [],
          facts: {},
          basis,
        },
        2,
        reg.view.lastHash,
        'x',
      ).line;
      expect(problem(`${reg.lines[0]}\n${line}\n`)).toMatchObject({ line: 2, message: expect.stringMatching(/basis/) });
    }
  });
});
