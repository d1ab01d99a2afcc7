// Earlier days' files known unchanged by their identity (device, inode, size, times) are counted
// from the tally cache without being read; any write to one is seen at the next run.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import { loadBriefingData } from '../../src/pipeline/load.js';
import { DataError } from '../../src/errors.js';
import { IdIndex } from '../../src/data/id-index.js';
import type * as ReadDataFile from '../../src/data/read-data-file.js';

// every data file read goes through readDataFileSync: the files it reads are recorded
const read = vi.hoisted(() => ({ files: [] as string[] }));
vi.mock('../../src/data/read-data-file.js', async (importOriginal) => {
  const real = await importOriginal<typeof ReadDataFile>();
  return {
    ...real,
    readDataFileSync: (file: string, ...rest: [string, number?]) => {
      read.files.push(file);
      return real.readDataFileSync(file, ...rest);
    },
  };
});

const DEMO = join(import.meta.dirname, '..', '..', 'data');
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cci-identity-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const DATE = '2024-08-05';
/** A clock a minute ahead: the copied files have settled when the cache notes them. */
const later = () => Date.now() + 60_000;

async function model(data: string, cacheDir: string | undefined, now?: () => number) {
  read.files = [];
  const dataset = await loadBriefingData(data, [DATE], { cacheDir, ...(now && { now }) });
  return buildBriefing(dataset, { division: 'securite', date: DATE, audience: { kind: 'national' }, draft: false });
}

describe('files known unchanged by their identity', () => {
  it("are not read once settled: only the window's days are", async () => {
    const data = join(work, 'data-1');
    const cache = join(work, 'cache-1');
    await cp(DEMO, data, { recursive: true });
    const uncached = await model(data, undefined);
    expect(await model(data, cache, later)).toEqual(uncached);
    const all = read.files.length;
    expect(read.files.some((f) => f.includes('2024-07-24'))).toBe(true);
    expect(await model(data, cache, later)).toEqual(uncached);
    const folders = new Set(read.files.map((f) => f.split(/[\\/]/).at(-2)));
    // the window's two days (and the outlook's day after) are read; no earlier day is
    expect([...folders].every((d) => d! >= '2024-08-04')).toBe(true);
    expect(read.files.length).toBeLessThan(all / 3);
  });

  it('sees a file of an earlier day rewritten with the same size, once settled or not', async () => {
    const data = join(work, 'data-2');
    const cache = join(work, 'cache-2');
    await cp(DEMO, data, { recursive: true });
    const before = await model(data, cache, later);
    await model(data, cache, later);
    // an incident's arrests changed in place, the file's size kept: 1 becomes 7
    const file = join(data, '2024-07-24', 'incidents-pp.csv');
    const text = await readFile(file, 'utf8');
    const edited = text.replace(/^(PP-20240724-0002,[^\n]*?,)1,1,ESP,/m, '$17,1,ESP,');
    expect(edited).not.toBe(text);
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
    await writeFile(file, edited);
    for (const now of [Date.now, later]) {
      const after = await model(data, cache, now);
      expect(read.files).toContain(file);
      expect(after.model.cumulative.arrests).toBe(before.model.cumulative.arrests + 6);
      expect(after).toEqual(await model(data, undefined));
    }
  });

  it("adds only the ids it reads to its index once the cached files' ids are known unique", async () => {
    const data = join(work, 'data-3');
    const cache = join(work, 'cache-3');
    await cp(DEMO, data, { recursive: true });
    const add = vi.spyOn(IdIndex.prototype, 'add');
    const uncached = await model(data, undefined);
    await model(data, cache, later); // files read, entries and identities noted
    add.mockClear();
    expect(await model(data, cache, later)).toEqual(uncached); // every cached id into the index; the set noted
    const all = add.mock.calls.length;
    add.mockClear();
    expect(await model(data, cache, later)).toEqual(uncached); // the set used
    expect(add.mock.calls.length).toBeGreaterThan(0);
    expect(add.mock.calls.length).toBeLessThan(all / 3);
    add.mockRestore();
  });

  it.each([
    [
      'a new file of a later day',
      '2024-07-25',
      /^2024-07-25\/incidents-extra\.csv:2:1: this id is already used at 2024-07-24\/incidents-pp\.csv:2:1;/m,
    ],
    [
      'a new file of an earlier day',
      '2024-07-23',
      /^2024-07-24\/incidents-pp\.csv:2:1: this id is already used at 2024-07-23\/incidents-extra\.csv:2:1;/m,
    ],
    [
      'a file of the window',
      '2024-08-05',
      /^2024-08-05\/incidents-extra\.csv:2:1: this id is already used at 2024-07-24\/incidents-pp\.csv:2:1;/m,
    ],
  ])(
    'reports an id of a cached file used again in %s at its place, with the set of known ids in use',
    async (_, day, expected) => {
      const data = join(work, `data-dup-${day}`);
      const cache = join(work, `cache-dup-${day}`);
      await cp(DEMO, data, { recursive: true });
      await model(data, cache, later);
      await model(data, cache, later);
      const lines = (await readFile(join(data, '2024-07-24', 'incidents-pp.csv'), 'utf8')).split(/\r?\n/);
      await writeFile(join(data, day, 'incidents-extra.csv'), `${lines[0]}\n${lines[1]}\n`);
      const error = await loadBriefingData(data, [DATE], { cacheDir: cache, now: later }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      const text = (error as DataError).problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n');
      expect(text).toMatch(expected);
      expect(text.match(/already used/g)).toHaveLength(1);
    },
  );
});
