// CSV reading as people really write it: comma, semicolon or tab (detected from the header
// line, or an Excel `sep=;` first line), CRLF or LF, quoted values, surrounding spaces trimmed,
// empty cells left out. Records keep their line numbers.
//
// The tokenizer is our own single-pass one rather than csv-parse: with line numbers on,
// csv-parse took about a second for 49 days × 2,000 rows, several times this one. csv-parse
// stays the reference: test/data/csv-oracle.test.ts holds this tokenizer to its output.

import type { Problem } from '../errors.js';
import type { Pos, RawField, RawFields, RawRecord } from './raw.js';
import { hiddenNote, type HiddenValues } from './values.js';
import { t as msg } from '../i18n/messages.js';
import { excerpt, quote } from './excerpt.js';

export interface CsvHeaderCell {
  name: string; // trimmed, lower-cased
  column: number; // 1-based
  /** Where the header cell is (shared by every field of that column). */
  key: Pos;
}

export interface CsvResult {
  header: CsvHeaderCell[];
  headerLine: number;
  /** The records, unless they were handed to an `onRecord` callback instead. */
  records: RawRecord[];
  problems: Problem[];
  delimiter: string;
}

/** The delimiter of a header line: the most frequent of `;`, `,` and tab outside quotes. */
export function detectDelimiter(line: string): string {
  let semi = 0,
    comma = 0,
    tab = 0;
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

/**
 * Parses CSV text (already decoded; a BOM is removed) into raw records. The first non-empty
 * row is the header. With `onRecord`, records are handed over one by one as they are read
 * (and not kept), which keeps memory flat on large files.
 * `onHeader` is called with the header before the first record.
 */
export function parseCsv(
  input: string,
  file: string,
  onRecord?: (rec: RawRecord) => void,
  onHeader?: (header: CsvHeaderCell[], headerLine: number) => void,
  /** Whether a row's values must stay out of its problems (a RED record: reader.ts hiddenValuesOf). */
  hiddenOf?: (fields: RawFields) => HiddenValues | undefined,
): CsvResult {
  const problems: Problem[] = [];
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.includes('\r')) {
    // as replace(/\r\n?/g, '\n'), but split and join give a flat string (a replace gives one
    // that the first search then copies again)
    text = text.split('\r\n').join('\n');
    if (text.includes('\r')) text = text.split('\r').join('\n');
  }

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
    // the header line: first line with something on it
    const headerLine = text.split('\n', 50).find((l) => l.trim() !== '') ?? '';
    delimiter = detectDelimiter(headerLine);
  }
  const delimiterName = () =>
    msg(delimiter === ';' ? 'data.csv.semicolons' : delimiter === '\t' ? 'data.csv.tabs' : 'data.csv.commas');

  const records: RawRecord[] = [];
  const emit = onRecord ?? ((r: RawRecord) => void records.push(r));
  let header: CsvHeaderCell[] | undefined;
  let columns: CsvColumns | undefined;
  let headerLine = fromLine;
  let named = 0;

  const onRow = (cells: string[], line: number): void => {
    if (header === undefined || columns === undefined) {
      if (cells.every((c) => c === '')) return;
      headerLine = line;
      header = cells.map((c, j) => ({ name: c.toLowerCase(), column: j + 1, key: { line, column: j + 1 } }));
      columns = new CsvColumns(header);
      const seen = new Map<string, number>();
      for (const h of header) {
        if (h.name === '') continue;
        named++;
        const prev = seen.get(h.name);
        if (prev !== undefined) {
          problems.push({
            file,
            line,
            column: h.column,
            message: msg('data.csv.columnTwice', { name: excerpt(h.name), first: prev }),
          });
        } else seen.set(h.name, h.column);
      }
      onHeader?.(header, headerLine);
      return;
    }
    const fields = new CsvRowFields(cells, line, columns);
    let unnamed: number[] | undefined;
    let empty = true;
    for (let j = 0; j < cells.length; j++) {
      if (cells[j] === '') continue;
      if (j < header.length && header[j]!.name !== '') empty = false;
      else (unnamed ??= []).push(j);
    }
    if (unnamed !== undefined) {
      // a value outside the named columns is quoted, unless the row is (or may be) RED
      const hidden = hiddenOf?.(fields);
      for (const j of unnamed) {
        const value = hidden === undefined ? quote(cells[j]!) : hiddenNote(hidden);
        problems.push({
          file,
          line,
          column: j + 1,
          message: msg('data.csv.unnamedColumn', { value, column: j + 1, named, delimiters: delimiterName() }),
        });
      }
    }
    if (empty) return; // a row of empty cells (;;;;) as spreadsheets write them
    emit({ file, format: 'csv', line, column: 1, fields });
  };

  const error = tokenizeCsv(text, delimiter, onRow, fromLine);
  if (error) problems.push({ file, line: error.line, message: error.message });
  return { header: header ?? [], headerLine, records, problems, delimiter };
}

/** A header's named columns: each name's columns, in order (a name written twice has two). */
class CsvColumns {
  readonly byName = new Map<string, number[]>();
  constructor(readonly header: readonly CsvHeaderCell[]) {
    for (let j = 0; j < header.length; j++) {
      const name = header[j]!.name;
      if (name === '') continue;
      const list = this.byName.get(name);
      if (list) list.push(j);
      else this.byName.set(name, [j]);
    }
  }
}

/**
 * The fields of one CSV row, each made when it is asked for: a row is its cells (a first run on
 * a full event reads 75,000 rows; a Map and an object per cell were a third of what it
 * allocated). A field is the first cell with a value among its name's columns (a column named
 * twice is reported on the header); empty cells are left out.
 */
class CsvRowFields implements RawFields {
  constructor(
    private readonly cells: readonly string[],
    private readonly line: number,
    private readonly columns: CsvColumns,
  ) {}

  /** The column (0-based) of the field's value, or -1. */
  private columnOf(name: string): number {
    const list = this.columns.byName.get(name);
    if (list === undefined) return -1;
    for (let i = 0; i < list.length; i++) {
      const cell = this.cells[list[i]!];
      if (cell !== undefined && cell !== '') return list[i]!;
    }
    return -1;
  }

  get(name: string): RawField | undefined {
    const j = this.columnOf(name);
    if (j < 0) return undefined;
    const h = this.columns.header[j]!;
    return { kind: 'text', text: this.cells[j]!, name: h.name, line: this.line, column: j + 1, key: h.key };
  }

  has(name: string): boolean {
    return this.columnOf(name) >= 0;
  }

  /** The columns (0-based) holding a field's value, in column order. */
  private *valueColumns(): Generator<number> {
    const header = this.columns.header;
    const n = Math.min(this.cells.length, header.length);
    for (let j = 0; j < n; j++) {
      if (this.cells[j] === '') continue;
      const name = header[j]!.name;
      if (name !== '' && this.columnOf(name) === j) yield j;
    }
  }

  *keys(): IterableIterator<string> {
    for (const j of this.valueColumns()) yield this.columns.header[j]!.name;
  }

  *[Symbol.iterator](): IterableIterator<[string, RawField]> {
    for (const j of this.valueColumns()) {
      const name = this.columns.header[j]!.name;
      yield [name, this.get(name)!];
    }
  }

  get size(): number {
    let n = 0;
    for (const _ of this.valueColumns()) n++;
    return n;
  }
}

const QUOTE = 34; // "
const LF = 10;
const SPACE = 32;
const TAB = 9;

/**
 * Splits CSV text (LF line ends) into rows of trimmed cells, each handed to `onRow` with its first line, RFC 4180 quoting ("" inside
 * quotes is a quote; quoted values may span lines); a quote inside an unquoted value is kept
 * as written. Blank lines are skipped. Single pass, no intermediate copies: loading many
 * thousands of rows must stay fast. An unclosed quote stops the file with an error at the
 * line the quoted value starts on.
 */
export function tokenizeCsv(
  text: string,
  delimiter: string,
  onRow: (cells: string[], line: number) => void,
  fromLine = 1,
): { line: number; message: string } | undefined {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  // skip lines before fromLine
  while (line < fromLine && i < n) {
    const nl = text.indexOf('\n', i);
    if (nl === -1) i = n;
    else i = nl + 1;
    line++;
  }
  const isBlank = (c: number) => c === SPACE || (c === TAB && d !== TAB);
  // the first delimiter and line feed at or after where they were last looked for (n: none)
  let nextDelimiter = -1;
  let nextLf = -1;
  while (i < n) {
    const rowLine = line;
    const cells: string[] = [];
    let endOfRow = false;
    while (!endOfRow) {
      // leading blanks
      while (i < n && isBlank(text.charCodeAt(i))) i++;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const quoteLine = line;
        i++;
        let value = '';
        let start = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            return {
              line: quoteLine,
              message: msg('data.csv.unclosedQuote'),
            };
          }
          for (let k = text.indexOf('\n', i); k !== -1 && k < q; k = text.indexOf('\n', k + 1)) line++;
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(start, q + 1);
            i = q + 2;
            start = i;
            continue;
          }
          value += text.slice(start, q);
          i = q + 1;
          break;
        }
        // anything between the closing quote and the delimiter is kept as written
        const tailStart = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === d || c === LF) break;
          i++;
        }
        const tail = text.slice(tailStart, i).trim();
        cells.push(tail === '' ? value.trim() : (value + tail).trim());
      } else {
        const start = i;
        // the value ends at the next delimiter or line end, both found by indexOf and kept
        // ahead of i (each is looked for again only once passed): one native scan of the text
        if (nextDelimiter < i) nextDelimiter = indexOrEnd(text, delimiter, i);
        if (nextLf < i) nextLf = indexOrEnd(text, '\n', i);
        i = nextDelimiter < nextLf ? nextDelimiter : nextLf;
        cells.push(start === i ? '' : trimmed(text, start, i));
      }
      if (i >= n) endOfRow = true;
      else if (text.charCodeAt(i) === d) i++;
      else {
        i++; // LF
        line++;
        endOfRow = true;
      }
    }
    if (cells.length === 1 && cells[0] === '') continue; // blank line
    onRow(cells, rowLine);
  }
  return undefined;
}

/** text.slice(start, end).trim(), without the trim when both ends are visible ASCII. */
function trimmed(text: string, start: number, end: number): string {
  const a = text.charCodeAt(start);
  const b = text.charCodeAt(end - 1);
  const s = text.slice(start, end);
  return a > SPACE && a < 127 && b > SPACE && b < 127 ? s : s.trim();
}

function indexOrEnd(text: string, c: string, from: number): number {
  const i = text.indexOf(c, from);
  return i < 0 ? text.length : i;
}
