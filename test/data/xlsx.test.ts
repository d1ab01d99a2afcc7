// Excel workbooks as record files: workbooks written by LibreOffice Calc (fixtures/xlsx/, made
// by scripts/make-xlsx-fixtures.py) read as the same records as CSV, every bad workbook refused
// with its place, and reading bounded.

import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import fc from 'fast-check';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import type { Audience } from '../../src/audience/audience.js';
import { loadBriefingData } from '../../src/pipeline/load.js';
import { formatProblem, formatPlace, type Problem } from '../../src/errors.js';
import { loadDataset, validateFolder } from '../../src/data/index.js';
import { formatShows, numberText, readWorkbook, serialText, sniffFile, XLSX_LIMITS } from '../../src/data/xlsx.js';
import { readCacheRecords } from '../../src/output/tally-cache-file.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BASIC = join(ROOT, 'fixtures', 'basic');
const XLSX = join(ROOT, 'fixtures', 'xlsx');
let work: string;
let n = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cci-xlsx-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A data folder with fixtures/basic's event.yaml and the given files in 2024-08-05/. */
async function folderWith(files: Record<string, Uint8Array | string>): Promise<string> {
  const dir = join(work, `f${++n}`);
  await mkdir(join(dir, '2024-08-05'), { recursive: true });
  await cp(join(BASIC, 'event.yaml'), join(dir, 'event.yaml'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, '2024-08-05', name), content);
  return dir;
}

const fixture = (name: string) => readFile(join(XLSX, name));
const messages = async (dir: string) => (await validateFolder(dir)).map(formatProblem);

describe('a workbook made by a spreadsheet program', () => {
  it('gives the same briefings as the same rows in CSV, for every division, audience and draft setting', async () => {
    // fixtures/xlsx/basic holds fixtures/basic's CSV files as LibreOffice Calc opens and saves them
    const csv = join(work, 'basic-csv');
    const book = join(work, 'basic-xlsx');
    await cp(BASIC, csv, { recursive: true });
    await cp(BASIC, book, { recursive: true });
    let replaced = 0;
    for (const day of await readdir(join(XLSX, 'basic'))) {
      for (const name of await readdir(join(XLSX, 'basic', day))) {
        await rm(join(book, day, name.replace(/\.xlsx$/, '.csv')));
        await cp(join(XLSX, 'basic', day, name), join(book, day, name));
        replaced++;
      }
    }
    expect(replaced).toBe(3);
    const audiences: Audience[] = [
      { kind: 'partners' },
      { kind: 'national' },
      { kind: 'country', country: 'DEU' },
      { kind: 'country', country: 'USA' },
    ];
    for (const date of ['2024-08-05', '2024-08-06']) {
      const a = await loadBriefingData(csv, [date]);
      const b = await loadBriefingData(book, [date]);
      const strip = (xs: { source: unknown }[]) => xs.map(({ source: _source, ...rest }) => rest);
      expect(strip(b.incidents)).toEqual(strip(a.incidents));
      expect(strip(b.deployments)).toEqual(strip(a.deployments));
      expect(b.incidents.length).toBeGreaterThan(0);
      for (const division of ['securite', 'renseignement']) {
        for (const audience of audiences) {
          for (const draft of [false, true]) {
            expect(buildBriefing(b, { division, date, audience, draft }).model).toEqual(
              buildBriefing(a, { division, date, audience, draft }).model,
            );
          }
        }
      }
    }
  });

  it('reads date cells in the venue’s zone, numbers, booleans, text times, formulas and merged cells as such', async () => {
    const dir = await folderWith({ 'incidents-features.xlsx': await fixture('features.xlsx') });
    const ds = await loadDataset(dir);
    const byId = new Map(ds.incidents.map((i) => [i.id, i]));
    // a date cell in Europe/Paris (UTC+2 in August)
    expect(byId.get('XL-001')!.time.toISOString()).toBe('2024-08-05T12:10:00.000Z');
    expect(byId.get('XL-001')!.custody).toBe(2); // =I2-1, its saved value
    expect(byId.get('XL-001')!.gamesImpact).toBe(true); // a boolean cell
    expect(byId.get('XL-001')!.tlp).toBe('GREEN');
    // a text cell holding 05/08/2024 16:20, as French spreadsheets write it
    expect(byId.get('XL-002')!.time.toISOString()).toBe('2024-08-05T14:20:00.000Z');
    expect(byId.get('XL-002')!.area).toBe('75'); // a number cell
    expect(byId.get('XL-002')!.gamesImpact).toBe(false);
    // Teahupo'o's venue zone, Pacific/Tahiti (UTC−10)
    expect(byId.get('XL-003')!.time.toISOString()).toBe('2024-08-05T18:00:00.000Z');
    // C4:C5 merged: the category shown over both rows
    expect(byId.get('XL-003')!.category).toBe('suspicious_item');
    expect(byId.get('XL-004')!.category).toBe('suspicious_item');
    expect(byId.get('XL-004')!.time.toISOString()).toBe('2024-08-05T07:15:30.000Z');
    expect(ds.incidents).toHaveLength(4); // the formatted empty row 30 and column P are no records
    // the sheet named Deployments, with date-only date cells and a formula
    expect(ds.deployments.map((d) => [d.date, d.force, d.count])).toEqual([
      ['2024-08-05', 'police', 1200],
      ['2024-08-05', 'gendarmerie', 1500],
    ]);
    expect(ds.incidents[0]!.source).toEqual({
      file: '2024-08-05/incidents-features.xlsx',
      line: 2,
      sheet: 'Incidents',
    });
  });

  it('reports a problem in a workbook at its sheet and cell, and the same field problems as CSV', async () => {
    const csv = 'id,time,category,departement,summary_fr\nX-1,2024-08-05 10:00,nope,75,a\n';
    const dir = await folderWith({ 'incidents.csv': csv });
    const [fromCsv] = await messages(dir);
    expect(fromCsv).toMatch(/^2024-08-05\/incidents\.csv:2:3: /);
    expect(formatPlace({ file: 'incidents-pp.xlsx', sheet: 'Sheet1', line: 14, column: 2 })).toBe(
      'incidents-pp.xlsx:Sheet1!B14',
    );
    expect(formatPlace({ file: 'a.xlsx', sheet: 'Feuille 1', line: 3 })).toBe("a.xlsx:'Feuille 1'!3:3");
    expect(formatPlace({ file: 'a.xlsx', sheet: "l'été", line: 1, column: 28 })).toBe("a.xlsx:'l''été'!AB1");
  });
});

describe('a bad workbook', () => {
  it('has each bad cell reported at its sheet and cell, all in one run', async () => {
    const dir = await folderWith({ 'incidents-bad.xlsx': await fixture('bad-cells.xlsx') });
    const all = await messages(dir);
    const at = (cell: string) => all.filter((m) => m.startsWith(`2024-08-05/incidents-bad.xlsx:Feuille1!${cell}: `));
    expect(at('B2')[0]).toMatch(/does not exist/); // 2024-03-31 02:30, spring-forward gap in Paris
    expect(at('B3')[0]).toMatch(/1899-12-25 10:00.*before 1 March 1900/);
    expect(at('I4')[0]).toMatch(/error #DIV\/0! \(=1\/0\)/);
    expect(at('J5')[0]).toMatch(/formula =2\+2 whose value was never saved/);
    expect(at('B6')[0]).toMatch(/exists twice|twice/); // 2024-10-27 02:30, autumn overlap
    expect(all).toHaveLength(5);
  });

  it('in the 1904 date system is refused at its date cell', async () => {
    const dir = await folderWith({ 'incidents-mac.xlsx': await fixture('bad-1904.xlsx') });
    const all = await messages(dir);
    expect(all[0]).toMatch(/^2024-08-05\/incidents-mac\.xlsx:Sheet1!B2: the workbook uses the 1904 date system/);
  });

  it('with a title row above the field names is refused at the title row', async () => {
    const dir = await folderWith({ 'incidents-pp.xlsx': await fixture('bad-two-headers.xlsx') });
    expect(await messages(dir)).toEqual([
      expect.stringMatching(/^2024-08-05\/incidents-pp\.xlsx:Sheet1!A1: row 1 is above the field names of row 2/),
    ]);
  });

  it('with the header row repeated below is refused at the repeated row', async () => {
    const body = await fixture('bad-two-headers.xlsx');
    const book = await readWorkbook(body, 'x.xlsx');
    // the same workbook read from its second row: the header followed by itself is caught too
    const { sheetRecords } = await import('../../src/data/xlsx-records.js');
    const sheet = book.sheets[0]!;
    const problems: Problem[] = [];
    const rows = [sheet.rows[1]!, { ...sheet.rows[1]!, row: 3 }, sheet.rows[2]!];
    sheetRecords({ name: 'S', rows }, 'x.xlsx', 'incidents', problems, 'departement');
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^x\.xlsx:S!A3: this row repeats the header row \(row 2\)/),
    ]);
  });

  it('with values on a second sheet is refused there, not silently half-read', async () => {
    const dir = await folderWith({ 'incidents-pp.xlsx': await fixture('bad-second-sheet.xlsx') });
    expect(await messages(dir)).toEqual([
      expect.stringMatching(
        /^2024-08-05\/incidents-pp\.xlsx:Suite!A1: sheet "Suite" holds values, but cci reads only the first sheet/,
      ),
    ]);
  });

  it('encrypted with a password is refused as such', async () => {
    const dir = await folderWith({ 'incidents-pp.xlsx': await fixture('encrypted.xlsx') });
    expect(await messages(dir)).toEqual([
      expect.stringMatching(/^2024-08-05\/incidents-pp\.xlsx: the workbook is encrypted/),
    ]);
  });

  it('cut short, or damaged inside, is refused as damaged and nothing of it is read', async () => {
    const good = await fixture('features.xlsx');
    const cut = good.subarray(0, Math.floor(good.length / 2));
    const tail = good.subarray(0, good.length - 10);
    const flipped = Buffer.from(good);
    for (let i = 600; i < 700; i++) flipped[i] = flipped[i]! ^ 0x5a; // inside the first compressed part
    for (const bytes of [cut, tail]) {
      const dir = await folderWith({ 'incidents-pp.xlsx': bytes });
      const all = await messages(dir);
      expect(all).toHaveLength(1);
      expect(all[0]).toMatch(/^2024-08-05\/incidents-pp\.xlsx: the workbook is damaged or cut short/);
    }
    // damage inside a part is named at that part
    const all = await messages(await folderWith({ 'incidents-pp.xlsx': flipped }));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatch(
      /^2024-08-05\/incidents-pp\.xlsx: the workbook is damaged: part xl\/workbook\.xml cannot be unzipped/,
    );
  });

  it('that is really a CSV, and a CSV that is really a workbook, are each told what they are', async () => {
    const csv = 'id,time,category,departement,summary_fr\nX-1,2024-08-05 10:00,other,75,a\n';
    const dir = await folderWith({
      'incidents-a.xlsx': csv,
      'incidents-b.csv': await fixture('features.xlsx'),
      'incidents-c.yaml': await fixture('encrypted.xlsx'),
    });
    expect(await messages(dir)).toEqual([
      expect.stringMatching(
        /^2024-08-05\/incidents-a\.xlsx: this file is text \(CSV\?\), not an Excel workbook; name it \.csv/,
      ),
      expect.stringMatching(
        /^2024-08-05\/incidents-b\.csv: this file is an Excel workbook .* not CSV text; name it \.xlsx/,
      ),
      expect.stringMatching(/^2024-08-05\/incidents-c\.yaml: this file is an Excel workbook .* not YAML text/),
    ]);
  });

  it('that is an OpenDocument file, a legacy .xls or empty is told so', async () => {
    const ods = zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
      'content.xml': strToU8('<x/>'),
    });
    const xls = new Uint8Array(1024);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await readWorkbook(ods, 'a.xlsx')).problems[0]!.message).toMatch(/OpenDocument/);
    expect((await readWorkbook(xls, 'a.xlsx')).problems[0]!.message).toMatch(/Excel 97–2003/);
    expect((await readWorkbook(new Uint8Array(0), 'a.xlsx')).problems[0]!.message).toMatch(/empty/);
    expect(sniffFile(strToU8('id;time\n'))).toBe('text');
  });

  it('is named in the folder scan: .xls, .xlsm and .ods are refused with the formats cci reads', async () => {
    const dir = await folderWith({ 'incidents.xls': 'x', 'incidents.ods': 'x' });
    for (const m of await messages(dir)) expect(m).toMatch(/save it as an Excel workbook \(\.xlsx\) or as CSV/);
  });
});

/** A minimal workbook (as generators write them) with one sheet of the given XML rows. */
function workbookOf(
  sheetData: string | Uint8Array,
  extra: Record<string, Uint8Array> = {},
  level: 0 | 1 | 6 = 6,
): Uint8Array {
  const sheet =
    typeof sheetData === 'string'
      ? strToU8(
          `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`,
        )
      : sheetData;
  return zipSync({
    '_rels/.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': [sheet, { level }],
    ...extra,
  });
}

describe('reading a workbook stays bounded', () => {
  it('refuses a sheet of a million rows plainly, after the most rows it reads', async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 1_000_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    const book = workbookOf(rows.join(''), {}, 1);
    const read = await readWorkbook(book, 'big.xlsx');
    expect(read.problems.map(formatProblem)).toEqual([
      `big.xlsx:Data!${XLSX_LIMITS.maxRows + 1}:${XLSX_LIMITS.maxRows + 1}: the sheet has more than 200,000 rows holding values, the most cci reads from one sheet; the rest was not read: split the file by day`,
    ]);
  }, 60_000);

  it('refuses a zip bomb by its declared size before unzipping it, and by its real size when the size lies', async () => {
    const limits = { ...XLSX_LIMITS, maxPartBytes: 1024 * 1024 };
    const padding = ' '.repeat(8 * 1024 * 1024); // 8 MiB of blanks: a few kB compressed
    const bomb = workbookOf(`<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>${padding}`);
    expect(bomb.length).toBeLessThan(100_000);
    expect((await readWorkbook(bomb, 'bomb.xlsx', limits)).problems[0]!.message).toMatch(
      /part xl\/worksheets\/sheet1\.xml is over 1.0 MiB once unzipped/,
    );
    // the same archive declaring 100 bytes for the sheet: stopped once more bytes than declared come out
    const lying = Buffer.from(bomb);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let i = lying.indexOf(name); i !== -1; i = lying.indexOf(name, i + 1)) {
      const local = lying.readUInt32LE(i - 30) === 0x04034b50;
      if (local) lying.writeUInt32LE(100, i - 30 + 22);
      else if (lying.readUInt32LE(i - 46) === 0x02014b50) lying.writeUInt32LE(100, i - 46 + 24);
    }
    const read = await readWorkbook(lying, 'bomb.xlsx', limits);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]!.message).toMatch(
      /the workbook is damaged: part xl\/worksheets\/sheet1\.xml does not unzip to the 100 bytes its archive entry declares/,
    );
  });

  it('refuses a value beyond the last column it reads, once, and keeps the rest of the row', async () => {
    const read = await readWorkbook(
      workbookOf(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row>',
      ),
      'w.xlsx',
    );
    expect(read.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^w\.xlsx:Data!XFD1: a value lies beyond column SF/),
    ]);
    expect(read.sheets[0]!.rows[0]!.cells).toEqual([{ column: 1, text: 'id' }]);
  });

  it('reads inline strings, rich text without phonetic runs, booleans and cells without a reference', async () => {
    const read = await readWorkbook(
      workbookOf(
        '<row><c t="inlineStr"><is><r><t>Rixe </t></r><r><t>au stade</t></r><rPh><t>ふりがな</t></rPh></is></c><c t="b"><v>1</v></c><c><v>0.30000000000000004</v></c><c t="str"><f>A1</f><v></v></c></row>',
      ),
      'w.xlsx',
    );
    expect(read.problems).toEqual([]);
    expect(read.sheets[0]!.rows).toEqual([
      {
        row: 1,
        cells: [
          { column: 1, text: 'Rixe au stade' },
          { column: 2, text: 'true' },
          { column: 3, text: '0.3' },
        ],
      },
    ]);
  });
});

describe('Excel serial dates', () => {
  it('are the wall-clock date and time they show, to the second, for any time of the years of events', () => {
    const dt = { date: true, time: true };
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 2, 1), max: Date.UTC(2199, 11, 31, 23, 59, 59) }), (ms) => {
        const whole = Math.floor(ms / 1000) * 1000;
        const serial = (whole - Date.UTC(1899, 11, 30)) / 86_400_000;
        const iso = new Date(whole).toISOString();
        const expected = iso.slice(0, 10) + ' ' + iso.slice(11, iso.endsWith(':00.000Z') ? 16 : 19);
        expect(
          serialText(serial, dt, () => {
            throw new Error('refused');
          }),
        ).toBe(expected);
      }),
    );
  });

  it('are read as dates only when their format shows a date or a time', () => {
    expect(formatShows('dd/mm/yyyy hh:mm')).toEqual({ date: true, time: true });
    expect(formatShows('yyyy\\-mm\\-dd')).toEqual({ date: true, time: false });
    expect(formatShows('[$-40C]dddd d mmmm yyyy')).toEqual({ date: true, time: false });
    expect(formatShows('hh:mm')).toEqual({ date: false, time: true });
    expect(formatShows('[h]:mm:ss')).toEqual({ date: false, time: true });
    expect(formatShows('mm:ss')).toEqual({ date: false, time: true });
    expect(formatShows('0.00')).toBeUndefined();
    expect(formatShows('#,##0 "days"')).toBeUndefined();
    expect(formatShows('0.00E+00')).toBeUndefined();
    expect(formatShows('[Red]0')).toBeUndefined();
    expect(formatShows('General')).toBeUndefined();
    expect(formatShows('@')).toBeUndefined();
  });

  it('show numbers without floating-point noise', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(1200)).toBe('1200');
    expect(numberText(12.5)).toBe('12.5');
  });
});

describe('the tally cache with workbooks', () => {
  it('counts an incident workbook of an earlier day from the cache, and still places a duplicate id at its sheet and cell', async () => {
    const data = join(work, 'tally-data');
    const cache = join(work, 'tally-cache');
    await cp(BASIC, data, { recursive: true });
    await rm(join(data, '2024-08-05', 'incidents-pp.csv'));
    await cp(join(XLSX, 'basic', '2024-08-05', 'incidents-pp.xlsx'), join(data, '2024-08-05', 'incidents-pp.xlsx'));
    for (const d of ['2024-08-07', '2024-08-08']) await mkdir(join(data, d));
    const audience: Audience = { kind: 'national' };
    const build = async (cacheDir?: string) => {
      const ds = await loadBriefingData(data, ['2024-08-08'], { cacheDir });
      return buildBriefing(ds, { division: 'securite', date: '2024-08-08', audience, draft: false }).model;
    };
    const uncached = await build();
    expect(await build(cache)).toEqual(uncached); // cold
    const file = (await readdir(cache)).find((name) => name.startsWith('tally-'));
    // the cache file: its format line, then one record per entry (key, MAC, file name, entry)
    const entries = [...readCacheRecords(await readFile(join(cache, file!))).values()].map((s) => ({
      file: s.file,
      ...(deserialize(s.payload) as { sheet?: string }),
    }));
    expect(entries).toContainEqual(
      expect.objectContaining({ file: '2024-08-05/incidents-pp.xlsx', sheet: 'incidents-pp' }),
    );
    expect(await build(cache)).toEqual(uncached); // warm
    expect(uncached.cumulative.incidents).toBeGreaterThan(0);
    await writeFile(
      join(data, '2024-08-07', 'incidents.csv'),
      'id,time,category,departement,summary_fr\nPP-001,2024-08-07 10:00,other,75,Doublon\n',
    );
    await expect(build(cache)).rejects.toThrow(
      /2024-08-07\/incidents\.csv:2:1: this id is already used at 2024-08-05\/incidents-pp\.xlsx:'incidents-pp'!A2;/,
    );
  });

  it("reads an earlier day's incident workbook in full when the late reports need its records, the cache warm or not", async () => {
    const data = join(work, 'late-data');
    const cache = join(work, 'late-cache');
    await cp(BASIC, data, { recursive: true });
    await rm(join(data, '2024-08-05', 'incidents-pp.csv'));
    await cp(join(XLSX, 'basic', '2024-08-05', 'incidents-pp.xlsx'), join(data, '2024-08-05', 'incidents-pp.xlsx'));
    for (const d of ['2024-08-07', '2024-08-08']) await mkdir(join(data, d));
    // the late reports compare from 5 August and no file is settled (none was issued unchanged)
    const late = { fromDay: '2024-08-05', settled: () => false };
    const fromWorkbook = async (cacheDir?: string) =>
      (await loadBriefingData(data, ['2024-08-08'], { cacheDir, late })).incidents
        .filter((r) => r.source.file === '2024-08-05/incidents-pp.xlsx')
        .map((r) => r.id);
    const all = await fromWorkbook();
    expect(all.length).toBeGreaterThan(0);
    expect(await fromWorkbook(cache)).toEqual(all); // cold: read and cached
    expect(await fromWorkbook(cache)).toEqual(all); // warm: the cache's count alone would lose them
    // without the late reports, the same warm cache only counts it
    const counted = await loadBriefingData(data, ['2024-08-08'], { cacheDir: cache });
    expect(counted.incidents.some((r) => r.source.file === '2024-08-05/incidents-pp.xlsx')).toBe(false);
  });
});
