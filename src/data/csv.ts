// CSV reading as people really write it: comma, semicolon or tab (detected from the header
// line, or an Excel `sep=;` first line), CRLF or LF, quoted values, surrounding spaces trimmed,
// empty cells left out. Records keep their line numbers.

import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse/sync';
import type { Problem } from '../errors.js';
import type { RawField, RawRecord } from './raw.js';

interface Row {
  record: string[];
  info: { lines: number };
}
// csv-parse's overloads do not describe `info: true` with `on_record`; the shape is Row.
const parseRows = parse as unknown as (text: string, options: Record<string, unknown>) => Row[];

export interface CsvHeaderCell {
  name: string; // trimmed, lower-cased
  column: number; // 1-based
}

export interface CsvResult {
  header: CsvHeaderCell[];
  headerLine: number;
  records: RawRecord[];
  problems: Problem[];
  delimiter: string;
}

/** The delimiter of a header line: the most frequent of `;`, `,` and tab outside quotes. */
export function detectDelimiter(line: string): string {
  let semi = 0, comma = 0, tab = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted) {
      if (c === ';') semi++;
      else if (c === ',') comma++;
      else if (c === '\t') tab++;
    }
  }
  if (tab > semi && tab > comma) return '\t';
  return semi > comma ? ';' : ',';
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Parses CSV text (already decoded, BOM removed) into raw records, header first. */
export function parseCsv(input: string, file: string): CsvResult {
  const problems: Problem[] = [];
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');

  let fromLine = 1;
  let delimiter: string | undefined;
  const firstEnd = text.indexOf('\n');
  const first = firstEnd === -1 ? text : text.slice(0, firstEnd);
  const sep = /^\s*"?sep=(.)"?\s*$/i.exec(first);
  if (sep) {
    delimiter = sep[1]!;
    fromLine = 2;
  }
  if (delimiter === undefined) {
    // header line = first line with something on it
    const headerLine = text.split('\n', 50).find((l) => l.trim() !== '') ?? '';
    delimiter = detectDelimiter(headerLine);
  }

  let rows: Row[] = [];
  let lastEnd = fromLine - 1;
  try {
    rows = parseRows(text, {
      delimiter,
      from_line: fromLine,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      skip_records_with_error: true,
      on_skip: (err: CsvError | undefined) => {
        if (err) problems.push(csvProblem(err, file, text, lastEnd));
        return undefined;
      },
      // with `info`, csv-parse hands the wrapped record to on_record
      on_record: (rec: Row) => {
        lastEnd = rec.info.lines;
        return rec;
      },
    });
  } catch (e) {
    problems.push(csvProblem(e as CsvError, file, text, lastEnd));
  }

  const records: RawRecord[] = [];
  let header: CsvHeaderCell[] = [];
  let headerLine = fromLine;
  let i = 0;
  // header: first row with any non-empty cell
  for (; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.record.some((c) => c !== '')) {
      headerLine = r.info.lines - r.record.reduce((n, c) => n + countNewlines(c), 0);
      header = r.record.map((c, j) => ({ name: c.trim().toLowerCase(), column: j + 1 }));
      i++;
      break;
    }
  }
  const seen = new Map<string, number>();
  for (const h of header) {
    if (h.name === '') continue;
    const prev = seen.get(h.name);
    if (prev !== undefined) {
      problems.push({
        file,
        line: headerLine,
        column: h.column,
        message: `column "${h.name}" appears twice in the header (also column ${prev})`,
      });
    } else seen.set(h.name, h.column);
  }

  for (; i < rows.length; i++) {
    const { record, info } = rows[i]!;
    let nl = 0;
    for (const c of record) if (c.includes('\n')) nl += countNewlines(c);
    const line = info.lines - nl;
    const fields = new Map<string, RawField>();
    let any = false;
    for (let j = 0; j < record.length; j++) {
      const cell = record[j]!;
      if (cell === '') continue;
      any = true;
      const h = header[j];
      if (h === undefined || h.name === '') {
        problems.push({
          file,
          line,
          column: j + 1,
          message: `value "${cell}" is in column ${j + 1}, which has no name in the header (${header.filter((x) => x.name).length} named columns); check the ${delimiter === ';' ? 'semicolons' : delimiter === '\t' ? 'tabs' : 'commas'}`,
        });
        continue;
      }
      if (fields.has(h.name)) continue; // duplicate column, reported on the header
      fields.set(h.name, {
        name: h.name,
        value: { kind: 'text', text: cell },
        line,
        column: j + 1,
        key: { line: headerLine, column: h.column },
      });
    }
    if (!any) continue; // a row of empty cells (;;;;) as spreadsheets write them
    records.push({ file, format: 'csv', line, column: 1, fields });
  }
  return { header, headerLine, records, problems, delimiter };
}

function csvProblem(err: CsvError, file: string, text: string, lastEnd: number): Problem {
  const code = err.code as string;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    // The record that never ends starts on the first non-empty line after the last good one.
    const lines = text.split('\n');
    let line = lastEnd + 1;
    while (line <= lines.length && (lines[line - 1] ?? '').trim() === '') line++;
    return {
      file,
      line,
      message: 'a quoted value starts on this line and its closing quote (") is missing; the rest of the file could not be read',
    };
  }
  const line = typeof err.lines === 'number' ? err.lines : undefined;
  const msg = (err.message ?? String(err)).replace(/^[A-Za-z ]+: /, '');
  return { file, line, message: `CSV syntax: ${msg}` };
}
