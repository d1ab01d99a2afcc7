// Loading a data folder: event.yaml plus the day folders asked for, every record validated,
// ids checked unique across everything read, and every problem collected before failing.

import path from 'node:path';
import { DataError, errorsOf, formatPlace } from '../errors.js';
import type { Problem } from '../errors.js';
import type { AgendaItem, Assessment, Dataset, DayInfo, Deployment, EventConfig, Incident, SourceRef } from '../model/types.js';
import { makeReadContext } from './context.js';
import type { ReadContext } from './context.js';
import { parseCsv } from './csv.js';
import type { CsvHeaderCell } from './csv.js';
import { parseDayText } from './day.js';
import { decodeData } from './decode.js';
import { EVENT_FILE, readEvent, type EventRead } from './event.js';
import { addDays } from '../window/calendar.js';
import { zonedInstant } from '../window/window.js';
import { mergeTallyParts, tallyPartOf, type TallyPart } from './tally.js';
import { readingDigest, tallyKey, type TallyCache, type TallyCacheEntry } from './tally-cache.js';
import { listDayFolder, scanDataFolder } from './folder.js';
import { dataRoot, readDataFile } from './read-data-file.js';
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
import { farFromFolderWarnings } from './far-dates.js';

/** Records of every kind plus the problems met, for one or more files. */
export interface Collected {
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
  ids: Map<string, SourceRef & { hidden?: true }>;
  /**
   * With a tally cache: every id seen as its keyed hash (cached files hold only those), with
   * where it was first seen and, when read in full, the id itself (for messages).
   */
  hashedIds?: { hash: (id: string) => string; seen: Map<string, SourceRef & { id?: string; hidden?: true }> };
  /** When set, the keyed hash and position of every id field read, in reading order (for the tally cache). */
  idLog?: { id: string; line: number; column: number; sheet?: string }[];
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
      rep.at({ line: headerLine, column: 1 }, t('data.csv.missingColumn', { column: req, found: present || t('data.csv.noneKnown') }));
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

/** Validates raw records of one kind into `out`, ids checked against everything read so far. */
function recordTaker(file: string, kind: RecordKind, ctx: ReadContext, out: Collected, rep: Reporter) {
  const schema = schemasFor(ctx.event.areas.field)[kind] as RecordSchema<Incident | Deployment | Assessment | AgendaItem>;
  const hasIds = schema.fields.has('id');
  const sheet = rep.sheet;
  const state: { quiet: Set<string> | undefined; tlpTwice: boolean } = { quiet: undefined, tlpTwice: false };
  const take = (rec: RawRecord): void => {
    // a record that is, or may be, RED: its problems quote none of its values (nor its id)
    const hidden = hiddenValuesOf(rec, ctx.event.defaultTlp, state.tlpTwice);
    rep.hidden = hidden;
    if (hasIds) {
      const f = rec.fields.get('id');
      if (f !== undefined && f.kind === 'text') {
        // with a tally cache, ids are known by their keyed hashes only (one map for all)
        const hashed = out.hashedIds;
        const hash = hashed?.hash(f.text);
        if (hash !== undefined) {
          out.idLog?.push(sheet === undefined ? { id: hash, line: f.line, column: f.column } : { id: hash, line: f.line, column: f.column, sheet });
        }
        const prev = hash !== undefined ? hashed!.seen.get(hash) : out.ids.get(f.text);
        if (prev) {
          // the id is not quoted when either use may be RED (it is the RED record's id too), nor
          // against a cached file's (whose records may be RED: the cache keeps their ids hashed)
          const quotable = hidden === undefined && prev.hidden !== true && (hash === undefined || (prev as { id?: string }).id !== undefined);
          const message = !quotable
            ? t('data.duplicateIdHidden', { where: formatPlace(prev) })
            : t('data.duplicateId', { id: quote(f.text), where: formatPlace(prev) });
          rep.at({ line: f.line, column: f.column }, message);
        } else {
          const ref: SourceRef & { id?: string; hidden?: true } = sheet === undefined ? { file, line: f.line } : { file, line: f.line, sheet };
          if (hidden !== undefined) ref.hidden = true;
          if (hash !== undefined) {
            if (hidden === undefined) ref.id = f.text;
            hashed!.seen.set(hash, ref);
          } else {
            out.ids.set(f.text, ref);
          }
        }
      }
    }
    const rd = new RecordReader(rec, schema.fields, rep, state.quiet);
    const value = schema.read(rd, ctx);
    rep.hidden = undefined;
    if (value === undefined) return;
    switch (value.kind) {
      case 'incident': out.incidents.push(value); break;
      case 'deployment': out.deployments.push(value); break;
      case 'assessment': out.assessments.push(value); break;
      case 'agenda': out.agenda.push(value); break;
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
    const csv = parseCsv(source, file, take, (header, line) => {
      state.quiet = checkCsvHeader(schema, header, line, rep);
      state.tlpTwice = tlpColumnTwice(header);
    }, (fields) => hiddenValuesOf({ fields }, ctx.event.defaultTlp, state.tlpTwice));
    out.problems.push(...csv.problems);
  } else {
    const y = yamlRecords(source, file);
    out.problems.push(...y.problems);
    for (const rec of y.records) take(rec);
  }
  // this file's problems in reading order
  const mine = out.problems.splice(firstProblem).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  for (const p of mine) out.problems.push(p);
}

/**
 * Validates the records of a workbook read by readWorkbook into `out`: its sheets named after
 * a record kind, or its first sheet as `kind` (xlsx-records.ts), each header checked as a CSV
 * header. Problems are in sheet order, then row and column.
 */
export function readWorkbookRecords(book: WorkbookRead, file: string, kind: RecordKind, ctx: ReadContext, out: Collected): void {
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
  const hiddenAt = (p: Problem) => (p.sheet !== undefined && p.line !== undefined ? hiddenRows.get(`${p.sheet}\0${p.line}`) : undefined);
  for (const p of book.problems) {
    const hidden = hiddenAt(p);
    out.problems.push(hidden === undefined ? p : { ...p, message: t('data.xlsx.cellHidden', { hidden: hiddenNote(hidden) }) });
  }
  for (const { cellValue, ...p } of chosen.problems) {
    if (cellValue === undefined) {
      out.problems.push(p);
      continue;
    }
    const hidden = hiddenAt(p);
    out.problems.push({ ...p, message: t('data.xlsx.unnamedColumn', { value: hidden === undefined ? quote(cellValue) : hiddenNote(hidden) }) });
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
  const mine = out.problems.splice(firstProblem).sort((a, b) =>
    (a.sheet === undefined ? -1 : order.get(a.sheet) ?? 0) - (b.sheet === undefined ? -1 : order.get(b.sheet) ?? 0) ||
    (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  for (const p of mine) out.problems.push(p);
}

/** Incident files counted from the tally cache unless their incidents may meet `range`. */
export interface TallyOptions {
  cache: TallyCache;
  /** Incidents of these days (inclusive, in the event's zone) are kept as full records. */
  fullDays: { from: string; to: string };
  /**
   * The late reports' range (src/aggregate/late-reports.ts): incidents of these days are kept as
   * full records too, except those of files `settled` says need not be (by their tally key:
   * unchanged since an issued briefing compared them).
   */
  late?: { fromDay: string; settled: (key: string) => boolean };
}

interface TallyRun {
  cache: TallyCache;
  /** Incidents at start ≤ time < end are kept as full records. */
  range: { start: Date; end: Date };
  /** event.yaml, the reading code and the cache format (tally-cache.ts). */
  readingDigest: string;
  parts: TallyPart[];
  /** The late reports' range and which files it need not read in full. */
  late?: { range: { start: Date; end: Date }; settled: (key: string) => boolean };
  /** The tally key of every incident file counted (when the cache stores). */
  keys: string[];
}

/** Whether a file's incidents must be kept as full records for the late reports. */
function lateNeeds(entry: { min: number; max: number }, key: string, tally: TallyRun): boolean {
  return tally.late !== undefined && meets(entry, tally.late.range) && !(key !== '' && tally.late.settled(key));
}

function meets(entry: { min: number; max: number }, range: { start: Date; end: Date }): boolean {
  return entry.min <= entry.max && entry.max >= range.start.getTime() && entry.min < range.end.getTime();
}

/**
 * A cached file: its ids (keyed hashes) join the folder's, duplicates reported where they are
 * (naming the id when the other use was read in full), and its rows join the tally.
 */
function takeCached(entry: TallyCacheEntry, file: string, out: Collected, tally: TallyRun): void {
  const seen = out.hashedIds!.seen;
  for (let i = 0; i < entry.ids.length; i++) {
    const hash = entry.ids[i]!;
    const line = entry.lines[i]!;
    const prev = seen.get(hash);
    if (prev) {
      const where = formatPlace(prev);
      // never the id: the cached record may be RED (its id is kept only as a keyed hash)
      const message = t('data.duplicateIdHidden', { where });
      const p: Problem = { file, line, column: entry.columns[i]!, message };
      if (entry.sheet !== undefined) p.sheet = entry.sheet;
      out.problems.push(p);
    } else {
      seen.set(hash, entry.sheet === undefined ? { file, line } : { file, line, sheet: entry.sheet });
    }
  }
  tally.parts.push(entry.part);
}

/**
 * The cache entry that counts this incident file without reading it, if there is one (the same
 * test as readIncidentsTallied's: outside the window and not needed by the late reports).
 */
function usableHit(bytes: Uint8Array, f: DayFile, tally: TallyRun): TallyCacheEntry | undefined {
  const key = tally.cache.stores ? tallyKey(bytes, tally.readingDigest) : '';
  const hit = tally.cache.get(key);
  return hit && hit.file === f.rel && !meets(hit, tally.range) && !lateNeeds(hit, key, tally) ? hit : undefined;
}

/**
 * Reads an incident file in full (`read` puts its records into `out`), and caches its tally
 * when it has no problem and holds incidents only (a workbook may hold other kinds too).
 */
function readIncidentsTallied(read: () => void, bytes: Uint8Array, f: DayFile, out: Collected, tally: TallyRun): void {
  const key = tally.cache.stores ? tallyKey(bytes, tally.readingDigest) : '';
  if (key !== '') tally.keys.push(key);
  const hit = tally.cache.get(key);
  if (hit && hit.file === f.rel && !meets(hit, tally.range) && !lateNeeds(hit, key, tally)) {
    takeCached(hit, f.rel, out, tally);
    return;
  }
  const firstIncident = out.incidents.length;
  const firstProblem = out.problems.length;
  const others = out.deployments.length + out.assessments.length + out.agenda.length;
  out.idLog = [];
  read();
  const log = out.idLog;
  delete out.idLog;
  const sheets = new Set(log.map((e) => e.sheet));
  if (others !== out.deployments.length + out.assessments.length + out.agenda.length || sheets.size > 1) {
    tally.parts.push(tallyPartOf(out.incidents.slice(firstIncident)));
    return; // counted, never cached: a cache hit would skip the other records
  }
  if (hit && hit.file === f.rel && out.problems.length === firstProblem) {
    tally.parts.push(hit.part); // read in full for the window, counted from the cache as before
    return;
  }
  const records = out.incidents.slice(firstIncident);
  const part = tallyPartOf(records);
  tally.parts.push(part);
  if (out.problems.length > firstProblem) return; // the run fails; nothing cached
  // the span of every incident, RED ones included (a window that meets them reads them in full)
  let min = Infinity;
  let max = -Infinity;
  for (const r of records) {
    const time = r.time.getTime();
    if (time < min) min = time;
    if (time > max) max = time;
  }
  const entry: TallyCacheEntry = {
    file: f.rel, min, max,
    ids: log.map((e) => e.id), lines: log.map((e) => e.line), columns: log.map((e) => e.column),
    part,
  };
  const sheet = log[0]?.sheet;
  if (sheet !== undefined) entry.sheet = sheet;
  tally.cache.set(key, entry);
  if (!meets(entry, tally.range) && !lateNeeds(entry, key, tally)) out.incidents.length = firstIncident; // counted, not shown
}

async function readDays(dataDir: string, dates: string[], event: EventConfig, out: Collected, tally?: TallyRun): Promise<void> {
  const ctx = makeReadContext(event);
  // Read every file at once; parse in a fixed order so messages and id checks are stable.
  const listings = await Promise.all(dates.map((d) => listDayFolder(dataDir, d).catch((e: unknown) => ({ error: e, date: d }))));
  const files: DayFile[] = [];
  for (const l of listings) {
    if ('error' in l) {
      out.problems.push({ file: `${l.date}/`, message: t('data.dayFolderUnreadable', { reason: (l.error as Error).message }) });
      continue;
    }
    out.problems.push(...l.problems);
    files.push(...l.files);
  }
  // workbooks are unzipped and parsed here (asynchronously), except incident workbooks the tally cache counts
  const root = await dataRoot(dataDir);
  const contents = await Promise.all(
    files.map(async (f): Promise<{ problem: string } | { bytes: Uint8Array; book?: WorkbookRead }> => {
      const r = await readDataFile(f.abs, root);
      if ('problem' in r) return r;
      const b = r.bytes;
      if (f.format !== 'xlsx' || (tally && f.kind === 'incidents' && usableHit(b, f, tally))) return { bytes: b };
      // the workbook reader (sax, yauzl) loads only for a folder that has workbooks
      const { readWorkbook } = await import('./xlsx.js');
      return { bytes: b, book: await readWorkbook(b, f.rel) };
    }),
  );
  files.forEach((f, i) => {
    const c = contents[i]!;
    if ('problem' in c) {
      out.problems.push({ file: f.rel, message: c.problem });
      return;
    }
    if (f.format !== 'xlsx' && (sniffFile(c.bytes) === 'zip' || sniffFile(c.bytes) === 'ole')) {
      out.problems.push({ file: f.rel, message: t('data.xlsx.workbookAsText', { format: f.format.toUpperCase() }) });
      return;
    }
    try {
      if (f.format === 'xlsx') {
        const book = c.book;
        const read = () => {
          if (book) readWorkbookRecords(book, f.rel, f.kind as RecordKind, ctx, out);
        };
        if (tally && f.kind === 'incidents') readIncidentsTallied(read, c.bytes, f, out, tally);
        else read();
      } else if (f.kind === 'day') {
        const text = decodedOrProblem(c.bytes, f.rel, out);
        if (text === undefined) return;
        const r = parseDayText(text, f.rel, f.date, event);
        out.problems.push(...r.problems);
        if (r.day) out.days.set(f.date, r.day);
      } else {
        const format = f.format as 'csv' | 'yaml';
        const kind = f.kind;
        const read = () => {
          const text = decodedOrProblem(c.bytes, f.rel, out);
          if (text !== undefined) readRecordText(text, f.rel, format, kind, ctx, out);
        };
        if (tally && kind === 'incidents') readIncidentsTallied(read, c.bytes, f, out, tally);
        else read();
      }
    } catch (e) {
      out.problems.push({ file: f.rel, message: t('data.fileFailed', { reason: (e as Error).message }) });
    }
  });
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
    /** Told each warning (a file or folder not read) when the data has no problem; with problems, they are in the DataError. */
    onWarning?: (warning: Problem) => void;
  } = {},
): Promise<Dataset> {
  const ev: EventRead = opts.event ? { event: opts.event, problems: [] } : await readEvent(dataDir);
  if (!ev.event) throw new DataError(ev.problems);
  const scan = opts.scan ?? await scanDataFolder(dataDir);
  const available = new Set(scan.dates);
  const dates = opts.dates === undefined ? scan.dates : [...new Set(opts.dates)].filter((d) => available.has(d)).sort();
  const out = emptyCollected();
  out.problems.push(...ev.problems);
  if (opts.tally?.cache.stores) out.hashedIds = { hash: (id) => opts.tally!.cache.idHash(id), seen: new Map() };
  const tz = ev.event.timezone;
  const tally: TallyRun | undefined = opts.tally && {
    cache: opts.tally.cache,
    range: {
      start: zonedInstant(opts.tally.fullDays.from, '00:00', tz),
      end: zonedInstant(addDays(opts.tally.fullDays.to, 1), '00:00', tz),
    },
    // what records are checked against: event.yaml and the area list it names
    readingDigest: opts.tally.cache.stores ? await eventDigest(dataDir, ev.event.areas.listDigest) : '',
    parts: [],
    keys: [],
    ...(opts.tally.late && {
      late: {
        range: { start: zonedInstant(opts.tally.late.fromDay, '00:00', tz), end: zonedInstant(addDays(opts.tally.fullDays.to, 1), '00:00', tz) },
        settled: opts.tally.late.settled,
      },
    }),
  };
  await readDays(dataDir, dates, ev.event, out, tally);
  // warnings (files and folders not read) never stop a run; they are said with the problems, if any
  const warnings = [...scan.problems.filter((p) => p.severity === 'warning'), ...out.problems.filter((p) => p.severity === 'warning')];
  const errors = errorsOf(out.problems);
  if (errors.length > 0) throw new DataError([...warnings, ...errors]);
  for (const w of warnings) opts.onWarning?.(w);
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
 * Checks every file of a data folder: every problem, and the warnings — records valid but most
 * likely misdated (far-dates.ts).
 */
export async function checkFolder(dataDir: string): Promise<{ problems: Problem[]; warnings: Problem[] }> {
  const ev = await readEvent(dataDir);
  if (!ev.event && ev.problems.some((p) => p.file === dataDir)) return { problems: ev.problems, warnings: [] };
  const scan = await scanDataFolder(dataDir);
  const problems = [...ev.problems, ...scan.problems];
  if (!ev.event) return { problems, warnings: [] };
  const out = emptyCollected();
  await readDays(dataDir, scan.dates, ev.event, out);
  return { problems: [...problems, ...out.problems], warnings: farFromFolderWarnings(out, ev.event) };
}
