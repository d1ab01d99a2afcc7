// The tally cache's record of the data files' identities: a file is known unchanged without
// being read only when its identity was noted after it had settled, and the record is trusted
// only with its MAC.

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTallyCache, readCacheRecords, writeCacheRecords } from '../../src/output/tally-cache-file.js';
import type { FileIdentity } from '../../src/data/read-data-file.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cci-identities-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const T = Date.UTC(2024, 7, 5, 9, 0);
const DIGEST = 'ab'.repeat(32);
const OTHER = 'cd'.repeat(32);
const settled: FileIdentity = { id: '2049:17:4096:1:1', changedMs: T - 60_000 };
const fresh: FileIdentity = { id: '2049:17:4096:2:2', changedMs: T - 1_000 };

let n = 0;
function dirs(): { cache: string; data: string } {
  n++;
  return { cache: join(work, `cache-${n}`), data: join(work, `data-${n}`) };
}

describe("the data files' identities in the tally cache", () => {
  it('knows a settled file by its identity, across runs, and nothing else', async () => {
    const { cache, data } = dirs();
    const first = await openTallyCache(cache, data, { now: () => T });
    expect(first.knownDigest('2024-07-24/incidents-pp.csv', () => settled)).toBeUndefined();
    first.noteDigest('2024-07-24/incidents-pp.csv', settled, DIGEST);
    await first.save();
    const next = await openTallyCache(cache, data, { now: () => T + 1000 });
    expect(next.knownDigest('2024-07-24/incidents-pp.csv', () => settled)).toBe(DIGEST);
    // another identity (any write changes the status-change time), another file: unknown
    expect(
      next.knownDigest('2024-07-24/incidents-pp.csv', () => ({ ...settled, id: '2049:17:4096:1:9' })),
    ).toBeUndefined();
    expect(next.knownDigest('2024-07-25/incidents-pp.csv', () => settled)).toBeUndefined();
    // a file it has no record of is not even looked at
    let stats = 0;
    const counted = () => (stats++, settled);
    expect(next.knownDigest('2024-07-26/incidents-pp.csv', counted)).toBeUndefined();
    expect(stats).toBe(0);
    expect(next.knownDigest('2024-07-24/incidents-pp.csv', counted)).toBe(DIGEST);
    expect(stats).toBe(1);
  });

  it('does not trust a file that changed less than five seconds before it was read, until it has settled', async () => {
    const { cache, data } = dirs();
    const c = await openTallyCache(cache, data, { now: () => T });
    c.noteDigest('day.yaml', fresh, DIGEST);
    await c.save();
    const name = join(
      cache,
      (await readdir(cache)).find((f) => f.startsWith('tally-'))!,
    );
    const written = await readFile(name);
    // still unsettled a second later: nothing new to note, the cache is not rewritten
    let now = T + 1000;
    const again = await openTallyCache(cache, data, { now: () => now });
    expect(again.knownDigest('day.yaml', () => fresh)).toBeUndefined();
    again.noteDigest('day.yaml', fresh, DIGEST);
    await again.save();
    expect((await readFile(name)).equals(written)).toBe(true);
    // read again once settled: noted, then known
    now = T + 10_000;
    again.noteDigest('day.yaml', fresh, DIGEST);
    await again.save();
    expect((await openTallyCache(cache, data, { now: () => now })).knownDigest('day.yaml', () => fresh)).toBe(DIGEST);
  });

  it('forgets the digest of a file read with other bytes under the same identity', async () => {
    const { cache, data } = dirs();
    const c = await openTallyCache(cache, data, { now: () => T });
    c.noteDigest('a.csv', settled, DIGEST);
    c.noteDigest('a.csv', settled, OTHER);
    expect(c.knownDigest('a.csv', () => settled)).toBe(OTHER);
  });

  it('ignores an identities record whose MAC does not match, or that is damaged', async () => {
    const { cache, data } = dirs();
    const c = await openTallyCache(cache, data, { now: () => T });
    c.noteDigest('a.csv', settled, DIGEST);
    await c.save();
    const name = join(
      cache,
      (await readdir(cache)).find((f) => f.startsWith('tally-'))!,
    );
    const records = readCacheRecords(await readFile(name));
    expect(records.size).toBe(1);
    const [key, record] = [...records][0]!;
    // a digest swapped in, MAC kept: not trusted
    const edited = Buffer.from(record.payload.toString('latin1').replace(DIGEST, OTHER), 'latin1');
    await writeFile(name, writeCacheRecords([[key, { ...record, payload: edited }]]));
    expect((await openTallyCache(cache, data, { now: () => T })).knownDigest('a.csv', () => settled)).toBeUndefined();
    // bytes that are not a record of identities at all
    await writeFile(name, writeCacheRecords([[key, { ...record, payload: Buffer.from('not serialised') }]]));
    expect((await openTallyCache(cache, data, { now: () => T })).knownDigest('a.csv', () => settled)).toBeUndefined();
  });
});
