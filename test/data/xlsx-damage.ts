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
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export const CALC_WORKBOOK = join(import.meta.dirname, '..', '..', 'fixtures', 'xlsx', 'basic', '2024-08-05', 'incidents-pp.xlsx');

type Parts = Record<string, Uint8Array>;

/** Calc's workbook with `edit` applied to its parts (name → bytes). */
export function editWorkbook(edit: (parts: Parts) => void): Uint8Array {
  const parts = unzipSync(readFileSync(CALC_WORKBOOK));
  edit(parts);
  return zipSync(parts);
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
  /** The first problem as `cci validate` prints it, the file named `incidents-pp.xlsx`. */
  first: string;
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
    first: 'incidents-pp.xlsx: the workbook is damaged: part xl/workbook.xml is missing, though _rels/.rels refers to it',
  },
  {
    name: 'its package relationships deleted',
    edit: (p) => void delete p['_rels/.rels'],
    first: 'incidents-pp.xlsx: the workbook is damaged: its package relationships (_rels/.rels) are missing, so its workbook part cannot be found',
  },
  {
    name: 'its package relationship to the workbook part removed',
    edit: (p) => replace(p, '_rels/.rels', /<Relationship Id="rId1"[^>]*\/>/, ''),
    first: 'incidents-pp.xlsx: the workbook is damaged: its package relationships (_rels/.rels) name no workbook part',
  },
  {
    name: 'a part its package relationships name deleted (docProps/app.xml)',
    edit: (p) => void delete p['docProps/app.xml'],
    first: 'incidents-pp.xlsx: the workbook is damaged: part docProps/app.xml is missing, though _rels/.rels refers to it',
  },
  {
    name: 'its workbook relationships deleted',
    edit: (p) => void delete p['xl/_rels/workbook.xml.rels'],
    first: 'incidents-pp.xlsx: the workbook is damaged: part xl/_rels/workbook.xml.rels is missing, though xl/workbook.xml refers to it',
  },
  {
    name: 'a relationship Id given twice',
    edit: (p) => replace(p, 'xl/_rels/workbook.xml.rels', 'Id="rId3"', 'Id="rId1"'),
    first: 'incidents-pp.xlsx: the workbook is damaged: xl/_rels/workbook.xml.rels holds relationship rId1 twice',
  },
  {
    name: 'a relationship without a Target',
    edit: (p) => replace(p, 'xl/_rels/workbook.xml.rels', 'Target="styles.xml"', ''),
    first: 'incidents-pp.xlsx: the workbook is damaged: xl/_rels/workbook.xml.rels holds a relationship without an Id or a Target',
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
    first: 'incidents-pp.xlsx: the workbook is damaged: part xl/strings.xml is missing, though xl/_rels/workbook.xml.rels refers to it',
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
    edit: (p) => replace(p, 'xl/styles.xml', /<cellXfs count="3">(<xf .*?<\/xf>)(<xf .*?<\/xf>)<xf .*?<\/xf><\/cellXfs>/, (m) => m.replace(/<xf (?:(?!<xf ).)*?<\/xf><\/cellXfs>$/, '</cellXfs>').replace('count="3"', 'count="2"')),
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
      replace(p, SHEET, row3, row3 + row3.replace(/<c r="A3" s="0" t="s"><v>\d+<\/v><\/c>/, '<c r="A3" t="inlineStr"><is><t>DUP</t></is></c>'));
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
    edit: (p) => replace(p, SHEET, /(<c r="B2" [^>]*>.*?<\/c>)(<c r="C2" [^>]*>.*?<\/c>)/, (m) => {
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
    edit: (p) => replace(p, SHEET, '</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="C2:"/></mergeCells>'),
    first: `incidents-pp.xlsx:'incidents-pp': the workbook is damaged: the merged range "C2:" is no range such as A1:B2`,
  },
  {
    name: 'its sheet’s XML cut short (the part ends inside <sheetData>)',
    edit: (p) => replace(p, SHEET, /<\/sheetData>.*$/s, ''),
    first: 'incidents-pp.xlsx: the workbook is damaged: part xl/worksheets/sheet1.xml is not well-formed XML (Unclosed root tag',
  },
];
