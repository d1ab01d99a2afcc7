// Which sheets of a workbook hold which records, and their rows as raw records: the first row
// holding a value is the header (the same field names as CSV), every later row a record, each
// field with its row and column, exactly as parseCsv gives them for a CSV file.
//
// Sheets: when some sheets are named after a record kind (`incidents`, `deployments`,
// `assessments`, `agenda`, any case), each of those is read as that kind and the others are left
// alone, with a warning for each that holds a value; otherwise the first sheet is read as the kind the file name says, and any other sheet
// holding a value is a problem (its rows would otherwise be silently lost).

import { columnLetters } from '../errors.js';
import type { Problem } from '../errors.js';
import type { CsvHeaderCell } from './csv.js';
import type { RawField, RawRecord } from './raw.js';
import { RECORD_KINDS, schemasFor } from './records.js';
import type { RecordKind } from './records.js';
import type { SheetRead, SheetRow, WorkbookRead } from './xlsx.js';
import { t } from '../i18n/messages.js';

/** A problem of a sheet; `cellValue`: the value an unnamed column's problem is about (quoted, or not shown for a RED record). */
export type SheetProblem = Problem & { cellValue?: string };

export interface SheetRecords {
  kind: RecordKind;
  sheet: string;
  header: CsvHeaderCell[];
  /** The header's row number (0 for an empty sheet). */
  headerLine: number;
  records: RawRecord[];
}

/**
 * The sheets to read from a workbook named after `fileKind`, as raw records, and the problems
 * met choosing them. `areaField` is event.yaml's area field (areas.field), a field name too.
 */
export function workbookRecords(
  book: WorkbookRead,
  file: string,
  fileKind: RecordKind,
  areaField: string,
): { parts: SheetRecords[]; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const named = book.sheets.filter((s) => kindOfSheet(s.name) !== undefined);
  const parts: SheetRecords[] = [];
  if (named.length > 0) {
    for (const s of named) parts.push(sheetRecords(s, file, kindOfSheet(s.name)!, problems, areaField));
    // the other sheets are not read: said of each that holds a value, as its rows may be records
    // (incidents on "Feuil1" beside an added "agenda" sheet)
    for (const s of book.sheets) {
      const r = s.rows[0];
      if (kindOfSheet(s.name) !== undefined || r === undefined) continue;
      problems.push({
        file,
        sheet: s.name,
        line: r.row,
        column: r.cells[0]!.column,
        severity: 'warning',
        message: t('data.xlsx.unreadSheet', {
          sheet: s.name,
          named: named.map((n) => n.name).join(', '),
          kinds: RECORD_KINDS.join(', '),
        }),
      });
    }
    return { parts, problems };
  }
  const [first, ...rest] = book.sheets;
  if (first === undefined) return { parts, problems };
  parts.push(sheetRecords(first, file, fileKind, problems, areaField));
  for (const s of rest) {
    const r = s.rows[0];
    if (r !== undefined) {
      problems.push({
        file,
        sheet: s.name,
        line: r.row,
        column: r.cells[0]!.column,
        message: t('data.xlsx.otherSheet', { sheet: s.name, first: first.name, kinds: RECORD_KINDS.join(', ') }),
      });
    }
  }
  return { parts, problems };
}

/** The record kind a sheet's name names (`Incidents`, ` agenda `), if any. */
export function kindOfSheet(name: string): RecordKind | undefined {
  const n = name.trim().toLowerCase();
  return RECORD_KINDS.find((k) => k === n);
}

/** How many of a row's cells are field names of `kind`. */
function fieldNamesIn(row: SheetRow, kind: RecordKind, areaField: string): number {
  const fields = schemasFor(areaField)[kind].fields;
  let n = 0;
  for (const c of row.cells) if (fields.has(c.text.trim().toLowerCase())) n++;
  return n;
}

/** One sheet's rows as raw records of `kind` (format `xlsx`, with the sheet); `areaField` as in workbookRecords. */
export function sheetRecords(
  s: SheetRead,
  file: string,
  kind: RecordKind,
  problems: SheetProblem[],
  areaField: string,
): SheetRecords {
  const [head, ...body] = s.rows;
  if (head === undefined) return { kind, sheet: s.name, header: [], headerLine: 0, records: [] };
  const next = body[0];
  // a title or group row above the field names: the header must be the first row
  if (next !== undefined && fieldNamesIn(head, kind, areaField) === 0 && fieldNamesIn(next, kind, areaField) >= 2) {
    problems.push({
      file,
      sheet: s.name,
      line: head.row,
      column: head.cells[0]!.column,
      message: t('data.xlsx.twoHeaderRows', { row: head.row, next: next.row }),
    });
    return { kind, sheet: s.name, header: [], headerLine: head.row, records: [] };
  }
  const header: CsvHeaderCell[] = [];
  const byColumn = new Map<number, CsvHeaderCell>();
  const seen = new Map<string, number>();
  for (const c of head.cells) {
    const h: CsvHeaderCell = {
      name: c.text.trim().toLowerCase(),
      column: c.column,
      key: { line: head.row, column: c.column },
    };
    header.push(h);
    const prev = seen.get(h.name);
    if (prev !== undefined) {
      problems.push({
        file,
        sheet: s.name,
        line: head.row,
        column: c.column,
        message: t('data.csv.columnTwice', { name: h.name, first: columnLetters(prev) }),
      });
    } else {
      seen.set(h.name, c.column);
      byColumn.set(c.column, h);
    }
  }
  const records: RawRecord[] = [];
  for (const r of body) {
    // the header row again below the first one (two header rows, or sheets pasted one under the other)
    if (r.cells.length >= 2 && r.cells.every((c) => byColumn.get(c.column)?.name === c.text.trim().toLowerCase())) {
      problems.push({
        file,
        sheet: s.name,
        line: r.row,
        column: r.cells[0]!.column,
        message: t('data.xlsx.headerAgain', { row: head.row }),
      });
      continue;
    }
    const fields = new Map<string, RawField>();
    for (const c of r.cells) {
      const text = c.text.trim();
      if (text === '' && !c.refused) continue;
      const h = byColumn.get(c.column);
      if (h === undefined) {
        if (!head.cells.some((x) => x.column === c.column)) {
          // its value is quoted by readWorkbookRecords unless the row's record may be RED
          problems.push({
            file,
            sheet: s.name,
            line: r.row,
            column: c.column,
            message: t('data.xlsx.unnamedColumn', { value: text }),
            cellValue: text,
          });
        }
        continue;
      }
      fields.set(
        h.name,
        c.refused
          ? { kind: 'refused', name: h.name, line: r.row, column: c.column, key: h.key }
          : { kind: 'text', text, name: h.name, line: r.row, column: c.column, key: h.key },
      );
    }
    if (fields.size === 0) continue;
    records.push({ file, format: 'xlsx', sheet: s.name, line: r.row, column: 1, fields });
  }
  return { kind, sheet: s.name, header, headerLine: head.row, records };
}
