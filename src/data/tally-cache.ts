// A cache of incident files as counting rows, so that a briefing does not parse and validate
// again, every run, the tens of thousands of incidents of earlier days that it only counts.
// This module says what an entry is, what it is keyed by and how one read back is checked; the
// private folder that keeps entries on disk is src/output/tally-cache-file.ts.
//
// An entry is keyed by the hash of the file's bytes, of event.yaml's bytes (and of the area list
// it names), of the code that reads records (this module's folder and the calendar code beside
// it) and of the cache format: a changed file, a changed event.yaml (categories, venues, time
// zone, areas) or another version of cci is a miss, and a miss is parsed and validated in full
// like any file. Only files read without any problem are cached.
//
// What an entry holds is only what a count needs (tally.ts): per incident its time, category,
// markings, arrests, custody and Games impact; never an id or a text. RED incidents count for
// no audience, so no row of theirs is stored at all. Besides the rows: the file's name, the
// time span of all its incidents (a file whose span meets the window is read in full, RED ones
// included, so that held-back RED records are counted), and for each id a keyed hash (SHA-256
// over the cache's secret key and the id, 128 bits kept) with the line and column of its id
// field, so that ids stay unique across cached and read files without any id being stored.

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Markings } from '../model/types.js';
import { TLP_ORDER } from '../model/types.js';
import type { TallyPart } from './tally.js';

/** Changes whenever what an entry holds, or how files are read, changes meaning. */
export const TALLY_CACHE_FORMAT = 'cci-tally-2';

export interface TallyCacheEntry {
  /** The file it was made from, relative to the data folder (entries of other contents are dropped). */
  file: string;
  /** Earliest and latest incident instant (epoch ms), RED ones included; an empty file has min > max. */
  min: number;
  max: number;
  /** Each incident's id as a keyed hash (TallyCache.idHash), with the line and column of its id field. */
  ids: string[];
  lines: number[];
  columns: number[];
  /** The workbook sheet the ids are on, for an .xlsx file (lines are its rows). */
  sheet?: string;
  /** The counting rows, RED incidents left out. */
  part: TallyPart;
}

export interface TallyCache {
  /** false for a cache that keeps nothing (--no-cache): no key is worth computing. */
  readonly stores: boolean;
  get(key: string): TallyCacheEntry | undefined;
  set(key: string, entry: TallyCacheEntry): void;
  /** The keyed hash under which an id is stored (only when `stores`). */
  idHash(id: string): string;
  /** Writes the cache if entries were added; never throws. */
  save(): Promise<void>;
}

/**
 * A cache that keeps nothing: every file is read in full, and the files that no window asked
 * for are still only counted (their full records are dropped once tallied).
 */
export const NO_TALLY_CACHE: TallyCache = {
  stores: false,
  get: () => undefined,
  set: () => undefined,
  idHash: () => '',
  save: async () => undefined,
};

/** Where the cache lives: CCI_CACHE_DIR, else $XDG_CACHE_HOME/cci, else ~/.cache/cci. */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.CCI_CACHE_DIR) return env.CCI_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'cci');
  try {
    const home = homedir();
    return home ? path.join(home, '.cache', 'cci') : undefined;
  } catch {
    return undefined;
  }
}

/** The key of one record file: its bytes and the reading context (readingDigest). */
export function tallyKey(bytes: Uint8Array, readingDigest: string): string {
  return createHash('sha256').update(readingDigest).update('\0').update(bytes).digest('hex');
}

/** The code that turns files into records: the data layer, the calendar and the model types. */
const READING_CODE = ['data', 'window', 'model'];
let codeDigest: Promise<string> | undefined;

function readingCodeDigest(): Promise<string> {
  codeDigest ??= (async () => {
    const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
    const hash = createHash('sha256');
    for (const dir of READING_CODE) {
      const names = (await readdir(path.join(root, dir)).catch(() => [] as string[])).filter((n) => /\.[cm]?[jt]s$/.test(n)).sort();
      for (const name of names) hash.update(name).update('\0').update(await readFile(path.join(root, dir, name))).update('\0');
    }
    return hash.digest('hex');
  })();
  return codeDigest;
}

/** What reading a record file depends on besides its bytes: event.yaml, cci's reading code, the cache format. */
export async function readingDigest(eventBytes: Uint8Array): Promise<string> {
  return createHash('sha256')
    .update(TALLY_CACHE_FORMAT).update('\0')
    .update(await readingCodeDigest()).update('\0')
    .update(eventBytes)
    .digest('hex');
}

const TLPS = new Set<string>(TLP_ORDER);

function isCountList(x: unknown, n: number): x is number[] {
  if (!Array.isArray(x) || x.length !== n) return false;
  for (const v of x) if (!Number.isInteger(v) || (v as number) < 0) return false;
  return true;
}

function isMarkings(m: unknown): m is Markings {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  const isCodes = (x: unknown) => Array.isArray(x) && x.every((c) => typeof c === 'string');
  return typeof r.tlp === 'string' && TLPS.has(r.tlp) && (r.status === 'validated' || r.status === 'draft') &&
    typeof r.specialFrance === 'boolean' && isCodes(r.releasableTo) && isCodes(r.exclude);
}

/** An entry read back from disk is checked before it is trusted: a damaged one is a miss. */
export function isTallyCacheEntry(e: unknown): e is TallyCacheEntry {
  if (typeof e !== 'object' || e === null) return false;
  const r = e as Record<string, unknown>;
  const p = r.part as Record<string, unknown> | undefined;
  if (typeof r.file !== 'string' || typeof r.min !== 'number' || typeof r.max !== 'number') return false;
  if (!Array.isArray(r.ids) || !r.ids.every((id) => typeof id === 'string')) return false;
  const n = r.ids.length;
  if (!isCountList(r.lines, n) || !isCountList(r.columns, n)) return false;
  if (r.sheet !== undefined && typeof r.sheet !== 'string') return false;
  if (typeof p !== 'object' || p === null) return false;
  if (!Array.isArray(p.marks) || !p.marks.every(isMarkings)) return false;
  if (!Array.isArray(p.categories) || !p.categories.every((c) => typeof c === 'string')) return false;
  const rows = Array.isArray(p.time) ? p.time.length : -1;
  if (!Array.isArray(p.time) || !p.time.every((t) => Number.isFinite(t))) return false;
  if (!p.marks.every((m) => (m as Markings).tlp !== 'RED')) return false;
  if (!isCountList(p.mark, rows) || !p.mark.every((m) => m < (p.marks as unknown[]).length)) return false;
  if (!isCountList(p.category, rows) || !p.category.every((c) => c < (p.categories as unknown[]).length)) return false;
  if (!isCountList(p.arrests, rows) || !isCountList(p.custody, rows) || !isCountList(p.gamesImpact, rows)) return false;
  return p.gamesImpact.every((g) => g === 0 || g === 1);
}
