// Damaged workbooks for the tests: a workbook saved by LibreOffice Calc (fixtures/xlsx/basic/
// 2024-08-05/incidents-pp.xlsx, made by scripts/make-xlsx-fixtures.py) with one part deleted or
// one piece of its XML edited, as `zip -d` or a careless script would leave it. The archive is
// unpacked and packed again with fflate; everything not named in a case is Calc's, byte for byte.
//
// Calc's workbook: _rels/.rels (rId1 workbook, rId2 core, rId3 app properties), xl/workbook.xml
// (one sheet "incidents-pp", r:id rId2), xl/_rels/workbook.xml.rels (rId1 styles, rId2 the sheet,
// rId3 shared strings), xl/sharedStrings.xml (60 texts), xl/styles.xml (cellXfs 0 General,
// 1 `yyyy-mm-dd hh:mm:ss` as number format 165, 2 format 166), and the sheet: row 1 the header,
// rows 2-5 incidents, B2 a date cell of style 1, B4 one of style 2, A2 shared text 20.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, zipSync } from 'fflate';

export const CALC_WORKBOOK = join(
  import.meta.dirname,
  '..',
  '..',
  'fixtures',
  'xlsx',
  'basic',
  '2024-08-05',
  'incidents-pp.xlsx',
);

type Parts = Record<string, Uint8Array>;

/** Calc's workbook with `edit` applied to its parts (name → bytes). */
export function editWorkbook(edit: (parts: Parts) => void): Uint8Array {
  const parts = unzipSync(readFileSync(CALC_WORKBOOK));
  edit(parts);
  return zipSync(parts);
}

/**
 * Packs entries in the order given, names as given: unlike zipSync's object, the same name may
 * come twice (a zip archive allows it; an OPC package does not).
 */
export function packEntries(entries: [string, Uint8Array][]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, bytes] of entries) {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(bytes, true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

/** Where entry `name`'s data starts in a zip archive made by zipSync (after its local header). */
export function entryData(zip: Uint8Array, name: string): { start: number; size: number } {
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; at + 30 <= view.length;) {
    if (view.readUInt32LE(at) !== 0x04034b50) break;
    const size = view.readUInt32LE(at + 18);
    const nameLength = view.readUInt16LE(at + 26);
    const extraLength = view.readUInt16LE(at + 28);
    const start = at + 30 + nameLength + extraLength;
    if (view.toString('utf8', at + 30, at + 30 + nameLength) === name) return { start, size };
    at = start + size;
  }
  throw new Error(`${name}: no such entry`);
}

/** Replaces `from` by `to` in part `name`, once; throws when `from` is not there (the fixture changed). */
function replace(parts: Parts, name: string, from: string | RegExp, to: string | ((m: string) => string)): void {
  const text = strFromU8(parts[name]!);
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`${name}: ${String(from)} not found`);
  parts[name] = strToU8(typeof to === 'string' ? text.replace(from, () => to) : text.replace(from, to));
}

/** A row of Calc's sheet, as written (`<row r="3" ...>...</row>`). */
function rowXml(parts: Parts, r: number): string {
  const m = new RegExp(`<row r="${r}"[^>]*>.*?</row>`).exec(strFromU8(parts['xl/worksheets/sheet1.xml']!));
  if (!m) throw new Error(`row ${r} not found`);
  return m[0];
}

const SHEET = 'xl/worksheets/sheet1.xml';

export interface Damage {
  /** A sentence: what was done to the workbook. */
  name: string;
  edit(parts: Parts): void;
  /** Packs the edited parts into the damaged archive itself; zipSync when absent. */
  pack?(parts: Parts): Uint8Array;
  /** The first problem as `cci validate` prints it, the file named `incidents-pp.xlsx`. */
  first: string;
}

/** The damaged workbook a case describes. */
export function damagedWorkbook(damage: Damage): Uint8Array {
  const parts = unzipSync(readFileSync(CALC_WORKBOOK));
  damage.edit(parts);
  return damage.pack ? damage.pack(parts) : zipSync(parts);
}

/** Calc's parts in its order, `extra` (name, bytes) added after the sheet part. */
function withEntryAfterSheet(parts: Parts, extra: [string, Uint8Array]): Uint8Array {
  const entries = Object.entries(parts);
  const i = entries.findIndex(([name]) => name === SHEET);
  entries.splice(i + 1, 0, extra);
  return packEntries(entries);
}

/** The sheet part with rows 3 to 5 removed: what a second copy of it holding fewer records looks like. */
function sheetWithRow2Only(parts: Parts): Uint8Array {
  const xml = strFromU8(parts[SHEET]!);
  return strToU8(xml.replace(rowXml(parts, 3) + rowXml(parts, 4) + rowXml(parts, 5), ''));
}

/** Calc's parts zipped, then bit `mask` of byte `offset` of the sheet's compressed data flipped. */
export function flipBit(parts: Parts, offset: number, mask: number): Uint8Array {
  const zip = zipSync(parts);
  const { start } = entryData(zip, SHEET);
  zip[start + offset]! ^= mask;
  return zip;
}

/** Every kind of structural damage, each with the first problem it must give. */
export const DAMAGES: Damage[] = [
  {
    name: 'its sheet part deleted (zip -d incidents-pp.xlsx xl/worksheets/sheet1.xml)',
    edit: (p) => void delete p[SHEET],
    first: `incidents-pp.xlsx:'incidents-pp': the workbook is damaged: the part of sheet "incidents-pp", xl/worksheets/sheet1.xml, is missing`,
  },
  {
    name: 'its workbook part deleted',
    edit: (p) => void delete p['xl/workbook.xml'],
    first:
      'incidents-pp.xlsx: the workbook is damaged: part xl/workbook.xml is missing, though _rels/.rels refers to it',
  },
  {
    name: 'its package relationships deleted',
    edit: (p) => void delete p['_rels/.rels'],
    first:
      'incidents-pp.xlsx: the workbook is damaged: its package relationships (_rels/.rels) are missing, so its workbook part cannot be found',
  },
  {
    name: 'its package relationship to the workbook part removed',
    edit: (p) => replace(p, '_rels/.rels', /<Relationship Id="rId1"[^>]*\/>/, ''),
    first: 'incidents-pp.xlsx: the workbook is damaged: its package relationships (_rels/.rels) name no workbook part',
  },
  {
    name: 'a part its package relationships name deleted (docProps/app.xml)',
    edit: (p) => void delete p['docProps/app.xml'],
    first:
      'incidents-pp.xlsx: the workbook is damaged: part docProps/app.xml is missing, though _rels/.rels refers to it',
  },
  {
    name: 'its workbook relationships deleted',
    edit: (p) => void delete p['xl/_rels/workbook.xml.rels'],
    first:
      'incidents-pp.xlsx: the workbook is damaged: part xl/_rels/workbook.xml.rels is missing, though xl/workbook.xml refers to it',
  },
  {
    name: 'a relationship Id given twice',
    edit: (p) => replace(p, 'xl/_rels/workbook.xml.rels', 'Id="rId3"', 'Id="rId1"'),
    first: 'incidents-pp.xlsx: the workbook is damaged: xl/_rels/workbook.xml.rels holds relationship rId1 twice',
  },
  {
    name: 'a relationship without a Target',
    edit: (p) => replace(p, 'xl/_rels/workbook.xml.rels', 'Target="styles.xml"', ''),
    first:
      'incidents-pp.xlsx: the workbook is damaged: xl/_rels/workbook.xml.rels holds a relationship without an Id or a Target',
  },
  {
    name: 'a <sheets> list with no sheet',
    edit: (p) => replace(p, 'xl/workbook.xml', /<sheet [^>]*\/>/, ''),
    first: 'incidents-pp.xlsx: the workbook is damaged: its workbook part (xl/workbook.xml) lists no sheet',
  },
  {
    name: 'its sheet pointing at a relationship the workbook does not hold',
    edit: (p) => replace(p, 'xl/workbook.xml', 'r:id="rId2"', 'r:id="rId9"'),
    first: `incidents-pp.xlsx:'incidents-pp': the workbook is damaged: sheet "incidents-pp" refers to relationship rId9, which xl/_rels/workbook.xml.rels does not hold`,
  },
  {
    name: 'its sheet without a relationship id',
    edit: (p) => replace(p, 'xl/workbook.xml', ' r:id="rId2"', ''),
    first: `incidents-pp.xlsx:'incidents-pp': the workbook is damaged: sheet "incidents-pp" has no relationship id (r:id), so its part cannot be found`,
  },
  {
    name: 'its sheet pointing at the styles relationship',
    edit: (p) => replace(p, 'xl/workbook.xml', 'r:id="rId2"', 'r:id="rId1"'),
    first: `incidents-pp.xlsx:'incidents-pp': the workbook is damaged: sheet "incidents-pp" refers to relationship rId1, which is not a sheet but styles`,
  },
  {
    name: 'two sheets of the same name',
    edit: (p) => replace(p, 'xl/workbook.xml', /(<sheet [^>]*\/>)/, (m) => m + m.replace('sheetId="1"', 'sheetId="2"')),
    first: `incidents-pp.xlsx:'incidents-pp': the workbook is damaged: two sheets are named "incidents-pp"`,
  },
  {
    name: 'its shared strings relationship pointing at a part that is not there',
    edit: (p) => replace(p, 'xl/_rels/workbook.xml.rels', 'Target="sharedStrings.xml"', 'Target="strings.xml"'),
    first:
      'incidents-pp.xlsx: the workbook is damaged: part xl/strings.xml is missing, though xl/_rels/workbook.xml.rels refers to it',
  },
  {
    name: 'its shared strings and their relationship deleted, its cells still referring to them',
    edit: (p) => {
      delete p['xl/sharedStrings.xml'];
      replace(p, 'xl/_rels/workbook.xml.rels', /<Relationship Id="rId3"[^>]*\/>/, '');
    },
    first: `incidents-pp.xlsx:'incidents-pp'!A1: the workbook is damaged: the cell is shared text number 0, but the workbook has no shared strings part`,
  },
  {
    name: 'a shared text number past the last shared text',
    edit: (p) => replace(p, SHEET, '<c r="A2" s="0" t="s"><v>20</v>', '<c r="A2" s="0" t="s"><v>999</v>'),
    first: `incidents-pp.xlsx:'incidents-pp'!A2: the workbook is damaged: the cell is shared text number 999, but the workbook holds 60 (numbered from 0)`,
  },
  {
    name: 'a shared text number that is no number (or is missing)',
    edit: (p) => replace(p, SHEET, '<c r="A2" s="0" t="s"><v>20</v>', '<c r="A2" s="0" t="s"><v></v>'),
    first: `incidents-pp.xlsx:'incidents-pp'!A2: the workbook is damaged: the cell's shared text number "" is not a number`,
  },
  {
    name: 'its styles and their relationship deleted, a date cell still using a style',
    edit: (p) => {
      delete p['xl/styles.xml'];
      replace(p, 'xl/_rels/workbook.xml.rels', /<Relationship Id="rId1"[^>]*\/>/, '');
    },
    first: `incidents-pp.xlsx:'incidents-pp'!B2: the workbook is damaged: the cell's number has style 1, but the workbook has no styles part, so whether it is a date cannot be told`,
  },
  {
    name: 'the cell style of a date cell removed from its styles',
    edit: (p) =>
      replace(p, 'xl/styles.xml', /<cellXfs count="3">(<xf .*?<\/xf>)(<xf .*?<\/xf>)<xf .*?<\/xf><\/cellXfs>/, (m) =>
        m.replace(/<xf (?:(?!<xf ).)*?<\/xf><\/cellXfs>$/, '</cellXfs>').replace('count="3"', 'count="2"'),
      ),
    first: `incidents-pp.xlsx:'incidents-pp'!B4: the workbook is damaged: the cell's number has style 2, but the styles part holds 2 cell styles (numbered from 0), so whether it is a date cannot be told`,
  },
  {
    name: 'the number format of a date cell’s style removed from its styles',
    edit: (p) => replace(p, 'xl/styles.xml', /<numFmt numFmtId="165"[^>]*\/>/, ''),
    first: `incidents-pp.xlsx:'incidents-pp'!B2: the workbook is damaged: the cell's number has style 1, whose number format 165 the styles part does not define, so whether it is a date cannot be told`,
  },
  {
    name: 'a row stored twice (<row r="3"> repeated with other cells)',
    edit: (p) => {
      const row3 = rowXml(p, 3);
      replace(
        p,
        SHEET,
        row3,
        row3 +
          row3.replace(/<c r="A3" s="0" t="s"><v>\d+<\/v><\/c>/, '<c r="A3" t="inlineStr"><is><t>DUP</t></is></c>'),
      );
    },
    first: `incidents-pp.xlsx:'incidents-pp'!3:3: the workbook is damaged: row 3 is stored twice in the sheet; its cells would be mixed up`,
  },
  {
    name: 'rows out of order',
    edit: (p) => {
      const [row2, row3] = [rowXml(p, 2), rowXml(p, 3)];
      replace(p, SHEET, row2 + row3, row3 + row2);
    },
    first: `incidents-pp.xlsx:'incidents-pp'!2:2: the workbook is damaged: row 2 is stored after row 3; the rows of a sheet come in order`,
  },
  {
    name: 'a row number that is no number',
    edit: (p) => replace(p, SHEET, '<row r="3"', '<row r="3x"'),
    first: `incidents-pp.xlsx:'incidents-pp': the workbook is damaged: a row is numbered "3x" after row 2, which is no row number (1 to 1048576)`,
  },
  {
    name: 'a cell stored twice in its row',
    edit: (p) => replace(p, SHEET, /<c r="C2" [^>]*>.*?<\/c>/, (m) => m + m),
    first: `incidents-pp.xlsx:'incidents-pp'!C2: the workbook is damaged: cell C2 is stored twice in its row`,
  },
  {
    name: 'cells out of order in their row',
    edit: (p) =>
      replace(p, SHEET, /(<c r="B2" [^>]*>.*?<\/c>)(<c r="C2" [^>]*>.*?<\/c>)/, (m) => {
        const [, b, c] = /(<c r="B2" [^>]*>.*?<\/c>)(<c r="C2" [^>]*>.*?<\/c>)/.exec(m)!;
        return c! + b!;
      }),
    first: `incidents-pp.xlsx:'incidents-pp'!B2: the workbook is damaged: cell B2 is stored after cell C2; the cells of a row come in column order`,
  },
  {
    name: 'a cell reference that does not parse',
    edit: (p) => replace(p, SHEET, '<c r="A2" ', '<c r="2A" '),
    first: `incidents-pp.xlsx:'incidents-pp'!A2: the workbook is damaged: the cell reference "2A" is no cell such as B14`,
  },
  {
    name: 'a cell reference naming another row',
    edit: (p) => replace(p, SHEET, '<c r="C2" ', '<c r="C9" '),
    first: `incidents-pp.xlsx:'incidents-pp'!C2: the workbook is damaged: the cell C9 is stored in row 2`,
  },
  {
    name: 'a cell outside any row',
    edit: (p) => replace(p, SHEET, '<sheetData>', '<sheetData><c r="A1" t="inlineStr"><is><t>x</t></is></c>'),
    first: `incidents-pp.xlsx:'incidents-pp': the workbook is damaged: a cell (A1) lies outside any row of the sheet`,
  },
  {
    name: 'a cell type no workbook has',
    edit: (p) => replace(p, SHEET, '<c r="C2" s="0" t="s">', '<c r="C2" s="0" t="q">'),
    first: `incidents-pp.xlsx:'incidents-pp'!C2: the workbook is damaged: the cell's type "q" is none of a workbook's (b, d, e, inlineStr, n, s, str)`,
  },
  {
    name: 'a merged range that does not parse',
    edit: (p) =>
      replace(p, SHEET, '</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="C2:"/></mergeCells>'),
    first: `incidents-pp.xlsx:'incidents-pp': the workbook is damaged: the merged range "C2:" is no range such as A1:B2`,
  },
  {
    name: 'its sheet’s XML cut short (the part ends inside <sheetData>)',
    edit: (p) => replace(p, SHEET, /<\/sheetData>.*$/s, ''),
    first:
      'incidents-pp.xlsx: the workbook is damaged: part xl/worksheets/sheet1.xml is not well-formed XML (Unclosed root tag',
  },
  {
    name: 'a second copy of its sheet part, with rows 3 to 5 removed, stored after the first',
    edit: () => {},
    pack: (p) => withEntryAfterSheet(p, [SHEET, sheetWithRow2Only(p)]),
    first: `incidents-pp.xlsx: the workbook is damaged: part xl/worksheets/sheet1.xml is stored twice in the archive, so which copy is the workbook's cannot be told`,
  },
  {
    name: 'a second copy of its sheet part named xl/worksheets/Sheet1.xml (the same part name, case aside)',
    edit: () => {},
    pack: (p) => withEntryAfterSheet(p, ['xl/worksheets/Sheet1.xml', sheetWithRow2Only(p)]),
    first: `incidents-pp.xlsx: the workbook is damaged: part xl/worksheets/sheet1.xml is stored twice in the archive, also as xl/worksheets/Sheet1.xml (part names are the same whatever their case)`,
  },
  {
    name: 'its sheet part stored uncompressed, then one byte of it changed (J2 <v>3</v> → <v>9</v>: 3 arrests become 9)',
    edit: () => {},
    pack: (p) => {
      const zip = zipSync({ ...p, [SHEET]: [p[SHEET]!, { level: 0 }] });
      const { start, size } = entryData(zip, SHEET);
      const cell = '<c r="J2" s="0" t="n"><v>3</v>';
      const at = Buffer.from(zip.subarray(start, start + size)).indexOf(cell);
      if (at < 0) throw new Error('J2 not found');
      zip[start + at + cell.length - '3</v>'.length] = '9'.charCodeAt(0);
      return zip;
    },
    first: `incidents-pp.xlsx: the workbook is damaged: part xl/worksheets/sheet1.xml fails its checksum (CRC-32): its bytes are not those that were zipped`,
  },
  {
    name: 'one bit flipped in its compressed sheet part (it still inflates to as many bytes)',
    edit: () => {},
    pack: (p) => flipBit(p, 74, 0x10),
    first: `incidents-pp.xlsx: the workbook is damaged: part xl/worksheets/sheet1.xml fails its checksum (CRC-32)`,
  },
  {
    name: 'one bit flipped in its compressed sheet part that changes what it inflates to',
    edit: () => {},
    pack: (p) => flipBit(p, 75, 0x10),
    first: `incidents-pp.xlsx: the workbook is damaged: part xl/worksheets/sheet1.xml does not unzip to the 7549 bytes its archive entry declares`,
  },
  {
    name: 'its compressed sheet part garbled into data that does not inflate',
    edit: () => {},
    pack: (p) => {
      const zip = zipSync(p);
      const { start } = entryData(zip, SHEET);
      zip[start] = 0xff; // a block of the reserved type 3 (RFC 1951 §3.2.3)
      return zip;
    },
    first: `incidents-pp.xlsx: the workbook is damaged: part xl/worksheets/sheet1.xml cannot be unzipped (`,
  },
  {
    name: 'its sheet relationship pointing outside the package (TargetMode="External")',
    edit: (p) =>
      replace(
        p,
        'xl/_rels/workbook.xml.rels',
        'Target="worksheets/sheet1.xml"',
        'Target="worksheets/sheet1.xml" TargetMode="External"',
      ),
    first: `incidents-pp.xlsx:'incidents-pp': the workbook is damaged: sheet "incidents-pp" refers to relationship rId2 of xl/_rels/workbook.xml.rels, which points outside the package (TargetMode="External"), not at a sheet in the file`,
  },
  {
    name: 'its shared strings relationship pointing outside the package',
    edit: (p) =>
      replace(
        p,
        'xl/_rels/workbook.xml.rels',
        'Target="sharedStrings.xml"',
        'Target="https://example.org/sharedStrings.xml" TargetMode="External"',
      ),
    first: `incidents-pp.xlsx: the workbook is damaged: xl/_rels/workbook.xml.rels points its sharedStrings relationship rId3 outside the package (TargetMode="External"), not at a part in the file`,
  },
  {
    name: 'a number cell with an empty value (J2 <v></v>: its 3 arrests)',
    edit: (p) => replace(p, SHEET, '<c r="J2" s="0" t="n"><v>3</v>', '<c r="J2" s="0" t="n"><v></v>'),
    first: `incidents-pp.xlsx:'incidents-pp'!J2: the workbook is damaged: the cell is a number cell, but its value "" is no number`,
  },
  {
    name: 'a number cell with no type and an empty value (<v/>)',
    edit: (p) => replace(p, SHEET, '<c r="J2" s="0" t="n"><v>3</v>', '<c r="J2" s="0"><v/>'),
    first: `incidents-pp.xlsx:'incidents-pp'!J2: the workbook is damaged: the cell is a number cell, but its value "" is no number`,
  },
  {
    name: 'a number cell whose value is no number (0x3)',
    edit: (p) => replace(p, SHEET, '<c r="J2" s="0" t="n"><v>3</v>', '<c r="J2" s="0" t="n"><v>0x3</v>'),
    first: `incidents-pp.xlsx:'incidents-pp'!J2: the workbook is damaged: the cell is a number cell, but its value "0x3" is no number`,
  },
  {
    name: 'a true/false cell with an empty value',
    edit: (p) => replace(p, SHEET, '<c r="S5" s="0" t="n"><v>1</v>', '<c r="S5" s="0" t="b"><v></v>'),
    first: `incidents-pp.xlsx:'incidents-pp'!S5: the workbook is damaged: the cell is a true/false cell, but its value "" is neither 1 nor 0`,
  },
  {
    name: 'a true/false cell whose value is neither 1 nor 0',
    edit: (p) => replace(p, SHEET, '<c r="S5" s="0" t="n"><v>1</v>', '<c r="S5" s="0" t="b"><v>2</v>'),
    first: `incidents-pp.xlsx:'incidents-pp'!S5: the workbook is damaged: the cell is a true/false cell, but its value "2" is neither 1 nor 0`,
  },
  {
    name: 'a date cell (t="d") with an empty value',
    edit: (p) => replace(p, SHEET, '<c r="B2" s="1" t="n"><v>45509.5902777778</v>', '<c r="B2" s="1" t="d"><v></v>'),
    first: `incidents-pp.xlsx:'incidents-pp'!B2: the workbook is damaged: the cell is a date cell (t="d"), but its value "" is no ISO 8601 date or time`,
  },
  {
    name: 'an error cell with an empty value',
    edit: (p) => replace(p, SHEET, '<c r="J2" s="0" t="n"><v>3</v>', '<c r="J2" s="0" t="e"><v></v>'),
    first: `incidents-pp.xlsx:'incidents-pp'!J2: the workbook is damaged: the cell is an error cell, but its error value is empty`,
  },
  {
    name: 'an inline text cell whose <is> holds no <t>',
    edit: (p) =>
      replace(p, SHEET, /<c r="A2" s="0" t="s"><v>20<\/v><\/c>/, '<c r="A2" s="0" t="inlineStr"><is></is></c>'),
    first: `incidents-pp.xlsx:'incidents-pp'!A2: the workbook is damaged: the cell is an inline text cell, but its text (<is>) holds no text element (<t>)`,
  },
  {
    name: 'inline text (<is>) in a number cell',
    edit: (p) =>
      replace(p, SHEET, /<c r="J2" s="0" t="n"><v>3<\/v><\/c>/, '<c r="J2" s="0" t="n"><is><t>3</t></is></c>'),
    first: `incidents-pp.xlsx:'incidents-pp'!J2: the workbook is damaged: the cell holds inline text (<is>), but its type is "n", not inlineStr`,
  },
];
