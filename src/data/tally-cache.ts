// A cache of record files as counting rows, so that a briefing does not parse and validate
// again, every run, the tens of thousands of records of earlier days that it only counts.
// This module says what an entry is, what it is keyed by and how one read back is checked; the
// private folder that keeps entries on disk is src/output/tally-cache-file.ts.
//
// An entry is keyed by the hash of the file's bytes, of event.yaml's bytes (and of the area list
// it names), of the code that reads records (this module's folder and the calendar code beside
// it) and of the cache format: a changed file, a changed event.yaml (categories, venues, time
// zone, areas) or another version of cci is a miss, and a miss is parsed and validated in full
// like any file. Only files read without any problem are cached.
//
// What an entry holds is only what a briefing needs from a file whose records it does not show,
// never an id, nor any text but the key messages of a day.yaml that holds no RED one:
// - incidents: per incident its time, category, markings, arrests, custody and Games impact
//   (tally.ts). RED incidents count for no audience, so no row of theirs is stored at all;
// - deployments: each row's date, force, area code, count and markings (the forces figures and
//   their fallback to an earlier day), RED rows left out likewise;
// - assessments and agenda items: nothing but the time span of the records (a file whose span
//   meets a window, the late reports' range or the outlook is read in full);
// - day.yaml: the day's threat level (a level of event.yaml's scale) and its key messages (shown
//   on their own day only), unless one of them is RED: that day.yaml is then read in full on its
//   own day, and its entry holds the threat level alone.
// Besides: the file's name, the time span of its incidents (a file whose span meets the window is
// read in full, RED ones included, so that held-back RED records are counted), and for each id a
// keyed hash (SHA-256 over the cache's secret key and the id, 128 bits kept) with the line and
// column of its id field, so that ids stay unique across cached and read files without any id
// being stored.

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeyMessage, Markings } from '../model/types.js';
import { FORCES, TLP_ORDER } from '../model/types.js';
import type { FileIdentity } from './read-data-file.js';
import type { TallyPart } from './tally.js';

/** Changes whenever what an entry holds, or how files are read, changes meaning. */
export const TALLY_CACHE_FORMAT = 'cci-tally-4';

/** Words (32 bits) of one keyed id hash: 128 bits. */
export const ID_WORDS = 4;

/** The ids of a file's records as keyed hashes, with the line and column of each id field. */
export interface CachedIds {
  /** ID_WORDS words per id (TallyCache.idHash), in reading order. */
  ids: Uint32Array;
  lines: Uint32Array;
  columns: Uint32Array;
  /** The workbook sheet the ids are on, for an .xlsx file (lines are its rows). */
  sheet?: string;
}

/** An incident file: its counting rows and the span of all its incidents. */
export interface IncidentsEntry extends CachedIds {
  kind: 'incidents';
  /** The file it was made from, relative to the data folder (entries of other contents are dropped). */
  file: string;
  /** Earliest and latest incident instant (epoch ms), a RED one as the whole day of its instant (event zone); an empty file has min > max. */
  min: number;
  max: number;
  /** The counting rows, RED incidents left out. */
  part: TallyPart;
}

/** An assessment or agenda file: the span of its records' times (assessments) or starts (agenda). */
export interface SpanEntry extends CachedIds {
  kind: 'assessments' | 'agenda';
  file: string;
  /** Epoch ms, a RED record as the whole day of its instant (event zone); an empty file has min > max. */
  min: number;
  max: number;
}

/** A deployment file's rows, RED ones left out, in reading order. */
export interface DeploymentRows {
  marks: Markings[];
  /** Dates, forces and area codes, each once; rows point at them. */
  strings: string[];
  date: Uint32Array;
  force: Uint32Array;
  /** -1: no area. */
  area: Int32Array;
  count: Float64Array;
  mark: Uint32Array;
  line: Uint32Array;
}

export interface DeploymentsEntry {
  kind: 'deployments';
  file: string;
  rows: DeploymentRows;
}

/** A day.yaml: its threat level, and its key messages when none of them is RED. */
export interface DayEntry {
  kind: 'day';
  file: string;
  threatLevel?: string;
  /**
   * The key messages, as read (shown on their own day only): absent when one of them is RED,
   * and that day.yaml is then read in full on its own day.
   */
  keyMessages?: KeyMessage[];
}

export type TallyCacheEntry = IncidentsEntry | SpanEntry | DeploymentsEntry | DayEntry;

export interface TallyCache {
  /** false for a cache that keeps nothing (--no-cache): no key is worth computing. */
  readonly stores: boolean;
  get(key: string): TallyCacheEntry | undefined;
  set(key: string, entry: TallyCacheEntry): void;
  /**
   * The keyed hash under which an id is stored (only when `stores`): ID_WORDS words written
   * into `into` at `at`.
   */
  idHash(id: string, into: Uint32Array, at: number): void;
  /**
   * The content digest (contentDigest) recorded for a data file (relative to the data folder)
   * whose identity is the one given, when that record can be trusted (tally-cache-file.ts):
   * the file is then known unchanged without being read. `identity` (a stat) is taken only
   * for a file the cache has a record of: a first run stats nothing twice.
   */
  knownDigest(file: string, identity: () => FileIdentity | undefined): string | undefined;
  /** Records the content digest of a data file read with this identity (taken before reading). */
  noteDigest(file: string, identity: FileIdentity, digest: string): void;
  /** The sorted id prefixes noted for this set of cached files (known-ids.ts), if they are the last noted. */
  knownIds(key: string): BigUint64Array | undefined;
  /** Notes the id prefixes of a set of cached files (known-ids.ts), in place of the previous set. */
  noteKnownIds(key: string, prefixes: BigUint64Array): void;
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
  idHash: () => undefined,
  knownDigest: () => undefined,
  noteDigest: () => undefined,
  knownIds: () => undefined,
  noteKnownIds: () => undefined,
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

/** The SHA-256 of a file's bytes, hex. */
export function contentDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The key of one record file: its content digest and the reading context (readingDigest). */
export function tallyKey(digest: string, readingDigest: string): string {
  return createHash('sha256').update(readingDigest).update('\0').update(digest).digest('hex');
}

/**
 * Where a file's entry is kept: its tally key and its name in the data folder, so that two files
 * of the same bytes (two days' identical day.yaml) have an entry each.
 */
export function entryKey(key: string, file: string): string {
  return createHash('sha256').update(key).update('\0').update(file).digest('hex');
}

/** The code that turns files into records: the data layer (with the area lists it ships), the calendar and the model types. */
const READING_CODE = ['data', 'data/area-lists', 'window', 'model'];
let codeDigest: Promise<string> | undefined;

function readingCodeDigest(): Promise<string> {
  codeDigest ??= (async () => {
    const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
    const hash = createHash('sha256');
    for (const dir of READING_CODE) {
      const names = (await readdir(path.join(root, dir)).catch(() => [] as string[]))
        .filter((n) => /\.([cm]?[jt]s|json)$/.test(n))
        .sort();
      const files = await Promise.all(names.map((name) => readFile(path.join(root, dir, name))));
      names.forEach((name, i) => hash.update(name).update('\0').update(files[i]!).update('\0'));
    }
    return hash.digest('hex');
  })();
  return codeDigest;
}

/** What reading a record file depends on besides its bytes: event.yaml, cci's reading code, the cache format. */
export async function readingDigest(eventBytes: Uint8Array): Promise<string> {
  return createHash('sha256')
    .update(TALLY_CACHE_FORMAT)
    .update('\0')
    .update(await readingCodeDigest())
    .update('\0')
    .update(eventBytes)
    .digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Checking an entry read back: a damaged or tampered one is a miss, never counted.

const TLPS = new Set<string>(TLP_ORDER);
const FORCE_NAMES = new Set<string>(FORCES);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** Whole numbers of a count: a Uint32Array, or a Float64Array of safe non-negative integers. */
function isWholeArray(x: unknown, n: number): x is Uint32Array | Float64Array {
  if (x instanceof Uint32Array) return x.length === n;
  if (!(x instanceof Float64Array) || x.length !== n) return false;
  for (let i = 0; i < n; i++) if (!Number.isSafeInteger(x[i]) || x[i]! < 0) return false;
  return true;
}

function isIndexArray(x: unknown, n: number, below: number): x is Uint32Array {
  if (!(x instanceof Uint32Array) || x.length !== n) return false;
  for (let i = 0; i < n; i++) if (x[i]! >= below) return false;
  return true;
}

function isMarkings(m: unknown): m is Markings {
  if (!isRecord(m)) return false;
  const isCodes = (x: unknown) => Array.isArray(x) && x.every((c) => typeof c === 'string');
  return (
    typeof m.tlp === 'string' &&
    TLPS.has(m.tlp) &&
    m.tlp !== 'RED' &&
    (m.status === 'validated' || m.status === 'draft') &&
    typeof m.specialFrance === 'boolean' &&
    isCodes(m.releasableTo) &&
    isCodes(m.exclude)
  );
}

function isCachedIds(r: Record<string, unknown>): boolean {
  if (!(r.ids instanceof Uint32Array) || r.ids.length % ID_WORDS !== 0) return false;
  const n = r.ids.length / ID_WORDS;
  if (!(r.lines instanceof Uint32Array) || r.lines.length !== n) return false;
  if (!(r.columns instanceof Uint32Array) || r.columns.length !== n) return false;
  return r.sheet === undefined || typeof r.sheet === 'string';
}

function isSpan(r: Record<string, unknown>): boolean {
  return typeof r.min === 'number' && typeof r.max === 'number' && !Number.isNaN(r.min) && !Number.isNaN(r.max);
}

function isPart(p: unknown): p is TallyPart {
  if (!isRecord(p)) return false;
  if (!Array.isArray(p.marks) || !p.marks.every(isMarkings)) return false;
  if (!Array.isArray(p.categories) || !p.categories.every((c) => typeof c === 'string')) return false;
  const time = p.time;
  if (!(time instanceof Float64Array)) return false;
  const n = time.length;
  // finite, in time order: the sums search the rows by time
  for (let i = 0; i < n; i++) if (!Number.isFinite(time[i]) || (i > 0 && time[i]! < time[i - 1]!)) return false;
  if (!isIndexArray(p.mark, n, p.marks.length) || !isIndexArray(p.category, n, p.categories.length)) return false;
  if (!isWholeArray(p.arrests, n) || !isWholeArray(p.custody, n)) return false;
  if (!(p.gamesImpact instanceof Uint8Array) || p.gamesImpact.length !== n) return false;
  for (let i = 0; i < n; i++) if (p.gamesImpact[i]! > 1) return false;
  return true;
}

function isDeploymentRows(d: unknown): d is DeploymentRows {
  if (!isRecord(d)) return false;
  if (!Array.isArray(d.marks) || !d.marks.every(isMarkings)) return false;
  if (!Array.isArray(d.strings) || !d.strings.every((s) => typeof s === 'string')) return false;
  const strings = d.strings as string[];
  if (!(d.date instanceof Uint32Array)) return false;
  const n = d.date.length;
  if (!isIndexArray(d.date, n, strings.length) || !isIndexArray(d.force, n, strings.length)) return false;
  // each string checked once, each row by index
  const isDate = Uint8Array.from(strings, (s) => (DATE_RE.test(s) ? 1 : 0));
  const isForce = Uint8Array.from(strings, (s) => (FORCE_NAMES.has(s) ? 1 : 0));
  for (let i = 0; i < n; i++) if (isDate[d.date[i]!] === 0 || isForce[d.force[i]!] === 0) return false;
  if (!(d.area instanceof Int32Array) || d.area.length !== n) return false;
  for (let i = 0; i < n; i++) if (d.area[i]! < -1 || d.area[i]! >= strings.length) return false;
  if (!isWholeArray(d.count, n) || !(d.count instanceof Float64Array)) return false;
  if (!isIndexArray(d.mark, n, d.marks.length)) return false;
  return d.line instanceof Uint32Array && d.line.length === n;
}

function isKeyMessage(m: unknown): m is KeyMessage {
  if (!isRecord(m) || m.kind !== 'key_message' || typeof m.division !== 'string' || !isMarkings(m)) return false;
  const text = m.text;
  const source = m.source;
  return (
    isRecord(text) &&
    (text.fr === undefined || typeof text.fr === 'string') &&
    (text.en === undefined || typeof text.en === 'string') &&
    isRecord(source) &&
    typeof source.file === 'string' &&
    Number.isSafeInteger(source.line) &&
    source.sheet === undefined
  );
}

/** An entry read back from disk is checked before it is trusted: a damaged one is a miss. */
export function isTallyCacheEntry(e: unknown): e is TallyCacheEntry {
  if (!isRecord(e) || typeof e.file !== 'string') return false;
  switch (e.kind) {
    case 'incidents':
      return isSpan(e) && isCachedIds(e) && isPart(e.part);
    case 'assessments':
    case 'agenda':
      return isSpan(e) && isCachedIds(e);
    case 'deployments':
      return isDeploymentRows(e.rows);
    case 'day':
      return (
        (e.threatLevel === undefined || typeof e.threatLevel === 'string') &&
        (e.keyMessages === undefined || (Array.isArray(e.keyMessages) && e.keyMessages.every(isKeyMessage)))
      );
    default:
      return false;
  }
}
