// Input as people and programs really produce it, through the built command line (issue 12:
// cases/build utf16, shared-aliases, stray-files, kosovo, mixed-encoding, control-chars; and a
// 100,000-column header). fixtures/hostile-input holds the cases that must load; the others are
// made here from fixtures/e2e.

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawInSession } from '../preview/helpers.js';
import { BIN, cci, copyFixture, pdfText, readJson, ROOT, tempDir } from './helpers.js';
import { spawn } from 'node:child_process';

const HOSTILE = join(ROOT, 'fixtures', 'hostile-input');
const DAY = '2024-08-05';
const BRIEF = ['brief', '--division', 'securite', '--date', DAY];
// eslint-disable-next-line no-control-regex
const ESC = /\u001b/;

const cleanup: string[] = [];
afterAll(async () => {
  for (const d of cleanup) await rm(d, { recursive: true, force: true });
});

async function e2eCopy(): Promise<string> {
  const data = await copyFixture('e2e');
  cleanup.push(join(data, '..'));
  return data;
}

async function out(): Promise<string> {
  const dir = await tempDir();
  cleanup.push(dir);
  return dir;
}

describe('a data folder of real-world files (fixtures/hostile-input)', () => {
  let dir: string;
  let xk: Awaited<ReturnType<typeof cci>>;
  let xkx: Awaited<ReturnType<typeof cci>>;

  beforeAll(async () => {
    dir = await out();
    [xk, xkx] = await Promise.all([
      cci([...BRIEF, '--data', HOSTILE, '--out', join(dir, 'xk'), '--format', 'json,html', '--audience', 'country:XK']),
      cci([...BRIEF, '--data', HOSTILE, '--out', join(dir, 'xkx'), '--format', 'json', '--audience', 'country:xkx']),
    ]);
  });

  it('validates, with a warning for each file it does not read (never for .DS_Store or an Office lock file)', async () => {
    const r = await cci(['validate', '--data', HOSTILE]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^2024-08-05\/incidents-lapd\.csv\.bak: warning: .*backup or temporary copy/),
      expect.stringMatching(/^2024-08-05\/notes\.txt: warning: file name is not one the tool reads, so it is ignored/),
    ]);
    expect(r.stdout).not.toContain('.csv.csv');
    expect(r.stderr).toContain('no problem found (2 warnings: files or folders not read)');
  });

  it('briefs in spite of the stray files, saying on stderr that they are not read', () => {
    expect(xk.code, xk.stderr).toBe(0);
    expect(xk.stderr).toMatch(/^2024-08-05\/notes\.txt: warning: /m);
    expect(xk.stderr).toMatch(/^2024-08-05\/incidents-lapd\.csv\.bak: warning: /m);
  });

  it('reads Excel\'s "Unicode text" (UTF-16 with BOM, tab-separated) and 30 records sharing YAML aliases', async () => {
    const json = await readJson<{ items: { id: string; summary?: { fr?: string } }[] }>(
      join(dir, 'xk', `cci-${DAY}-securite-country-XKX.json`),
    );
    const ids = json.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['U16-1', 'U16-2', ...Array.from({ length: 30 }, (_, i) => `AL-${i}`)]));
  });

  it('accepts Kosovo as XK and XKX, writes XKX (in file names too) and names it in both languages', async () => {
    expect(xk.stdout.trim().split('\n')).toEqual([
      join(dir, 'xk', `cci-${DAY}-securite-country-XKX.html`),
      join(dir, 'xk', `cci-${DAY}-securite-country-XKX.json`),
    ]);
    expect(xkx.code, xkx.stderr).toBe(0);
    expect(xkx.stdout.trim()).toBe(join(dir, 'xkx', `cci-${DAY}-securite-country-XKX.json`));
    const json = await readJson<{
      audience: string;
      audienceCountry: string;
      audienceCountryName: { fr: string; en: string };
    }>(join(dir, 'xkx', `cci-${DAY}-securite-country-XKX.json`));
    expect(json).toMatchObject({
      audience: 'country:XKX',
      audienceCountry: 'XKX',
      audienceCountryName: { fr: 'Kosovo', en: 'Kosovo' },
    });
  });

  it('names countries by their short common name in both languages', async () => {
    const html = await readFile(join(dir, 'xk', `cci-${DAY}-securite-country-XKX.html`), 'utf8');
    for (const name of ['Taïwan', 'Taiwan', 'Moldavie', 'Moldova', 'Kosovo']) expect(html).toContain(name);
    for (const formal of ['Province of China', 'Republic of', 'Moldova, ']) expect(html).not.toContain(formal);
  });

  it('prints them in the PDF as well', async () => {
    const r = await cci([
      ...BRIEF,
      '--data',
      HOSTILE,
      '--out',
      join(dir, 'pdf'),
      '--format',
      'pdf',
      '--audience',
      'national',
      '--lang',
      'fr,en',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const text = await pdfText(join(dir, 'pdf', `cci-${DAY}-securite-national-en.pdf`));
    expect(text).toContain('Taiwan');
    expect(text).toContain('Moldova');
    expect(text).toContain('Shoplifting'); // read from the UTF-16 file
    const fr = await pdfText(join(dir, 'pdf', `cci-${DAY}-securite-national-fr.pdf`));
    expect(fr).toContain('Vol à l’étalage');
    expect(text).not.toContain('Province of China');
  });
});

describe('input cci refuses, plainly', () => {
  it('a CSV mixing UTF-8 and Windows-1252 lines: the first line not in the encoding of the rest (cases/build mixed-encoding)', async () => {
    const data = await e2eCopy();
    const bytes = Buffer.concat([
      Buffer.from(
        `id,time,category,venue,summary_fr,summary_en,tlp\nMIX-1,${DAY}T10:10,fraud,stade-de-france,Escroquerie à la revente,Resale fraud,GREEN\n`,
        'utf8',
      ),
      Buffer.from(`MIX-2,${DAY}T10:20,fraud,stade-de-france,Escroquerie à la sécurité,Security scam,GREEN\n`, 'latin1'),
    ]);
    await writeFile(join(data, DAY, 'incidents-mixed.csv'), bytes);
    const r = await cci(['validate', '--data', data]);
    expect(r.code).toBe(3);
    expect(r.stdout.trim()).toBe(
      '2024-08-05/incidents-mixed.csv:3: this line is not in the encoding of the rest of the file: the other lines with accents (1) are UTF-8, this one is not (Windows-1252?), so its accents would come out garbled; save the whole file in one encoding, UTF-8 (in Excel: CSV UTF-8)',
    );
    expect(r.stdout).not.toContain('Ã');
  });

  it('a UTF-8 BOM before Windows-1252 text, and a garbled header, with a word about encoding', async () => {
    const data = await e2eCopy();
    await writeFile(
      join(data, DAY, 'incidents-bom.csv'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('id,time\nB-1,', 'utf8'),
        Buffer.from('é\n', 'latin1'),
      ]),
    );
    await writeFile(
      join(data, DAY, 'incidents-garbled.csv'),
      'ï»¿id,time,category,venue,summary_fr\nG-1,2024-08-05 10:00,theft,stade-de-france,x\n',
    );
    const r = await cci(['validate', '--data', data]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(
      '2024-08-05/incidents-bom.csv:2: this line is not UTF-8 although the file starts with a UTF-8 byte-order mark',
    );
    expect(r.stdout).toMatch(
      /incidents-garbled\.csv:1:1: unknown column "ï»¿id".*; its name looks garbled by a text-encoding mix-up .* save the file as UTF-8/,
    );
  });

  it('control characters in record text, and a file name holding ESC, escaped in every problem line (cases/build control-chars)', async () => {
    const data = await e2eCopy();
    await writeFile(
      join(data, DAY, 'incidents-ctl.yaml'),
      `- id: CTL-1\n  time: ${DAY}T10:50\n  category: other\n  severity: high\n  venue: stade-de-france\n  summary_fr: "Texte avec \\e[31m échappement et \\0 nul"\n  summary_en: "Text with \\e[31m escape"\n  tlp: CLEAR\n`,
    );
    await writeFile(join(data, DAY, 'incidents-\u001b[31mred.yaml'), 'x\n');
    await writeFile(join(data, DAY, 'notes\nfake.yaml:1:1: forged'), 'x\n');
    const r = await cci(['validate', '--data', data]);
    expect(r.code).toBe(3);
    expect(r.stdout).not.toMatch(ESC);
    expect(r.stderr).not.toMatch(ESC);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain(
      '"2024-08-05/incidents-\\u001b[31mred.yaml":1:1: expected a list of records (each starting with "- "), found "x"',
    );
    expect(lines).toContain(
      '2024-08-05/incidents-ctl.yaml:6:15: summary_fr holds the control character U+001B ESC (character 12 of the text); remove it: control characters cannot be printed',
    );
    expect(lines).toContain(
      '2024-08-05/incidents-ctl.yaml:7:15: summary_en holds the control character U+001B ESC (character 11 of the text); remove it: control characters cannot be printed',
    );
    expect(lines.filter((l) => l.includes('forged'))).toEqual([
      expect.stringMatching(/^"2024-08-05\/notes\\u000afake\.yaml:1:1: forged": warning: /),
    ]);
    // and brief writes nothing of it
    const dir = await out();
    const b = await cci([...BRIEF, '--data', data, '--out', dir, '--format', 'html']);
    expect(b.code).toBe(3);
    expect(b.stderr).not.toMatch(ESC);
  });

  it("the same problem lines, escaped, in the preview's list", async () => {
    const data = await e2eCopy();
    await writeFile(join(data, DAY, 'incidents-\u001b[31mred.yaml'), 'x\n');
    const child = spawn(process.execPath, [BIN, 'preview', '--data', data, '--port', '0', '--no-cache'], {
      env: { ...process.env, NO_COLOR: '1', CCI_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (b: Buffer) => {
          text += b.toString();
          if (text.includes('\n')) resolve(text.split('\n')[0]!);
        });
        setTimeout(() => reject(new Error('no URL')), 20_000);
      });
      const page = await rawInSession(url, {
        path: `/doc?division=securite&date=${DAY}&audience=partners`,
      });
      expect(page.body).not.toMatch(ESC);
      expect(page.body).toContain('&quot;2024-08-05/incidents-\\u001b[31mred.yaml&quot;:1:1:');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('a header of 100,000 columns: a few problem lines and one summary, not 100,006 lines', async () => {
    const data = await e2eCopy();
    const header = [
      'id',
      'time',
      'category',
      'venue',
      'summary_fr',
      ...Array.from({ length: 100_000 }, (_, i) => `extra${i}`),
    ].join(',');
    await writeFile(join(data, DAY, 'incidents-wide.csv'), `${header}\nW-1,${DAY} 10:00,theft,stade-de-france,x\n`);
    const r = await cci(['validate', '--data', data]);
    expect(r.code).toBe(3);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe(
      '2024-08-05/incidents-wide.csv: 99,995 more problems of the same kind, from 1:11 to 1:100005 (not listed)',
    );
    expect(r.stderr).toContain('100,000 problems found');
    expect(r.stdout.length + r.stderr.length).toBeLessThan(5000);
  });

  it('one bad partner code: one problem, no false "not in partners" for the distribution lists', async () => {
    const data = await e2eCopy();
    const event = await readFile(join(data, 'event.yaml'), 'utf8');
    await writeFile(
      join(data, 'event.yaml'),
      event.replace('partners: [DEU, BRA, USA]', 'partners: [XKQ, DEU, BRA, USA]'),
    );
    const r = await cci(['validate', '--data', data]);
    expect(r.code).toBe(3);
    expect(r.stdout.trim().split('\n')).toEqual([
      'event.yaml:21:12: partners: "XKQ" is not a known ISO 3166-1 country code; expected alpha-3 or alpha-2, e.g. DEU or DE',
    ]);
  });
});

describe('problems in a RED record, through the command line', () => {
  const CANARY = 'QZXRED';

  it('name the file, line, column and field, never a value, in validate, brief and the preview', async () => {
    const data = await e2eCopy();
    await mkdir(join(data, DAY), { recursive: true });
    await writeFile(
      join(data, DAY, 'incidents-red.yaml'),
      [
        `- id: ${CANARY}-1`,
        `  time: ${DAY} 10:00`,
        `  category: ${CANARY}-category`,
        '  departement: "75"',
        `  summary_fr: ${CANARY} source`,
        '  tlp: RED',
        `- id: ${CANARY}-1`,
        `  time: ${DAY} 10:05`,
        '  category: theft',
        '  departement: "75"',
        `  summary_fr: ${CANARY} again`,
        `  tlp: ${CANARY}`,
        '',
      ].join('\n'),
    );
    const v = await cci(['validate', '--data', data]);
    expect(v.code).toBe(3);
    expect(v.stdout).not.toContain(CANARY);
    expect(v.stdout).toContain(
      '2024-08-05/incidents-red.yaml:3:13: category (value not shown: the record is marked RED) is not known',
    );
    expect(v.stdout).toContain(
      '2024-08-05/incidents-red.yaml:7:7: this id is already used at 2024-08-05/incidents-red.yaml:1:7;',
    );
    expect(v.stdout).toContain(
      "2024-08-05/incidents-red.yaml:12:8: tlp (value not shown: the record's tlp cannot be read, so it may be RED) is not a TLP marking",
    );
    const b = await cci([...BRIEF, '--data', data, '--out', await out(), '--format', 'html']);
    expect(b.code).toBe(3);
    expect(b.stderr).not.toContain(CANARY);
    expect(b.stderr).toContain('incidents-red.yaml:3:13: category (value not shown');
  });
});
