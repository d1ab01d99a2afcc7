// An event outside France, set up as a new user would with the built command line: `cci init`,
// then the Los Angeles 2028 event.yaml (fixtures/la-2028: US counties as areas from a file of
// the data folder with their own map geometry, a softball venue in America/Chicago, host USA,
// the NTAS scale, three divisions, one a 16:00 cyber briefing with its own categories and
// sections, the map among them). It validates, briefs every division and audience, previews,
// schedules and emails; nothing French appears in its English documents except the event's own
// data.

import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BriefingModel } from '../../src/aggregate/model.js';
import { startSmtp, type Harness } from '../deliver/smtp-harness.js';
import { BIN, cci, E2E_CACHE_DIR, pdfText, readJson, ROOT, tempDir } from './helpers.js';

const FIXTURE = join(ROOT, 'fixtures', 'la-2028');
const DATE = '2028-07-21';
const DIVISIONS = ['intelligence', 'security', 'cyber'];
const PARTNERS = ['MEX', 'CAN', 'GBR', 'FRA', 'DEU', 'JPN', 'AUS', 'BRA'];

/** What only French text has: accented letters, and the words of the Paris setting. */
function frenchIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[\p{L}'’]*[àâçéèêëîïôûùüÿœ][\p{L}'’]*/giu)) found.add(m[0]);
  for (const word of [
    'Vigipirate',
    'département',
    'Departement',
    'France',
    'French',
    'Paris',
    'Sentinelle',
    'gendarmerie',
    'Renseignement',
    'Jeux',
    'RAS',
    'autorités',
  ]) {
    if (new RegExp(`\\b${word}\\b`, 'i').test(text)) found.add(word);
  }
  return [...found];
}

function htmlText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

let data: string;

beforeAll(async () => {
  const dir = await tempDir('cci-la-');
  data = join(dir, 'la28');
  const init = await cci(['init', data]);
  expect(init.code, init.stderr).toBe(0);
  // the event's own event.yaml, list of counties and days replace the example of cci init
  for (const name of await readdir(data)) await rm(join(data, name), { recursive: true });
  await cp(FIXTURE, data, { recursive: true });
});

describe('an event outside France (Los Angeles 2028)', () => {
  it('validates', async () => {
    const r = await cci(['validate', '--data', data]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('briefs every division for every audience as HTML and JSON, with nothing French in the English documents', async () => {
    const out = await tempDir();
    const r = await cci([
      'brief',
      '--division',
      'all',
      '--date',
      DATE,
      '--audience',
      'partners,national,country:all',
      '--lang',
      'en,fr,both',
      '--format',
      'html,json',
      '--data',
      data,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const files = r.stdout.trim().split('\n');
    expect(files).toHaveLength(DIVISIONS.length * (2 + PARTNERS.length) * 3 * 2);
    for (const file of files.filter((f) => f.endsWith('-en.html'))) {
      // France is a partner: "Notes for France" in its officers' document is the event's own data
      const allowed = file.includes('-country-FRA-') ? ['France'] : [];
      expect(
        frenchIn(htmlText(await readFile(file, 'utf8'))).filter((w) => !allowed.includes(w)),
        file,
      ).toEqual([]);
    }

    const security = await readJson<BriefingModel>(join(out, `cci-${DATE}-security-partners-en.json`));
    expect(security.sections).toEqual([
      'key_messages',
      'threat_level',
      'key_figures',
      'forces',
      'trend',
      'notable_facts',
      'by_category',
      'by_area',
      'nationals',
      'outlook',
    ]);
    // US nationals are not foreign nationals at a US event
    expect(security.foreignNationals!.map((r) => r.country)).toEqual(['MEX', 'CAN']);
    expect(security.threatScale!.name).toEqual({ fr: 'Bulletin NTAS', en: 'NTAS bulletin' });
    expect(security.threatLevel).toBe('elevated');
    expect(security.areaLabel).toEqual({ fr: 'Comté', en: 'County' });
    expect(security.byArea!.map((r) => r.key)).toEqual(['06037', '06059', '06071', '40109']);
    // the softball game in Oklahoma City was written in its own zone, and is shown in the event's
    const okc = security.notable!.find((r) => r.id === 'LA-0720-002');
    expect(okc).toMatchObject({
      time: '2028-07-20T16:30:00-07:00',
      area: '40109',
      areaName: { en: 'Oklahoma County' },
      venueName: 'Devon Park',
    });
    const securityHtml = await readFile(join(out, `cci-${DATE}-security-partners-en.html`), 'utf8');
    expect(securityHtml).toContain('<h2>Incidents by county</h2>');
    expect(securityHtml).toContain('<h2>National threat level (NTAS bulletin)</h2>');
    const nationals = securityHtml.slice(
      securityHtml.indexOf('<section class="sec foreign-nationals">'),
      securityHtml.indexOf('<section class="sec outlook">'),
    );
    expect(nationals).toContain('Mexico');
    expect(nationals).not.toMatch(/United States/);

    expect(securityHtml).not.toContain('<svg class="chart map"'); // the security division does not show the map

    const cyber = await readJson<BriefingModel>(join(out, `cci-${DATE}-cyber-country-MEX-en.json`));
    expect(cyber.window).toEqual({ start: '2028-07-20T16:00:00-07:00', end: '2028-07-21T16:00:00-07:00', hours: 24 });
    expect(cyber.sections).toEqual([
      'key_messages',
      'key_figures',
      'intelligence_incidents',
      'map',
      'assessments',
      'trend',
      'country_notes',
    ]);
    expect(cyber.intelligenceIncidents!.map((r) => r.category)).toEqual(['cyber', 'fraud', 'cyber']);
    expect(cyber.countryNotes!.map((r) => r.id)).toEqual(['LA-0721-003']);
    expect(cyber).not.toHaveProperty('forces');
    expect(cyber.nextBriefing?.at).toBe('2028-07-22T16:00:00-07:00');
  });

  it('draws the cyber division’s map from the event’s own county outlines, with the counts each audience may see', async () => {
    const out = await tempDir();
    const r = await cci([
      'brief',
      '--division',
      'cyber',
      '--date',
      DATE,
      '--audience',
      'partners,national,country:all',
      '--lang',
      'en',
      '--format',
      'html,json',
      '--data',
      data,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    for (const html of r.stdout
      .trim()
      .split('\n')
      .filter((f) => f.endsWith('.html'))) {
      const text = await readFile(html, 'utf8');
      const model = await readJson<BriefingModel>(html.replace(/\.html$/, '.json'));
      const svg = /<svg class="chart map"[\s\S]*?<\/svg>/.exec(text)![0];
      expect(text).toContain('<h2>Map of incidents by county</h2>');
      // every county of the event's list is drawn, none of France; Oklahoma County in a tile
      for (const code of ['06037', '06059', '06065', '06071', '06073', '06111', '40109'])
        expect(svg).toContain(`data-area="${code}"`);
      expect(svg).not.toContain('data-area="75"');
      expect(svg).toContain('>40109 Oklahoma</text>');
      // the map says exactly the counts of this document's model, and colours only those counties
      const desc = /<desc id="[^"]+">([^<]*)<\/desc>/.exec(svg)![1]!;
      for (const row of model.byArea!) expect(desc, html).toContain(`(${row.key}): ${row.count}`);
      const coloured = [...svg.matchAll(/<path class="area" d="[^"]*" fill="(#[0-9a-f]{6})"[^>]*data-area="([^"]+)"/g)]
        .filter((m) => m[1] !== '#ffffff')
        .map((m) => m[2])
        .sort();
      expect(coloured, html).toEqual(model.byArea!.map((row) => row.key).sort());
      expect(text).toContain('Base map: US Census Bureau, 2017 cartographic boundaries (public domain), via us-atlas.');
    }
  });

  it('prints PDFs whose every page says nothing French in English', async () => {
    const out = await tempDir();
    const r = await cci([
      'brief',
      '--division',
      'all',
      '--date',
      DATE,
      '--audience',
      'partners,national,country:MEX',
      '--lang',
      'en',
      '--format',
      'pdf',
      '--data',
      data,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const pdfs = r.stdout.trim().split('\n');
    expect(pdfs).toHaveLength(9);
    for (const pdf of pdfs) {
      const text = await pdfText(pdf);
      expect(text).toContain('LAW ENFORCEMENT SENSITIVE');
      expect(frenchIn(text), pdf).toEqual([]);
    }
    const cyber = await pdfText(join(out, `cci-${DATE}-cyber-partners-en.pdf`));
    expect(cyber).toContain('Cyber briefing');
    expect(cyber).toContain('Map of incidents by county');
    expect(cyber).toContain('40109 Oklahoma');
    expect(cyber.replace(/\s+/g, ' ')).toContain('Base map: US Census Bureau');
  });

  it('schedules the three divisions at their own times in the event zone', async () => {
    const r = await cci(['schedule', '--data', data, '--out', '/srv/ipcc/out']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('\nCRON_TZ=America/Los_Angeles\n');
    expect(r.stdout).toMatch(/^0 8 14-31 7 \* .* brief --division intelligence /m);
    expect(r.stdout).toMatch(/^0 10 14-31 7 \* .* brief --division security /m);
    expect(r.stdout).toMatch(
      /^0 16 14-31 7 \* .* brief --division cyber --audience partners,national,country:MEX,country:CAN /m,
    );
  });

  it('refuses a county of another state, or a French département code, with its file, line and column', async () => {
    const copy = join(await tempDir(), 'la28');
    await cp(data, copy, { recursive: true });
    await appendFile(
      join(copy, DATE, 'incidents.yaml'),
      [
        '- { id: PHX-1, time: 2028-07-21 09:00, category: theft, county: "04013", summary_en: Phoenix }',
        '- { id: PHX-2, time: 2028-07-21 09:00, category: theft, county: "974", summary_en: Not La Réunion }',
        '',
      ].join('\n'),
    );
    const r = await cci(['validate', '--data', copy]);
    expect(r.code).toBe(3);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${DATE}/incidents.yaml:37:65: county "04013" is not a code of this event's areas (counties.csv); expected a code such as 06037, 06059, 06065; did you mean "06073"?`,
      `${DATE}/incidents.yaml:38:65: county "974" is not a code of this event's areas (counties.csv); expected a code such as 06037, 06059, 06065`,
    ]);
    const brief = await cci([
      'brief',
      '--division',
      'security',
      '--date',
      DATE,
      '--data',
      copy,
      '--out',
      await tempDir(),
      '--format',
      'html',
    ]);
    expect(brief.code).toBe(3);
    expect(brief.stdout).toBe('');
  });

  it('refuses a bad geometry file plainly, with event.yaml’s problems, and writes nothing', async () => {
    const copy = join(await tempDir(), 'la28');
    await cp(data, copy, { recursive: true });
    const lines = (await readFile(join(copy, 'counties.geojson'), 'utf8')).split('\n');
    // Orange County in projected metres (UTM), Ventura's ring left open, San Diego under another code
    lines[2] = lines[2]!.replace('[[[-118.115,33.7429]', '[[[408000,3733000]');
    lines[5] = lines[5]!.replace('"GEOID": "06073"', '"GEOID": "6073x"');
    lines[6] = lines[6]!.replace('[-119.4789,34.3769]]],', '[-119.4789,34.3770]]],');
    await writeFile(join(copy, 'counties.geojson'), lines.join('\n'));
    const r = await cci(['validate', '--data', copy]);
    expect(r.code).toBe(3);
    expect(r.stdout.trim().split('\n')).toEqual([
      'counties.geojson:3:124: feature 2 (GEOID "06059"): position [408000, 3733000] out of range; expected a longitude between -180 and 180 and a latitude between -90 and 90 (WGS 84 degrees, not projected coordinates)',
      'counties.geojson:6:3: GEOID "6073x" is not an area code of the event; expected one of: 06037, 06059, 06065, 06071, 06073, 06111, 40109',
      'counties.geojson:7:130: feature 6 (GEOID "06111"): the ring does not close; its last position must equal its first',
      'counties.geojson: areas of the event without an outline in this file (1): 06073; expected a feature for every code of areas.codes',
    ]);
    expect(r.stderr).toMatch(/4 problems found/);
    const out = await tempDir();
    const brief = await cci([
      'brief',
      '--division',
      'cyber',
      '--date',
      DATE,
      '--data',
      copy,
      '--out',
      out,
      '--format',
      'html',
    ]);
    expect(brief.code).toBe(3);
    expect(brief.stdout).toBe('');
    expect(await readdir(out)).toEqual([]);
    // without the file at all, and with the map section left in: the file is named, plainly
    await rm(join(copy, 'counties.geojson'));
    expect((await cci(['validate', '--data', copy])).stdout.trim()).toBe(
      'counties.geojson: geometry file not found; expected a GeoJSON or TopoJSON file in the data folder',
    );
  });

  it('refuses the map section of an event that gives no geometry for its areas', async () => {
    const copy = join(await tempDir(), 'la28');
    await cp(data, copy, { recursive: true });
    const yaml = await readFile(join(copy, 'event.yaml'), 'utf8');
    await writeFile(join(copy, 'event.yaml'), yaml.replace(/\n {2}geometry:\n( {4}.*\n)+/, '\n'));
    const r = await cci(['validate', '--data', copy]);
    expect(r.code).toBe(3);
    expect(r.stdout.trim()).toMatch(
      /^event\.yaml:\d+:\d+: division cyber: section map needs a map geometry: give the areas' outlines in event\.yaml/,
    );
  });

  it('refuses a list of counties with a code twice, at its line', async () => {
    const copy = join(await tempDir(), 'la28');
    await cp(data, copy, { recursive: true });
    await appendFile(join(copy, 'counties.csv'), '06037,Los Angeles again\n');
    const r = await cci(['validate', '--data', copy]);
    expect(r.code).toBe(3);
    expect(r.stdout.trim()).toBe('counties.csv:9:1: area code 06037 is listed twice (first at line 2); each code once');
  });
});

describe('the preview of an event outside France', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGINT');
  });

  it('serves every division of the event, in English without French', async () => {
    child = spawn(process.execPath, [BIN, 'preview', '--data', data, '--port', '0'], {
      env: { ...process.env, CCI_LANG: 'en', NO_COLOR: '1', CCI_CACHE_DIR: E2E_CACHE_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child!.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        if (buf.includes('\n')) resolve(buf.split('\n')[0]!);
      });
      child!.once('exit', (code) => reject(new Error(`preview exited ${code}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    // in with the printed URL, as a browser: the cookie it sets opens the rest
    const entry = await fetch(url, { redirect: 'manual' });
    expect(entry.status).toBe(303);
    const headers = { Cookie: entry.headers.get('set-cookie')!.split(';')[0]! };
    const origin = url.replace(/\?.*$/, '');
    const index = await (await fetch(origin, { headers })).text();
    for (const title of ['Intelligence briefing', 'General security briefing', 'Cyber briefing'])
      expect(index).toContain(title);
    for (const division of DIVISIONS) {
      const res = await fetch(`${origin}doc?division=${division}&date=${DATE}&audience=partners&lang=en`, { headers });
      expect(res.status, division).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<meta name="cci-division" content="${division}">`);
      expect(frenchIn(htmlText(html)), division).toEqual([]);
    }
    const page = await fetch(`${origin}brief?division=cyber&date=${DATE}&lang=en`, { headers });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Cyber briefing (16:00)');
  });
});

describe('email of a third division', () => {
  let smtp: Harness | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  it('sends the cyber briefing to its own lists, its key figures without forces', async () => {
    smtp = await startSmtp();
    const out = await tempDir();
    const r = await cci(
      [
        'brief',
        '--division',
        'cyber',
        '--date',
        DATE,
        '--audience',
        'partners,national',
        '--lang',
        'en',
        '--format',
        'pdf',
        '--data',
        data,
        '--out',
        out,
        '--email',
      ],
      { env: { CCI_SMTP_URL: smtp.url } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(smtp.received.map((m) => m.to).sort()).toEqual([['cisa-watch@example.org'], ['cyber-officers@example.org']]);
    for (const mail of smtp.received) {
      expect(mail.raw).toContain('Cyber briefing');
      expect(mail.raw).not.toContain('Forces deployed');
    }
  });
});

// The reviewer's German event, made with `cci init` and edited as a user would: host DEU, areas
// in the field `land` labelled « Land », a 16:00 cyber division with an English title only, the
// event's own words for the serial day, the impact and the forces. Nothing of Paris or of the
// Games is left in its documents unless its event.yaml says so.
describe('a German event made with cci init', () => {
  let de: string;
  let day: string;
  const PARIS =
    /\b(Jeux|Games|JOP|Police nationale|Gendarmerie nationale|National police|Vigipirate|préfecture|départements?|Department)\b/i;

  beforeAll(async () => {
    de = join(await tempDir('cci-de-'), 'em');
    expect((await cci(['init', de])).code).toBe(0);
    day = (await readdir(de)).find((n) => /^\d{4}-\d{2}-\d{2}$/.test(n))!;
    // every file of the folder: the area field is `land`
    for (const name of ['event.yaml', ...(await readdir(join(de, day))).map((n) => join(day, n))]) {
      const file = join(de, name);
      await writeFile(file, (await readFile(file, 'utf8')).replace(/\bdepartement\b/g, 'land'));
    }
    let y = await readFile(join(de, 'event.yaml'), 'utf8');
    const swap = (from: RegExp, to: string) => {
      expect(y, String(from)).toMatch(from);
      y = y.replace(from, to);
    };
    swap(
      /name_fr: .*\n {2}name_en: .*\n/,
      'name_fr: Championnat de football 2026\n  name_en: Football Championship 2026\n',
    );
    swap(/host: FRA/, 'host: DEU');
    swap(/partners: \[DEU, /, 'partners: [FRA, ');
    swap(/countries: +\{ DEU:/, 'countries:     { FRA:');
    swap(
      / {2}label_fr: Département\n {2}label_en: Department\n {2}heading_fr: .*\n {2}heading_en: .*\n {2}codes: fr-departements\n/,
      '  label_fr: Land\n  label_en: Land\n',
    );
    swap(
      /threat_scale:[\s\S]*?\n\n/,
      'threat_scale:\n  name_fr: Niveau GTAZ\n  name_en: GTAZ level\n  levels:\n    - { id: low, label_fr: Bas, label_en: Low }\n    - { id: high, label_fr: Haut, label_en: High }\n\n',
    );
    swap(
      /labels:[\s\S]*?\n\n/,
      [
        'labels:',
        '  event_day_fr: Jour du championnat',
        '  event_day_en: Championship day',
        '  impact_fr: Impact sur le championnat',
        '  impact_en: Championship impact',
        '  impact_figure_fr: Impact sur le championnat',
        '  impact_figure_en: Affecting the championship',
        'forces:',
        '  - { id: police, label_fr: Police des Länder, label_en: State police }',
        '  - { id: gendarmerie, label_fr: Police fédérale, label_en: Federal police }',
        '',
        '',
      ].join('\n'),
    );
    swap(/, map, nationals/, ', nationals');
    swap(
      /divisions:\n/,
      'divisions:\n  cyber:\n    time: "16:00"\n    title_en: Cyber briefing\n    records: [incidents, deployments]\n    sections: [key_figures, forces, notable_facts, by_area]\n',
    );
    await writeFile(join(de, 'event.yaml'), y);
    const dayYaml = join(de, day, 'day.yaml');
    await writeFile(dayYaml, (await readFile(dayYaml, 'utf8')).replace(/threat_level: \S+/, 'threat_level: high'));
    const deployments = join(de, day, 'deployments.csv');
    await appendFile(deployments, `${day},gendarmerie,75,300\n`);
    const v = await cci(['validate', '--data', de]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
  });

  it('writes the event’s own words, the area level as written and no word of Paris or the Games, in every language', async () => {
    const out = await tempDir();
    const r = await cci([
      'brief',
      '--division',
      'all',
      '--date',
      day,
      '--lang',
      'fr,en,both',
      '--format',
      'html,json',
      '--data',
      de,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    for (const file of r.stdout
      .trim()
      .split('\n')
      .filter((f) => f.endsWith('.html'))) {
      const text = htmlText(await readFile(file, 'utf8'));
      expect(text.match(PARIS)?.[0], file).toBeUndefined();
      expect(text, file).not.toMatch(/par land|by land/);
      if (file.includes('-securite-')) {
        if (!file.endsWith('-en.html')) expect(text, file).toMatch(/Incidents par Land/);
        if (!file.endsWith('-fr.html')) expect(text, file).toMatch(/Incidents by Land/);
        if (!file.endsWith('-en.html'))
          expect(text, file).toMatch(/Jour du championnat[\s\S]*Police des Länder[\s\S]*Police fédérale/);
        if (!file.endsWith('-fr.html'))
          expect(text, file).toMatch(/Championship day[\s\S]*State police[\s\S]*Federal police/);
      }
    }
    const json = await readJson<BriefingModel>(join(out, `cci-${day}-securite-partners.json`));
    expect(json.words!['enums.force.police']).toEqual({ fr: 'Police des Länder', en: 'State police' });
    // the opening day: nothing to compare the forces with
    expect(json.previous.forces).toBeNull();
  });

  it('reads the same without labels: or forces:, in the neutral words cci ships', async () => {
    const plain = join(await tempDir('cci-de-plain-'), 'em');
    await cp(de, plain, { recursive: true });
    const y = await readFile(join(plain, 'event.yaml'), 'utf8');
    await writeFile(join(plain, 'event.yaml'), y.replace(/labels:[\s\S]*?\n\n/, ''));
    const out = await tempDir();
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      day,
      '--format',
      'html',
      '--data',
      plain,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const text = htmlText(await readFile(r.stdout.trim(), 'utf8'));
    expect(text.match(PARIS)?.[0]).toBeUndefined();
    for (const word of ['Jour de l’événement', 'Event day', 'Police', 'Gendarmerie'])
      expect(text, word).toContain(word);
  });

  it('names the cyber division by its one title in the title block, the running header and the PDF title, never by its id', async () => {
    const out = await tempDir();
    const r = await cci(['brief', '--division', 'cyber', '--date', day, '--format', 'pdf', '--data', de, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const pdf = r.stdout.trim();
    const text = await pdfText(pdf);
    expect(text).not.toMatch(/traduction en attente|translation pending|· cyber\b/);
    expect(text).toMatch(/· Cyber briefing/);
    const { stdout } = await import('node:child_process').then(({ execFileSync }) => ({
      stdout: execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }),
    }));
    expect(stdout).toMatch(/^Title: +.*Cyber briefing — /m);
  });
});

describe('an event whose division time the clocks skip or show twice (Berlin, 02:30)', () => {
  let ber: string;
  const SPRING = '2030-03-31';
  const AUTUMN = '2030-10-27';

  beforeAll(async () => {
    ber = join(await tempDir('cci-ber-'), 'ber');
    expect((await cci(['init', ber])).code).toBe(0);
    const example = (await readdir(ber)).find((n) => /^\d{4}-\d{2}-\d{2}$/.test(n))!;
    let y = await readFile(join(ber, 'event.yaml'), 'utf8');
    y = y
      .replace('timezone: Europe/Paris', 'timezone: Europe/Berlin')
      .replace(/opens: \d{4}-\d\d-\d\d/, 'opens: 2030-03-20')
      .replace(/closes: \d{4}-\d\d-\d\d/, 'closes: 2030-11-10')
      .replace('time: "09:30"', 'time: "02:30"');
    await writeFile(join(ber, 'event.yaml'), y);
    // the example day, on each day the clocks change
    for (const day of [SPRING, AUTUMN]) {
      await cp(join(ber, example), join(ber, day), { recursive: true });
      for (const name of await readdir(join(ber, day))) {
        const file = join(ber, day, name);
        await writeFile(
          file,
          (await readFile(file, 'utf8'))
            .replaceAll(example, day)
            .replaceAll(example.replaceAll('-', ''), day.replaceAll('-', '')),
        );
      }
    }
    await rm(join(ber, example), { recursive: true });
  });

  it('validates, warning of both days at the division’s time, in the language of messages', async () => {
    const v = await cci(['validate', '--data', ber]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(
      /^event\.yaml:\d+:\d+: warning: division renseignement: 02:30 does not exist on 2030-03-31 in Europe\/Berlin \(the clocks go forward over it\): that day's briefing ends at 03:30 instead, and the next window is 23 h long\nevent\.yaml:\d+:\d+: warning: division renseignement: 02:30 happens twice on 2030-10-27 in Europe\/Berlin/,
    );
    expect(v.stderr).toContain('no problem found (2 warnings: division times on days the clocks change)');
    const fr = await cci(['validate', '--data', ber], { env: { CCI_LANG: 'fr' } });
    expect(fr.stdout).toContain('02:30 n’existe pas le 2030-03-31 dans le fuseau Europe/Berlin');
  });

  it('ends each window at the same instant on any machine, and says the time it really ends at', async () => {
    const ends: string[][] = [];
    for (const tz of ['UTC', 'America/Chicago', 'Australia/Sydney']) {
      const row: string[] = [];
      for (const date of [SPRING, AUTUMN]) {
        const out = await tempDir();
        const r = await cci(
          ['brief', '-d', 'renseignement', '--date', date, '--data', ber, '--out', out, '--format', 'json,html'],
          { env: { TZ: tz } },
        );
        expect(r.code, r.stderr).toBe(0);
        const json = (await readdir(out)).find((n) => n.endsWith('.json'))!;
        const model = await readJson<BriefingModel>(join(out, json));
        row.push(`${model.window.start} ${model.window.end} ${model.window.hours} ${model.briefingTime}`);
        const html = await readFile(join(out, json.replace(/\.json$/, '.html')), 'utf8');
        // the title block's briefing time (bilingual: written the French way)
        const time = /class="tb-time">[^]*?<span class="v">([^<]*)</.exec(html)?.[1];
        expect(time, `${tz} ${date}`).toBe(date === SPRING ? '3\u202fh\u202f30' : '2\u202fh\u202f30');
      }
      ends.push(row);
    }
    expect(ends[0]).toEqual([
      '2030-03-30T02:30:00+01:00 2030-03-31T03:30:00+02:00 24 03:30',
      '2030-10-26T02:30:00+02:00 2030-10-27T02:30:00+02:00 24 02:30',
    ]);
    expect(ends[1]).toEqual(ends[0]);
    expect(ends[2]).toEqual(ends[0]);
  });
});
