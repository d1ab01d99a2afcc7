// `cci brief` end to end: the built command, the fixture data, real Chromium, real files.
// npm test runs this file twice: with the browser cci finds (a headless shell), then with full
// Chromium named by --browser (CCI_TEST_BROWSER, see helpers.ts).

import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cci,
  copyFixture,
  pdfFonts,
  pdfInfo,
  pdfPageCount,
  pdfPageText,
  pdfText,
  readJson,
  ROOT,
  snapshot,
  tempDir,
} from './helpers.js';

const DATA = join(ROOT, 'fixtures', 'e2e');

// The text that names each record of fixtures/e2e, and who may see it.
const MARKERS = {
  open: 'OPEN-MESSAGE',
  strict: 'STRICT-ONLY',
  strictMessage: 'STRICT-MESSAGE',
  specialFrance: 'SPECIAL-FR',
  forDeu: 'FOR-DEU',
  notBra: 'NOT-BRA',
  draft: 'DRAFT-TEXT',
  red: 'SECRET-RED',
};
const SEEN: Record<string, (keyof typeof MARKERS)[]> = {
  partners: ['open'],
  national: ['open', 'strict', 'strictMessage', 'specialFrance', 'forDeu', 'notBra'],
  'country-DEU': ['open', 'forDeu', 'notBra'],
  'country-BRA': ['open'],
  'country-USA': ['open', 'notBra'],
};

describe('cci brief on the end-to-end fixture', () => {
  let out: string;
  let partners: Awaited<ReturnType<typeof cci>>;
  let national: Awaited<ReturnType<typeof cci>>;

  beforeAll(async () => {
    out = await tempDir();
    [partners, national] = await Promise.all([
      cci([
        'brief',
        '--division',
        'securite',
        '--date',
        '2024-08-05',
        '--data',
        DATA,
        '--out',
        out,
        '--format',
        'html,pdf,json',
      ]),
      cci([
        'brief',
        '--division',
        'security',
        '--date',
        '2024-08-05',
        '--data',
        DATA,
        '--out',
        out,
        '--audience',
        'national',
        '--format',
        'pdf,json',
      ]),
    ]);
  });

  it('writes the HTML, PDF and JSON and lists exactly those paths on stdout', () => {
    expect(partners.code).toBe(0);
    const base = join(out, 'cci-2024-08-05-securite-partners');
    expect(partners.stdout.trim().split('\n')).toEqual([`${base}.html`, `${base}.json`, `${base}.pdf`]);
    for (const ext of ['html', 'json', 'pdf']) expect(existsSync(`${base}.${ext}`)).toBe(true);
  });

  it('says on stderr how many RED records it held back, and writes none of them', async () => {
    expect(partners.stderr).toMatch(/held back 1 TLP:RED record/);
    const files = await readdir(out);
    for (const f of files.filter((n) => n.endsWith('.html') || n.endsWith('.json'))) {
      expect(await readFile(join(out, f), 'utf8')).not.toContain(MARKERS.red);
    }
    expect(await pdfText(join(out, 'cci-2024-08-05-securite-national.pdf'))).not.toContain(MARKERS.red);
  });

  it('shows the partners room only what it may see, in the JSON and in the PDF text', async () => {
    const json = await readFile(join(out, 'cci-2024-08-05-securite-partners.json'), 'utf8');
    const text = await pdfText(join(out, 'cci-2024-08-05-securite-partners.pdf'));
    for (const [name, marker] of Object.entries(MARKERS)) {
      const expected = SEEN.partners!.includes(name as keyof typeof MARKERS);
      expect(json.includes(marker), `${name} in JSON`).toBe(expected);
      expect(text.includes(marker), `${name} in PDF`).toBe(expected);
    }
  });

  it('computes the partners figures only from what they may see', async () => {
    const model = await readJson<{
      figures: Record<string, number>;
      previous: Record<string, number>;
      cumulative: Record<string, number>;
      marking: string;
      window: { start: string; end: string };
    }>(join(out, 'cci-2024-08-05-securite-partners.json'));
    // Visible in the window: the window-start fact, the drone (2 arrests), Tahiti, the hostile text.
    expect(model.figures).toEqual({ incidents: 4, gamesImpact: 1, arrests: 2, custody: 1, forces: 48_500 });
    expect(model.previous).toMatchObject({ incidents: 1, arrests: 1, custody: 1, forces: 48_000 });
    expect(model.cumulative).toMatchObject({ incidents: 5, arrests: 3, custody: 2 });
    expect(model.marking).toBe('TLP:GREEN');
    expect(model.window).toEqual({ start: '2024-08-04T11:30:00+02:00', end: '2024-08-05T11:30:00+02:00', hours: 24 });
  });

  it('marks a national document AMBER+STRICT and SPÉCIAL FRANCE in the header and footer of every page', async () => {
    expect(national.code).toBe(0);
    const file = join(out, 'cci-2024-08-05-securite-national.pdf');
    const pages = await pdfPageCount(file);
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) {
      const lines = (await pdfPageText(file, p)).split('\n').filter((l) => l.trim() !== '');
      const head = lines.slice(0, 4).join('\n');
      const foot = lines.slice(-3).join('\n');
      expect(head, `header of page ${p}`).toContain('TLP:AMBER+STRICT');
      expect(foot, `footer of page ${p}`).toContain('TLP:AMBER+STRICT');
      expect(head + foot, `page ${p}`).toContain('DIFFUSION RESTREINTE');
      expect(head + foot, `page ${p}`).toContain('SPÉCIAL FRANCE');
      expect(foot, `page number of page ${p}`).toMatch(new RegExp(`\\b${p}\\s*/\\s*${pages}\\b`));
    }
    const model = await readJson<{ figures: { arrests: number } }>(join(out, 'cci-2024-08-05-securite-national.json'));
    expect(model.figures.arrests).toBe(2 + 7 + 3 + 4 + 5);
  });

  it('embeds the fonts for French and for names in Cyrillic, Arabic, Chinese and Japanese', async () => {
    const file = join(out, 'cci-2024-08-05-securite-partners.pdf');
    const fonts = await pdfFonts(file);
    expect(fonts).toMatch(/NotoSans-Regular/);
    expect(fonts).toMatch(/NotoSansArabic/);
    const rows = fonts
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    for (const row of rows) expect(row.split(/\s+/).at(-5), row).toBe('yes'); // emb
    const text = await pdfText(file);
    for (const name of ['Алексей Иванов', 'محمد علي', '王小明', '山田太郎', 'Sécurité générale'])
      expect(text).toContain(name);
  });

  it('prints a tagged PDF (structure for screen readers) with its title, language and marking', async () => {
    const info = await pdfInfo(join(out, 'cci-2024-08-05-securite-national.pdf'));
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Subject:\s+TLP:AMBER\+STRICT/m);
    expect(info).toMatch(/^Title:\s+\S/m);
  });

  it('shows hostile text in a summary as text, runs nothing and fetches nothing', async () => {
    const html = await readFile(join(out, 'cci-2024-08-05-securite-partners.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img src=http');
    expect(html).toContain('&lt;script&gt;');
    const text = await pdfText(join(out, 'cci-2024-08-05-securite-partners.pdf'));
    expect(text).toContain("<script>document.title='pwned'</script>");
    expect(text).toContain('{{constructor}}');
  });
});

describe('one document per partner country', () => {
  it('writes each country only what it may see, with country names and notes', async () => {
    const out = await tempDir();
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      DATA,
      '--out',
      out,
      '--audience',
      'country:all',
      '--format',
      'json,html',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(6);
    for (const country of ['DEU', 'BRA', 'USA']) {
      const json = await readFile(join(out, `cci-2024-08-05-securite-country-${country}.json`), 'utf8');
      for (const [name, marker] of Object.entries(MARKERS)) {
        expect(json.includes(marker), `${name} for ${country}`).toBe(
          SEEN[`country-${country}`]!.includes(name as keyof typeof MARKERS),
        );
      }
    }
    const deu = await readJson<{ countryNotes: { id: string }[]; audienceCountryName: { fr: string; en: string } }>(
      join(out, 'cci-2024-08-05-securite-country-DEU.json'),
    );
    expect(deu.countryNotes.map((n) => n.id)).toEqual(['E2E-OPEN', 'E2E-REL-DEU']);
    expect(deu.audienceCountryName).toEqual({ fr: 'Allemagne', en: 'Germany' });
  });
});

describe('window edges and time zones', () => {
  it("puts a record at exactly 11:30 in the next day's briefing only, and reads Tahiti local time", async () => {
    const out = await tempDir();
    for (const date of ['2024-08-05', '2024-08-06']) {
      expect(
        (
          await cci([
            'brief',
            '--division',
            'securite',
            '--date',
            date,
            '--data',
            DATA,
            '--out',
            out,
            '--format',
            'json',
          ])
        ).code,
      ).toBe(0);
    }
    const ids = async (date: string) =>
      (await readJson<{ items: { id: string }[] }>(join(out, `cci-${date}-securite-partners.json`))).items.map(
        (i) => i.id,
      );
    expect(await ids('2024-08-05')).toEqual(['E2E-EDGE-START', 'E2E-OPEN', 'E2E-TAHITI', 'E2E-HOSTILE', 'E2E-AG-1']);
    expect(await ids('2024-08-06')).toEqual(['E2E-EDGE-END']);
    const model = await readJson<{ notable: { id: string; time: string }[] }>(
      join(out, 'cci-2024-08-05-securite-partners.json'),
    );
    expect(model.notable.find((n) => n.id === 'E2E-TAHITI')?.time).toBe('2024-08-05T08:00:00+02:00');
  });

  it('writes the same JSON whatever the machine time zone', async () => {
    const outs = await Promise.all(
      ['UTC', 'Asia/Tokyo', 'America/New_York', 'Pacific/Kiritimati'].map(async (tz) => {
        const out = await tempDir();
        const r = await cci(
          [
            'brief',
            '--division',
            'renseignement',
            '--date',
            '2024-08-05',
            '--data',
            DATA,
            '--out',
            out,
            '--format',
            'json',
            '--audience',
            'national',
          ],
          { env: { TZ: tz } },
        );
        expect(r.code).toBe(0);
        return readFile(join(out, 'cci-2024-08-05-renseignement-national.json'), 'utf8');
      }),
    );
    for (const o of outs) expect(o).toBe(outs[0]);
  });
});

describe('drafts', () => {
  it('stamps PROJET / DRAFT on every page, includes draft records and names the file -draft', async () => {
    const out = await tempDir();
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      DATA,
      '--out',
      out,
      '--draft',
      '--format',
      'pdf',
    ]);
    expect(r.code).toBe(0);
    const file = join(out, 'cci-2024-08-05-securite-partners-draft.pdf');
    expect(r.stdout.trim()).toBe(file);
    const pages = await pdfPageCount(file);
    for (let p = 1; p <= pages; p++) expect(await pdfPageText(file, p)).toContain('PROJET / DRAFT');
    expect(await pdfText(file)).toContain(MARKERS.draft);
  });

  it('refuses to email a draft', async () => {
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      DATA,
      '--out',
      await tempDir(),
      '--draft',
      '--email',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/drafts are never emailed/);
  });
});

describe('failures', () => {
  it('reports every problem of bad data with file:line:column, exits 3 and leaves earlier output exactly as it was', async () => {
    const data = await copyFixture('e2e');
    const out = await tempDir();
    expect(
      (
        await cci([
          'brief',
          '--division',
          'securite',
          '--date',
          '2024-08-05',
          '--data',
          data,
          '--out',
          out,
          '--format',
          'html,json',
        ])
      ).code,
    ).toBe(0);
    const before = await snapshot(out);
    const file = join(data, '2024-08-05', 'incidents.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace('severity: critical', 'severity: hgih').replace('arrests: 2\n', 'arrests: -2\n'),
    );
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      data,
      '--out',
      out,
      '--format',
      'html,json',
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/2024-08-05\/incidents\.yaml:\d+:\d+: .*hgih.*expected one of/);
    expect(r.stderr).toMatch(/2024-08-05\/incidents\.yaml:\d+:\d+: .*-2/);
    const after = await snapshot(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, f] of before) {
      expect(after.get(name)!.bytes.equals(f.bytes), name).toBe(true);
      expect(after.get(name)!.mtimeMs, name).toBe(f.mtimeMs);
    }
  });

  it('refuses a RED record whose marking is written a second time in another case, and publishes nothing', async () => {
    const data = await copyFixture('e2e');
    const out = await tempDir();
    const file = join(data, '2024-08-05', 'incidents.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('  tlp: TLP:RED\n', '  tlp: TLP:RED\n  TLP: CLEAR\n'));
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      data,
      '--out',
      out,
      '--format',
      'html,json',
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/2024-08-05\/incidents\.yaml:\d+:3: field "TLP" is written twice/);
    expect(await readdir(out)).toEqual([]);
  });

  it('names the dates looked for and the latest date held when the window has no data', async () => {
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-09-01',
      '--data',
      DATA,
      '--out',
      await tempDir(),
      '--format',
      'json',
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/2024-08-31 and 2024-09-01/);
    expect(r.stderr).toMatch(/latest day the data folder has is 2024-08-05/);
  });

  it('exits 3 when the data folder does not exist', async () => {
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      '/nonexistent/data',
      '--format',
      'json',
      '--out',
      await tempDir(),
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/nonexistent/);
  });

  it('exits 2 on usage errors, saying what was expected', async () => {
    const cases: [string[], RegExp][] = [
      [['brief', '--division', 'cuisine'], /expected one of renseignement, securite/],
      [['brief', '--division', 'securite', '--date', '2024-02-30'], /expected YYYY-MM-DD/],
      [['brief', '--division', 'securite', '--format', 'docx'], /expected html, pdf, json, stix or csv/],
      [['brief', '--division', 'securite', '--lang', 'de'], /expected fr, en or both/],
      [['brief', '--division', 'securite', '--audience', 'country:XX'], /not an ISO 3166-1 country code/],
      [['brief'], /the option --division is required/],
      [['frobnicate'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const r = await cci([...args, '--data', DATA, '--out', await tempDir()]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('exits 5 with how to install a browser when none can be found, writing nothing', async () => {
    const out = await tempDir();
    const r = await cci(['brief', '--division', 'securite', '--date', '2024-08-05', '--data', DATA, '--out', out], {
      env: { CCI_BROWSER: '/nonexistent/chrome' },
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/CCI_BROWSER/);
    expect(await readdir(out)).toEqual([]);
  });

  it('exits 7 at once when another run is writing the same briefing', async () => {
    const out = await tempDir();
    await writeFile(
      join(out, '.cci-2024-08-05-securite-partners.lock'),
      JSON.stringify({
        pid: process.pid,
        started: new Date().toISOString(),
        host: (await import('node:os')).hostname(),
        key: '2024-08-05-securite-partners',
      }),
    );
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      DATA,
      '--out',
      out,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain(String(process.pid));
  });
});

describe('briefings across the DST changes', () => {
  const DST = join(ROOT, 'fixtures', 'dst-briefings');

  it('covers 23 hours on the spring-forward day and 25 hours on the autumn day, edges included once', async () => {
    const out = await tempDir();
    for (const date of ['2024-03-31', '2024-04-01', '2024-10-27']) {
      expect(
        (
          await cci([
            'brief',
            '--division',
            'securite',
            '--date',
            date,
            '--data',
            DST,
            '--out',
            out,
            '--format',
            'json,html',
          ])
        ).code,
      ).toBe(0);
    }
    type M = { window: { start: string; end: string; hours: number }; items: { id: string }[] };
    const spring = await readJson<M>(join(out, 'cci-2024-03-31-securite-partners.json'));
    expect(spring.window).toEqual({ start: '2024-03-30T11:30:00+01:00', end: '2024-03-31T11:30:00+02:00', hours: 23 });
    expect(spring.items.map((i) => i.id)).toEqual(['SPRING-START', 'SPRING-NIGHT', 'SPRING-LAST']);
    const after = await readJson<M>(join(out, 'cci-2024-04-01-securite-partners.json'));
    expect(after.window.hours).toBe(24);
    expect(after.items.map((i) => i.id)).toEqual(['SPRING-END']);
    const autumn = await readJson<M>(join(out, 'cci-2024-10-27-securite-partners.json'));
    expect(autumn.window).toEqual({ start: '2024-10-26T11:30:00+02:00', end: '2024-10-27T11:30:00+01:00', hours: 25 });
    expect(autumn.items.map((i) => i.id)).toEqual([
      'AUTUMN-START',
      'AUTUMN-FIRST-0230',
      'AUTUMN-SECOND-0230',
      'AUTUMN-LAST',
    ]);
    const html = await readFile(join(out, 'cci-2024-10-27-securite-partners.html'), 'utf8');
    expect(html).toMatch(/25\s*h/);
  });
});

describe('the cache of earlier days', () => {
  it('writes the same files with a cold cache, a warm one and --no-cache, and --no-cache writes no cache', async () => {
    const data = join(ROOT, 'data');
    const cacheDir = await tempDir('cci-e2e-cache-');
    const noCacheDir = join(await tempDir('cci-e2e-nocache-'), 'cache');
    const run = async (extra: string[], env: NodeJS.ProcessEnv) => {
      const out = await tempDir();
      const r = await cci(
        [
          'brief',
          '--division',
          'securite',
          '--date',
          '2024-09-08',
          '--data',
          data,
          '--out',
          out,
          '--format',
          'html,json',
          ...extra,
        ],
        { env },
      );
      expect(r.code, r.stderr).toBe(0);
      return new Map([...(await snapshot(out))].map(([name, f]) => [name, f.bytes.toString('utf8')]));
    };
    const uncached = await run(['--no-cache'], { CCI_CACHE_DIR: noCacheDir });
    expect(existsSync(noCacheDir)).toBe(false);
    expect(await run([], { CCI_CACHE_DIR: cacheDir })).toEqual(uncached);
    expect((await readdir(cacheDir)).filter((f) => f.startsWith('tally-'))).toHaveLength(1);
    expect(await run([], { CCI_CACHE_DIR: cacheDir })).toEqual(uncached);
  });
});
