// Loading a data folder: event.yaml plus the day folders asked for, every record validated,
// ids checked unique across everything read, and every problem collected before failing.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../errors.js';
import type { Problem } from '../errors.js';
import type { AgendaItem, Assessment, Dataset, DayInfo, Deployment, EventConfig, Incident, SourceRef } from '../model/types.js';
import { makeReadContext } from './context.js';
import type { ReadContext } from './context.js';
import { parseCsv } from './csv.js';
import type { CsvHeaderCell } from './csv.js';
import { parseDayText } from './day.js';
import { decodeText } from './decode.js';
import { readEvent } from './event.js';
import { listDayFolder, scanDataFolder } from './folder.js';
import type { DayFile } from './folder.js';
import type { RawRecord } from './raw.js';
import { RecordReader, unknownFieldMessage } from './reader.js';
import { SCHEMAS } from './records.js';
import type { RecordKind, RecordSchema } from './records.js';
import { Reporter } from './values.js';
import { yamlRecords } from './yaml.js';
import { t } from '../i18n/messages.js';

/** Records of every kind plus the problems met, for one or more files. */
export interface Collected {
  incidents: Incident[];
  deployments: Deployment[];
  assessments: Assessment[];
  agenda: AgendaItem[];
  days: Map<string, DayInfo>;
  problems: Problem[];
  /** id → where it was first seen (incidents, assessments and agenda share one space). */
  ids: Map<string, SourceRef>;
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

/** Parses and validates one record file's text into `out`. */
export function readRecordText(
  source: string,
  file: string,
  format: 'csv' | 'yaml',
  kind: RecordKind,
  ctx: ReadContext,
  out: Collected,
): void {
  const schema = SCHEMAS[kind] as RecordSchema<Incident | Deployment | Assessment | AgendaItem>;
  const rep = new Reporter(file, out.problems);
  const firstProblem = out.problems.length;
  const hasIds = schema.fields.has('id');
  let quiet: Set<string> | undefined;
  const take = (rec: RawRecord): void => {
    if (hasIds) {
      const f = rec.fields.get('id');
      if (f !== undefined && f.kind === 'text') {
        const prev = out.ids.get(f.text);
        if (prev) {
          rep.at({ line: f.line, column: f.column }, t('data.duplicateId', { id: JSON.stringify(f.text), where: `${prev.file}:${prev.line}` }));
        } else {
          out.ids.set(f.text, { file, line: f.line });
        }
      }
    }
    const rd = new RecordReader(rec, schema.fields, rep, quiet);
    const value = schema.read(rd, ctx);
    if (value === undefined) return;
    switch (value.kind) {
      case 'incident': out.incidents.push(value); break;
      case 'deployment': out.deployments.push(value); break;
      case 'assessment': out.assessments.push(value); break;
      case 'agenda': out.agenda.push(value); break;
    }
  };
  if (format === 'csv') {
    // records are validated as they are read; the header is checked before the first one
    const csv = parseCsv(source, file, take, (header, line) => {
      quiet = checkCsvHeader(schema, header, line, rep);
    });
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

async function readDays(dataDir: string, dates: string[], event: EventConfig, out: Collected): Promise<void> {
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
  const contents = await Promise.all(
    files.map((f) => readFile(f.abs).then((b) => ({ bytes: b as Uint8Array }), (e: unknown) => ({ error: e as Error }))),
  );
  files.forEach((f, i) => {
    const c = contents[i]!;
    if ('error' in c) {
      out.problems.push({ file: f.rel, message: t('data.fileUnreadable', { reason: c.error.message }) });
      return;
    }
    const source = decodeText(c.bytes, f.rel);
    try {
      if (f.kind === 'day') {
        const r = parseDayText(source, f.rel, f.date, event);
        out.problems.push(...r.problems);
        if (r.day) out.days.set(f.date, r.day);
      } else {
        readRecordText(source, f.rel, f.format, f.kind, ctx, out);
      }
    } catch (e) {
      out.problems.push({ file: f.rel, message: t('data.fileFailed', { reason: (e as Error).message }) });
    }
  });
}

/**
 * Loads event.yaml and the day folders named in `dates` (every day folder when omitted);
 * dates with no folder are skipped (see `availableDates`). Throws DataError listing every
 * problem found in the files read.
 */
export async function loadDataset(dataDir: string, opts: { dates?: string[] } = {}): Promise<Dataset> {
  const ev = await readEvent(dataDir);
  if (!ev.event) throw new DataError(ev.problems);
  const scan = await scanDataFolder(dataDir);
  const available = new Set(scan.dates);
  const dates = opts.dates === undefined ? scan.dates : [...new Set(opts.dates)].filter((d) => available.has(d)).sort();
  const out = emptyCollected();
  out.problems.push(...ev.problems);
  await readDays(dataDir, dates, ev.event, out);
  if (out.problems.length > 0) throw new DataError(out.problems);
  return {
    dataDir: path.resolve(dataDir),
    event: ev.event,
    incidents: out.incidents,
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
  const ev = await readEvent(dataDir);
  if (!ev.event && ev.problems.some((p) => p.file === dataDir)) return ev.problems;
  const scan = await scanDataFolder(dataDir);
  const problems = [...ev.problems, ...scan.problems];
  if (!ev.event) return problems;
  const out = emptyCollected();
  await readDays(dataDir, scan.dates, ev.event, out);
  return [...problems, ...out.problems];
}
