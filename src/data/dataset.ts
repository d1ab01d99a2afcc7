// Loading a data folder: event.yaml plus the day folders asked for, every record validated,
// ids checked unique across everything read, and every problem collected before failing.

import path from 'node:path';
import { DataError, errorsOf, formatPlace } from '../errors.js';
import type { Problem } from '../errors.js';
import type {
  AgendaItem,
  Assessment,
  Dataset,
  DayInfo,
  Deployment,
  EventConfig,
  Incident,
  SourceRef,
} from '../model/types.js';
import { makeReadContext } from './context.js';
import type { ReadContext } from './context.js';
import { parseCsv } from './csv.js';
import type { CsvHeaderCell } from './csv.js';
import { parseDayText } from './day.js';
import { decodeData } from './decode.js';
import { EVENT_FILE, readEvent, type EventRead } from './event.js';
import { addDays, dateInZone } from '../window/calendar.js';
import { zonedInstant } from '../window/window.js';
import { mergeTallyParts, tallyPartOf, type TallyPart } from './tally.js';
import {
  contentDigest,
  entryKey,
  ID_WORDS,
  readingDigest,
  tallyKey,
  type CachedIds,
  type DeploymentRows,
  type TallyCache,
  type TallyCacheEntry,
} from './tally-cache.js';
import { IdIndex, type IdSource } from './id-index.js';
import { knownIdsKey, knownIdsOf, mayBeKnown } from './known-ids.js';
import { listDayFolder, scanDataFolder, unreadDayProblems } from './folder.js';
import { dataFileIdentitySync, dataRoot, readDataFile, readDataFileSync } from './read-data-file.js';
import type { FileIdentity } from './read-data-file.js';
import type { DayFile, FolderScan } from './folder.js';
import type { RawRecord } from './raw.js';
import { hiddenValuesOf, RecordReader, unknownFieldMessage } from './reader.js';
import { schemasFor } from './records.js';
import type { RecordKind, RecordSchema } from './records.js';
import { hiddenNote, Reporter } from './values.js';
import type { HiddenValues } from './values.js';
import { yamlRecords } from './yaml.js';
import { sniffFile } from './sniff.js';
import type { WorkbookRead } from './xlsx.js';
import { workbookRecords } from './xlsx-records.js';
import { t } from '../i18n/messages.js';
import { quote } from './excerpt.js';
import { farFromFolderWarnings, sortByPlace } from './far-dates.js';
import { errorText } from '../text/one-line.js';

/** Where an id was first read in full: its field's place, and whether its record may be RED. */
type IdRef = SourceRef & { column: number; hidden?: true };

/** Records of every kind plus the problems met, for one or more files. */
export interface Collected {
  /** Records timed far from their folder, in the files read (not taken from the cache) by this run (far-dates.ts). */
  farWarnings?: Problem[];
  incidents: Incident[];
  deployments: Deployment[];
  assessments: Assessment[];
  agenda: AgendaItem[];
  days: Map<string, DayInfo>;
  problems: Problem[];
  /**
   * id → where it was first seen (incidents, assessments and agenda share one space), and
   * whether that record may be RED (then a second use does not quote the id); unused with hashedIds.
   */
  ids: Map<string, IdRef>;
  /**
   * With a tally cache: every id seen, as its keyed hash, in one index with where it was first
   * seen (id-index.ts); cached files hold only the hashes. `hash` is room for one.
   */
  hashedIds?: { cache: TallyCache; index: IdIndex; hash: Uint32Array; known?: KnownIdsUse; cachedTaken: number };
  /** When set, the keyed hash and position of every id field read, in reading order (for the tally cache). */
  idLog?: IdLog;
}

/**
 * The ids of the files counted from the cache, known unique among themselves (known-ids.ts):
 * their ids are not added to the index; an id read that may be one of them, or a cached file
 * taken that is not of the set, sets `clash` and the folder is read again without the set.
 */
interface KnownIdsUse {
  prefixes: BigUint64Array;
  covered: WeakSet<TallyCacheEntry>;
  clash: boolean;
}

/** The ids of a file read in full, as its cache entry will hold them. */
interface IdLog {
  words: number[];
  lines: number[];
  columns: number[];
  sheets: Set<string | undefined>;
}

export function emptyCollected(): Collected {
  return { incidents: [], deployments: [], assessments: [], agenda: [], days: new Map(), problems: [], ids: new Map() };
}

/** Checks a CSV header against a record type: unknown columns, missing required columns. */
export function checkCsvHeader(
  schema: RecordSchema<unknown>,
  header: CsvHeaderCell[],
  headerLine: number,
  rep: Reporter,
): Set<string> {
  const quiet = new Set<string>();
  const names = new Set(header.map((h) => h.name).filter((n) => n !== ''));
  if (names.size === 0) return quiet;
  for (const h of header) {
    if (h.name !== '' && !schema.fields.has(h.name)) {
      rep.at({ line: headerLine, column: h.column }, unknownFieldMessage(h.name, schema.fields, 'column'));
    }
  }
  const present = [...names].filter((n) => schema.fields.has(n)).join(', ');
  for (const req of schema.required) {
    if (!names.has(req)) {
      quiet.add(req);
      rep.at(
        { line: headerLine, column: 1 },
        t('data.csv.missingColumn', { column: req, found: present || t('data.csv.noneKnown') }),
      );
    }
  }
  for (const group of schema.anyOf) {
    if (!group.some((g) => names.has(g))) {
      quiet.add(group.join('|'));
      rep.at({ line: headerLine, column: 1 }, t('data.csv.missingColumns', { columns: group.join(', ') }));
    }
  }
  return quiet;
}

/** Whether a header names the tlp column twice (only the first is read: a record's TLP is then unsure). */
function tlpColumnTwice(header: readonly CsvHeaderCell[]): boolean {
  let n = 0;
  for (const h of header) if (h.name === 'tlp') n++;
  return n > 1;
}

/** The ids of a file (or sheet) read in full, as the folder's index sees them. */
interface ReadIds extends IdSource {
  no: number;
  lines: number[];
  columns: number[];
  ids: (string | undefined)[];
  hidden: boolean[];
}

/** An id checked against every id read before, by its text (no tally cache). */
function takePlainId(
  id: string,
  line: number,
  column: number,
  hidden: HiddenValues | undefined,
  file: string,
  sheet: string | undefined,
  seen: Collected['ids'],
  rep: Reporter,
): void {
  const prev = seen.get(id);
  if (prev) {
    // the id is not quoted when either use may be RED (it is the RED record's id too)
    const quotable = hidden === undefined && prev.hidden !== true;
    rep.at(
      { line, column },
      quotable
        ? t('data.duplicateId', { id: quote(id), where: formatPlace(prev) })
        : t('data.duplicateIdHidden', { where: formatPlace(prev) }),
    );
    return;
  }
  const ref: IdRef = sheet === undefined ? { file, line, column } : { file, line, column, sheet };
  if (hidden !== undefined) ref.hidden = true;
  seen.set(id, ref);
}

/** An id checked against every id of the folder by its keyed hash (with a tally cache), and logged for the file's entry. */
function takeHashedId(
  id: string,
  line: number,
  column: number,
  hidden: HiddenValues | undefined,
  hashed: NonNullable<Collected['hashedIds']>,
  log: IdLog | undefined,
  source: ReadIds,
  rep: Reporter,
): void {
  const h = hashed.hash;
  hashed.cache.idHash(id, h, 0);
  if (log) {
    log.words.push(h[0]!, h[1]!, h[2]!, h[3]!);
    log.lines.push(line);
    log.columns.push(column);
    log.sheets.add(rep.sheet);
  }
  const position = source.lines.length;
  source.lines.push(line);
  source.columns.push(column);
  source.ids.push(hidden === undefined ? id : undefined);
  source.hidden.push(hidden !== undefined);
  const prev = hashed.index.add(h, 0, source.no, position);
  if (prev < 0) {
    if (hashed.known && mayBeKnown(hashed.known.prefixes, h, 0)) hashed.known.clash = true;
    return;
  }
  // not quoted when either use may be RED, nor against a cached file's (whose records may be RED:
  // the cache keeps their ids hashed)
  const where = formatPlace(hashed.index.placeOf(prev));
  const quotable = hidden === undefined && hashed.index.quotableId(prev) !== undefined;
  rep.at(
    { line, column },
    quotable ? t('data.duplicateId', { id: quote(id), where }) : t('data.duplicateIdHidden', { where }),
  );
}

/** Validates raw records of one kind into `out`, ids checked against everything read so far. */
function recordTaker(file: string, kind: RecordKind, ctx: ReadContext, out: Collected, rep: Reporter) {
  const schema = schemasFor(ctx.event.areas.field)[kind] as RecordSchema<
    Incident | Deployment | Assessment | AgendaItem
  >;
  const hasIds = schema.fields.has('id');
  const sheet = rep.sheet;
  const state: { quiet: Set<string> | undefined; tlpTwice: boolean } = { quiet: undefined, tlpTwice: false };
  // this file's (or sheet's) ids in the folder's index, made at its first id
  let source: ReadIds | undefined;
  const ids = (index: IdIndex): ReadIds => {
    if (!source) {
      const s: ReadIds = { file, lines: [], columns: [], ids: [], hidden: [], no: 0 };
      if (sheet !== undefined) s.sheet = sheet;
      s.no = index.addSource(s);
      source = s;
    }
    return source;
  };
  const take = (rec: RawRecord): void => {
    // a record that is, or may be, RED: its problems quote none of its values (nor its id)
    const hidden = hiddenValuesOf(rec, ctx.event.defaultTlp, state.tlpTwice);
    rep.hidden = hidden;
    if (hasIds) {
      const f = rec.fields.get('id');
      if (f !== undefined && f.kind === 'text') {
        const hashed = out.hashedIds;
        if (hashed) takeHashedId(f.text, f.line, f.column, hidden, hashed, out.idLog, ids(hashed.index), rep);
        else takePlainId(f.text, f.line, f.column, hidden, file, sheet, out.ids, rep);
      }
    }
    const rd = new RecordReader(rec, schema.fields, rep, state.quiet);
    const value = schema.read(rd, ctx);
    rep.hidden = undefined;
    if (value === undefined) return;
    switch (value.kind) {
      case 'incident':
        out.incidents.push(value);
        break;
      case 'deployment':
        out.deployments.push(value);
        break;
      case 'assessment':
        out.assessments.push(value);
        break;
      case 'agenda':
        out.agenda.push(value);
        break;
    }
  };
  return { schema, take, state };
}

/** Parses and validates one record file's text into `out`. */
export function readRecordText(
  source: string,
  file: string,
  format: 'csv' | 'yaml',
  kind: RecordKind,
  ctx: ReadContext,
  out: Collected,
): void {
  const rep = new Reporter(file, out.problems);
  const firstProblem = out.problems.length;
  const { schema, take, state } = recordTaker(file, kind, ctx, out, rep);
  if (format === 'csv') {
    // records are validated as they are read; the header is checked before the first one
    const csv = parseCsv(
      source,
      file,
      take,
      (header, line) => {
        state.quiet = checkCsvHeader(schema, header, line, rep);
        state.tlpTwice = tlpColumnTwice(header);
      },
      (fields) => hiddenValuesOf({ fields }, ctx.event.defaultTlp, state.tlpTwice),
    );
    for (const p of csv.problems) out.problems.push(p);
  } else {
    const y = yamlRecords(source, file);
    for (const p of y.problems) out.problems.push(p);
    for (const rec of y.records) take(rec);
  }
  // this file's problems in reading order
  const mine = out.problems
    .splice(firstProblem)
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  for (const p of mine) out.problems.push(p);
}

/**
 * Validates the records of a workbook read by readWorkbook into `out`: its sheets named after
 * a record kind, or its first sheet as `kind` (xlsx-records.ts), each header checked as a CSV
 * header. Problems are in sheet order, then row and column.
 */
export function readWorkbookRecords(
  book: WorkbookRead,
  file: string,
  kind: RecordKind,
  ctx: ReadContext,
  out: Collected,
): void {
  const firstProblem = out.problems.length;
  const chosen = workbookRecords(book, file, kind, ctx.event.areas.field);
  // The cells of a record that is, or may be, RED: their problems (a formula, an error value, an
  // unnamed column's value) quote nothing of them.
  const hiddenRows = new Map<string, HiddenValues>();
  for (const part of chosen.parts) {
    const tlpTwice = tlpColumnTwice(part.header);
    for (const rec of part.records) {
      const hidden = hiddenValuesOf(rec, ctx.event.defaultTlp, tlpTwice);
      if (hidden !== undefined) hiddenRows.set(`${part.sheet}\0${rec.line}`, hidden);
    }
  }
  const hiddenAt = (p: Problem) =>
    p.sheet !== undefined && p.line !== undefined ? hiddenRows.get(`${p.sheet}\0${p.line}`) : undefined;
  for (const p of book.problems) {
    const hidden = hiddenAt(p);
    out.problems.push(
      hidden === undefined ? p : { ...p, message: t('data.xlsx.cellHidden', { hidden: hiddenNote(hidden) }) },
    );
  }
  for (const { cellValue, ...p } of chosen.problems) {
    if (cellValue === undefined) {
      out.problems.push(p);
      continue;
    }
    const hidden = hiddenAt(p);
    out.problems.push({
      ...p,
      message: t('data.xlsx.unnamedColumn', { value: hidden === undefined ? quote(cellValue) : hiddenNote(hidden) }),
    });
  }
  for (const part of chosen.parts) {
    const rep = new Reporter(file, out.problems, part.sheet);
    const { schema, take, state } = recordTaker(file, part.kind, ctx, out, rep);
    if (part.header.length > 0) {
      state.quiet = checkCsvHeader(schema, part.header, part.headerLine, rep);
      state.tlpTwice = tlpColumnTwice(part.header);
    }
    for (const rec of part.records) take(rec);
  }
  const order = new Map(book.sheets.map((s, i) => [s.name, i]));
  const mine = out.problems
    .splice(firstProblem)
    .sort(
      (a, b) =>
        (a.sheet === undefined ? -1 : (order.get(a.sheet) ?? 0)) -
          (b.sheet === undefined ? -1 : (order.get(b.sheet) ?? 0)) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0),
    );
  for (const p of mine) out.problems.push(p);
}

/** Record files counted from the tally cache unless their records may be shown. */
export interface TallyOptions {
  cache: TallyCache;
  /**
   * Incidents and assessments of these days (inclusive, in the event's zone) are kept as full
   * records, agenda items starting on them or the day after (the outlook), and their day.yaml.
   */
  fullDays: { from: string; to: string };
  /**
   * The late reports' range (src/aggregate/late-reports.ts): incidents of these days are kept as
   * full records too, except those of files `settled` says need not be (by their tally key:
   * unchanged since an issued briefing compared them); assessments of these days always.
   */
  late?: { fromDay: string; settled: (key: string) => boolean };
}

interface TallyRun {
  cache: TallyCache;
  /** The event's time zone: a RED record's day in a cache entry's span (spanOf). */
  timezone: string;
  /** Incidents and assessments at start ≤ time < end are kept as full records. */
  range: { start: Date; end: Date };
  /** Agenda items starting at start ≤ time < end are kept as full records (range and the outlook). */
  agendaRange: { start: Date; end: Date };
  /** Day folders whose day.yaml is read in full (key messages). */
  fullDays: { from: string; to: string };
  /** event.yaml, the reading code and the cache format (tally-cache.ts). */
  readingDigest: string;
  parts: TallyPart[];
  /** The late reports' range and which files it need not read in full. */
  late?: { range: { start: Date; end: Date }; settled: (key: string) => boolean };
  /** The tally key of every incident file counted (when the cache stores). */
  keys: string[];
  /**
   * The files counted from the cache unread (unchangedHit), their entries holding ids, and the
   * key of their set (known-ids.ts); `exactIds` when the set must not be used (a clash was found).
   */
  unread?: { key: string; withIds: (TallyCacheEntry & CachedIds)[] };
  exactIds?: boolean;
}

/** Whether a file's incidents must be kept as full records for the late reports. */
function lateNeeds(entry: { min: number; max: number }, key: string, tally: TallyRun): boolean {
  return tally.late !== undefined && meets(entry, tally.late.range) && !(key !== '' && tally.late.settled(key));
}

function meets(entry: { min: number; max: number }, range: { start: Date; end: Date }): boolean {
  return entry.min <= entry.max && entry.max >= range.start.getTime() && entry.min < range.end.getTime();
}

/**
 * Whether the records of a file of this kind with this entry must be read in full: an incident
 * or assessment file meeting the window's days or the late reports' range, an agenda file
 * meeting them or the outlook, a day.yaml of the window's days. A deployment file never needs
 * to: its entry holds every row a briefing can count (the RED ones are never counted).
 */
function needsFullRead(entry: TallyCacheEntry, key: string, f: DayFile, tally: TallyRun): boolean {
  switch (entry.kind) {
    case 'incidents':
      return meets(entry, tally.range) || lateNeeds(entry, key, tally);
    case 'assessments':
      return meets(entry, tally.range) || (tally.late !== undefined && meets(entry, tally.late.range));
    case 'agenda':
      return meets(entry, tally.agendaRange);
    case 'deployments':
      return false;
    case 'day':
      return isFullDay(f, tally) && entry.keyMessages === undefined;
  }
}

/** Whether a day.yaml is of the window's days, whose key messages are shown. */
function isFullDay(f: DayFile, tally: TallyRun): boolean {
  return f.date >= tally.fullDays.from && f.date <= tally.fullDays.to;
}

/**
 * The ids of a cached file join the folder's (by their keyed hashes), duplicates reported where
 * they are, naming where the other use is (never the id: the cached record may be RED).
 */
function takeCachedIds(entry: TallyCacheEntry & CachedIds, file: string, out: Collected): void {
  const hashed = out.hashedIds!;
  if (hashed.known) {
    if (!hashed.known.covered.has(entry)) hashed.known.clash = true;
    return;
  }
  hashed.cachedTaken++;
  const source: IdSource =
    entry.sheet === undefined
      ? { file, lines: entry.lines, columns: entry.columns }
      : { file, sheet: entry.sheet, lines: entry.lines, columns: entry.columns };
  const no = hashed.index.addSource(source);
  const n = entry.lines.length;
  for (let i = 0; i < n; i++) {
    const prev = hashed.index.add(entry.ids, i * ID_WORDS, no, i);
    if (prev < 0) continue;
    const message = t('data.duplicateIdHidden', { where: formatPlace(hashed.index.placeOf(prev)) });
    const p: Problem = { file, line: entry.lines[i]!, column: entry.columns[i]!, message };
    if (entry.sheet !== undefined) p.sheet = entry.sheet;
    out.problems.push(p);
  }
}

/** A cached file's records as the run uses them (its ids are taken by takeCachedIds). */
function takeCached(entry: TallyCacheEntry, f: DayFile, out: Collected, tally: TallyRun): void {
  switch (entry.kind) {
    case 'incidents':
      takeCachedIds(entry, f.rel, out);
      tally.parts.push(entry.part);
      return;
    case 'assessments':
    case 'agenda':
      takeCachedIds(entry, f.rel, out);
      return;
    case 'deployments':
      for (const d of deploymentsOf(entry.rows, f.rel)) out.deployments.push(d);
      return;
    case 'day':
      out.days.set(
        f.date,
        isFullDay(f, tally) && entry.keyMessages
          ? { ...dayOf(f, entry.threatLevel), keyMessages: entry.keyMessages }
          : dayOf(f, entry.threatLevel),
      );
  }
}

/** A day.yaml as a day outside the window's days uses it: its threat level, no key messages. */
function dayOf(f: DayFile, threatLevel: string | undefined): DayInfo {
  const day: DayInfo = { date: f.date, keyMessages: [], source: { file: f.rel, line: 1 } };
  if (threatLevel !== undefined) day.threatLevel = threatLevel;
  return day;
}

/** Deployment records from a cache entry's rows (as records.ts makes them). */
function deploymentsOf(rows: DeploymentRows, file: string): Deployment[] {
  const out: Deployment[] = [];
  for (let i = 0; i < rows.date.length; i++) {
    const m = rows.marks[rows.mark[i]!]!;
    const d: Deployment = {
      kind: 'deployment',
      date: rows.strings[rows.date[i]!]!,
      force: rows.strings[rows.force[i]!] as Deployment['force'],
      count: rows.count[i]!,
      tlp: m.tlp,
      releasableTo: m.releasableTo,
      exclude: m.exclude,
      specialFrance: m.specialFrance,
      status: m.status,
      source: { file, line: rows.line[i]! },
    };
    const area = rows.area[i]!;
    if (area >= 0) d.area = rows.strings[area]!;
    out.push(d);
  }
  return out;
}

/** The rows of deployment records for a cache entry, RED ones left out. */
function deploymentRowsOf(records: readonly Deployment[]): DeploymentRows {
  const kept = records.filter((r) => r.tlp !== 'RED');
  const n = kept.length;
  const rows: DeploymentRows = {
    marks: [],
    strings: [],
    date: new Uint32Array(n),
    force: new Uint32Array(n),
    area: new Int32Array(n),
    count: new Float64Array(n),
    mark: new Uint32Array(n),
    line: new Uint32Array(n),
  };
  const strings = new Map<string, number>();
  const str = (v: string): number => {
    let i = strings.get(v);
    if (i === undefined) {
      i = rows.strings.length;
      strings.set(v, i);
      rows.strings.push(v);
    }
    return i;
  };
  const marks = new Map<string, number>();
  kept.forEach((r, i) => {
    const key = `${r.tlp}|${r.status}|${r.specialFrance ? 1 : 0}|${r.releasableTo.join(',')}|${r.exclude.join(',')}`;
    let m = marks.get(key);
    if (m === undefined) {
      m = rows.marks.length;
      marks.set(key, m);
      rows.marks.push({
        tlp: r.tlp,
        releasableTo: [...r.releasableTo],
        exclude: [...r.exclude],
        specialFrance: r.specialFrance,
        status: r.status,
      });
    }
    rows.date[i] = str(r.date);
    rows.force[i] = str(r.force);
    rows.area[i] = r.area === undefined ? -1 : str(r.area);
    rows.count[i] = r.count;
    rows.mark[i] = m;
    rows.line[i] = r.source.line;
  });
  return rows;
}

/**
 * The span (epoch ms) of some records' instants, for a cache entry; min > max when there is none.
 * A RED record counts as the whole day of its instant in the event's zone (`tz`): the span still
 * meets every window that meets the record (the file is then read in full), the cache keeps no
 * value of a RED record but the day its folder already tells, and, the windows' days being
 * the event's, a file whose RED record is of another day is not read in full for it.
 */
function spanOf<R extends { tlp: string }>(
  records: readonly R[],
  instant: (r: R) => Date,
  tz: string,
): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const r of records) {
    const at = instant(r);
    let low = at.getTime();
    let high = low;
    if (r.tlp === 'RED') {
      const day = dateInZone(at, tz);
      low = zonedInstant(day, '00:00', tz).getTime();
      high = zonedInstant(addDays(day, 1), '00:00', tz).getTime() - 1;
    }
    if (low < min) min = low;
    if (high > max) max = high;
  }
  return { min, max };
}

/**
 * The cache entry that counts this workbook of incidents without reading it, if there is one
 * (the same test as readTallied's: outside the window and not needed by the late reports).
 */
function usableHit(digest: string, f: DayFile, tally: TallyRun): TallyCacheEntry | undefined {
  const key = tally.cache.stores ? tallyKey(digest, tally.readingDigest) : '';
  const hit = key === '' ? undefined : tally.cache.get(entryKey(key, f.rel));
  return hit && hit.kind === f.kind && hit.file === f.rel && !needsFullRead(hit, key, f, tally) ? hit : undefined;
}

/**
 * The entry that counts a file without reading it at all: the file's identity (its stat) is
 * the one its bytes were hashed under (tally-cache-file.ts), and no window needs its records in
 * full. Undefined when it must be read.
 */
function unchangedHit(
  f: DayFile,
  root: string,
  tally: TallyRun,
): { key: string; slot: string; entry: TallyCacheEntry } | undefined {
  if (!tally.cache.stores || (f.kind !== 'incidents' && f.format === 'xlsx')) return undefined;
  const digest = tally.cache.knownDigest(f.rel, () => dataFileIdentitySync(f.abs, root));
  if (digest === undefined) return undefined;
  const key = tallyKey(digest, tally.readingDigest);
  const slot = entryKey(key, f.rel);
  const entry = tally.cache.get(slot);
  if (!entry || entry.kind !== f.kind || entry.file !== f.rel || needsFullRead(entry, key, f, tally)) return undefined;
  return { key, slot, entry };
}

/** The content digest of a file read (noted with its identity for the next runs), when the cache stores. */
function digestOf(
  read: { bytes: Uint8Array; identity?: FileIdentity },
  f: DayFile,
  tally: TallyRun | undefined,
): string {
  if (!tally?.cache.stores) return '';
  const digest = contentDigest(read.bytes);
  if (read.identity) tally.cache.noteDigest(f.rel, read.identity, digest);
  return digest;
}

/**
 * Reads a record file through the tally cache: from its entry when it has one and no window
 * needs its records in full; else in full (`read` puts its records into `out`), then cached when
 * it was read without any problem and holds records of its kind only (a workbook may hold
 * other kinds too), and its records dropped when no window needs them.
 */
function readTallied(
  read: () => void,
  digest: string,
  f: DayFile,
  out: Collected,
  tally: TallyRun,
  checkRead: (first: RecordCounts) => void,
): void {
  const key = tally.cache.stores ? tallyKey(digest, tally.readingDigest) : '';
  const kind = f.kind as TallyCacheEntry['kind'];
  if (key !== '' && kind === 'incidents') tally.keys.push(key);
  const slot = key === '' ? '' : entryKey(key, f.rel);
  const found = key === '' ? undefined : tally.cache.get(slot);
  const hit = found && found.kind === kind && found.file === f.rel ? found : undefined;
  if (hit && !needsFullRead(hit, key, f, tally)) {
    takeCached(hit, f, out, tally);
    return;
  }
  const first = countsOf(out);
  const firstProblem = out.problems.length;
  const hadDay = out.days.has(f.date);
  out.idLog = { words: [], lines: [], columns: [], sheets: new Set() };
  read();
  checkRead(first);
  const log = out.idLog;
  delete out.idLog;
  const clean = out.problems.length === firstProblem;
  const added = (k: keyof typeof first) => out[k].length - first[k];
  const others = (['incidents', 'deployments', 'assessments', 'agenda'] as const).some(
    (k) => k !== kind && added(k) > 0,
  );
  const incidents = kind === 'incidents' ? out.incidents.slice(first.incidents) : [];
  if (kind === 'incidents') {
    if (others || log.sheets.size > 1) {
      tally.parts.push(tallyPartOf(incidents));
      return; // counted, never cached: a cache hit would skip the other records
    }
    if (hit && clean) {
      tally.parts.push(hit.kind === 'incidents' ? hit.part : tallyPartOf(incidents)); // read in full for the window, counted from the cache as before
      return;
    }
  }
  const part = kind === 'incidents' ? tallyPartOf(incidents) : undefined;
  if (part) tally.parts.push(part);
  // the run fails, or the file cannot be cached (a second day file of the same day never is)
  if (!clean || others || log.sheets.size > 1 || (kind === 'day' && hadDay)) return;
  const ids: CachedIds = {
    ids: Uint32Array.from(log.words),
    lines: Uint32Array.from(log.lines),
    columns: Uint32Array.from(log.columns),
  };
  const sheet = [...log.sheets][0];
  if (sheet !== undefined) ids.sheet = sheet;
  let entry: TallyCacheEntry;
  switch (kind) {
    case 'incidents':
      // the span of every incident, RED ones included as their day (a window that meets them reads them in full)
      entry = { kind, file: f.rel, ...spanOf(incidents, (r) => r.time, tally.timezone), ...ids, part: part! };
      break;
    case 'assessments':
      entry = {
        kind,
        file: f.rel,
        ...spanOf(out.assessments.slice(first.assessments), (r) => r.time, tally.timezone),
        ...ids,
      };
      break;
    case 'agenda':
      entry = { kind, file: f.rel, ...spanOf(out.agenda.slice(first.agenda), (r) => r.start, tally.timezone), ...ids };
      break;
    case 'deployments':
      entry = { kind, file: f.rel, rows: deploymentRowsOf(out.deployments.slice(first.deployments)) };
      break;
    case 'day': {
      const day = out.days.get(f.date);
      entry = { kind, file: f.rel, ...(day?.threatLevel !== undefined && { threatLevel: day.threatLevel }) };
      // its key messages too, unless one is RED (that day.yaml is then read in full on its own days)
      if (day && day.keyMessages.every((m) => m.tlp !== 'RED')) entry.keyMessages = day.keyMessages;
      break;
    }
  }
  if (key !== '' && !hit) tally.cache.set(slot, entry);
  if (needsFullRead(entry, key, f, tally)) return;
  // counted, not shown (with a cache or without): the run goes on with what a later run takes
  // from the cache
  out.incidents.length = first.incidents;
  out.assessments.length = first.assessments;
  out.agenda.length = first.agenda;
  if (entry.kind === 'deployments') {
    out.deployments.length = first.deployments;
    for (const d of deploymentsOf(entry.rows, f.rel)) out.deployments.push(d);
  }
  if (entry.kind === 'day' && !isFullDay(f, tally)) out.days.set(f.date, dayOf(f, entry.threatLevel));
}

async function readDays(
  dataDir: string,
  dates: string[],
  event: EventConfig,
  out: Collected,
  tally?: TallyRun,
): Promise<void> {
  const ctx = makeReadContext(event);
  // the records a file gave, looked at before a counted file's are dropped (a date misread)
  const farCheck = (first: RecordCounts) => {
    const found = farFromFolderWarnings(
      {
        incidents: out.incidents.slice(first.incidents),
        assessments: out.assessments.slice(first.assessments),
        deployments: out.deployments.slice(first.deployments),
      },
      event,
    );
    if (found.length > 0) {
      const far = (out.farWarnings ??= []);
      for (const w of found) far.push(w);
    }
  };
  // Read every file at once; parse in a fixed order so messages and id checks are stable.
  const listings = await Promise.all(
    dates.map((d) => listDayFolder(dataDir, d).catch((e: unknown) => ({ error: e, date: d }))),
  );
  const files: DayFile[] = [];
  for (const l of listings) {
    if ('error' in l) {
      out.problems.push({ file: `${l.date}/`, message: t('data.dayFolderUnreadable', { reason: errorText(l.error) }) });
      continue;
    }
    for (const p of l.problems) out.problems.push(p);
    for (const f of l.files) files.push(f);
  }
  // workbooks are unzipped and parsed here (asynchronously), except incident workbooks the tally cache counts
  const root = await dataRoot(dataDir);
  // Files unchanged since a run hashed them, whose records no window shows, are not read at all.
  const unchanged = files.map((f) => (tally ? unchangedHit(f, root, tally) : undefined));
  if (tally?.cache.stores && out.hashedIds) {
    const hits = unchanged.filter((u) => u !== undefined);
    const withIds = hits.map((u) => u.entry).filter((e): e is TallyCacheEntry & CachedIds => 'ids' in e);
    tally.unread = { key: knownIdsKey(hits.map((u) => u.slot)), withIds };
    const prefixes = tally.exactIds ? undefined : tally.cache.knownIds(tally.unread.key);
    if (prefixes) out.hashedIds.known = { prefixes, covered: new WeakSet(withIds), clash: false };
  }
  // Read synchronously, one after the other: from the page cache that is half the time of
  // asynchronous reads (344 files, 40 MB of the bench data: docs/performance.md), and nothing
  // else runs meanwhile.
  const contents = await Promise.all(
    files.map(
      async (
        f,
        i,
      ): Promise<{ problem: string } | { bytes: Uint8Array; digest: string; book?: WorkbookRead } | null> => {
        if (unchanged[i]) return null;
        const r = readDataFileSync(f.abs, root);
        if ('problem' in r) return r;
        const b = r.bytes;
        const digest = digestOf(r, f, tally);
        if (f.format !== 'xlsx' || (tally && f.kind === 'incidents' && usableHit(digest, f, tally)))
          return { bytes: b, digest };
        // the workbook reader (sax, yauzl) loads only for a folder that has workbooks
        const { readWorkbook } = await import('./xlsx.js');
        return { bytes: b, digest, book: await readWorkbook(b, f.rel) };
      },
    ),
  );
  files.forEach((f, i) => {
    const u = unchanged[i];
    if (u && tally) {
      if (f.kind === 'incidents') tally.keys.push(u.key);
      takeCached(u.entry, f, out, tally);
      return;
    }
    const c = contents[i]!;
    if (c === null) return;
    contents[i] = null; // its bytes are garbage once read: a first run holds one file's, not the folder's
    if ('problem' in c) {
      out.problems.push({ file: f.rel, message: c.problem });
      return;
    }
    if (f.format !== 'xlsx' && (sniffFile(c.bytes) === 'zip' || sniffFile(c.bytes) === 'ole')) {
      out.problems.push({ file: f.rel, message: t('data.xlsx.workbookAsText', { format: f.format.toUpperCase() }) });
      return;
    }
    try {
      let read: () => void;
      if (f.format === 'xlsx') {
        const book = c.book;
        read = () => {
          if (book) readWorkbookRecords(book, f.rel, f.kind as RecordKind, ctx, out);
        };
      } else if (f.kind === 'day') {
        read = () => {
          const text = decodedOrProblem(c.bytes, f.rel, out);
          if (text === undefined) return;
          const r = parseDayText(text, f.rel, f.date, event);
          for (const p of r.problems) out.problems.push(p);
          if (r.day) out.days.set(f.date, r.day);
        };
      } else {
        const format = f.format as 'csv' | 'yaml';
        const kind = f.kind;
        read = () => {
          const text = decodedOrProblem(c.bytes, f.rel, out);
          if (text !== undefined) readRecordText(text, f.rel, format, kind, ctx, out);
        };
      }
      // workbooks of other records than incidents are always read in full
      if (tally && (f.kind === 'incidents' || f.format !== 'xlsx'))
        readTallied(read, c.digest, f, out, tally, farCheck);
      else {
        const first = countsOf(out);
        read();
        farCheck(first);
      }
    } catch (e) {
      out.problems.push({ file: f.rel, message: t('data.fileFailed', { reason: errorText(e) }) });
    }
  });
}

/** How many records of each kind `out` holds. */
type RecordCounts = Record<'incidents' | 'deployments' | 'assessments' | 'agenda', number>;
function countsOf(out: Collected): RecordCounts {
  return {
    incidents: out.incidents.length,
    deployments: out.deployments.length,
    assessments: out.assessments.length,
    agenda: out.agenda.length,
  };
}

/** A text file's text, or undefined after its encoding problem was added to `out` (decode.ts). */
function decodedOrProblem(bytes: Uint8Array, file: string, out: Collected): string | undefined {
  const d = decodeData(bytes);
  if ('text' in d) return d.text;
  out.problems.push(d.line === undefined ? { file, message: d.problem } : { file, line: d.line, message: d.problem });
  return undefined;
}

/**
 * What the tally cache's keys depend on besides each file: event.yaml as it is now (read like
 * any data file) and the digest of the area list it names.
 */
async function eventDigest(dataDir: string, areaListDigest: string | undefined): Promise<string> {
  const read = await readDataFile(path.join(dataDir, EVENT_FILE), await dataRoot(dataDir));
  if ('problem' in read) throw new DataError([{ file: EVENT_FILE, message: read.problem }]);
  return readingDigest(Buffer.concat([read.bytes, Buffer.from(`\0${areaListDigest ?? ''}`)]));
}

/**
 * Loads event.yaml and the day folders named in `dates` (every day folder when omitted);
 * dates with no folder are skipped (see `availableDates`). Throws DataError listing every
 * problem found in the files read.
 */
export async function loadDataset(
  dataDir: string,
  opts: {
    dates?: string[];
    tally?: TallyOptions;
    /** event.yaml as the caller already read it without problems (not read again). */
    event?: EventConfig;
    /** The data folder as the caller already scanned it. */
    scan?: FolderScan;
    /**
     * The day-named entries that cannot be read as day folders (scan.unreadDays) that stop this
     * load, as the caller chose them (unreadDayProblems); those up to two days after the latest
     * of `dates` when omitted.
     */
    unreadDays?: Problem[];
    /** Told each warning (a file or folder not read) when the data has no problem; with problems, they are in the DataError. */
    onWarning?: (warning: Problem) => void;
  } = {},
): Promise<Dataset> {
  const ev: EventRead = opts.event ? { event: opts.event, problems: [] } : await readEvent(dataDir);
  if (!ev.event) throw new DataError(ev.problems);
  const scan = opts.scan ?? (await scanDataFolder(dataDir));
  const available = new Set(scan.dates);
  const dates = opts.dates === undefined ? scan.dates : [...new Set(opts.dates)].filter((d) => available.has(d)).sort();
  const collected = (): Collected => {
    const c = emptyCollected();
    for (const p of ev.problems) c.problems.push(p);
    if (opts.tally?.cache.stores)
      c.hashedIds = { cache: opts.tally.cache, index: new IdIndex(), hash: new Uint32Array(ID_WORDS), cachedTaken: 0 };
    return c;
  };
  let out = collected();
  const tz = ev.event.timezone;
  const tally: TallyRun | undefined = opts.tally && {
    cache: opts.tally.cache,
    timezone: tz,
    range: {
      start: zonedInstant(opts.tally.fullDays.from, '00:00', tz),
      end: zonedInstant(addDays(opts.tally.fullDays.to, 1), '00:00', tz),
    },
    agendaRange: {
      start: zonedInstant(opts.tally.fullDays.from, '00:00', tz),
      end: zonedInstant(addDays(opts.tally.fullDays.to, 2), '00:00', tz),
    },
    fullDays: { ...opts.tally.fullDays },
    // what records are checked against: event.yaml and the area list it names
    readingDigest: opts.tally.cache.stores ? await eventDigest(dataDir, ev.event.areas.listDigest) : '',
    parts: [],
    keys: [],
    ...(opts.tally.late && {
      late: {
        range: {
          start: zonedInstant(opts.tally.late.fromDay, '00:00', tz),
          end: zonedInstant(addDays(opts.tally.fullDays.to, 1), '00:00', tz),
        },
        settled: opts.tally.late.settled,
      },
    }),
  };
  await readDays(dataDir, dates, ev.event, out, tally);
  if (tally && out.hashedIds?.known?.clash) {
    // an id read may be one of the cached files' (or a cached file was not of the set): read
    // again, every cached id in the index, so that a duplicate is reported at its place
    out = collected();
    Object.assign(tally, { parts: [], keys: [], exactIds: true });
    await readDays(dataDir, dates, ev.event, out, tally);
  }
  // warnings (files and folders not read) never stop a run; they are said with the problems, if any
  const warnings = [
    ...(ev.warnings ?? []),
    ...scan.problems.filter((p) => p.severity === 'warning'),
    ...out.problems.filter((p) => p.severity === 'warning'),
  ];
  // a day-named entry it cannot read (a dangling link, a file) among the days read: its records
  // would be missing from running totals and trends without a word
  const errors = [...(opts.unreadDays ?? unreadDayProblems(scan, opts.dates)), ...errorsOf(out.problems)];
  if (errors.length > 0) throw new DataError([...warnings, ...errors]);
  // records timed far from their folder, in the files read now (a date misread): said each time a
  // run reads the file, so that a scheduled run's log has it too, not only cci validate
  if (opts.onWarning) for (const w of out.farWarnings ?? []) warnings.push({ ...w, severity: 'warning' as const });
  for (const w of warnings) opts.onWarning?.(w);
  // every cached file's ids went into the index without a problem: they are known unique for
  // the next runs that count the same files from the cache
  const unread = tally?.unread;
  if (unread && out.hashedIds && !out.hashedIds.known && out.hashedIds.cachedTaken === unread.withIds.length)
    tally.cache.noteKnownIds(unread.key, knownIdsOf(unread.withIds.map((e) => e.ids)));
  await tally?.cache.save();
  return {
    dataDir: path.resolve(dataDir),
    event: ev.event,
    incidents: out.incidents,
    ...(tally && { incidentTally: mergeTallyParts(tally.parts), fullRecordsRange: { ...tally.range } }),
    ...(tally?.late && { lateRecords: { ...tally.late.range } }),
    ...(tally && tally.keys.length > 0 && { incidentFileKeys: tally.keys }),
    deployments: out.deployments,
    assessments: out.assessments,
    agenda: out.agenda,
    days: out.days,
    availableDates: scan.dates,
    loadedDates: dates,
  };
}

/** Checks every file of a data folder; returns every problem (empty when valid). */
export async function validateFolder(dataDir: string): Promise<Problem[]> {
  return (await checkFolder(dataDir)).problems;
}

/**
 * Checks every file of a data folder: every problem, the warnings — records valid but most
 * likely misdated (far-dates.ts) — and what it read: event.yaml (when it could be read) and every
 * record (for `cci doctor`'s look at the scripts the texts use).
 */
export async function checkFolder(dataDir: string): Promise<{
  problems: Problem[];
  warnings: Problem[];
  /** event.yaml's own warnings (a division time the clocks skip or show twice). */
  eventWarnings?: Problem[];
  event?: EventConfig;
  read?: Collected;
}> {
  const ev = await readEvent(dataDir);
  if (!ev.event && ev.problems.some((p) => p.file === dataDir)) return { problems: ev.problems, warnings: [] };
  const scan = await scanDataFolder(dataDir);
  const problems = [...ev.problems, ...scan.problems];
  if (!ev.event) return { problems, warnings: [] };
  const out = emptyCollected();
  await readDays(dataDir, scan.dates, ev.event, out);
  return {
    problems: [...problems, ...out.problems],
    // found file by file as they were read (readDays)
    warnings: sortByPlace(out.farWarnings ?? []),
    ...(ev.warnings && { eventWarnings: ev.warnings }),
    event: ev.event,
    read: out,
  };
}
