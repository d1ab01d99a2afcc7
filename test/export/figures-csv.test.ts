// Figure tables: read back with a real CSV parser, they hold exactly the JSON model's figures,
// and no cell can run as a formula.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import type { BriefingModel } from '../../src/aggregate/model.js';
import type { Audience } from '../../src/audience/audience.js';
import { loadBriefingData } from '../../src/pipeline/load.js';
import { csvCell, FIGURE_COLUMNS, figuresCsv } from '../../src/export/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cci-csv-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

type Row = Record<(typeof FIGURE_COLUMNS)[number], string>;
const read = (csv: string): Row[] => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.includes('\r\n')).toBe(true);
  return parse(csv.slice(1), { columns: true }) as Row[];
};
const sum = (rows: Row[], table: string, measure = 'incidents') =>
  rows
    .filter((r) => r.table === table && r.measure === measure && r.period === 'window')
    .reduce((s, r) => s + Number(r.value), 0);

describe('the figure tables', () => {
  it('write no trend row for a day before the opening: not applicable, never a zero', async () => {
    const data = await loadBriefingData(join(ROOT, 'data'), ['2024-07-23']);
    const model = buildBriefing(data, {
      division: 'securite',
      date: '2024-07-23',
      audience: { kind: 'partners' },
      draft: false,
    }).model;
    expect(model.trend!.map((p) => p.applicable)).toEqual([false, false, false, false, false, true, true]);
    const trend = read(figuresCsv(model)).filter((r) => r.table === 'trend' && r.measure === 'incidents');
    expect(trend.map((r) => r.key)).toEqual(['2024-07-22', '2024-07-23']);
  });

  const AUDIENCES: Audience[] = [
    { kind: 'partners' },
    { kind: 'national' },
    { kind: 'country', country: 'DEU' },
    { kind: 'country', country: 'USA' },
  ];

  it('sum, for every audience, to the same figures as the JSON model of the same document', async () => {
    const data = await loadBriefingData(join(ROOT, 'data'), ['2024-08-05']);
    let checked = 0;
    for (const audience of AUDIENCES) {
      const model: BriefingModel = JSON.parse(
        JSON.stringify(buildBriefing(data, { division: 'securite', date: '2024-08-05', audience, draft: false }).model),
      ) as BriefingModel;
      const rows = read(figuresCsv(model));
      const key = (k: string, period: string) =>
        Number(rows.find((r) => r.table === 'key_figures' && r.key === k && r.period === period)!.value);
      expect(key('incidents', 'window')).toBe(model.figures.incidents);
      expect(key('incidents', 'previous_window')).toBe(model.previous.incidents);
      expect(key('incidents', 'since_opening')).toBe(model.cumulative.incidents);
      expect(key('games_impact', 'window')).toBe(model.figures.gamesImpact);
      expect(key('arrests', 'window')).toBe(model.figures.arrests);
      expect(key('custody', 'since_opening')).toBe(model.cumulative.custody);
      expect(key('forces', 'figures_day')).toBe(model.forces!.total);
      // One comparison for the forces, everywhere: the JSON's previous.forces is the section's previous total.
      expect(key('forces', 'previous_day')).toBe(model.previous.forces);
      expect(model.previous.forces).toBe(model.forces!.previousTotal);
      expect(sum(rows, 'by_category')).toBe(model.figures.incidents);
      expect(sum(rows, 'by_area')).toBe(model.figures.incidents);
      expect(sum(rows, 'nationals_by_country')).toBe(model.foreignNationals!.reduce((s, c) => s + c.count, 0));
      expect(sum(rows, 'nationals_by_country', 'arrests')).toBe(
        model.foreignNationals!.reduce((s, c) => s + c.arrests, 0),
      );
      const trend = rows.filter((r) => r.table === 'trend' && r.measure === 'incidents');
      expect(trend.map((r) => [r.key, Number(r.value)])).toEqual(model.trend!.map((p) => [p.date, p.incidents]));
      // the last trend day is the document's own window
      expect([trend.at(-1)!.window_start, trend.at(-1)!.window_end]).toEqual([model.window.start, model.window.end]);
      for (const r of rows) expect(r.marking).toBe(model.marking);
      expect(model.figures.incidents).toBeGreaterThan(0);
      checked++;
    }
    expect(checked).toBe(AUDIENCES.length);
  });

  it('hold only the tables of the sections a division shows, and the key figures of the records it covers', async () => {
    const data = await loadBriefingData(join(ROOT, 'fixtures', 'la-2028'), ['2028-07-21']);
    const tables = (division: string) => {
      const { model } = buildBriefing(data, {
        division,
        date: '2028-07-21',
        audience: { kind: 'national' },
        draft: false,
      });
      const rows = read(figuresCsv(model));
      expect(sum(rows, 'by_category')).toBe(model.byCategory ? model.figures.incidents : 0);
      return {
        model,
        rows,
        tables: [...new Set(rows.map((r) => r.table))],
        keys: [...new Set(rows.filter((r) => r.table === 'key_figures').map((r) => r.key))],
      };
    };
    const security = tables('security');
    expect(security.tables).toEqual(['key_figures', 'by_category', 'by_area', 'nationals_by_country', 'trend']);
    expect(security.keys).toEqual(['incidents', 'games_impact', 'arrests', 'custody', 'forces']);
    expect(sum(security.rows, 'by_area')).toBe(security.model.figures.incidents);
    expect(security.rows.filter((r) => r.table === 'by_area').map((r) => r.label_en)).toContain('Los Angeles County');
    // cyber: incidents and assessments, no forces or nationals section; its map's counts by area
    const cyber = tables('cyber');
    expect(cyber.model.sections).toContain('map');
    expect(cyber.tables).toEqual(['key_figures', 'by_category', 'by_area', 'trend']);
    expect(sum(cyber.rows, 'by_area')).toBe(cyber.model.figures.incidents);
    expect(cyber.keys).toEqual(['incidents', 'games_impact', 'arrests', 'custody']);
    // a model with none of its optional parts: the header alone
    const bare: BriefingModel = { ...cyber.model, keyFigures: [] };
    for (const part of ['byCategory', 'byArea', 'foreignNationals', 'trend', 'forces'] as const) delete bare[part];
    expect(figuresCsv(bare)).toBe(`\uFEFF${FIGURE_COLUMNS.join(',')}\r\n`);
  });

  it('write a label that a spreadsheet would run as a formula as text', async () => {
    const dir = join(work, 'hostile');
    await cp(join(ROOT, 'fixtures', 'basic'), dir, { recursive: true });
    const event = await readFile(join(dir, 'event.yaml'), 'utf8');
    await writeFile(
      join(dir, 'event.yaml'),
      event.replace(
        '  - { id: doping, label_fr: Dopage, label_en: Doping }',
        `  - { id: doping, label_fr: "=HYPERLINK(\\"http://x.invalid\\";\\"clic\\")", label_en: "@SUM(1+1)" }`,
      ),
    );
    await writeFile(
      join(dir, '2024-08-05', 'incidents-x.csv'),
      'id,time,category,departement,summary_fr\nX-1,2024-08-05 10:00,doping,75,a\n',
    );
    const data = await loadBriefingData(dir, ['2024-08-05']);
    const csv = figuresCsv(
      buildBriefing(data, { division: 'securite', date: '2024-08-05', audience: { kind: 'national' }, draft: true })
        .model,
    );
    const row = read(csv).find((r) => r.table === 'by_category' && r.key === 'doping')!;
    expect(row.label_fr).toBe(`'=HYPERLINK("http://x.invalid";"clic")`);
    expect(row.label_en).toBe("'@SUM(1+1)");
  });

  it('never start a text cell with a formula character, and read back as written', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => s !== ''),
        (s) => {
          const cell = csvCell(s);
          const back = (parse(`${cell}\n`, { relax_quotes: false }) as string[][])[0]?.[0] ?? '';
          expect(/^[=+\-@\t\r]/.test(back)).toBe(false);
          expect(back).toBe(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
        },
      ),
      { numRuns: 300 },
    );
  });
});
