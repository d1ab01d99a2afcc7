import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, formatProblem } from '../../src/errors.js';
import { checkFolder, classifyDayFile, loadDataset, validateFolder } from '../../src/data/index.js';
import { fixture, lines } from './helpers.js';

const problemsOf = async (p: Promise<unknown>): Promise<string[]> => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof DataError)) throw new Error(`expected a DataError, got ${String(e)}`);
  return e.problems.map(formatProblem);
};

describe('loadDataset', () => {
  it('loads a valid data folder with CSV and YAML files, markings and day.yaml', async () => {
    const ds = await loadDataset(fixture('basic'));
    expect(ds.availableDates).toEqual(['2024-08-05', '2024-08-06']);
    expect(ds.loadedDates).toEqual(['2024-08-05', '2024-08-06']);
    expect(ds.incidents.map((i) => i.id)).toEqual([
      'GN-001',
      'GN-002',
      'PP-001',
      'PP-002',
      'PP-003',
      'PP-004',
      'PP-101',
    ]);
    const byId = new Map(ds.incidents.map((i) => [i.id, i]));
    expect(byId.get('GN-001')).toMatchObject({
      tlp: 'RED',
      arrests: 1234,
      nationalities: ['GBR', 'FRA'],
      specialFrance: true,
      category: 'intrusion',
    });
    expect(byId.get('PP-001')).toMatchObject({
      tlp: 'GREEN',
      venue: 'stade-de-france',
      area: '93',
      grading: 'B2',
      gamesImpact: true,
    });
    expect(byId.get('PP-003')).toMatchObject({
      tlp: 'AMBER+STRICT',
      status: 'draft',
      time: new Date('2024-08-05T21:05:00Z'),
    });
    expect(byId.get('PP-004')).toMatchObject({
      tlp: 'CLEAR',
      exclude: ['RUS'],
      time: new Date('2024-08-05T16:00:00Z'),
    });
    expect(ds.deployments.map((d) => d.count)).toEqual([12500, 8000, 1000]);
    expect(ds.assessments).toHaveLength(1);
    expect(ds.agenda.map((a) => a.id)).toEqual(['AGD-001', 'AGD-002']);
    const day = ds.days.get('2024-08-05');
    expect(day?.threatLevel).toBe('urgence_attentat');
    expect(day?.keyMessages.map((m) => [m.division, m.text, m.tlp, m.specialFrance])).toEqual([
      ['securite', { fr: 'Situation calme.', en: 'Situation calm.' }, 'AMBER', false],
      ['securite', { fr: 'Message national.' }, 'AMBER+STRICT', true],
      ['renseignement', { en: 'Threat remains high.' }, 'AMBER', false],
    ]);
    expect(day?.keyMessages[2]?.source).toEqual({ file: '2024-08-05/day.yaml', line: 10 });
  });

  it('loads only the dates asked for and skips dates that have no folder', async () => {
    const ds = await loadDataset(fixture('basic'), { dates: ['2024-08-06', '2024-08-07'] });
    expect(ds.loadedDates).toEqual(['2024-08-06']);
    expect(ds.availableDates).toEqual(['2024-08-05', '2024-08-06']);
    expect(ds.incidents.map((i) => i.id)).toEqual(['PP-101']);
    const none = await loadDataset(fixture('basic'), { dates: [] });
    expect(none.incidents).toEqual([]);
    expect(none.availableDates).toHaveLength(2);
  });

  it('reads a Windows-1252 semicolon CSV written by French Excel', async () => {
    const ds = await loadDataset(fixture('cp1252-semicolon'));
    expect(ds.incidents.map((i) => [i.id, i.summary.fr, i.arrests, i.gamesImpact, i.nationalities])).toEqual([
      ['XL-001', 'Vol d’un sac à 5 € près du Cœur de Paris', 1234, true, ['DEU', 'FRA']],
      ['XL-002', 'Agression; victime « légère »', 0, false, []],
    ]);
    expect(ds.incidents[0]?.time.toISOString()).toBe('2024-08-05T12:10:00.000Z');
    expect(ds.incidents[1]?.source.line).toBe(3);
  });

  it('reads a UTF-8 CSV with a BOM and counts grouped with the three kinds of space', async () => {
    const ds = await loadDataset(fixture('utf8-bom'));
    expect(ds.deployments.map((d) => [d.force, d.count])).toEqual([
      ['police', 12500],
      ['gendarmerie', 8000],
      ['military', 1000],
      ['private_security', 42],
    ]);
  });

  it('refuses the spring-forward gap, naming file and line, and keeps Tahiti times', async () => {
    expect(await problemsOf(loadDataset(fixture('dst-spring')))).toEqual([
      '2024-03-31/incidents.csv:3:2: time 2024-03-31 02:30 does not exist in Europe/Paris (the clocks skip that hour when they go forward); check the time, or write it with its UTC offset',
    ]);
    const problems = await validateFolder(fixture('dst-spring'));
    expect(problems).toHaveLength(1);
  });

  it('refuses the autumn overlap, naming file and line', async () => {
    expect(await problemsOf(loadDataset(fixture('dst-autumn')))).toEqual([
      '2024-10-27/incidents.yaml:7:9: time 2024-10-27 02:30 happens twice in Europe/Paris (the clocks go back that night); write it with its UTC offset: 2024-10-27T02:30+02:00 for the first or 2024-10-27T02:30+01:00 for the second',
    ]);
  });

  it('reports duplicate ids across files, days and record types, naming both places', async () => {
    expect(await problemsOf(loadDataset(fixture('duplicate-ids')))).toEqual([
      '2024-08-05/incidents-b.yaml:1:7: id "D-2" is already used at 2024-08-05/incidents-a.csv:3:1; ids must be unique across the whole data folder',
      '2024-08-06/agenda.yaml:1:7: id "D-1" is already used at 2024-08-05/incidents-a.csv:2:1; ids must be unique across the whole data folder',
    ]);
  });

  it('reports every problem of every file in one run', async () => {
    const problems = await problemsOf(loadDataset(fixture('bad-fields')));
    const files = new Set(problems.map((p) => p.split(':')[0]));
    expect([...files].sort()).toEqual([
      '2024-08-05/agenda.yaml',
      '2024-08-05/assessments.yaml',
      '2024-08-05/day.yaml',
      '2024-08-05/deployments.csv',
      '2024-08-05/incidents-gn.yaml',
      '2024-08-05/incidents.csv',
    ]);
    // one problem per bad row of incidents.csv plus the misspelt column
    expect(problems.filter((p) => p.startsWith('2024-08-05/incidents.csv'))).toHaveLength(19);
    expect(problems).toContain(
      '2024-08-05/incidents.csv:7:5: venue "stade-de-frnace" is not a venue of event.yaml; did you mean "stade-de-france"?',
    );
    expect(problems).toContain(
      '2024-08-05/incidents-gn.yaml:5:3: unknown field "sumary_fr"; did you mean "summary_fr"?',
    );
    expect(problems).toContain(
      '2024-08-05/day.yaml:5:3: key_messages: "logistique" is not a division of event.yaml; expected one of renseignement, securite',
    );
    expect(problems).toContain(
      '2024-08-05/day.yaml:1:15: threat_level "urgence" is not known; expected one of vigilance, securite_renforcee, urgence_attentat',
    );
    expect(await validateFolder(fixture('bad-fields'))).toHaveLength(problems.length);
  });

  it('survives hostile YAML: alias bomb, __proto__ key, malformed text, duplicate key, a mapping instead of a list', async () => {
    const t0 = Date.now();
    const problems = await problemsOf(loadDataset(fixture('yaml-hostile')));
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(problems).toEqual([
      '2024-08-05/agenda.yaml:1:1: expected a list of records (each starting with "- "), found a mapping',
      '2024-08-05/incidents-bomb.yaml:6:7: YAML aliases (*name) expand to more than 100,000 values in this file; refused to expand them (an alias bomb?): write the values out, or share fewer and shorter lists',
      '2024-08-05/incidents-broken.yaml:4:3: YAML syntax: the indentation is wrong here: a list in [ ] or fields in { } must be indented more than their field and be closed with their ] or }',
      '2024-08-05/incidents-dupkey.yaml:4:3: YAML syntax: the key "category" is written twice in the same block: keep one (YAML would not say which one counts)',
      expect.stringMatching(/^2024-08-05\/incidents-proto\.yaml:6:3: unknown field "__proto__"/),
      expect.stringMatching(/^2024-08-05\/incidents-proto\.yaml:12:3: unknown field "constructor"/),
    ]);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports an unclosed CSV quote and still checks the other files', async () => {
    expect(await problemsOf(loadDataset(fixture('csv-unclosed')))).toEqual([
      '2024-08-05/incidents-other.csv:2:6: value "extra" is in column 6, which has no name in the header (5 named columns); check the commas',
      expect.stringMatching(
        /^2024-08-05\/incidents-other\.csv:3:3: category "thef" is not known; .*did you mean "theft"\?$/,
      ),
      '2024-08-05/incidents.csv:3: a quoted value starts on this line and its closing quote (") is missing; the rest of the file could not be read',
    ]);
  });

  it('reports event.yaml problems together with record problems', async () => {
    const problems = await problemsOf(loadDataset(fixture('bad-event')));
    expect(problems[0]).toMatch(/^event\.yaml:4:13: timezone "Europe\/Pariss"/); // event.yaml first, in reading order
    expect(problems).toContainEqual(expect.stringMatching(/^event\.yaml:7:3: unknown field "sponsor"/));
    expect(problems.length).toBeGreaterThan(10);
  });

  it('says what was looked for when the data folder or event.yaml is missing', async () => {
    expect(await problemsOf(loadDataset(fixture('nowhere')))).toEqual([
      expect.stringMatching(/nowhere: the data folder .*nowhere does not exist or is not a folder/),
    ]);
    expect(await problemsOf(loadDataset(fixture('no-event')))).toEqual([
      expect.stringMatching(/^event\.yaml: event\.yaml is missing: looked for /),
    ]);
  });
});

describe('validateFolder', () => {
  it('finds nothing wrong in a valid folder', async () => {
    expect(await validateFolder(fixture('basic'))).toEqual([]);
  });

  it('warns about misnamed files, folders that are not dates and files out of place, and reports unknown venues', async () => {
    expect(lines(await validateFolder(fixture('bad-layout')))).toEqual([
      '2024-02-30/: warning: folder name is not a real date: day 30 does not exist in 2024-02; its files are not read',
      '2024-8-6/: warning: folder name is not a date, so its files are not read; day folders are named YYYY-MM-DD, e.g. 2024-08-05',
      'archive/: warning: folder name is not a date, so its files are not read; day folders are named YYYY-MM-DD, e.g. 2024-08-05',
      'incidents.csv: warning: a data file at the top of the data folder is not read; it belongs in a day folder (YYYY-MM-DD/)',
      '2024-08-05/incidents.xls: warning: spreadsheet files of this kind are not read; save it as an Excel workbook (.xlsx) or as CSV (comma or semicolon, UTF-8 or Windows-1252), with a name such as incidents-pp.xlsx or incidents-pp.csv',
      '2024-08-05/incidnets.csv: warning: file name is not one the tool reads, so it is ignored; expected incidents*, deployments*, assessments*, agenda* (.csv, .xlsx, .yaml or .yml) or day.yaml; did you mean "incidents.csv"?',
      '2024-08-05/notes.txt: warning: file name is not one the tool reads, so it is ignored; expected incidents*, deployments*, assessments*, agenda* (.csv, .xlsx, .yaml or .yml) or day.yaml',
      '2024-08-05/incidents.csv:2:4: venue "stade-de-frnace" is not a venue of event.yaml; did you mean "stade-de-france"?',
    ]);
  });

  it('returns the missing event.yaml as a problem rather than throwing', async () => {
    const problems = await validateFolder(fixture('no-event'));
    expect(problems.map((p) => p.file)).toEqual(['event.yaml']);
  });
});

describe('classifyDayFile', () => {
  it('recognises the kinds of file a day folder holds, in any case, and ignores editor leftovers', () => {
    expect(classifyDayFile('incidents-pp.csv')).toEqual({ kind: 'incidents', format: 'csv' });
    expect(classifyDayFile('Incidents_GN.YML')).toEqual({ kind: 'incidents', format: 'yaml' });
    expect(classifyDayFile('deployments.yaml')).toEqual({ kind: 'deployments', format: 'yaml' });
    expect(classifyDayFile('assessments-dgsi.csv')).toEqual({ kind: 'assessments', format: 'csv' });
    expect(classifyDayFile('agenda.csv')).toEqual({ kind: 'agenda', format: 'csv' });
    expect(classifyDayFile('incidents-pp.xlsx')).toEqual({ kind: 'incidents', format: 'xlsx' });
    expect(classifyDayFile('Deployments.XLSX')).toEqual({ kind: 'deployments', format: 'xlsx' });
    expect(classifyDayFile('incidents-pp.xlsm')).toMatchObject({
      kind: 'unknown',
      message: expect.stringContaining('Excel workbook (.xlsx)'),
    });
    expect(classifyDayFile('day.yaml')).toEqual({ kind: 'day', format: 'yaml' });
    expect(classifyDayFile('.DS_Store')).toEqual({ kind: 'ignored' });
    expect(classifyDayFile('~$incidents.xlsx')).toEqual({ kind: 'ignored' });
    expect(classifyDayFile('deploymnets-gn.csv')).toMatchObject({
      kind: 'unknown',
      message: expect.stringContaining('did you mean "deployments-gn.csv"?'),
    });
    expect(classifyDayFile('incidents.txt')).toMatchObject({
      kind: 'unknown',
      message: expect.stringContaining('did you mean "incidents.csv"?'),
    });
  });

  it('says a backup copy is left alone, and never suggests a name such as "incidents-lapd.csv.csv"', () => {
    for (const name of [
      'incidents-lapd.csv.bak',
      'incidents.yaml.bak',
      'incidents.csv~',
      'agenda.csv.old',
      'deployments.orig',
      'incidents.yaml.swp',
    ]) {
      const c = classifyDayFile(name);
      expect(c, name).toMatchObject({ kind: 'unknown', message: expect.stringContaining('backup or temporary copy') });
      expect((c as { message: string }).message, name).not.toContain('did you mean');
    }
    expect((classifyDayFile('incidents.csv.txt') as { message: string }).message).not.toMatch(
      /\.csv\.csv|did you mean/,
    );
    expect(classifyDayFile('notes.txt')).toMatchObject({
      kind: 'unknown',
      message: expect.not.stringContaining('did you mean'),
    });
  });
});

describe('a large data folder', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cci-data-big-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads 14 days × 2,000 CSV incidents with their lists, places and markings', async () => {
    writeFileSync(
      path.join(dir, 'event.yaml'),
      `event: { id: big, name_en: Big, timezone: Europe/Paris, opens: 2024-07-22, closes: 2024-09-08 }\ndivisions: { securite: { time: "11:30", title_en: Security } }\nvenues: [{ id: v1, name: V1, departement: "93" }]\nareas: { field: departement, codes: fr-departements }\n`,
    );
    let n = 0;
    for (let d = 0; d < 14; d++) {
      const date = `2024-08-${String(d + 1).padStart(2, '0')}`;
      mkdirSync(path.join(dir, date));
      const rows = [
        'id;time;category;severity;venue;departement;summary_fr;summary_en;arrests;custody;nationalities;games_impact;tlp',
      ];
      for (let i = 0; i < 2000; i++) {
        n++;
        const t = `${date} ${String(Math.floor(i / 84)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
        rows.push(
          `I-${n};${t};theft;high;${i % 2 ? 'v1' : ''};${i % 2 ? '' : '75'};"Vol; n° ${n}";Theft ${n};${i % 5};${i % 3};DEU|BRA;oui;GREEN`,
        );
      }
      writeFileSync(path.join(dir, date, 'incidents.csv'), rows.join('\r\n'));
    }
    // Speed is measured by npm run bench; this checks that large files load whole and right.
    const ds = await loadDataset(dir);
    expect(ds.incidents).toHaveLength(28_000);
    const last = ds.incidents.at(-1)!;
    expect(last).toMatchObject({
      id: 'I-28000',
      area: '93',
      venue: 'v1',
      nationalities: ['DEU', 'BRA'],
      gamesImpact: true,
      tlp: 'GREEN',
    });
    expect(last.summary.fr).toBe('Vol; n° 28000');
  });
});

describe('a file with a great many warnings or problems', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cci-data-many-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ROWS = 150_000;
  const event = `event: { id: many, name_en: Many, timezone: Europe/Paris, opens: 2024-07-22, closes: 2024-09-08 }\ndivisions: { securite: { time: "11:30", title_en: Security } }\nareas: { field: departement, codes: fr-departements }\n`;
  /** A data folder whose one day holds an incidents CSV of ROWS rows, each made by `row`. */
  const folder = (name: string, row: (i: number) => string): string => {
    const data = path.join(dir, name);
    mkdirSync(path.join(data, '2024-08-05'), { recursive: true });
    writeFileSync(path.join(data, 'event.yaml'), event);
    const rows = ['id,time,category,departement,summary_fr'];
    for (let i = 0; i < ROWS; i++) rows.push(row(i));
    writeFileSync(path.join(data, '2024-08-05', 'incidents-export.csv'), `${rows.join('\n')}\n`);
    return data;
  };

  it('gives every warning of 150,000 valid records dated far from their folder, never a stack overflow', async () => {
    const data = folder('far', (i) => `X${i},2024-08-15 10:00,theft,75,s`);
    const checked = await checkFolder(data);
    expect(checked.problems).toEqual([]);
    expect(checked.warnings).toHaveLength(ROWS);
    let warned = 0;
    const ds = await loadDataset(data, { onWarning: () => warned++ });
    expect(ds.incidents).toHaveLength(ROWS);
    expect(warned).toBe(ROWS);
  }, 60_000);

  it('gives every problem of 150,000 rows with a column too many, never a stack overflow', async () => {
    const data = folder('extra', (i) => `Y${i},2024-08-05 10:00,theft,75,s,extra`);
    const problems = await validateFolder(data);
    expect(problems.length).toBeGreaterThanOrEqual(ROWS);
    expect(problems.map(formatProblem).filter((p) => /stack|could not be read/.test(p))).toEqual([]);
    expect(new DataError(problems).message).toMatch(/more problems of the same kind/);
  }, 60_000);
});

describe('day-named entries that are not day folders', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  /** A copy of fixtures/basic (days 2024-08-05 and 2024-08-06) in a new folder. */
  const copyBasic = (): { dir: string; data: string } => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cci-day-links-'));
    made.push(dir);
    const data = path.join(dir, 'data');
    cpSync(fixture('basic'), data, { recursive: true });
    return { dir, data };
  };

  it('says a day folder linked to nowhere, or to itself, and a briefing that reads that day stops on it', async () => {
    const { dir, data } = copyBasic();
    renameSync(path.join(data, '2024-08-05'), path.join(dir, 'moved-away'));
    symlinkSync(path.join(dir, 'not-mounted'), path.join(data, '2024-08-05')); // a share not mounted
    symlinkSync('2024-08-07', path.join(data, '2024-08-07')); // a loop
    const problems = lines(await validateFolder(data));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2024-08-05\/: is a symbolic link to a folder that does not exist .*cannot be read/),
        expect.stringMatching(/^2024-08-07\/: is a symbolic link that leads back to itself \(a loop\)/),
      ]),
    );
    // a briefing of the next day reads 2024-08-05 for its running totals: it stops, never counts without it
    const next = await problemsOf(loadDataset(data, { dates: ['2024-08-06'] }));
    expect(next).toEqual(expect.arrayContaining([expect.stringMatching(/^2024-08-05\/: .*does not exist/)]));
    expect(next).toEqual(expect.arrayContaining([expect.stringMatching(/^2024-08-07\/: .*loop/)]));
    // days read before them are not concerned
    const before = await loadDataset(data, { dates: ['2024-08-01'] }).then(() => 'loaded');
    expect(before).toBe('loaded');
  });

  it('says a file, a named pipe, or a link to a file under a day name, and a day linked out of the data folder', async () => {
    const { dir, data } = copyBasic();
    writeFileSync(path.join(data, '2024-08-07'), 'not a folder\n');
    expect(spawnSync('mkfifo', [path.join(data, '2024-08-08')]).status).toBe(0);
    writeFileSync(path.join(data, 'notes.txt'), 'x\n');
    symlinkSync('notes.txt', path.join(data, '2024-08-09'));
    mkdirSync(path.join(dir, 'elsewhere'));
    symlinkSync(path.join(dir, 'elsewhere'), path.join(data, '2024-08-10'));
    expect(lines(await validateFolder(data))).toEqual(
      expect.arrayContaining([
        "2024-08-07: is named as a day but is a file, not a folder, so no record of that day can be read; a day's files go in a folder named YYYY-MM-DD",
        "2024-08-08: is named as a day but is a named pipe (FIFO), not a folder, so no record of that day can be read; a day's files go in a folder named YYYY-MM-DD",
        "2024-08-09/: is a symbolic link to a file, not to a folder, so no record of that day can be read; a day's files go in a folder named YYYY-MM-DD",
        expect.stringMatching(
          /^2024-08-10\/: is a symbolic link to a folder outside the data folder; .*running totals/,
        ),
      ]),
    );
    const problems = await problemsOf(loadDataset(data, { dates: ['2024-08-10'] }));
    expect(problems.filter((p) => /^2024-08-(07|08|09|10)\b/.test(p))).toHaveLength(4);
  });
});
