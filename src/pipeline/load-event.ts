// event.yaml for a run, through the event cache when there is a cache folder: an event.yaml of
// the same bytes, read by the same code, is not parsed and checked again
// (src/output/tally-cache-file.ts, openEventCache).

import path from 'node:path';
import { DataError } from '../errors.js';
import { EVENT_FILE, loadEvent, readEvent } from '../data/event.js';
import { dataRoot, readDataFile } from '../data/read-data-file.js';
import { readingDigest } from '../data/tally-cache.js';
import type { EventConfig } from '../model/types.js';
import { openEventCache } from '../output/tally-cache-file.js';

/**
 * Reads and validates event.yaml of `dataDir`; throws DataError listing every problem (as
 * loadEvent). With `cacheDir`, an event.yaml already parsed without problems is taken from the
 * cache, and one parsed now is kept there.
 */
export async function loadEventCached(dataDir: string, cacheDir: string | undefined): Promise<EventConfig> {
  if (cacheDir === undefined) return loadEvent(dataDir);
  const read = await readDataFile(path.join(dataDir, EVENT_FILE), await dataRoot(dataDir));
  const cache = 'bytes' in read ? await openEventCache(cacheDir, dataDir) : undefined;
  const kept = cache && 'bytes' in read ? cache.get(await readingDigest(read.bytes)) : undefined;
  if (kept) return kept;
  const parsed = await readEvent(dataDir);
  if (parsed.problems.length > 0 || !parsed.event) throw new DataError(parsed.problems);
  // keyed by the bytes parsed (event.yaml may have changed since the read above)
  if (cache && parsed.selfContained) await cache.set(await readingDigest(parsed.selfContained), parsed.event);
  return parsed.event;
}
