// The exchange formats from the command line: workbooks in, STIX bundles and figure tables out.

import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAMAGES, editWorkbook } from '../data/xlsx-damage.js';
import { cci, copyFixture, ROOT, tempDir } from './helpers.js';

describe('cci brief --format stix,csv', () => {
  it('writes one bundle and one figure table per partner for country:all, named like the other files, and lists them', async () => {
    const data = await copyFixture('basic');
    const out = await tempDir();
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--format',
      'stix,csv',
      '--audience',
      'country:all',
      '--data',
      data,
      '--out',
      out,
    ]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const partners = ['BRA', 'DEU', 'FRA', 'GBR', 'NOR', 'USA'];
    const expected = partners.flatMap((c) => [
      `cci-2024-08-05-securite-country-${c}.stix.json`,
      `cci-2024-08-05-securite-country-${c}.csv`,
    ]);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.slice(out.length + 1))
        .sort(),
    ).toEqual(expected.sort());
    expect((await readdir(out)).filter((n) => !n.startsWith('.')).sort()).toEqual(expected.sort());
    for (const c of partners) {
      const bundle = JSON.parse(
        await readFile(join(out, `cci-2024-08-05-securite-country-${c}.stix.json`), 'utf8'),
      ) as { objects: { type: string; labels?: string[] }[] };
      expect(bundle.objects[0]!.labels).toContain(`audience:country:${c}`);
    }
  });

  it('writes, for every division of an event outside France, bundles placed in its host country and only the tables each division shows', async () => {
    const out = await tempDir();
    const r = await cci([
      'brief',
      '--division',
      'all',
      '--date',
      '2028-07-21',
      '--format',
      'stix,csv',
      '--audience',
      'national',
      '--data',
      join(ROOT, 'fixtures', 'la-2028'),
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const names = ['intelligence', 'security', 'cyber'].flatMap((d) => [
      `cci-2028-07-21-${d}-national.stix.json`,
      `cci-2028-07-21-${d}-national.csv`,
    ]);
    expect((await readdir(out)).filter((n) => !n.startsWith('.')).sort()).toEqual(names.sort());
    const bundle = JSON.parse(await readFile(join(out, 'cci-2028-07-21-security-national.stix.json'), 'utf8')) as {
      objects: { type: string; country?: string }[];
    };
    const places = bundle.objects.filter((o) => o.type === 'location');
    expect(places.length).toBeGreaterThan(0);
    for (const p of places) expect(p.country).toBe('US');
    const tables = (text: string) => [
      ...new Set(
        text
          .split('\r\n')
          .slice(1, -1)
          .map((l) => l.split(',')[0]),
      ),
    ];
    expect(tables(await readFile(join(out, 'cci-2028-07-21-security-national.csv'), 'utf8'))).toEqual([
      'key_figures',
      'by_category',
      'by_area',
      'nationals_by_country',
      'trend',
    ]);
    // the cyber division shows no list by county, but its map: the same counts
    expect(tables(await readFile(join(out, 'cci-2028-07-21-cyber-national.csv'), 'utf8'))).toEqual([
      'key_figures',
      'by_category',
      'by_area',
      'trend',
    ]);
  });

  it('refuses an unknown format before reading anything, naming the formats it knows', async () => {
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--format',
      'stix,xml',
      '--data',
      join(ROOT, 'fixtures', 'basic'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format "xml" is not known; expected html, pdf, json, stix or csv/);
  });
});

describe('a workbook in the data folder', () => {
  it('is read by cci brief like the CSV it was made from', async () => {
    const data = await copyFixture('basic');
    const out = await tempDir();
    const csvOut = await tempDir();
    await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--format',
      'json,csv',
      '--audience',
      'national',
      '--data',
      data,
      '--out',
      csvOut,
    ]);
    await rm(join(data, '2024-08-05', 'incidents-pp.csv'));
    await cp(
      join(ROOT, 'fixtures', 'xlsx', 'basic', '2024-08-05', 'incidents-pp.xlsx'),
      join(data, '2024-08-05', 'incidents-pp.xlsx'),
    );
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--format',
      'json,csv',
      '--audience',
      'national',
      '--data',
      data,
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    for (const name of ['cci-2024-08-05-securite-national.json', 'cci-2024-08-05-securite-national.csv']) {
      expect(await readFile(join(out, name), 'utf8')).toBe(await readFile(join(csvOut, name), 'utf8'));
    }
  });

  it('dated far from its folder is warned about by cci validate at its sheet and row, as its problems are', async () => {
    const data = await copyFixture('basic');
    await mkdir(join(data, '2024-08-09'));
    for (const f of ['incidents-pp.xlsx', 'deployments.xlsx']) {
      await cp(join(ROOT, 'fixtures', 'xlsx', 'basic', '2024-08-05', f), join(data, '2024-08-09', f));
    }
    await rm(join(data, '2024-08-05', 'incidents-pp.csv')); // the same records as the workbook: its ids once only
    const v = await cci(['validate', '--data', data]);
    expect(v.code, v.stderr).toBe(0);
    const out = v.stdout + v.stderr;
    expect(out).toContain(
      "2024-08-09/incidents-pp.xlsx:'incidents-pp'!2:2: warning: PP-001 is timed 2024-08-05, 4 days before its folder 2024-08-09",
    );
    expect(out).toContain(
      '2024-08-09/deployments.xlsx:deployments!2:2: warning: the figure is dated 2024-08-05, 4 days away from its folder 2024-08-09',
    );
    // and by the brief that reads the file, so that a scheduled run's log says it too
    const b = await cci([
      'brief',
      '-d',
      'securite',
      '--date',
      '2024-08-09',
      '--data',
      data,
      '--out',
      await tempDir(),
      '-f',
      'json',
    ]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toContain(
      "2024-08-09/incidents-pp.xlsx:'incidents-pp'!2:2: warning: PP-001 is timed 2024-08-05, 4 days before its folder 2024-08-09",
    );
  });

  it('with a bad cell fails cci brief with the sheet and cell, exit 3, and writes nothing', async () => {
    const data = await copyFixture('basic');
    const out = await tempDir();
    await cp(join(ROOT, 'fixtures', 'xlsx', 'bad-cells.xlsx'), join(data, '2024-08-05', 'incidents-bad.xlsx'));
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--format',
      'html,json,stix,csv',
      '--data',
      data,
      '--out',
      out,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      '2024-08-05/incidents-bad.xlsx:Feuille1!I4: the cell holds the error #DIV/0! (=1/0); expected a value',
    );
    expect(r.stdout).toBe('');
    expect((await readdir(out)).filter((n) => !n.startsWith('.'))).toEqual([]);
    const v = await cci(['validate', '--data', data]);
    expect(v.code).toBe(3);
    expect(v.stdout).toContain(
      '2024-08-05/incidents-bad.xlsx:Feuille1!J5: the cell holds the formula =2+2 whose value was never saved',
    );
  });

  it('damaged (a part deleted, no sheet, a dangling relationship, a row stored twice, a style or shared text missing) fails cci brief at its place, exit 3, and writes nothing', async () => {
    const picked = [
      'its sheet part deleted',
      'a <sheets> list with no sheet',
      'its sheet pointing at a relationship',
      'a row stored twice',
      'its styles and their relationship deleted',
      'a shared text number past',
    ];
    for (const prefix of picked) {
      const damage = DAMAGES.find((d) => d.name.startsWith(prefix))!;
      const data = await copyFixture('basic');
      const out = await tempDir();
      await rm(join(data, '2024-08-05', 'incidents-pp.csv'));
      await writeFile(join(data, '2024-08-05', 'incidents-pp.xlsx'), editWorkbook(damage.edit));
      const r = await cci([
        'brief',
        '--division',
        'securite',
        '--date',
        '2024-08-05',
        '--format',
        'html,json,stix,csv',
        '--data',
        data,
        '--out',
        out,
      ]);
      expect(r.code, damage.name).toBe(3);
      expect(r.stderr, damage.name).toContain(`2024-08-05/${damage.first}`);
      expect(r.stdout).toBe('');
      expect(
        (await readdir(out)).filter((n) => !n.startsWith('.')),
        damage.name,
      ).toEqual([]);
    }
  }, 120_000);

  it('whose sheet part was deleted fails cci validate, not "no problem found"', async () => {
    const data = await copyFixture('basic');
    await rm(join(data, '2024-08-05', 'incidents-pp.csv'));
    await writeFile(join(data, '2024-08-05', 'incidents-pp.xlsx'), editWorkbook(DAMAGES[0]!.edit));
    const v = await cci(['validate', '--data', data]);
    expect(v.code).toBe(3);
    expect(v.stdout).toContain(`2024-08-05/${DAMAGES[0]!.first}`);
  });
});
