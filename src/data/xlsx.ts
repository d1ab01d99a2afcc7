// Reading an Excel workbook (.xlsx, Office Open XML, ECMA-376 Part 1 §18) into rows of text
// cells with their places, so that record files written in Excel load exactly like CSV.
//
// The zip archive is read with yauzl (central directory required, so a truncated file is
// refused; every entry's size checked against what it declares, and its CRC-32 by zlib.crc32
// once inflated; two entries of one part name refused) and each XML part with sax,
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
import { crc32 } from 'node:zlib';
import sax from 'sax';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { columnLetters } from '../errors.js';
import type { Problem } from '../errors.js';
import { t } from '../i18n/messages.js';
import { formatMiB } from '../i18n/units.js';
import { sniffFile } from './sniff.js';
import { errorText } from '../text/one-line.js';
import { excerpt } from './excerpt.js';

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
 * a bad cell gives a problem at its sheet and cell, and reading goes on. A package whose parts
 * do not hold together (a zip entry stored twice, a part whose unzipped size or CRC-32 is not
 * its entry's, ECMA-376 Part 2 relationships, Part 1 §18 sheets, rows, cells, shared strings
 * and styles) is never read as holding less or other: each fault is a problem "the workbook is
 * damaged: ..." at its place, the file, sheet, row or cell (data.xlsx.broken.*).
 */
export async function readWorkbook(
  bytes: Uint8Array,
  file: string,
  limits: XlsxLimits = XLSX_LIMITS,
): Promise<WorkbookRead> {
  const problems: Problem[] = [];
  const refuse = (message: string): WorkbookRead => ({ sheets: [], problems: [{ file, message }] });
  switch (sniffFile(bytes)) {
    case 'empty':
      return refuse(t('data.xlsx.empty'));
    case 'text':
      return refuse(t('data.xlsx.isText'));
    case 'binary':
      return refuse(t('data.xlsx.notWorkbook'));
    case 'ole':
      return refuse(t(isEncryptedOffice(bytes) ? 'data.xlsx.encrypted' : 'data.xlsx.legacyXls'));
    case 'zip':
      break;
  }
  if (bytes.length > limits.maxFileBytes)
    return refuse(t('data.xlsx.tooLarge', { size: formatMiB(bytes.length), max: formatMiB(limits.maxFileBytes) }));
  let zip: Archive;
  try {
    zip = await openArchive(bytes);
  } catch (e) {
    return refuse(t('data.xlsx.damaged', { reason: errorText(e) }));
  }
  try {
    return await readParts(zip, file, limits, problems);
  } catch (e) {
    // what was found before the fault that stops reading is reported too (all in one run)
    if (e instanceof Refused) return { sheets: [], problems: [...problems, e.problem] };
    return refuse(t('data.xlsx.damaged', { reason: errorText(e) }));
  } finally {
    zip.close();
  }
}

// --- the zip archive ----------------------------------------------------------------------

interface Archive {
  /** Entries by part name (partKey: ASCII case folded), each with its name as stored. */
  entries: Map<string, Entry>;
  /** Part names stored more than once (as stored, each pair once), refused as damage. */
  duplicates: string[][];
  zip: ZipFile;
  /** Decompressed bytes handed out so far. */
  total: number;
  close(): void;
}

async function openArchive(bytes: Uint8Array): Promise<Archive> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    lazyEntries: true,
    // sizes are checked by streamPart, so that a wrong one is named as such at its part
    validateEntrySizes: false,
    strictFileNames: false,
  });
  const entries = new Map<string, Entry>();
  const duplicates: string[][] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: Entry) => {
      if (entries.size > 10_000) {
        reject(new Error('more than 10,000 entries'));
        return;
      }
      const name = partName(e);
      const key = partKey(name);
      const first = entries.get(key);
      // two entries of one part name: which is the part cannot be told (the last one would win)
      if (first === undefined) entries.set(key, e);
      else duplicates.push([partName(first), name]);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return { entries, duplicates, zip, total: 0, close: () => zip.close() };
}

/** An entry's part name as stored (a leading `/` dropped). */
function partName(e: Entry): string {
  return e.fileName.replace(/^\/+/, '');
}

/**
 * The key a part name is looked up by: part names are equivalent when equal as case-insensitive
 * ASCII strings (ECMA-376 Part 2 §6.2.2.3), so `xl/worksheets/Sheet1.xml` is `sheet1.xml`'s part.
 */
function partKey(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
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
  parser: XmlParser,
  problems?: Problem[],
): Promise<boolean> {
  const entry = a.entries.get(partKey(name));
  if (entry === undefined) return false;
  const before = problems?.length ?? 0;
  /** The part's bytes are not what was zipped: whatever was read from them is dropped, the part refused. */
  const damaged = (key: string, params: Record<string, string | number>) => {
    if (problems !== undefined) problems.length = before;
    return new Refused({ file, message: broken(key, { part: name, ...params }) });
  };
  if (entry.isEncrypted()) throw new Refused({ file, message: t('data.xlsx.encrypted') });
  const over = () =>
    new Refused({ file, message: t('data.xlsx.partTooLarge', { part: name, max: formatMiB(limits.maxPartBytes) }) });
  if (entry.uncompressedSize > limits.maxPartBytes) throw over();
  if (a.total + entry.uncompressedSize > limits.maxTotalBytes) {
    throw new Refused({ file, message: t('data.xlsx.workbookTooLarge', { max: formatMiB(limits.maxTotalBytes) }) });
  }
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
    a.zip.openReadStream(entry, (err, s) =>
      err ? reject(damaged('data.xlsx.broken.notUnzipped', { reason: errorText(err) })) : resolve(s),
    );
  });
  const decoder = new StringDecoder('utf8');
  let read = 0;
  let crc = 0;
  /** What the parser threw (bad XML, a limit): raised only once the checksum shows the bytes are the part's. */
  let parseError: unknown;
  await new Promise<void>((resolve, reject) => {
    const fail = (e: unknown) => {
      (stream as unknown as { destroy(): void }).destroy();
      reject(e);
    };
    stream.on('data', (chunk: Buffer) => {
      read += chunk.length;
      // more bytes than the entry declares (which is within the limits, checked above): stop here
      if (read > entry.uncompressedSize)
        return fail(damaged('data.xlsx.broken.badSize', { size: entry.uncompressedSize }));
      if (read > limits.maxPartBytes) return fail(over());
      crc = crc32(chunk, crc);
      if (parseError !== undefined) return;
      try {
        parser.write(decoder.write(chunk));
      } catch (e) {
        parseError = e;
      }
    });
    stream.on('end', () => {
      // the size and CRC-32 of the inflated bytes (ZIP APPNOTE 4.4.7-4.4.9) before anything read from them counts
      if (read !== entry.uncompressedSize)
        return reject(damaged('data.xlsx.broken.badSize', { size: entry.uncompressedSize }));
      if (crc >>> 0 !== entry.crc32 >>> 0) return reject(damaged('data.xlsx.broken.badChecksum', {}));
      try {
        if (parseError !== undefined) throw parseError;
        parser.write(decoder.end());
        parser.end();
        resolve();
      } catch (e) {
        reject(e);
      }
    });
    // an inflate error (or a compression method yauzl does not know)
    stream.on('error', (e) => reject(damaged('data.xlsx.broken.notUnzipped', { reason: errorText(e) })));
  });
  a.total += read;
  return true;
}

/** A part's XML fed chunk by chunk, then ended (an element left open is an error). */
interface XmlParser {
  write(chunk: string): void;
  end(): void;
}

/**
 * A sax parser, element names without their namespace prefix. XML that is not well formed
 * (including a part ending inside an element) throws a Refused problem at the file.
 */
function xmlParser(
  file: string,
  part: string,
  handlers: {
    open?(name: string, attrs: Record<string, string>): void;
    close?(name: string): void;
    text?(text: string): void;
  },
): XmlParser {
  const p = sax.parser(true, { trim: false, normalize: false, position: false });
  p.onopentag = (tag) => handlers.open?.(local(tag.name), tag.attributes as Record<string, string>);
  p.onclosetag = (name) => handlers.close?.(local(name));
  if (handlers.text) {
    p.ontext = handlers.text;
    p.oncdata = handlers.text;
  }
  p.onerror = (e) => {
    throw new Refused({
      file,
      message: broken('data.xlsx.broken.notXml', { part, reason: e.message.split('\n').slice(0, 3).join(', ') }),
    });
  };
  return {
    write(chunk) {
      if (chunk !== '') p.write(chunk);
    },
    end() {
      p.close();
    },
  };
}

/** `the workbook is damaged: <what>; ...`, `what` the message at `key` (data.xlsx.broken.*). */
function broken(key: string, params: Record<string, string | number> = {}): string {
  return t('data.xlsx.broken.wrap', { what: t(key, params) });
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
  /** The sheet's part; undefined when it cannot be found (already reported). */
  path: string | undefined;
}

interface Styles {
  /** Whether the workbook has a styles part at all. */
  present: boolean;
  /** How many cell formats (cellXfs) it defines: a cell's style `s` is an index into them. */
  count: number;
  /** cellXfs index → is a date/time format, and whether it shows a date part. */
  dateStyles: Map<number, { date: boolean; time: boolean }>;
  /** cellXfs index → a custom number format id the styles part does not define. */
  unknownFormats: Map<number, number>;
}

/** One relationship of a `.rels` part (ECMA-376 Part 2 §9.3), its target resolved to a part name. */
interface Relationship {
  id: string;
  type: string;
  /** The part it points at; undefined for an external target (a web address). */
  target: string | undefined;
  /** `TargetMode="External"`: it points outside the package (ECMA-376 Part 2 §9.3.2.2). */
  external: boolean;
}

const REL = (type: string) => new RegExp(`/relationships/${type}$`);
const SHEET_TYPES = /\/relationships\/(worksheet|chartsheet|dialogsheet|xlMacrosheet|xlIntlMacrosheet)$/;

/**
 * The relationships of a part (`rels`, e.g. `xl/_rels/workbook.xml.rels`), undefined when the
 * archive has no such part. A relationship without an Id or a Target, an Id given twice, and an
 * internal target the archive does not hold are reported as damage (at the file).
 */
async function readRelationships(
  a: Archive,
  rels: string,
  dir: string,
  file: string,
  limits: XlsxLimits,
  problems: Problem[],
): Promise<Map<string, Relationship> | undefined> {
  const out = new Map<string, Relationship>();
  const found = await streamPart(
    a,
    rels,
    file,
    limits,
    xmlParser(file, rels, {
      open(name, at) {
        if (name !== 'Relationship') return;
        const id = at.Id;
        if (!id || !at.Target) {
          problems.push({ file, message: broken('data.xlsx.broken.badRelationship', { from: rels }) });
          return;
        }
        if (out.has(id)) {
          problems.push({ file, message: broken('data.xlsx.broken.relationshipTwice', { from: rels, id }) });
          return;
        }
        const external = at.TargetMode === 'External';
        out.set(id, {
          id,
          type: at.Type ?? '',
          target: external ? undefined : targetPart(a, dir, at.Target),
          external,
        });
      },
    }),
    problems,
  );
  return found ? out : undefined;
}

/**
 * The part a relationship's target names: a URI (ECMA-376 Part 2 §9.3), so `%20` is a space;
 * taken as written when the archive holds that name.
 */
function targetPart(a: Archive, dir: string, target: string): string {
  const raw = resolvePath(dir, target.replace(/#.*$/, ''));
  if (hasPart(a, raw)) return raw;
  try {
    return resolvePath(dir, decodeURIComponent(target.replace(/#.*$/, '')));
  } catch {
    return raw;
  }
}

/** Whether the archive holds part `name` (a zip entry, not a folder), its case aside (partKey). */
function hasPart(a: Archive, name: string): boolean {
  return name !== '' && a.entries.has(partKey(name));
}

/** The workbook's own parts: a relationship of these types pointing outside the package is damage. */
const OWN_PART_TYPES = /\/relationships\/(officeDocument|sharedStrings|styles)$/;

async function readParts(a: Archive, file: string, limits: XlsxLimits, problems: Problem[]): Promise<WorkbookRead> {
  // a part stored twice: the copy read would be the last, perhaps with fewer rows than the other
  for (const [first, second] of a.duplicates) {
    const message =
      first === second
        ? broken('data.xlsx.broken.partTwice', { part: excerpt(first!) })
        : broken('data.xlsx.broken.partTwiceAs', { part: excerpt(first!), other: excerpt(second!) });
    problems.push({ file, message });
  }
  if (problems.length > 0) return { sheets: [], problems };
  const ods = hasPart(a, 'content.xml') && hasPart(a, 'mimetype');
  // what says "an Office package" rather than any zip archive: its content types or its workbook part
  const looksOffice = hasPart(a, '[Content_Types].xml') || hasPart(a, 'xl/workbook.xml');
  const notWorkbook = () => new Refused({ file, message: t(ods ? 'data.xlsx.isOds' : 'data.xlsx.noWorkbookPart') });

  // the main part, from the package relationships (xl/workbook.xml nearly always)
  const packageRels = await readRelationships(a, '_rels/.rels', '', file, limits, problems);
  if (packageRels === undefined)
    throw looksOffice ? new Refused({ file, message: broken('data.xlsx.broken.noPackageRels') }) : notWorkbook();
  reportExternal(packageRels, '_rels/.rels', file, problems);
  const main = [...packageRels.values()].find((r) => REL('officeDocument').test(r.type) && r.target !== undefined);
  if (main === undefined)
    throw looksOffice ? new Refused({ file, message: broken('data.xlsx.broken.noMainPart') }) : notWorkbook();
  for (const r of packageRels.values()) {
    if (r.target !== undefined && !hasPart(a, r.target))
      problems.push({ file, message: broken('data.xlsx.broken.missingPart', { part: r.target, from: '_rels/.rels' }) });
  }
  const bookPath = main.target!;
  if (!hasPart(a, bookPath))
    throw new Refused({
      file,
      message: broken('data.xlsx.broken.missingPart', { part: bookPath, from: '_rels/.rels' }),
    });

  let date1904 = false;
  const sheetRefs: { name: string; rid: string | undefined }[] = [];
  await streamPart(
    a,
    bookPath,
    file,
    limits,
    xmlParser(file, bookPath, {
      open(name, at) {
        if (name === 'workbookPr') date1904 = /^(1|true)$/i.test(attr(at, 'date1904') ?? '');
        else if (name === 'sheet') {
          if (sheetRefs.length >= limits.maxSheets)
            throw new Refused({ file, message: t('data.xlsx.tooManySheets', { max: limits.maxSheets }) });
          sheetRefs.push({ name: attr(at, 'name') ?? `Sheet${sheetRefs.length + 1}`, rid: attr(at, 'id') });
        }
      },
    }),
  );
  // a workbook with no sheet holds nothing: never read as an empty one
  if (sheetRefs.length === 0)
    throw new Refused({ file, message: broken('data.xlsx.broken.noSheets', { part: bookPath }) });

  const dir = bookPath.includes('/') ? bookPath.slice(0, bookPath.lastIndexOf('/') + 1) : '';
  const relsPath = `${dir}_rels/${bookPath.slice(dir.length)}.rels`;
  const bookRels = await readRelationships(a, relsPath, dir, file, limits, problems);
  if (bookRels === undefined)
    throw new Refused({ file, message: broken('data.xlsx.broken.missingPart', { part: relsPath, from: bookPath }) });
  reportExternal(bookRels, relsPath, file, problems);

  // each sheet's part, every problem placed at its sheet
  const sheets: SheetRef[] = [];
  const names = new Set<string>();
  const sheetParts = new Set<string>();
  for (const s of sheetRefs) {
    const sheet = s.name;
    const at = (key: string, params: Record<string, string | number>) =>
      problems.push({ file, sheet, message: broken(key, { sheet, ...params }) });
    if (names.has(sheet.toLowerCase())) at('data.xlsx.broken.sheetTwice', {});
    names.add(sheet.toLowerCase());
    const rel = s.rid === undefined ? undefined : bookRels.get(s.rid);
    let path: string | undefined;
    if (s.rid === undefined || s.rid === '') at('data.xlsx.broken.sheetNoId', {});
    else if (rel === undefined) at('data.xlsx.broken.sheetDangling', { id: s.rid, from: relsPath });
    else if (rel.external) at('data.xlsx.broken.sheetExternal', { id: s.rid, from: relsPath });
    else if (!SHEET_TYPES.test(rel.type) || rel.target === undefined)
      at('data.xlsx.broken.sheetNotWorksheet', { id: s.rid, type: rel.type.replace(/^.*\//, '') || '?' });
    else {
      sheetParts.add(partKey(rel.target));
      if (hasPart(a, rel.target)) path = rel.target;
      else at('data.xlsx.broken.sheetPartMissing', { part: rel.target });
    }
    sheets.push({ name: sheet, path });
  }
  for (const r of bookRels.values()) {
    if (r.target !== undefined && !sheetParts.has(partKey(r.target)) && !hasPart(a, r.target))
      problems.push({ file, message: broken('data.xlsx.broken.missingPart', { part: r.target, from: relsPath }) });
  }

  const rels = [...bookRels.values()];
  const sharedPath = rels.find((r) => REL('sharedStrings').test(r.type))?.target;
  const stylesPath = rels.find((r) => REL('styles').test(r.type))?.target;
  const shared =
    sharedPath === undefined || !hasPart(a, sharedPath)
      ? undefined
      : await readSharedStrings(a, sharedPath, file, limits);
  const styles: Styles =
    stylesPath === undefined || !hasPart(a, stylesPath)
      ? { present: false, count: 0, dateStyles: new Map(), unknownFormats: new Map() }
      : await readStyles(a, stylesPath, file, limits);

  const out: SheetRead[] = [];
  for (const s of sheets) {
    out.push(
      s.path === undefined
        ? { name: s.name, rows: [] }
        : await readSheet(a, s, file, limits, { shared, styles, date1904 }, problems),
    );
  }
  return { sheets: out, problems };
}

/**
 * Reports each relationship of `rels` to one of the workbook's own parts (the workbook, its
 * shared strings, its styles) that points outside the package (`TargetMode="External"`): the
 * part it names is not in the file, so what it holds cannot be read.
 */
function reportExternal(rels: Map<string, Relationship>, from: string, file: string, problems: Problem[]): void {
  for (const r of rels.values()) {
    if (r.external && OWN_PART_TYPES.test(r.type)) {
      problems.push({
        file,
        message: broken('data.xlsx.broken.partExternal', { id: r.id, from, type: r.type.replace(/^.*\//, '') }),
      });
    }
  }
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
  await streamPart(
    a,
    part,
    file,
    limits,
    xmlParser(file, part, {
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
    }),
  );
  return strings;
}

/** Built-in number formats that show dates or times (ECMA-376 Part 1 §18.8.30, and the East Asian ones). */
type Shows = { date: boolean; time: boolean };
const BUILTIN_DATE_FORMATS: ReadonlyMap<number, Shows> = new Map<number, Shows>([
  ...[14, 15, 16, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58].map((id): [number, Shows] => [
    id,
    { date: true, time: false },
  ]),
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

/** Number format ids from 164 are the workbook's own (ECMA-376 Part 1 §18.8.30): they must be defined in numFmts. */
const FIRST_CUSTOM_FORMAT = 164;

async function readStyles(a: Archive, part: string, file: string, limits: XlsxLimits): Promise<Styles> {
  const custom = new Map<number, { date: boolean; time: boolean } | undefined>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await streamPart(
    a,
    part,
    file,
    limits,
    xmlParser(file, part, {
      open(name, at) {
        if (name === 'numFmt' && at.numFmtId !== undefined)
          custom.set(Number(at.numFmtId), formatShows(at.formatCode ?? ''));
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(at.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    }),
  );
  const dateStyles = new Map<number, { date: boolean; time: boolean }>();
  const unknownFormats = new Map<number, number>();
  xfFormats.forEach((id, i) => {
    if (!custom.has(id) && (id >= FIRST_CUSTOM_FORMAT || !Number.isInteger(id) || id < 0)) unknownFormats.set(i, id);
    const kind = custom.has(id) ? custom.get(id) : BUILTIN_DATE_FORMATS.get(id);
    if (kind) dateStyles.set(i, kind);
  });
  return { present: true, count: xfFormats.length, dateStyles, unknownFormats };
}

// --- a sheet ------------------------------------------------------------------------------

interface BookContext {
  /** The shared strings; undefined when the workbook has no shared strings part. */
  shared: string[] | undefined;
  styles: Styles;
  date1904: boolean;
}

/** The last row and column of a sheet (ECMA-376 Part 1 §18.3.1.73, XFD1048576). */
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

/** `B14` → { column: 2, row: 14 }; undefined for anything else, or past XFD1048576. */
export function parseCellRef(ref: string): { column: number; row: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})$/.exec(ref);
  if (!m) return undefined;
  const column = columnNumber(m[1]!);
  const row = Number(m[2]);
  return column <= MAX_COLUMN && row <= MAX_ROW ? { column, row } : undefined;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

/** The cell being read. */
interface CellState {
  column: number;
  /** The cell's place as `B14`, for messages. */
  ref: string;
  type: string;
  /** The `s` attribute as written; undefined when absent (style 0). */
  style: string | undefined;
  value: string;
  hasValue: boolean;
  formula: string | undefined;
  inValue: boolean;
  inFormula: boolean;
  inInline: boolean;
  inT: boolean;
  /** It holds an inline string (`<is>`), and that string a text element (`<t>`, its own or a run's). */
  inline: boolean;
  inlineText: boolean;
  phonetic: number;
  /** Its place is unreadable or repeated (already reported): read through, not kept. */
  skip: boolean;
}

/**
 * Reads one sheet's rows. The sheet's structure is checked as it is read, every fault a
 * problem at its row or cell ("the workbook is damaged: ..."): a row number that is not one,
 * a row stored twice or before an earlier one, a cell outside a row, a cell reference that
 * does not parse, names another row, or repeats or goes back in its row, a merged range that
 * does not parse. Such a row or cell is not read (its values are never merged with others).
 */
async function readSheet(
  a: Archive,
  ref: SheetRef,
  file: string,
  limits: XlsxLimits,
  book: BookContext,
  problems: Problem[],
): Promise<SheetRead> {
  const sheet = ref.name;
  const part = ref.path!;
  const rows = new Map<number, SheetRow>();
  const merges: { from: { column: number; row: number }; to: { column: number; row: number } }[] = [];
  let rowNumber = 0;
  let row: SheetRow | undefined;
  /** Inside a <row> element (kept or not). */
  let inRow = false;
  let inSheetData = false;
  let columnNo = 0;
  let cell: CellState | undefined;
  let wide = false;
  const at = (column: number, r: number, message: string) => problems.push({ file, sheet, line: r, column, message });
  const stop = (message: string, r?: number, column?: number): never => {
    throw new Refused({
      file,
      sheet,
      ...(r !== undefined && { line: r }),
      ...(column !== undefined && { column }),
      message,
    });
  };

  const finishCell = () => {
    const c = cell!;
    cell = undefined;
    if (row === undefined || c.skip) return;
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
      if (!wide)
        at(
          c.column,
          row.row,
          t('data.xlsx.tooManyColumns', { max: limits.maxColumns, column: columnLetters(limits.maxColumns) }),
        );
      wide = true;
      return;
    }
    row.cells.push({ column: c.column, text });
  };

  const openRow = (r: string | undefined) => {
    inRow = true;
    columnNo = 0;
    row = undefined;
    if (r === undefined) {
      if (rowNumber >= MAX_ROW)
        return problems.push({
          file,
          sheet,
          message: broken('data.xlsx.broken.badRowNumber', { value: rowNumber + 1, previous: rowNumber }),
        });
      rowNumber++;
    } else {
      const n = /^[1-9]\d{0,6}$/.test(r.trim()) ? Number(r) : NaN;
      if (!(n <= MAX_ROW))
        return problems.push({
          file,
          sheet,
          message: broken('data.xlsx.broken.badRowNumber', { value: r, previous: rowNumber }),
        });
      if (n <= rowNumber) {
        // rows are stored in order, each once (ECMA-376 Part 1 §18.3.1.73): never merge two
        return problems.push({
          file,
          sheet,
          line: n,
          message:
            n === rowNumber || rows.has(n)
              ? broken('data.xlsx.broken.rowTwice', { row: n })
              : broken('data.xlsx.broken.rowOutOfOrder', { row: n, previous: rowNumber }),
        });
      }
      rowNumber = n;
    }
    row = { row: rowNumber, cells: [] };
  };

  const openCell = (attrs: Record<string, string>) => {
    const skipping = (): CellState => ({
      column: columnNo,
      ref: '',
      type: 'n',
      style: undefined,
      value: '',
      hasValue: false,
      formula: undefined,
      inValue: false,
      inFormula: false,
      inInline: false,
      inT: false,
      inline: false,
      inlineText: false,
      phonetic: 0,
      skip: true,
    });
    if (!inRow) {
      problems.push({ file, sheet, message: broken('data.xlsx.broken.cellOutsideRow', { ref: attrs.r ?? '?' }) });
      return skipping();
    }
    if (row === undefined) return skipping(); // a row already refused
    let column: number;
    if (attrs.r === undefined) column = columnNo + 1;
    else {
      const pos = parseCellRef(attrs.r);
      if (pos === undefined) {
        at(columnNo + 1, row.row, broken('data.xlsx.broken.badCellRef', { ref: attrs.r }));
        return skipping();
      }
      if (pos.row !== row.row) {
        at(pos.column, row.row, broken('data.xlsx.broken.cellWrongRow', { ref: attrs.r, row: row.row }));
        return skipping();
      }
      column = pos.column;
    }
    const place = `${columnLetters(column)}${row.row}`;
    if (column > MAX_COLUMN) {
      at(columnNo, row.row, broken('data.xlsx.broken.badCellRef', { ref: place }));
      return skipping();
    }
    if (column <= columnNo) {
      at(
        column,
        row.row,
        column === columnNo || row.cells.some((c) => c.column === column)
          ? broken('data.xlsx.broken.cellTwice', { ref: place })
          : broken('data.xlsx.broken.cellOutOfOrder', { ref: place, previous: `${columnLetters(columnNo)}${row.row}` }),
      );
      return skipping();
    }
    columnNo = column;
    return {
      column,
      ref: place,
      type: attrs.t ?? 'n',
      style: attrs.s,
      value: '',
      hasValue: false,
      formula: undefined,
      inValue: false,
      inFormula: false,
      inInline: false,
      inT: false,
      inline: false,
      inlineText: false,
      phonetic: 0,
      skip: false,
    };
  };

  await streamPart(
    a,
    part,
    file,
    limits,
    xmlParser(file, part, {
      open(name, attrs) {
        if (cell !== undefined) {
          if (name === 'v') {
            cell.inValue = true;
            cell.hasValue = true;
          } else if (name === 'f') {
            cell.inFormula = true;
            cell.formula ??= '';
          } else if (name === 'is') {
            cell.inInline = true;
            cell.inline = true;
          } else if (name === 'rPh') cell.phonetic++;
          else if (name === 't' && cell.inInline && cell.phonetic === 0) {
            cell.inT = true;
            cell.inlineText = true;
          }
          return;
        }
        if (name === 'sheetData') inSheetData = true;
        else if (!inSheetData) {
          if (name === 'mergeCell' && attrs.ref !== undefined) {
            const [p, q, more] = attrs.ref.split(':');
            const from = p ? parseCellRef(p) : undefined;
            const to = q === undefined ? from : parseCellRef(q);
            if (from && to && more === undefined) merges.push({ from, to });
            else problems.push({ file, sheet, message: broken('data.xlsx.broken.badMerge', { ref: attrs.ref }) });
          }
        } else if (name === 'row') openRow(attrs.r);
        else if (name === 'c') cell = openCell(attrs);
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
        if (name === 'sheetData') inSheetData = false;
        else if (name === 'row' && inSheetData) {
          inRow = false;
          if (row !== undefined && row.cells.length > 0) {
            if (rows.size >= limits.maxRows)
              stop(t('data.xlsx.tooManyRows', { max: limits.maxRows.toLocaleString('en-US') }), row.row);
            rows.set(row.row, row);
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
    }),
    problems,
  );

  // stored in order (checked above): already sorted by row and column
  const sorted = [...rows.values()];
  applyMerges(sorted, merges);
  return { name: sheet, rows: sorted };
}

/**
 * A merged range shows its first cell's value over the whole range: that value is given to
 * every cell of the range on rows that hold a value of their own (a merge never makes a row).
 */
function applyMerges(
  rows: SheetRow[],
  merges: { from: { column: number; row: number }; to: { column: number; row: number } }[],
): void {
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

/** The cell types of SpreadsheetML (ECMA-376 Part 1 §18.18.11, ST_CellType). */
const CELL_TYPES = new Set(['b', 'd', 'e', 'inlineStr', 'n', 's', 'str']);

/** A number as SpreadsheetML writes one (xsd:double, ECMA-376 Part 1 §18.3.1.96), INF and NaN aside. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** A `t="d"` cell's value: an ISO 8601 date, date and time, or time (ECMA-376 Part 1 §18.17.4). */
const ISO_DATE =
  /^(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?|T?\d{2}:\d{2}(:\d{2}(\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A cell's value as CSV text, or undefined after reporting why it cannot be read: a value that
 * cannot be one (an error, a formula never computed, a date cci refuses), a value element that
 * cannot be its type's (an empty `<v>` or one that is no number in a number cell, the same for
 * true/false, date and error cells, an `<is>` without text or in a cell of another type), or a
 * cell the workbook's other parts cannot account for (a shared text or a style it does not
 * hold). A cell with no value element at all (`<c r="B2" s="1"/>`, formatted) is empty.
 */
function cellText(c: CellState, book: BookContext, report: (message: string) => void): string | undefined {
  if (!CELL_TYPES.has(c.type)) {
    report(broken('data.xlsx.broken.badCellType', { type: c.type }));
    return undefined;
  }
  const formula = c.formula === undefined ? '' : `=${c.formula}`;
  if (c.formula !== undefined && !c.hasValue && c.type !== 'inlineStr') {
    // a shared formula's other cells have an empty <f/>: say so without a formula to show
    report(c.formula === '' ? t('data.xlsx.formulaNoValueShared') : t('data.xlsx.formulaNoValue', { formula }));
    return undefined;
  }
  if (c.inline && c.type !== 'inlineStr') {
    report(broken('data.xlsx.broken.inlineInOther', { type: c.type }));
    return undefined;
  }
  // no <v>: an empty cell, kept for its format; a shared text cell without its number is damage
  if (!c.hasValue && c.type !== 's' && c.type !== 'inlineStr') return undefined;
  switch (c.type) {
    case 's': {
      const v = c.value.trim();
      if (!/^\d{1,9}$/.test(v)) {
        report(broken('data.xlsx.broken.badSharedIndex', { value: v }));
        return undefined;
      }
      const index = Number(v);
      if (book.shared === undefined) {
        report(broken('data.xlsx.broken.noSharedStrings', { index }));
        return undefined;
      }
      const s = book.shared[index];
      if (s === undefined) {
        report(broken('data.xlsx.broken.sharedOutOfRange', { index, count: book.shared.length }));
        return undefined;
      }
      return s;
    }
    case 'str':
      return c.value;
    case 'inlineStr':
      // `<is/>` with no text element is no string, not an empty one (`<is><t/></is>`)
      if (c.inline && !c.inlineText) {
        report(broken('data.xlsx.broken.inlineNoText', {}));
        return undefined;
      }
      return c.value;
    case 'b': {
      // xsd:boolean (ECMA-376 Part 1 §18.18.11): Excel writes 0 and 1
      const v = c.value.trim();
      if (/^(1|true)$/i.test(v)) return 'true';
      if (/^(0|false)$/i.test(v)) return 'false';
      report(broken('data.xlsx.broken.badBoolean', { value: excerpt(v) }));
      return undefined;
    }
    case 'e': {
      const v = c.value.trim();
      if (v === '') {
        report(broken('data.xlsx.broken.emptyError', {}));
        return undefined;
      }
      report(t('data.xlsx.errorValue', { value: v, formula: formula && ` (${formula})` }));
      return undefined;
    }
    case 'd': {
      const v = c.value.trim();
      if (!ISO_DATE.test(v)) {
        report(broken('data.xlsx.broken.badDate', { value: excerpt(v) }));
        return undefined;
      }
      return v;
    }
    default: {
      const v = c.value.trim();
      const n = NUMBER.test(v) ? Number(v) : NaN;
      if (!Number.isFinite(n)) {
        report(broken('data.xlsx.broken.badNumber', { value: excerpt(v) }));
        return undefined;
      }
      // whether the number is a date is its style's to say: a style the workbook lacks cannot
      const styleText = c.style?.trim() ?? '0';
      if (!/^\d{1,9}$/.test(styleText)) {
        report(broken('data.xlsx.broken.badStyleNumber', { value: styleText }));
        return undefined;
      }
      const style = Number(styleText);
      const { styles } = book;
      if (style > 0 && !styles.present) {
        report(broken('data.xlsx.broken.noStyles', { style }));
        return undefined;
      }
      if (styles.present && style >= styles.count && (style > 0 || styles.count > 0)) {
        report(broken('data.xlsx.broken.styleOutOfRange', { style, count: styles.count }));
        return undefined;
      }
      const format = styles.unknownFormats.get(style);
      if (format !== undefined) {
        report(broken('data.xlsx.broken.unknownFormat', { style, format }));
        return undefined;
      }
      const kind = styles.dateStyles.get(style);
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
export function serialText(
  serial: number,
  kind: { date: boolean; time: boolean },
  report: (message: string) => void,
): string | undefined {
  if (serial >= 0 && serial < 1 && !kind.date) return clockText(Math.round(serial * 86_400));
  const seconds = Math.round(serial * 86_400);
  if (serial < FIRST_TRUE_SERIAL) {
    const d = new Date(Date.UTC(1899, 11, 30) + seconds * 1000);
    report(
      t('data.xlsx.dateBefore1900', {
        date: d.toISOString().slice(0, 16).replace('T', ' '),
        serial: numberText(serial),
      }),
    );
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
