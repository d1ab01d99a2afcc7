// Reading an Excel workbook (.xlsx, Office Open XML, ECMA-376 Part 1 §18) into rows of text
// cells with their places, so that record files written in Excel load exactly like CSV.
//
// The zip archive is read with yauzl (central directory required, so a truncated file is
// refused; every entry's size checked against what it declares) and each XML part with sax,
// a streaming parser: nothing but the rows kept is held in memory. Reading is bounded
// (XLSX_LIMITS): a workbook over the limits is refused with a plain message, never read until
// memory runs out (a zip bomb, a million-row sheet).
//
// Cells become the text a CSV export of the same sheet would hold, so every field rule applies
// unchanged: numbers as written (`75`, `12.5`), booleans `true`/`false`, shared and inline
// strings as they are, a formula's cached value; a date cell is its wall-clock date and time
// (`2024-08-05 14:10`), with no zone: the field's reading puts it in the venue's or the event's
// zone and refuses a time that does not exist or exists twice, as for text times. Cells that
// cannot be read so (an error value, a formula without a saved value, a date before March 1900
// or in the 1904 date system) are problems at the cell.

import { StringDecoder } from 'node:string_decoder';
import sax from 'sax';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { columnLetters } from '../errors.js';
import type { Problem } from '../errors.js';
import { t } from '../i18n/messages.js';
import { sniffFile } from './sniff.js';
import { errorText } from '../text/one-line.js';

/** What reading a workbook may take; anything over is refused, not read. */
export interface XlsxLimits {
  /** The workbook file itself. */
  maxFileBytes: number;
  /** One part (sheet, shared strings, styles) once decompressed. */
  maxPartBytes: number;
  /** Every part read, decompressed, together. */
  maxTotalBytes: number;
  /** Rows holding a value, per sheet (the header row included). */
  maxRows: number;
  /** The rightmost column holding a value. */
  maxColumns: number;
  /** Sheets in the workbook. */
  maxSheets: number;
}

export const XLSX_LIMITS: Readonly<XlsxLimits> = {
  maxFileBytes: 64 * 1024 * 1024,
  maxPartBytes: 256 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRows: 200_000,
  maxColumns: 500,
  maxSheets: 255,
};

export interface SheetCell {
  /** 1-based column (A = 1). */
  column: number;
  /** The cell's value as text; never empty (empty cells are left out) unless refused. */
  text: string;
  /** The cell could not be read (an error value, a 1904 date...): already reported at the cell. */
  refused?: true;
}

export interface SheetRow {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  /** Cells holding a value, by column. */
  cells: SheetCell[];
}

export interface SheetRead {
  name: string;
  /** Rows holding at least one value, in order. */
  rows: SheetRow[];
}

export interface WorkbookRead {
  /** Every sheet, in the workbook's order (unreadable ones with no rows). */
  sheets: SheetRead[];
  /** Problems, each with the sheet and cell where there is one. */
  problems: Problem[];
}

export { sniffFile, type Sniffed } from './sniff.js';

/** An OLE2 file holding an `EncryptedPackage` stream: a password-protected Office document. */
function isEncryptedOffice(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE);
}
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Thrown inside the reader to stop at the first problem that makes the rest unreadable. */
class Refused extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/**
 * Reads every sheet of an .xlsx workbook. Never throws for a bad file: a file that is not a
 * workbook, is encrypted, damaged, truncated or over the limits gives one problem at the file;
 * a bad cell gives a problem at its sheet and cell, and reading goes on.
 */
export async function readWorkbook(bytes: Uint8Array, file: string, limits: XlsxLimits = XLSX_LIMITS): Promise<WorkbookRead> {
  const problems: Problem[] = [];
  const refuse = (message: string): WorkbookRead => ({ sheets: [], problems: [{ file, message }] });
  switch (sniffFile(bytes)) {
    case 'empty': return refuse(t('data.xlsx.empty'));
    case 'text': return refuse(t('data.xlsx.isText'));
    case 'binary': return refuse(t('data.xlsx.notWorkbook'));
    case 'ole': return refuse(t(isEncryptedOffice(bytes) ? 'data.xlsx.encrypted' : 'data.xlsx.legacyXls'));
    case 'zip': break;
  }
  if (bytes.length > limits.maxFileBytes) return refuse(t('data.xlsx.tooLarge', { size: mib(bytes.length), max: mib(limits.maxFileBytes) }));
  let zip: Archive;
  try {
    zip = await openArchive(bytes);
  } catch (e) {
    return refuse(t('data.xlsx.damaged', { reason: errorText(e) }));
  }
  try {
    return await readParts(zip, file, limits, problems);
  } catch (e) {
    if (e instanceof Refused) return { sheets: [], problems: [e.problem] };
    return refuse(t('data.xlsx.damaged', { reason: errorText(e) }));
  } finally {
    zip.close();
  }
}

function mib(n: number): string {
  return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
}

// --- the zip archive ----------------------------------------------------------------------

interface Archive {
  entries: Map<string, Entry>;
  zip: ZipFile;
  /** Decompressed bytes handed out so far. */
  total: number;
  close(): void;
}

async function openArchive(bytes: Uint8Array): Promise<Archive> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    lazyEntries: true,
    validateEntrySizes: true,
    strictFileNames: false,
  });
  const entries = new Map<string, Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: Entry) => {
      if (entries.size > 10_000) {
        reject(new Error('more than 10,000 entries'));
        return;
      }
      entries.set(e.fileName.replace(/^\/+/, ''), e);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return { entries, zip, total: 0, close: () => zip.close() };
}

/**
 * Streams one part's decompressed text to `onText`, refusing it past the limits. Returns false
 * when the archive has no such part.
 */
async function streamPart(
  a: Archive,
  name: string,
  file: string,
  limits: XlsxLimits,
  onText: (chunk: string) => void,
): Promise<boolean> {
  const entry = a.entries.get(name);
  if (entry === undefined) return false;
  if (entry.isEncrypted()) throw new Refused({ file, message: t('data.xlsx.encrypted') });
  const over = () => new Refused({ file, message: t('data.xlsx.partTooLarge', { part: name, max: mib(limits.maxPartBytes) }) });
  if (entry.uncompressedSize > limits.maxPartBytes) throw over();
  if (a.total + entry.uncompressedSize > limits.maxTotalBytes) {
    throw new Refused({ file, message: t('data.xlsx.workbookTooLarge', { max: mib(limits.maxTotalBytes) }) });
  }
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
    a.zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s)));
  });
  const decoder = new StringDecoder('utf8');
  let read = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (e: unknown) => {
      (stream as unknown as { destroy(): void }).destroy();
      reject(e);
    };
    stream.on('data', (chunk: Buffer) => {
      read += chunk.length;
      // yauzl refuses more bytes than the entry declares; this bounds a declared size that lies low
      if (read > limits.maxPartBytes) return fail(over());
      try {
        onText(decoder.write(chunk));
      } catch (e) {
        fail(e);
      }
    });
    stream.on('end', () => {
      try {
        onText(decoder.end());
        resolve();
      } catch (e) {
        reject(e);
      }
    });
    stream.on('error', reject);
  });
  a.total += read;
  return true;
}

/** A sax parser fed chunk by chunk; element names without their namespace prefix. */
function xmlParser(part: string, handlers: {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}): (chunk: string) => void {
  const p = sax.parser(true, { trim: false, normalize: false, position: false });
  p.onopentag = (tag) => handlers.open?.(local(tag.name), tag.attributes as Record<string, string>);
  p.onclosetag = (name) => handlers.close?.(local(name));
  if (handlers.text) {
    p.ontext = handlers.text;
    p.oncdata = handlers.text;
  }
  p.onerror = (e) => {
    throw new Error(`${part}: ${e.message.split('\n')[0]}`);
  };
  return (chunk) => {
    if (chunk !== '') p.write(chunk);
  };
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Attribute by local name (`r:id` and `id` alike). */
function attr(attrs: Record<string, string>, name: string): string | undefined {
  if (attrs[name] !== undefined) return attrs[name];
  for (const k of Object.keys(attrs)) if (local(k) === name) return attrs[k];
  return undefined;
}

// --- the workbook's parts -----------------------------------------------------------------

interface SheetRef {
  name: string;
  path: string | undefined;
}

interface Styles {
  /** cellXfs index → is a date/time format, and whether it shows a date part. */
  dateStyles: Map<number, { date: boolean; time: boolean }>;
}

async function readParts(a: Archive, file: string, limits: XlsxLimits, problems: Problem[]): Promise<WorkbookRead> {
  // the main part, from the package relationships (xl/workbook.xml nearly always)
  let bookPath = 'xl/workbook.xml';
  await streamPart(a, '_rels/.rels', file, limits, xmlParser('_rels/.rels', {
    open(name, at) {
      if (name === 'Relationship' && /\/officeDocument$/.test(at.Type ?? '') && at.Target) bookPath = resolvePath('', at.Target);
    },
  }));
  let date1904 = false;
  const sheetRefs: { name: string; rid: string }[] = [];
  const found = await streamPart(a, bookPath, file, limits, xmlParser(bookPath, {
    open(name, at) {
      if (name === 'workbookPr') date1904 = /^(1|true)$/i.test(attr(at, 'date1904') ?? '');
      else if (name === 'sheet') {
        if (sheetRefs.length >= limits.maxSheets) throw new Refused({ file, message: t('data.xlsx.tooManySheets', { max: limits.maxSheets }) });
        sheetRefs.push({ name: attr(at, 'name') ?? `Sheet${sheetRefs.length + 1}`, rid: attr(at, 'id') ?? '' });
      }
    },
  }));
  if (!found) {
    const ods = a.entries.has('content.xml') && a.entries.has('mimetype');
    throw new Refused({ file, message: t(ods ? 'data.xlsx.isOds' : 'data.xlsx.noWorkbookPart') });
  }
  const dir = bookPath.includes('/') ? bookPath.slice(0, bookPath.lastIndexOf('/') + 1) : '';
  const relsPath = `${dir}_rels/${bookPath.slice(dir.length)}.rels`;
  const targets = new Map<string, string>();
  let sharedPath: string | undefined;
  let stylesPath: string | undefined;
  await streamPart(a, relsPath, file, limits, xmlParser(relsPath, {
    open(name, at) {
      if (name !== 'Relationship' || !at.Target || at.TargetMode === 'External') return;
      const target = resolvePath(dir, at.Target);
      if (at.Id) targets.set(at.Id, target);
      if (/\/sharedStrings$/.test(at.Type ?? '')) sharedPath = target;
      if (/\/styles$/.test(at.Type ?? '')) stylesPath = target;
    },
  }));
  const sheets: SheetRef[] = sheetRefs.map((s) => ({ name: s.name, path: targets.get(s.rid) }));
  const shared = sharedPath === undefined ? [] : await readSharedStrings(a, sharedPath, file, limits);
  const styles = stylesPath === undefined ? { dateStyles: new Map() } : await readStyles(a, stylesPath, file, limits);

  const out: SheetRead[] = [];
  for (const s of sheets) {
    out.push(s.path === undefined ? { name: s.name, rows: [] } : await readSheet(a, s, file, limits, { shared, styles, date1904 }, problems));
  }
  return { sheets: out, problems };
}

/** A relationship target against the folder of its source part, `..` resolved. */
function resolvePath(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

async function readSharedStrings(a: Archive, part: string, file: string, limits: XlsxLimits): Promise<string[]> {
  const strings: string[] = [];
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let current = '';
  await streamPart(a, part, file, limits, xmlParser(part, {
    open(name) {
      if (name === 'si') {
        inSi = true;
        current = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && phonetic === 0) inT = true;
    },
    close(name) {
      if (name === 'si') {
        strings.push(current);
        inSi = false;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inT = false;
    },
    text(s) {
      if (inT) current += s;
    },
  }));
  return strings;
}

/** Built-in number formats that show dates or times (ECMA-376 Part 1 §18.8.30, and the East Asian ones). */
type Shows = { date: boolean; time: boolean };
const BUILTIN_DATE_FORMATS: ReadonlyMap<number, Shows> = new Map<number, Shows>([
  ...[14, 15, 16, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58].map((id): [number, Shows] => [id, { date: true, time: false }]),
  ...[18, 19, 20, 21, 45, 46, 47, 32, 33, 55, 56].map((id): [number, Shows] => [id, { date: false, time: true }]),
  [22, { date: true, time: true }],
]);

/**
 * Whether a format code shows a date and/or a time: its tokens outside quoted text, escapes
 * and brackets (`[Red]`, `[$-40C]`; `[h]` elapsed hours count as time).
 */
export function formatShows(code: string): { date: boolean; time: boolean } | undefined {
  const section = code.split(';')[0] ?? '';
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General|E[+-]|am\/pm|a\/p/gi, '');
  const time = /[hs]/i.test(bare);
  // `m` after hours or before seconds is minutes; any other `m` is a month
  const months = bare.replace(/(h+[^a-z]*)m+/gi, '$1').replace(/m+([^a-z]*s)/gi, '$1');
  const date = /[ydm]/i.test(months);
  if (!date && !time) return undefined;
  return { date, time };
}

async function readStyles(a: Archive, part: string, file: string, limits: XlsxLimits): Promise<Styles> {
  const custom = new Map<number, { date: boolean; time: boolean } | undefined>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await streamPart(a, part, file, limits, xmlParser(part, {
    open(name, at) {
      if (name === 'numFmt' && at.numFmtId !== undefined) custom.set(Number(at.numFmtId), formatShows(at.formatCode ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(at.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  }));
  const dateStyles = new Map<number, { date: boolean; time: boolean }>();
  xfFormats.forEach((id, i) => {
    const kind = custom.has(id) ? custom.get(id) : BUILTIN_DATE_FORMATS.get(id);
    if (kind) dateStyles.set(i, kind);
  });
  return { dateStyles };
}

// --- a sheet ------------------------------------------------------------------------------

interface BookContext {
  shared: string[];
  styles: Styles;
  date1904: boolean;
}

/** `B14` → { column: 2, row: 14 }. */
export function parseCellRef(ref: string): { column: number; row: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  return { column: columnNumber(m[1]!), row: Number(m[2]) };
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

async function readSheet(a: Archive, ref: SheetRef, file: string, limits: XlsxLimits, book: BookContext, problems: Problem[]): Promise<SheetRead> {
  const sheet = ref.name;
  const rows = new Map<number, SheetRow>();
  const merges: { from: { column: number; row: number }; to: { column: number; row: number } }[] = [];
  let rowNumber = 0;
  let row: SheetRow | undefined;
  let columnNo = 0;
  // the cell being read
  let cell: { column: number; type: string; style: number; value: string; hasValue: boolean; formula: string | undefined; inValue: boolean; inFormula: boolean; inInline: boolean; inT: boolean; phonetic: number } | undefined;
  let wide = false;
  const at = (column: number, r: number, message: string) => problems.push({ file, sheet, line: r, column, message });
  const stop = (message: string, r?: number, column?: number): never => {
    throw new Refused({ file, sheet, ...(r !== undefined && { line: r }), ...(column !== undefined && { column }), message });
  };

  const finishCell = () => {
    const c = cell!;
    cell = undefined;
    if (row === undefined) return;
    let refused = false;
    const text = cellText(c, book, (message) => {
      refused = true;
      at(c.column, row!.row, message);
    });
    if (refused && c.column <= limits.maxColumns) {
      row.cells.push({ column: c.column, text: '', refused: true });
      return;
    }
    if (text === undefined || text === '') return;
    if (c.column > limits.maxColumns) {
      if (!wide) at(c.column, row.row, t('data.xlsx.tooManyColumns', { max: limits.maxColumns, column: columnLetters(limits.maxColumns) }));
      wide = true;
      return;
    }
    row.cells.push({ column: c.column, text });
  };

  const found = await streamPart(a, ref.path!, file, limits, xmlParser(ref.path!, {
    open(name, attrs) {
      if (cell !== undefined) {
        if (name === 'v') {
          cell.inValue = true;
          cell.hasValue = true;
        } else if (name === 'f') {
          cell.inFormula = true;
          cell.formula ??= '';
        } else if (name === 'is') cell.inInline = true;
        else if (name === 'rPh') cell.phonetic++;
        else if (name === 't' && cell.inInline && cell.phonetic === 0) cell.inT = true;
        return;
      }
      if (name === 'row') {
        const r = Number(attrs.r);
        rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
        columnNo = 0;
        row = { row: rowNumber, cells: [] };
      } else if (name === 'c') {
        const pos = attrs.r === undefined ? undefined : parseCellRef(attrs.r);
        columnNo = pos?.column ?? columnNo + 1;
        cell = {
          column: columnNo, type: attrs.t ?? 'n', style: Number(attrs.s ?? 0), value: '', hasValue: false, formula: undefined,
          inValue: false, inFormula: false, inInline: false, inT: false, phonetic: 0,
        };
      } else if (name === 'mergeCell' && attrs.ref) {
        const [p, q] = attrs.ref.split(':');
        const from = p ? parseCellRef(p) : undefined;
        const to = q ? parseCellRef(q) : from;
        if (from && to) merges.push({ from, to });
      }
    },
    close(name) {
      if (cell !== undefined) {
        if (name === 'v') cell.inValue = false;
        else if (name === 'f') cell.inFormula = false;
        else if (name === 'is') cell.inInline = false;
        else if (name === 'rPh') cell.phonetic--;
        else if (name === 't') cell.inT = false;
        else if (name === 'c') finishCell();
        return;
      }
      if (name === 'row' && row !== undefined) {
        if (row.cells.length > 0) {
          const prev = rows.get(row.row);
          if (prev) prev.cells.push(...row.cells);
          else {
            if (rows.size >= limits.maxRows) stop(t('data.xlsx.tooManyRows', { max: limits.maxRows.toLocaleString('en-US') }), row.row);
            rows.set(row.row, row);
          }
        }
        row = undefined;
      }
    },
    text(s) {
      if (cell === undefined) return;
      if (cell.inValue) cell.value += s;
      else if (cell.inFormula) cell.formula += s;
      else if (cell.inT) cell.value += s;
    },
  }));
  if (!found) return { name: sheet, rows: [] };

  const sorted = [...rows.values()].sort((x, y) => x.row - y.row);
  for (const r of sorted) r.cells.sort((x, y) => x.column - y.column);
  applyMerges(sorted, merges);
  return { name: sheet, rows: sorted };
}

/**
 * A merged range shows its first cell's value over the whole range: that value is given to
 * every cell of the range on rows that hold a value of their own (a merge never makes a row).
 */
function applyMerges(rows: SheetRow[], merges: { from: { column: number; row: number }; to: { column: number; row: number } }[]): void {
  if (merges.length === 0) return;
  const byRow = new Map(rows.map((r) => [r.row, r]));
  for (const m of merges) {
    const top = byRow.get(m.from.row)?.cells.find((c) => c.column === m.from.column);
    if (top === undefined) continue;
    for (const r of rows) {
      if (r.row < m.from.row || r.row > m.to.row) continue;
      let added = false;
      for (let col = m.from.column; col <= m.to.column; col++) {
        if (r.row === m.from.row && col === m.from.column) continue;
        if (r.cells.some((c) => c.column === col)) continue;
        r.cells.push({ column: col, text: top.text });
        added = true;
      }
      if (added) r.cells.sort((x, y) => x.column - y.column);
    }
  }
}

/** A cell's value as CSV text, or undefined after reporting why it cannot be read. */
function cellText(
  c: { type: string; style: number; value: string; hasValue: boolean; formula: string | undefined },
  book: BookContext,
  report: (message: string) => void,
): string | undefined {
  const formula = c.formula === undefined ? '' : `=${c.formula}`;
  if (c.formula !== undefined && !c.hasValue && c.type !== 'inlineStr') {
    // a shared formula's other cells have an empty <f/>: say so without a formula to show
    report(c.formula === '' ? t('data.xlsx.formulaNoValueShared') : t('data.xlsx.formulaNoValue', { formula }));
    return undefined;
  }
  switch (c.type) {
    case 's': {
      const s = book.shared[Number(c.value)];
      if (s === undefined) {
        report(t('data.xlsx.badSharedString', { index: c.value }));
        return undefined;
      }
      return s;
    }
    case 'str':
    case 'inlineStr':
      return c.value;
    case 'b':
      return c.value.trim() === '1' || /^true$/i.test(c.value.trim()) ? 'true' : 'false';
    case 'e':
      report(t('data.xlsx.errorValue', { value: c.value.trim(), formula: formula && ` (${formula})` }));
      return undefined;
    case 'd':
      return c.value.trim();
    default: {
      const v = c.value.trim();
      if (v === '') return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) {
        report(t('data.xlsx.badNumber', { value: v }));
        return undefined;
      }
      const kind = book.styles.dateStyles.get(c.style);
      if (kind === undefined) return numberText(n);
      if (book.date1904) {
        report(t('data.xlsx.date1904'));
        return undefined;
      }
      return serialText(n, kind, report);
    }
  }
}

/** A number as a spreadsheet shows it at full precision: 15 significant digits, no float noise. */
export function numberText(n: number): string {
  return String(Number(n.toPrecision(15)));
}

const DAY_MS = 86_400_000;
/** Serial 61 is 1900-03-01 in the 1900 date system; below it Excel counts a 29 February 1900 that never was. */
const FIRST_TRUE_SERIAL = 61;

/**
 * A 1900-system serial date as local wall-clock text: `2024-08-05 14:10` (seconds when not 0),
 * `2024-08-05` for a date-only format at midnight, `14:10` for a time-only value below 1.
 */
export function serialText(serial: number, kind: { date: boolean; time: boolean }, report: (message: string) => void): string | undefined {
  if (serial >= 0 && serial < 1 && !kind.date) return clockText(Math.round(serial * 86_400));
  const seconds = Math.round(serial * 86_400);
  if (serial < FIRST_TRUE_SERIAL) {
    const d = new Date(Date.UTC(1899, 11, 30) + seconds * 1000);
    report(t('data.xlsx.dateBefore1900', { date: d.toISOString().slice(0, 16).replace('T', ' '), serial: numberText(serial) }));
    return undefined;
  }
  const days = Math.floor(seconds / 86_400);
  const rest = seconds - days * 86_400;
  const d = new Date(Date.UTC(1899, 11, 30) + days * DAY_MS);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (rest === 0 && !kind.time) return date;
  return `${date} ${clockText(rest)}`;
}

function clockText(seconds: number): string {
  const h = Math.floor(seconds / 3600) % 24;
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
