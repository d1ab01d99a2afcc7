// What a briefing needs from the register: the facts of what was issued to its audience before
// it (as the register stood before its own first issue), its versions, and which data files
// cannot hold a late record.

import { describe, expect, it } from 'vitest';
import { documentState, issuedFactsFor, settledSourcesFor } from '../../src/register/view.js';
import { dataset, division, event, incident } from '../helpers/dataset.js';
import { MemoryRegister } from '../helpers/register.js';
import { deliveryBody } from '../../src/register/entries.js';
import { issuedRow } from '../../src/register/history.js';

const EVENT = event({
  divisions: [
    division(
      'securite',
      '11:30',
      { en: 'Security' },
      { records: ['incidents'], sections: ['key_figures', 'late_reports', 'notable_facts'] },
    ),
  ],
});
const P = { kind: 'partners' } as const;
/** One record X with `n` arrests (none when 0), at `time`. */
const data = (n = 0, time = '2024-08-04T12:00:00+02:00') =>
  dataset({ event: EVENT, incidents: n === 0 ? [] : [incident(time, { id: 'X', arrests: n })] });
const key = (date: string) => ({ division: 'securite', date, audience: 'partners' });
const k = (c: string) => c.repeat(32);

describe('the register as a briefing reads it', () => {
  it('compares a briefing with what was issued before its own first issue, in every later run', () => {
    const reg = new MemoryRegister('test-event');
    reg.issue(data(), 'securite', '2024-08-04', P);
    reg.issue(data(1), 'securite', '2024-08-05', P);
    reg.issue(data(), 'securite', '2024-08-06', P);
    expect(issuedFactsFor(reg.view, key('2024-08-05'))!.windows.map((w) => w.date)).toEqual(['2024-08-04']);
    expect(issuedFactsFor(reg.view, key('2024-08-07'))!.windows.map((w) => w.date)).toEqual([
      '2024-08-04',
      '2024-08-05',
      '2024-08-06',
    ]);
    expect(issuedFactsFor(reg.view, { ...key('2024-08-07'), audience: 'national' })!.windows).toEqual([]);
    // a corrigendum of the 5th is a new version, numbered 1, and the 5th is still compared with the 4th only
    reg.issue(data(2), 'securite', '2024-08-05', P);
    const state = documentState(reg.view, { ...key('2024-08-05'), lang: 'both' });
    expect([
      state.latestHeld?.entry.version,
      state.latestHeld?.entry.corrigendum,
      state.original?.entry.version,
      state.nextCorrigendum,
    ]).toEqual([2, 1, 1, 2]);
    expect(issuedFactsFor(reg.view, key('2024-08-05'))!.windows.map((w) => w.date)).toEqual(['2024-08-04']);
  });

  it('settles the files the latest issued window was made from, and every later issue too', () => {
    const reg = new MemoryRegister('test-event');
    reg.issue(data(), 'securite', '2024-08-04', P, [k('a'), k('b'), k('c')]);
    reg.issue(data(), 'securite', '2024-08-05', P, [k('a'), k('b'), k('c')]);
    expect([...settledSourcesFor(reg.view, key('2024-08-06'))].sort()).toEqual([k('a'), k('b'), k('c')]);
    // a corrigendum of the 4th made after, without file b as it was: b is read again
    reg.issue(data(3, '2024-08-04T09:00:00+02:00'), 'securite', '2024-08-04', P, [k('a'), k('c'), k('d')]);
    expect(documentState(reg.view, { ...key('2024-08-04'), lang: 'both' }).latestHeld?.entry.corrigendum).toBe(1);
    expect([...settledSourcesFor(reg.view, key('2024-08-06'))].sort()).toEqual([k('a'), k('c')]);
  });

  it('settles nothing when the latest issued window compared less far back, or nothing was issued, or sources are unknown', () => {
    const reg = new MemoryRegister('test-event');
    expect(settledSourcesFor(reg.view, key('2024-08-06')).size).toBe(0);
    reg.issue(data(), 'securite', '2024-08-05', P, [k('a')]);
    expect([...settledSourcesFor(reg.view, key('2024-08-06'))]).toEqual([k('a')]);
    // the 3rd filled in afterwards: the 6th compares back to the 3rd, which the 5th did not
    reg.issue(data(), 'securite', '2024-08-03', P, [k('a')]);
    expect(settledSourcesFor(reg.view, key('2024-08-06')).size).toBe(0);
    const bare = new MemoryRegister('test-event');
    bare.issue(data(), 'securite', '2024-08-05', P);
    expect(settledSourcesFor(bare.view, key('2024-08-06')).size).toBe(0);
  });

  it('numbers a changed document after one emailed with an uncertain delivery as its corrigendum, never a second version 1', () => {
    const reg = new MemoryRegister('test-event');
    reg.issue(data(), 'securite', '2024-08-05', P, undefined, { uncertain: true });
    const doc = { ...key('2024-08-05'), lang: 'both' };
    const before = documentState(reg.view, doc);
    expect([
      before.latestHeld?.issued,
      before.latestHeld?.held,
      before.original?.entry.version,
      before.nextCorrigendum,
    ]).toEqual([false, true, 1, 1]);
    expect(
      reg.issue(data(1, '2024-08-05T09:00:00+02:00'), 'securite', '2024-08-05', P)?.model.corrigendum?.number,
    ).toBe(1);
    const after = documentState(reg.view, doc);
    expect([
      after.latestHeld?.entry.version,
      after.latestHeld?.entry.corrigendum,
      after.original?.entry.version,
    ]).toEqual([2, 1, 1]);
    // the same content again: nothing new
    expect(reg.issue(data(1, '2024-08-05T09:00:00+02:00'), 'securite', '2024-08-05', P)).toBeUndefined();
  });

  it('reports in the next briefing a record timed in a window emailed with an uncertain delivery, and states the time it went out even once confirmed', () => {
    const reg = new MemoryRegister('test-event');
    reg.issue(data(), 'securite', '2024-08-04', P, undefined, { uncertain: true });
    const facts = issuedFactsFor(reg.view, key('2024-08-05'))!;
    expect(facts.windows.map((w) => [w.date, w.at])).toEqual([['2024-08-04', '2024-08-01T09:31:00.000Z']]);
    // X, timed on the 4th, reached the centre after that briefing went out: the 5th reports it
    const late = reg.compose(data(2, '2024-08-04T09:00:00+02:00'), 'securite', '2024-08-05', P);
    expect(late.late.map((f) => f.id)).toEqual(['X']);
    // the delivery confirmed later (a --resend): the 5th, built again, states the same facts
    reg.confirm(reg.view.documents[0]!.entry.seq, '2024-08-01T11:00:00.000Z');
    expect(issuedFactsFor(reg.view, key('2024-08-05'))).toEqual(facts);
    expect(reg.view.documents[0]!.issuedAt).toBe('2024-08-01T11:00:00.000Z');
  });

  it('sends a corrigendum to every address that holds or may hold a version 1, whichever sending reached it', () => {
    const reg = new MemoryRegister('test-event');
    reg.issue(data(), 'securite', '2024-08-05', P, undefined, { uncertain: true }); // lo@example.org, uncertain
    // the same version 1 sent again later to an address added to the list: a record of its own
    const { v: _v, seq: _seq, prev: _prev, at: _at, hash: _hash, ...body } = reg.view.documents[0]!.entry;
    reg.append([body]);
    const second = reg.view.nextSeq - 1;
    reg.append([
      deliveryBody(second, [
        { address: 'cab2@example.org', messageId: '<m3@example.org>', at: '2024-08-01T10:00:00.000Z' },
      ]),
    ]);
    const state = documentState(reg.view, { ...key('2024-08-05'), lang: 'both' });
    expect(state.originalRecipients.map((r) => [r.address, r.status])).toEqual([
      ['lo@example.org', 'uncertain'],
      ['cab2@example.org', undefined],
    ]);
    expect(state.original?.entry.seq).toBe(reg.view.documents[0]!.entry.seq);
  });

  it('says a version was superseded by a correction whose delivery is uncertain, and the correction replaces an uncertain version as such', () => {
    const reg = new MemoryRegister('test-event');
    reg.issue(data(), 'securite', '2024-08-05', P, undefined, { uncertain: true });
    const corr = reg.issue(data(1, '2024-08-05T09:00:00+02:00'), 'securite', '2024-08-05', P, undefined, {
      uncertain: true,
    });
    expect(corr?.model.corrigendum?.supersedes).toEqual({
      version: 1,
      corrigendum: 0,
      at: '2024-08-01T09:31:00.000Z',
      uncertain: true,
    });
    expect(issuedRow(reg.view, reg.view.documents[0]!).supersededBy).toEqual({
      version: 2,
      corrigendum: 1,
      issuedAt: '2024-08-01T09:31:00.000Z',
      status: 'uncertain',
    });
  });

  it('builds a briefing first issued by an older cci by its rule: compared with issued documents only', () => {
    const reg = new MemoryRegister('test-event');
    reg.issue(data(), 'securite', '2024-08-04', P, undefined, { uncertain: true });
    reg.issue(data(), 'securite', '2024-08-05', P, undefined, { olderCci: true });
    expect(issuedFactsFor(reg.view, key('2024-08-05'))!.windows).toEqual([]);
    // a briefing of this cci compares with both
    expect(issuedFactsFor(reg.view, key('2024-08-06'))!.windows.map((w) => w.date)).toEqual([
      '2024-08-04',
      '2024-08-05',
    ]);
    // the 4th confirmed after the 5th was issued: still not the 5th's
    reg.confirm(reg.view.documents[0]!.entry.seq, '2024-08-01T11:00:00.000Z');
    expect(issuedFactsFor(reg.view, key('2024-08-05'))!.windows).toEqual([]);
  });
});
