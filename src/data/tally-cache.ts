// A cache of incident files as counting rows, so that a briefing does not parse and validate
// again, every run, the tens of thousands of incidents of earlier days that it only counts.
//
// An entry is keyed by the hash of the file's bytes, of event.yaml's bytes, of the code that
// reads records (this module's folder and the calendar code beside it) and of the cache format:
// a changed file, a changed event.yaml (categories, venues, time zone) or another version of
// cci is a miss, and a miss is parsed and validated in full like any file. Only files
// read without any problem are cached. Entries hold the rows (tally.ts), the time span of the
// file's incidents (a file whose span meets the window is always read in full) and the
// position of every id (ids stay unique across the whole folder, cached or not).
//
// One JSON file per data folder under the cache directory, rewritten (temporary file, rename)
// when entries were added; entries for files read again with other contents are dropped, so it
// does not grow with edits. A cache that cannot be read or written is ignored: it only saves time.

import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Markings } from '../model/types.js';
import { TLP_ORDER } from '../model/types.js';
import type { TallyPart } from './tally.js';

/** Changes whenever what an entry holds, or how files are read, changes meaning. */
export const TALLY_CACHE_FORMAT = 'cci-tally-1';

export interface TallyCacheEntry {
  /** The file it was made from, relative to the data folder (entries of other contents are dropped). */
  file: string;
  /** Earliest and latest incident instant (epoch ms); an empty file has min > max. */
  min: number;
  max: number;
  /** Each incident's id with the line and column of its id field. */
  ids: string[];
  lines: number[];
  columns: number[];
  /** The workbook sheet the ids are on, for an .xlsx file (lines are its rows). */
  sheet?: string;
  part: TallyPart;
}

export interface TallyCache {
  /** false for a cache that keeps nothing (--no-cache): no key is worth computing. */
  readonly stores: boolean;
  get(key: string): TallyCacheEntry | undefined;
  set(key: string, entry: TallyCacheEntry): void;
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

function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface CacheFile {
  format: string;
  entries: Record<string, TallyCacheEntry>;
}

/** Opens (or starts) the cache of one data folder. */
export async function openTallyCache(cacheDir: string, dataDir: string): Promise<TallyCache> {
  const file = path.join(cacheDir, `tally-${digestOf(Buffer.from(path.resolve(dataDir))).slice(0, 24)}.json`);
  const entries = new Map<string, TallyCacheEntry>();
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>;
    if (parsed && parsed.format === TALLY_CACHE_FORMAT && parsed.entries && typeof parsed.entries === 'object') {
      for (const [key, entry] of Object.entries(parsed.entries)) entries.set(key, entry);
    }
  } catch {
    // no cache yet, or unreadable: start empty
  }
  const checked = new Set<string>();
  let changed = false;
  return {
    stores: true,
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (!checked.has(key)) {
        if (!isEntry(entry)) {
          entries.delete(key);
          changed = true;
          return undefined;
        }
        checked.add(key);
      }
      return entry;
    },
    set(key, entry) {
      if (entries.get(key)?.file === entry.file && checked.has(key)) return; // already there
      // an entry made from other contents of the same file is stale
      for (const [k, e] of entries) if (e.file === entry.file && k !== key) entries.delete(k);
      entries.set(key, entry);
      checked.add(key);
      changed = true;
    },
    async save() {
      if (!changed) return;
      const temp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(cacheDir, { recursive: true, mode: 0o700 });
        const body: CacheFile = { format: TALLY_CACHE_FORMAT, entries: Object.fromEntries(entries) };
        const handle = await open(temp, 'w', 0o600);
        try {
          await handle.writeFile(JSON.stringify(body));
        } finally {
          await handle.close();
        }
        await rename(temp, file);
        changed = false;
      } catch {
        await rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
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
function isEntry(e: unknown): e is TallyCacheEntry {
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
  if (!Array.isArray(p.time) || p.time.length !== n || !p.time.every((t) => Number.isFinite(t))) return false;
  if (!isCountList(p.mark, n) || !p.mark.every((m) => m < (p.marks as unknown[]).length)) return false;
  if (!isCountList(p.category, n) || !p.category.every((c) => c < (p.categories as unknown[]).length)) return false;
  if (!isCountList(p.arrests, n) || !isCountList(p.custody, n) || !isCountList(p.gamesImpact, n)) return false;
  return p.gamesImpact.every((g) => g === 0 || g === 1);
}
