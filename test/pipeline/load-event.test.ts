// event.yaml through the event cache: the event taken from the cache is the event parsed, a
// changed or damaged one is parsed again, and only what event.yaml alone makes is kept.

import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEvent } from '../../src/data/event.js';
import { DataError } from '../../src/errors.js';
import { loadEventCached } from '../../src/pipeline/load-event.js';
import { readCacheRecords, writeCacheRecords } from '../../src/output/tally-cache-file.js';

const ROOT = join(import.meta.dirname, '..', '..');
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cci-event-cache-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let n = 0;
async function cacheFolder(): Promise<string> {
  const dir = join(work, `cache-${++n}`);
  await mkdir(dir, { mode: 0o700 });
  return dir;
}
const eventFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.startsWith('event-'));

describe('event.yaml through the event cache', () => {
  it.each(['data', 'fixtures/basic', 'fixtures/dst-spring', 'fixtures/e2e', 'fixtures/preview'])(
    'gives the event parsed, from the cache too, for %s',
    async (folder) => {
      const dir = join(ROOT, folder);
      const cache = await cacheFolder();
      const parsed = await loadEvent(dir);
      expect(await loadEventCached(dir, cache)).toStrictEqual(parsed);
      expect(await eventFiles(cache)).toHaveLength(1);
      expect(await loadEventCached(dir, cache)).toStrictEqual(parsed);
    },
  );

  it('parses a changed event.yaml again', async () => {
    const data = join(work, 'changed');
    await cp(join(ROOT, 'data'), data, { recursive: true });
    const cache = await cacheFolder();
    await loadEventCached(data, cache);
    const file = join(data, 'event.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/^(\s*)timezone: Europe\/Paris$/m, '$1timezone: Europe/Berlin'),
    );
    expect((await loadEventCached(data, cache)).timezone).toBe('Europe/Berlin');
    expect(await loadEventCached(data, cache)).toStrictEqual(await loadEvent(data));
  });

  it('reports the problems of an event.yaml every time, and keeps nothing of it', async () => {
    const cache = await cacheFolder();
    const dir = join(ROOT, 'fixtures', 'bad-event');
    for (let i = 0; i < 2; i++) {
      const error = await loadEventCached(dir, cache).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      expect(error).toEqual(await loadEvent(dir).catch((e: unknown) => e));
    }
    expect(await eventFiles(cache)).toHaveLength(0);
  });

  it('parses event.yaml again when the kept event was edited without the cache key', async () => {
    const data = join(work, 'tampered');
    await cp(join(ROOT, 'data'), data, { recursive: true });
    const cache = await cacheFolder();
    const parsed = await loadEventCached(data, cache);
    const name = join(cache, (await eventFiles(cache))[0]!);
    const records = readCacheRecords(await readFile(name));
    const [key, record] = [...records][0]!;
    // one letter of a text changed (the kept bytes stay a valid serialisation)
    const at = record.payload.indexOf('Paris');
    expect(at).toBeGreaterThan(0);
    const edited = Buffer.from(record.payload);
    edited[at] = 'B'.charCodeAt(0);
    await writeFile(name, writeCacheRecords([[key, { ...record, payload: edited }]]));
    expect(await loadEventCached(data, cache)).toStrictEqual(parsed);
  });

  it('does not keep an event whose area list is a file of the data folder', async () => {
    const cache = await cacheFolder();
    const dir = join(ROOT, 'fixtures', 'la-2028');
    expect(await loadEventCached(dir, cache)).toStrictEqual(await loadEvent(dir));
    expect(await eventFiles(cache)).toHaveLength(0);
  });

  it('uses no cache folder that is missing or readable by others (the tally cache makes it private later)', async () => {
    const open = join(work, 'open-cache');
    await mkdir(open, { mode: 0o755 });
    const { chmod } = await import('node:fs/promises');
    await chmod(open, 0o755);
    expect(await loadEventCached(join(ROOT, 'data'), open)).toStrictEqual(await loadEvent(join(ROOT, 'data')));
    expect(await readdir(open)).toEqual([]);
    const missing = join(work, 'missing-cache');
    await loadEventCached(join(ROOT, 'data'), missing);
    await expect(readdir(missing)).rejects.toThrow();
  });
});
