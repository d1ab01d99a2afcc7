// Earlier days' files known unchanged by their identity (device, inode, size, times) are counted
// from the tally cache without being read; any write to one is seen at the next run.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import { loadBriefingData } from '../../src/pipeline/load.js';
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
});
