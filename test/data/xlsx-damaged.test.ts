// Workbooks whose parts do not hold together: each made from a LibreOffice Calc workbook with one
// part deleted or one piece edited (test/data/xlsx-damage.ts), each refused as damaged at its
// place, never read as a workbook holding fewer records.

import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { loadDataset, validateFolder } from '../../src/data/index.js';
import { readWorkbook } from '../../src/data/xlsx.js';
import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { CALC_WORKBOOK, DAMAGES, damagedWorkbook, editWorkbook, entryData, flipBit } from './xlsx-damage.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BASIC = join(ROOT, 'fixtures', 'basic');
let work: string;
let n = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cci-xlsx-damaged-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** fixtures/basic with its 5 August incidents CSV replaced by the given workbook. */
async function folderWith(book: Uint8Array): Promise<string> {
  const dir = join(work, `f${++n}`);
  await cp(BASIC, dir, { recursive: true });
  await rm(join(dir, '2024-08-05', 'incidents-pp.csv'));
  await writeFile(join(dir, '2024-08-05', 'incidents-pp.xlsx'), book);
  return dir;
}

const SUFFIX = '; open it in the spreadsheet program and save it again, or ask its sender for a new copy';

describe('a workbook made by Calc and then damaged', () => {
  it('reads as it was saved once unpacked and packed again, so that each damage below is the only change', async () => {
    const book = await readWorkbook(
      editWorkbook(() => {}),
      'incidents-pp.xlsx',
    );
    expect(book.problems).toEqual([]);
    expect(book.sheets.map((s) => [s.name, s.rows.length])).toEqual([['incidents-pp', 5]]);
    const ds = await loadDataset(await folderWith(editWorkbook(() => {})));
    expect(ds.incidents.filter((i) => i.source.file.endsWith('.xlsx'))).toHaveLength(4);
  });

  it('with its rows cleared is an empty sheet, read with no record and no problem, unlike a damaged one', async () => {
    const empty = editWorkbook((p) => {
      const xml = new TextDecoder().decode(p['xl/worksheets/sheet1.xml']);
      p['xl/worksheets/sheet1.xml'] = new TextEncoder().encode(
        xml.replace(/<sheetData>.*<\/sheetData>/s, '<sheetData/>'),
      );
    });
    const book = await readWorkbook(empty, 'incidents-pp.xlsx');
    expect(book.problems).toEqual([]);
    expect(book.sheets).toEqual([{ name: 'incidents-pp', rows: [] }]);
  });

  it.each(DAMAGES)('with $name is refused as damaged at its place', async (damage) => {
    const book = await readWorkbook(damagedWorkbook(damage), 'incidents-pp.xlsx');
    const all = book.problems.map(formatProblem);
    expect(all.length).toBeGreaterThan(0);
    expect(all[0]!.startsWith(damage.first), `${all[0]}\n  expected to start with\n${damage.first}`).toBe(true);
    expect(all[0]!.endsWith(SUFFIX)).toBe(true);
  });

  it.each(DAMAGES)('with $name fails cci validate at its place in the data folder', async (damage) => {
    const dir = await folderWith(damagedWorkbook(damage));
    const all = (await validateFolder(dir)).map(formatProblem);
    expect(
      all.some((m) => m.startsWith(`2024-08-05/${damage.first}`)),
      all.join('\n'),
    ).toBe(true);
  });

  it('with a row stored twice never merges the two rows (the reviewer’s record X-2 that became "DUP" and vanished)', async () => {
    const dup = DAMAGES.find((d) => d.name.startsWith('a row stored twice'))!;
    const book = await readWorkbook(editWorkbook(dup.edit), 'incidents-pp.xlsx');
    const cells = book.sheets[0]!.rows.flatMap((r) => r.cells.map((c) => c.text));
    expect(cells).not.toContain('DUP');
    expect(book.problems).toHaveLength(1);
  });

  it('reports every damaged cell of a sheet in one run, not only the first', async () => {
    const book = await readWorkbook(
      editWorkbook((p) => {
        const xml = new TextDecoder()
          .decode(p['xl/worksheets/sheet1.xml'])
          .replace('<c r="A2" s="0" t="s"><v>20</v>', '<c r="A2" s="0" t="s"><v>999</v>')
          .replace('<c r="C3" ', '<c r="C9" ')
          .replace(/<row r="5"/, '<row r="4"');
        p['xl/worksheets/sheet1.xml'] = new TextEncoder().encode(xml);
      }),
      'incidents-pp.xlsx',
    );
    expect(book.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 1],
      [3, 3],
      [4, undefined],
    ]);
  });

  it('with any one bit of its compressed sheet part flipped is refused as damaged at that part, never read', async () => {
    const parts = unzipSync(readFileSync(CALC_WORKBOOK));
    const { size } = entryData(zipSync(parts), 'xl/worksheets/sheet1.xml');
    const undamaged = await readWorkbook(zipSync(parts), 'incidents-pp.xlsx');
    const seen = new Set<string>();
    for (let offset = 0; offset < size; offset += 5) {
      const mask = 1 << (offset % 8);
      const book = await readWorkbook(flipBit(parts, offset, mask), 'incidents-pp.xlsx');
      // a bit of the final byte that deflate leaves unused changes nothing: read as it was saved
      if (book.problems.length === 0 && offset === size - 1) {
        expect(book).toEqual(undamaged);
        continue;
      }
      const message = book.problems.map(formatProblem)[0] ?? '(no problem)';
      const kind =
        /^incidents-pp\.xlsx: the workbook is damaged: part xl\/worksheets\/sheet1\.xml (fails its checksum|does not unzip to the 7549 bytes|cannot be unzipped)/.exec(
          message,
        );
      expect(kind, `byte ${offset}, bit ${mask}: ${message}`).not.toBeNull();
      expect(book.sheets).toEqual([]);
      seen.add(kind![1]!);
    }
    // each of the three ways a flipped bit shows is met (so that each is tested)
    expect([...seen].sort()).toEqual(['cannot be unzipped', 'does not unzip to the 7549 bytes', 'fails its checksum']);
  });

  it('with one byte of a stored part changed is never read with that byte (the reviewer’s 4 arrests that became 10)', async () => {
    const good = DAMAGES.find((d) => d.name.startsWith('its sheet part stored uncompressed'))!;
    // the same archive unchanged reads, with its 4 arrests: the refusal is the changed byte's
    const parts = unzipSync(readFileSync(CALC_WORKBOOK));
    const stored = zipSync({
      ...parts,
      'xl/worksheets/sheet1.xml': [parts['xl/worksheets/sheet1.xml']!, { level: 0 }],
    });
    const ds = await loadDataset(await folderWith(stored));
    const arrests = ds.incidents.filter((i) => i.source.file.endsWith('.xlsx')).reduce((sum, i) => sum + i.arrests, 0);
    expect(arrests).toBe(4);
    await expect(loadDataset(await folderWith(damagedWorkbook(good)))).rejects.toThrow(
      /sheet1\.xml fails its checksum/,
    );
  });

  it('with an empty number cell never loses the row’s arrests (J2 <v></v>)', async () => {
    const empty = DAMAGES.find((d) => d.name.startsWith('a number cell with an empty value'))!;
    await expect(loadDataset(await folderWith(damagedWorkbook(empty)))).rejects.toThrow(
      /J2: the workbook is damaged: the cell is a number cell/,
    );
  });

  it('in a data folder beside good files keeps the folder from loading', async () => {
    const dir = await folderWith(editWorkbook(DAMAGES[0]!.edit));
    await expect(loadDataset(dir)).rejects.toThrow(/incidents-pp\.xlsx:'incidents-pp': the workbook is damaged/);
  });
});

describe('a hand-made workbook', () => {
  it('with a sheet stored in a folder of its own and relationships with ../ still reads', async () => {
    const book = editWorkbook((p) => {
      p['xl/sheets/data/one.xml'] = p['xl/worksheets/sheet1.xml']!;
      delete p['xl/worksheets/sheet1.xml'];
      const rels = new TextDecoder()
        .decode(p['xl/_rels/workbook.xml.rels'])
        .replace('Target="worksheets/sheet1.xml"', 'Target="sheets/data/../data/one.xml"');
      p['xl/_rels/workbook.xml.rels'] = new TextEncoder().encode(rels);
    });
    const read = await readWorkbook(book, 'incidents-pp.xlsx');
    expect(read.problems).toEqual([]);
    expect(read.sheets[0]!.rows).toHaveLength(5);
  });

  it('with its sheet part named in another case than its relationship says (Sheet1.xml for sheet1.xml) still reads, as OPC part names are', async () => {
    const book = editWorkbook((p) => {
      p['xl/worksheets/Sheet1.xml'] = p['xl/worksheets/sheet1.xml']!;
      delete p['xl/worksheets/sheet1.xml'];
      p['XL/_rels/Workbook.xml.rels'] = p['xl/_rels/workbook.xml.rels']!;
      delete p['xl/_rels/workbook.xml.rels'];
    });
    const read = await readWorkbook(book, 'incidents-pp.xlsx');
    expect(read.problems).toEqual([]);
    expect(read.sheets[0]!.rows).toHaveLength(5);
  });

  it('reads typed cells with no value element as empty, and true/false and ISO 8601 date cells as written', async () => {
    const book = editWorkbook((p) => {
      const xml = new TextDecoder()
        .decode(p['xl/worksheets/sheet1.xml'])
        .replace('<c r="J2" s="0" t="n"><v>3</v></c>', '<c r="J2" s="0" t="n"/>')
        .replace('<c r="K2" s="0" t="n"><v>2</v></c>', '<c r="K2" s="0" t="b"/>')
        .replace('<c r="J3" s="0" t="n"><v>1</v></c>', '<c r="J3" t="b"><v>1</v></c>')
        .replace('<c r="K3" s="0" t="n"><v>1</v></c>', '<c r="K3" t="d"><v>2024-08-05T14:10:00</v></c>')
        .replace(
          '<c r="A2" s="0" t="s"><v>20</v></c>',
          '<c r="A2" t="inlineStr"><is><r><t>PP-</t></r><r><t>1</t></r></is></c>',
        );
      p['xl/worksheets/sheet1.xml'] = new TextEncoder().encode(xml);
    });
    const read = await readWorkbook(book, 'incidents-pp.xlsx');
    expect(read.problems).toEqual([]);
    const cell = (row: number, column: number) =>
      read.sheets[0]!.rows.find((r) => r.row === row)!.cells.find((c) => c.column === column)?.text;
    expect([cell(2, 10), cell(2, 11), cell(3, 10), cell(3, 11), cell(2, 1)]).toEqual([
      undefined,
      undefined,
      'true',
      '2024-08-05T14:10:00',
      'PP-1',
    ]);
  });

  it('with a part whose name holds a space, written %20 in its relationship as URIs are, still reads', async () => {
    const book = editWorkbook((p) => {
      p['xl/worksheets/sheet 1.xml'] = p['xl/worksheets/sheet1.xml']!;
      delete p['xl/worksheets/sheet1.xml'];
      const rels = new TextDecoder()
        .decode(p['xl/_rels/workbook.xml.rels'])
        .replace('Target="worksheets/sheet1.xml"', 'Target="worksheets/sheet%201.xml"');
      p['xl/_rels/workbook.xml.rels'] = new TextEncoder().encode(rels);
    });
    const read = await readWorkbook(book, 'incidents-pp.xlsx');
    expect(read.problems).toEqual([]);
    expect(read.sheets[0]!.rows).toHaveLength(5);
  });
});
