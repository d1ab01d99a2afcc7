// Documents that never break (issue 12, items 1, 3, 5, 13–15), through the built command line on
// fixtures/hostile-text: tokens longer than a line in every kind of field, emoji, the longest usual
// protection mention with the SPÉCIAL FRANCE and PROJET / DRAFT stamps. Every page's text is read
// back with its position (pdftotext -bbox).

import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cci, copyFixture, pdfFonts, pdfText, ROOT, tempDir } from './helpers.js';
import { lines, pdfWords, regions, squeezed, type PageWords } from './pdf-words.js';

const exec = promisify(execFile);
const FIXTURE = join(ROOT, 'fixtures', 'hostile-text');
const SHA = '9f'.repeat(64);
const B64 = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo'.repeat(5).slice(0, 172);
const URL = `https://tickets.example.org/resale/${'a1b2c3d4'.repeat(33)}/END`;
const VENUE = `Arena${'Z'.repeat(90)}`;
const COMMUNE = `Commune${'q'.repeat(80)}`;
const SOURCE = `SRC${'K'.repeat(60)}`;
const MENTION =
  "DIFFUSION RESTREINTE – USAGE EXCLUSIF DES SERVICES DESTINATAIRES – NE PAS REPRODUIRE NI TRANSMETTRE SANS L'ACCORD DU CENTRE DE COOPÉRATION INTERNATIONALE";
const nospace = (s: string) => s.replace(/\s+/g, '');

let out: string;
const pages = new Map<string, PageWords[]>();
const file = (name: string) => join(out, `cci-2024-08-03-${name}`);

beforeAll(async () => {
  out = await tempDir('cci-layout-');
  const r = await cci([
    'brief',
    '--data',
    FIXTURE,
    '--division',
    'securite,renseignement',
    '--date',
    '2024-08-03',
    '--audience',
    'partners,national',
    '--format',
    'pdf,json',
    '--draft',
    '--out',
    out,
  ]);
  expect(r.code, r.stderr).toBe(0);
  for (const name of [
    'securite-partners-draft',
    'securite-national-draft',
    'renseignement-partners-draft',
    'renseignement-national-draft',
  ]) {
    pages.set(name, await pdfWords(file(`${name}.pdf`)));
  }
}, 180_000);

afterAll(async () => {
  const { rm } = await import('node:fs/promises');
  if (out) await rm(out, { recursive: true, force: true });
});

describe('long unbroken tokens', () => {
  it('print whole, inside the page, in every field of every section', () => {
    for (const [name, doc] of pages) {
      const body = nospace(doc.map((p) => squeezed(regions(p).body)).join(''));
      // Summaries, places, sources, key messages (Sécurité générale); assessments' titles, bodies and
      // sources, the agenda's titles and places (Renseignement).
      const tokens = name.startsWith('securite') ? [SHA, B64, URL, VENUE, COMMUNE, SOURCE] : [SHA, B64, VENUE, SOURCE];
      for (const token of tokens) expect(body, `${name}: ${token.slice(0, 20)}…`).toContain(token);
      for (const p of doc) {
        const { header, body, footer } = regions(p);
        for (const w of [...header, ...body, ...footer])
          expect(w.xMax, `${name}: "${w.text.slice(0, 20)}" past the right margin`).toBeLessThanOrEqual(p.width - 40);
      }
    }
  });

  it('never scale the page down: a 12 pt heading is 12 pt tall on every document', () => {
    for (const [name, doc] of pages) {
      const heading = doc[0]!.words.find((w) => w.text === 'Messages')!;
      expect(heading, name).toBeDefined();
      // Noto Sans: the box of a line is 1.362 em high.
      expect((heading.yMax - heading.yMin) / 12, name).toBeCloseTo(1.362, 2);
    }
  });

  it('keep each item’s TLP label on its page, on the item’s first line, whatever the length of the event impact pill', () => {
    const doc = pages.get('securite-partners-draft')!;
    const all = doc.flatMap((p) => lines(regions(p).body));
    // LONG-1 (GREEN, critical, Games impact) and LONG-2 (CLEAR, high, Games impact).
    // The pill sits on the first line or wraps under the tags; the label ends the first line.
    const long1 = all.findIndex((l) => l.includes('CRITIQUE') && l.includes('Cyber'));
    expect(all[long1]).toMatch(/TLP:GREEN$/);
    expect(all.slice(long1, long1 + 3).join(' ')).toContain('IMPACT SUR L’ÉVÉNEMENT');
    const long2 = all.findIndex((l) => l.includes('ÉLEVÉE') && l.includes('Ordre public'));
    expect(all[long2]).toMatch(/TLP:CLEAR$/);
    expect(all.slice(long2, long2 + 3).join(' ')).toContain('IMPACT SUR L’ÉVÉNEMENT');
    for (const l of all.filter((x) => /(FAIBLE|MOYENNE|ÉLEVÉE|CRITIQUE) \/ (LOW|MEDIUM|HIGH|CRITICAL)/.test(x)))
      expect(l).toMatch(/TLP:/);
    // Every item label of the document is printed: the key message's, the incidents', the agenda item's.
    const labels = doc
      .flatMap((p) => regions(p).body)
      .filter((w) => w.text.startsWith('TLP:'))
      .map((w) => w.text);
    expect(labels.filter((l) => l === 'TLP:GREEN').length).toBeGreaterThanOrEqual(4); // key message, LONG-1, SURF-1, agenda
  });
});

describe('the running header and footer', () => {
  it('stay inside their margins with the longest mention and both stamps, and carry the marking on every page', () => {
    for (const [name, doc] of pages) {
      doc.forEach((page, i) => {
        const { header, body, footer, straddling } = regions(page);
        const where = `${name} page ${i + 1}`;
        expect(
          straddling.map((w) => w.text),
          `${where}: text across a margin`,
        ).toEqual([]);
        // The header's lowest text is above the body's highest, the footer's highest below the body's lowest.
        expect(Math.max(...header.map((w) => w.yMax)), where).toBeLessThan(Math.min(...body.map((w) => w.yMin)));
        expect(Math.min(...footer.map((w) => w.yMin)), where).toBeGreaterThan(Math.max(...body.map((w) => w.yMax)));
        for (const part of [header, footer]) {
          const text = part.map((w) => w.text).join(' ');
          expect(nospace(text), where).toContain(nospace(MENTION));
          expect(text, where).toContain('TLP:AMBER');
          expect(text, where).toContain('PROJET / DRAFT');
          if (name.includes('national')) expect(text, where).toContain('SPÉCIAL FRANCE');
        }
        expect(footer.map((w) => w.text).join(' '), where).toMatch(new RegExp(`\\b${i + 1} / ${doc.length}\\b`));
      });
    }
  });

  it('fits a mention of 160 of the widest capitals and a stamp of 40, and cci validate refuses 161 characters with the limit', async () => {
    const data = await copyFixture('hostile-text');
    const eventFile = join(data, 'event.yaml');
    const yaml = await readFile(eventFile, 'utf8');
    await writeFile(eventFile, yaml.replace(/protection_mention: .*/, `protection_mention: "${'W'.repeat(161)}"`));
    const refused = await cci(['validate', '--data', data]);
    expect(refused.code).toBe(3);
    expect(refused.stdout + refused.stderr).toMatch(
      /event\.yaml:\d+:\d+: protection_mention is too long: 161 characters, at most 160; /,
    );

    // and the SPÉCIAL FRANCE stamp in 40 of them (labels: special_fr), beside the draft stamp
    await writeFile(
      eventFile,
      `${yaml.replace(/protection_mention: .*/, `protection_mention: "${'W'.repeat(160)}"`)}\nlabels:\n  special_fr: "${'W'.repeat(40)}"\n`,
    );
    const dir = await tempDir('cci-layout-w-');
    const r = await cci([
      'brief',
      '--data',
      data,
      '--division',
      'securite',
      '--date',
      '2024-08-03',
      '--audience',
      'national',
      '--draft',
      '--format',
      'pdf',
      '--out',
      dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = await pdfWords(join(dir, 'cci-2024-08-03-securite-national-draft.pdf'));
    for (const page of doc) {
      const { header, footer, straddling } = regions(page);
      expect(straddling).toEqual([]);
      expect(squeezed(header)).toContain('W'.repeat(160));
      expect(squeezed(footer)).toContain('W'.repeat(160));
      // the TLP label whole beside the stamps, in both margins
      expect(squeezed(header)).toContain('TLP:AMBER');
      expect(squeezed(footer)).toContain('TLP:AMBER');
      expect(squeezed(header).split('W').length - 1).toBe(200);
    }
  }, 120_000);
});

describe('emoji', () => {
  it('print in colour from the emoji font, not as empty boxes', async () => {
    const pdf = file('securite-partners-draft.pdf');
    const text = await pdfText(pdf);
    for (const e of ['🚨', '🇩🇪']) expect(text).toContain(e);
    // Chromium embeds colour glyphs as Type 3 fonts; the fixture has no other script that would need one.
    expect(await pdfFonts(pdf)).toMatch(/Type 3/);
  });

  it('cci doctor names the font that draws each script of the data', async () => {
    const r = await cci(['doctor', '--data', FIXTURE]);
    expect(r.stdout).toMatch(
      /ok\s+scripts of the data: every script the texts use has a font: .*Emoji \(Noto Color Emoji\)/,
    );
  });

  it('cci doctor warns, with the package to install, about characters no installed font draws', async () => {
    const data = await copyFixture('hostile-text');
    await writeFile(
      join(data, '2024-08-03', 'incidents-pua.yaml'),
      [
        '- id: PUA-1',
        '  time: 2024-08-03 10:00',
        '  category: other',
        '  venue: stadium',
        '  summary_fr: "Icône \uE000 collée depuis une police d\'icônes"',
        '  summary_en: x',
        '',
      ].join('\n'),
    );
    const r = await cci(['doctor', '--data', data]);
    expect(r.stdout).toMatch(
      /warn\s+scripts of the data: no installed font draws these characters of the texts \(Unknown Script: U\+E000 \uE000\); they would print as empty boxes \(Debian: apt-get install /,
    );
    // a RED record's text is never printed: doctor neither reads it for fonts nor quotes its characters
    await writeFile(
      join(data, '2024-08-03', 'incidents-pua.yaml'),
      [
        '- id: PUA-1',
        '  time: 2024-08-03 10:00',
        '  category: other',
        '  venue: stadium',
        '  tlp: RED',
        '  summary_fr: "Source \uE000 \u{1F8B0} ⵜⵉⴼⵉⵏⴰⵖ"',
        '  summary_en: x',
        '',
      ].join('\n'),
    );
    const red = await cci(['doctor', '--data', data]);
    expect(red.stdout).toMatch(/ok\s+scripts of the data: /);
    expect(red.stdout).not.toMatch(/U\+E000|U\+1F8B0|\uE000|Tifinagh/);
  });
});

describe('figures the reader relies on', () => {
  it('show the forces of an event with no deployment figures as n/a, not 0 =', async () => {
    const text = (await exec('pdftotext', ['-layout', '-f', '1', '-l', '1', file('securite-partners-draft.pdf'), '-']))
      .stdout;
    const card = text.split('\n').filter((l) => l.includes('s.o. / n/a'));
    expect(card.length).toBeGreaterThan(0);
    const model = JSON.parse(await readFile(file('securite-partners-draft.json'), 'utf8')) as {
      forces: { date?: string; total: number };
    };
    expect(model.forces.date).toBeUndefined();
  });

  it('show the trend days before the opening and without data as not applicable, not zeros', async () => {
    const model = JSON.parse(await readFile(file('securite-partners-draft.json'), 'utf8')) as {
      trend: { date: string; applicable: boolean }[];
    };
    expect(model.trend.map((p) => [p.date, p.applicable])).toEqual([
      ['2024-07-28', false],
      ['2024-07-29', false],
      ['2024-07-30', false],
      ['2024-07-31', false],
      ['2024-08-01', false],
      ['2024-08-02', true],
      ['2024-08-03', true],
    ]);
    const body = pages.get('securite-partners-draft')!.flatMap((p) => lines(regions(p).body));
    const incidents = body.find((l) => l.startsWith('Incidents ') && l.includes('s.o. / n/a'))!;
    expect(incidents.match(/s\.o\. \/ n\/a/g)).toHaveLength(5);
  });

  it('say the time zone in the title block, and the local time of a venue in another zone', async () => {
    const text = await pdfText(file('securite-partners-draft.pdf'));
    expect(nospace(text)).toContain('Europe/Paris(UTC+2)');
    expect(nospace(text)).toContain(
      nospace('ven. 2 août, 21 h 10 heure locale / Fri 2 Aug, 21:10 local time (Pacific/Tahiti, UTC−10)'),
    );
  });
});
