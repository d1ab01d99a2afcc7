import { afterEach, describe, expect, it } from 'vitest';
import type { BriefingModel } from '../../src/aggregate/model.js';
import { HELPER_NAMES } from '../../src/render/helpers.js';
import { renderBriefingHtml } from '../../src/render/index.js';
import { countryModel, emptyModel, sampleRenseignementModel, sampleSecuriteModel } from './sample-model.js';

const NNBSP = '\u202F';
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '{{constructor}}',
  '</style><b>bold</b>',
  '"><svg onload=alert(3)>',
];

/** The markup of a French label and its English twin (the English span with its id: markup.ts). */
function bi(fr: string, en: string): RegExp {
  const q = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<span class="fr">${q(fr)}</span><span class="en" lang="en" id="l\\d+">${q(en)}</span>`);
}

/** The text between the tags of one element found by a class, roughly, for focused checks. */
function section(html: string, cls: string): string {
  const start = html.indexOf(`<section class="sec ${cls}"`);
  expect(start, cls).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

function allStrings(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => allStrings(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      allStrings(x, out);
    }
  return out;
}

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('renderBriefingHtml', () => {
  it('writes the period covered and the next briefing in each language its own way in a bilingual document', () => {
    const html = renderBriefingHtml(sampleSecuriteModel(), { lang: 'both' });
    const cell = (cls: string) => new RegExp(`<li class="${cls}">[^]*?</li>`).exec(html)?.[0] ?? '';
    for (const cls of ['tb-window', 'tb-next']) {
      expect(cell(cls), cls).toMatch(/<span class="fr">[^<]*(lun|dim|sam|mar)\. /);
      expect(cell(cls), cls).toMatch(/<span class="en"[^>]*>[^<]*(Mon|Sun|Sat|Tue) \d+ [A-Z][a-z]{2}, \d\d:\d\d/);
    }
  });

  it('writes the numbers of a message in each language’s own way in a bilingual document', () => {
    const m = sampleSecuriteModel();
    m.window.hours = 23.5; // Lord Howe: a 30-minute clock change
    const html = renderBriefingHtml(m, { lang: 'both' });
    expect(html).toContain('Fenêtre de 23,5 h');
    expect(html).toContain('23.5-hour window');
    expect(html).not.toContain('23,5-hour');
  });

  it('puts the offset of a time the clocks show twice on its own line in the time column, where it fits', () => {
    const m = sampleSecuriteModel();
    m.event = { ...m.event, timezone: 'America/Los_Angeles' };
    m.notable = [{ ...m.notable![0]!, time: '2028-11-05T01:15:00-08:00' }];
    for (const lang of ['fr', 'en', 'both'] as const) {
      const html = renderBriefingHtml(m, { lang });
      const at = /<span class="at">(.*?)<\/span><span class="day">/.exec(html)![1]!;
      expect(at, lang).toMatch(/^(1\u202fh\u202f15|01:15) <span class="offset">\(UTC−8\)<\/span>$/);
    }
    expect(renderBriefingHtml(m, { lang: 'fr' })).toMatch(/\.incident \.at \.offset \{[^}]*display: block/);
  });

  it('says in each language that the closing briefing, whose model has no next briefing, is the event’s last', () => {
    const { nextBriefing: _n, ...closing } = sampleSecuriteModel();
    const cell = (html: string) => /<li class="tb-next">[^]*?<\/li>/.exec(html)?.[0] ?? '';
    const both = cell(renderBriefingHtml(closing, { lang: 'both' }));
    expect(both).toMatch(bi('Aucun : dernier briefing de l’événement', 'None: the event&#x27;s last briefing'));
    expect(cell(renderBriefingHtml(closing, { lang: 'fr' }))).toContain('Aucun : dernier briefing de l’événement');
    expect(cell(renderBriefingHtml(closing, { lang: 'en' }))).toContain('None: the event&#x27;s last briefing');
    // and its outlook is not "until the next briefing"
    const outlook = section(renderBriefingHtml(closing, { lang: 'both' }), 'outlook');
    expect(outlook).toMatch(bi('Perspectives pour les 24 heures suivantes', 'Outlook for the next 24 hours'));
    expect(outlook).not.toContain('next briefing');
  });

  it('isolates each name of an incident’s place, so that a right-to-left name cannot carry the area code cci writes after it', () => {
    const base = sampleSecuriteModel();
    const first = { ...base.notable![0]!, venueName: 'ملعب', commune: 'حي الأمل' };
    const html = renderBriefingHtml({ ...base, notable: [first, ...base.notable!.slice(1)] }, { lang: 'both' });
    expect(html).toContain('<p class="place"><bdi>ملعب</bdi>, <bdi>حي الأمل</bdi> (93)</p>');
    // and escaped inside
    const hostile = { ...base.notable![0]!, venueName: '<b>x</b>', commune: 'a & b' };
    expect(renderBriefingHtml({ ...base, notable: [hostile] }, { lang: 'en' })).toContain(
      '<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>, <bdi>a &amp; b</bdi> (93)',
    );
  });

  it('breaks a venue’s zone name after its slash in the narrow start column, never inside a word (Australia/Melbourne)', () => {
    const base = sampleSecuriteModel();
    const item = { ...base.outlook![0]!, localTimezone: 'Australia/Melbourne' };
    const html = renderBriefingHtml({ ...base, outlook: [item] }, { lang: 'en' });
    expect(html).toMatch(/<span class="zone-id">\(Australia\/<wbr>Melbourne, UTC\+10\)<\/span>/);
  });

  it('names the closing briefing beside its serial number instead of the event’s word for one of its days (J50 is no Games day)', () => {
    const { nextBriefing: _n, ...rest } = sampleSecuriteModel();
    const words = { ...rest.words, 'title.serialLabel': { fr: 'Jour des Jeux', en: 'Games day' } };
    const label = (html: string) => /<span class="serial-label">([^]*?)<\/span><\/p>/.exec(html)?.[1] ?? '';
    const closing = label(renderBriefingHtml({ ...rest, words }, { lang: 'both' }));
    expect(closing).toMatch(bi('Briefing de clôture', 'Closing briefing'));
    expect(closing).not.toMatch(/Jeux|Games/);
    expect(label(renderBriefingHtml({ ...rest, words }, { lang: 'en' }))).toBe('Closing briefing');
    // a briefing with a next one keeps the event's word
    expect(label(renderBriefingHtml({ ...sampleSecuriteModel(), words }, { lang: 'both' }))).toMatch(
      bi('Jour des Jeux', 'Games day'),
    );
  });

  it('prints the event’s own words as written, a brace in them no placeholder (labels: impact_fr: "Impact {JO}")', () => {
    const base = sampleSecuriteModel();
    const word = { fr: 'Jour {x} <b>', en: 'Day {x} <b>' };
    const model: BriefingModel = {
      ...base,
      specialFrance: true,
      words: {
        ...base.words,
        'title.serialLabel': word,
        'marking.specialFrance': { fr: 'SPÉCIAL {US}', en: 'SPÉCIAL {US}' },
      },
    };
    const html = renderBriefingHtml(model, { lang: 'both' });
    expect(html).toContain('Jour {x} &lt;b&gt;');
    expect(html).toContain('Day {x} &lt;b&gt;');
  });

  it('lets a long time zone name break after its slash only, never inside a word (America/Los_Angeles in the title block)', () => {
    const base = sampleSecuriteModel();
    const model: BriefingModel = { ...base, event: { ...base.event, timezone: 'America/Los_Angeles' } };
    const html = renderBriefingHtml(model, { lang: 'both' });
    const zone = /<span class="zone">([^]*?)<\/span>/.exec(html)?.[1];
    expect(zone).toMatch(/^America\/<wbr>Los_Angeles \(UTC[+−-]\d+\)$/);
  });

  it('writes a complete standalone document with the briefing marker', () => {
    const html = renderBriefingHtml(sampleSecuriteModel(), { lang: 'both' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="cci-document" content="briefing">');
    expect(html).toMatch(/<title>TLP:AMBER – Briefing Sécurité générale – J15 – lundi 5 août 2024<\/title>/);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain('@page { size: A4; margin: 22mm 15mm; }'); // the sides of the PDF header and footer
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('has no script and no external resource in any document', () => {
    const models = [sampleSecuriteModel(), sampleRenseignementModel(), emptyModel(), countryModel()];
    for (const model of models) {
      for (const lang of ['fr', 'en', 'both'] as const) {
        const html = renderBriefingHtml(model, { lang });
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/https?:\/\//i);
        expect(html).not.toMatch(/\bsrc=|<link|@import|url\(/i);
        expect(html).not.toContain('undefined');
        expect(html).not.toContain('NaN');
        expect(html).not.toContain('[object');
      }
    }
  });

  it('shows hostile record text as literal text', () => {
    const model = sampleSecuriteModel();
    const n = model.notable![0]!;
    n.summary = { fr: HOSTILE.join(' '), en: HOSTILE.join(' ') };
    n.categoryLabel = { fr: HOSTILE[1], en: HOSTILE[0] };
    n.venueName = HOSTILE[3];
    n.source = HOSTILE[4];
    n.grading = HOSTILE[2];
    n.nationalities = ['<b>X</b>'];
    model.keyMessages[0]!.text = { fr: HOSTILE[0], en: HOSTILE[3] };
    model.byCategory![0]!.label = { fr: HOSTILE[0], en: HOSTILE[1] };
    model.byArea![0]!.key = HOSTILE[4]!;
    model.foreignNationals![0]!.name = { fr: HOSTILE[1], en: HOSTILE[0] };
    model.outlook![0]!.title = { fr: HOSTILE[3], en: HOSTILE[4] };
    model.protectionMention = HOSTILE[0];
    model.event.name = { fr: HOSTILE[3], en: HOSTILE[0] };
    model.divisionTitle = { fr: HOSTILE[0], en: HOSTILE[3] };
    for (const lang of ['fr', 'en', 'both'] as const) {
      const html = renderBriefingHtml(model, { lang });
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toContain('<b>');
      expect(html).not.toMatch(/<svg onload/i);
      expect(html.match(/<\/style>/g)).toHaveLength(1);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('{{constructor}}');
      expect(html).not.toContain('function Object');
    }
    expect(renderBriefingHtml(model, { lang: 'fr' })).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
  });

  it('writes every section in both languages in a bilingual document, French first', () => {
    const html = renderBriefingHtml(sampleSecuriteModel(), { lang: 'both' });
    for (const [fr, en] of [
      ['Messages clés', 'Key messages'],
      ['Faits marquants', 'Notable facts'],
      ['Chiffres clés', 'Key figures'],
      ['Forces déployées', 'Forces deployed'],
      ['Incidents par catégorie', 'Incidents by category'],
      ['Perspectives jusqu’au prochain briefing', 'Outlook until the next briefing'],
      ['Tendance sur 7 jours', '7-day trend'],
    ] as const) {
      expect(html).toMatch(bi(fr, en));
    }
    const notable = section(html, 'notable');
    const fr = notable.indexOf('Drone de loisir détecté');
    const en = notable.indexOf('Leisure drone detected');
    expect(fr).toBeGreaterThan(0);
    expect(en).toBeGreaterThan(fr);
    expect(html).toMatch(bi('Élevée', 'High'));
    // Records' texts are paragraphs, the English one with its language.
    expect(notable).toMatch(
      /<p class="txt fr">Drone de loisir détecté[^<]*<\/p><p class="txt en" lang="en">Leisure drone detected/,
    );
  });

  it('says "translation pending" in the missing language, never the other language', () => {
    const model = sampleSecuriteModel();
    model.notable![0]!.summary = { fr: 'Seulement en français.' };
    model.notable![1]!.summary = { en: 'Only in English.' };
    const both = renderBriefingHtml(model, { lang: 'both' });
    expect(both).toContain('<span class="pending" lang="en">translation pending</span>');
    expect(both).toContain('<span class="pending" lang="fr">traduction en attente</span>');
    expect(both.match(/Seulement en français\./g)).toHaveLength(1);
    expect(both.match(/Only in English\./g)).toHaveLength(1);
    const en = renderBriefingHtml(model, { lang: 'en' });
    expect(en).not.toContain('Seulement en français.');
    expect(en).toContain('Only in English.');
    expect(en).toContain('translation pending');
    const fr = renderBriefingHtml(model, { lang: 'fr' });
    expect(fr).not.toContain('Only in English.');
    expect(fr).toContain('traduction en attente');
  });

  it('writes only French or only English when asked', () => {
    const fr = renderBriefingHtml(sampleSecuriteModel(), { lang: 'fr' });
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('Faits marquants');
    expect(fr).not.toContain('Notable facts');
    expect(fr).not.toContain('Leisure drone detected');
    expect(fr).not.toContain('class="en"');
    expect(fr).toContain('Urgence attentat');

    const en = renderBriefingHtml(sampleSecuriteModel(), { lang: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Notable facts');
    expect(en).not.toContain('Faits marquants');
    expect(en).not.toContain('Drone de loisir');
    expect(en).toContain('Attack emergency');
    expect(en).toContain('<title>TLP:AMBER – General security briefing – J15 – Monday 5 August 2024</title>');
  });

  it('formats numbers and dates per language, in the event time zone whatever the machine zone', () => {
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo']) {
      process.env.TZ = tz;
      const model = sampleSecuriteModel();
      const fr = renderBriefingHtml(model, { lang: 'fr' });
      expect(fr).toContain(`68${NNBSP}340`);
      expect(fr).toContain('lundi 5 août 2024');
      expect(fr).toContain(`13${NNBSP}h${NNBSP}40`); // 13:40+02:00
      const en = renderBriefingHtml(model, { lang: 'en' });
      expect(en).toContain('68,340');
      expect(en).toContain('Monday 5 August 2024');
      expect(en).toContain('>13:40<');
      // Bilingual documents write figures the French way.
      expect(renderBriefingHtml(model, { lang: 'both' })).toContain(`68${NNBSP}340`);

      const tahiti = sampleSecuriteModel();
      tahiti.event.timezone = 'Pacific/Tahiti';
      expect(renderBriefingHtml(tahiti, { lang: 'en' })).toContain('>01:40<'); // 11:40 UTC
    }
  });

  it('shows the serial, the window, the audience and the next briefing in the title block', () => {
    const html = renderBriefingHtml(sampleSecuriteModel(), { lang: 'en' });
    expect(html).toContain('<span class="serial">J15</span>');
    expect(html).toContain('Sun 4 Aug, 11:30 → Mon 5 Aug, 11:30');
    expect(html).toContain('Partners (foreign liaison officers)');
    expect(html).toContain('Intelligence briefing');
    expect(html).toContain('Tue 6 Aug, 09:30');
    expect(html).not.toContain('clock change');
  });

  it('says when the window is not 24 hours long', () => {
    const model = sampleSecuriteModel();
    model.window = { start: '2024-10-26T11:30:00+02:00', end: '2024-10-27T11:30:00+01:00', hours: 25 };
    expect(renderBriefingHtml(model, { lang: 'fr' })).toContain('Fenêtre de 25 h (changement d’heure)');
    expect(renderBriefingHtml(model, { lang: 'en' })).toContain('25-hour window (clock change)');
  });

  it('says RAS for every empty section and draws no broken chart', () => {
    const html = renderBriefingHtml(emptyModel(), { lang: 'fr' });
    for (const cls of ['key-messages', 'forces', 'notable', 'by-category', 'by-area', 'foreign-nationals', 'outlook']) {
      expect(section(html, cls), cls).toContain('RAS – rien à signaler');
      expect(section(html, cls), cls).not.toContain('<table');
    }
    for (const cls of ['forces', 'by-category', 'by-area']) expect(section(html, cls), cls).not.toContain('<svg');
    const trend = section(html, 'trend');
    expect(trend).toContain('<svg');
    expect(trend).toContain('RAS – rien à signaler');
    expect(trend).not.toContain('NaN');
    expect(html).toContain('TLP:CLEAR');
    const en = renderBriefingHtml(emptyModel(), { lang: 'en' });
    expect(section(en, 'notable')).toContain('Nothing to report');
  });

  it('says RAS for an empty trend instead of an empty chart', () => {
    const model = emptyModel();
    model.trend = [];
    const trend = section(renderBriefingHtml(model, { lang: 'fr' }), 'trend');
    expect(trend).not.toContain('<svg');
    expect(trend).toContain('RAS – rien à signaler');
  });

  it('draws the forces, trend, category and département charts with titles, descriptions and unique ids', () => {
    const html = renderBriefingHtml(sampleSecuriteModel(), { lang: 'both' });
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(4);
    for (const svg of svgs) {
      expect(svg).toMatch(/<title id="chart-\d+-title">[^<]+<\/title><desc id="chart-\d+-desc">[^<]+<\/desc>/);
    }
    const [forces, trend, category, departement] = svgs as [string, string, string, string];
    expect(section(html, 'forces')).toContain(forces);
    expect(section(html, 'trend')).toContain(trend);
    expect(section(html, 'by-category')).toContain(category);
    expect(section(html, 'by-area')).toContain(departement);

    expect(category).toContain('Incidents par catégorie / Incidents by category');
    expect(category).toContain('>Ordre public</text>');
    expect(category).toContain('>Public order</text>');
    const widths = [...category.matchAll(/<rect class="bar"[^>]* width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(8);
    expect(widths[1]! / widths[0]!).toBeCloseTo(9 / 11, 2);
    expect(category).toContain('(29\u00A0%)'); // 11 of 38, the share in French in a bilingual document
    expect(trend).toContain('Interpellations / Arrests');
    expect(trend).toContain('>J15</text>');
    expect(new Set(html.match(/id="[^"]+"/g)).size).toBe(html.match(/id="[^"]+"/g)!.length);
  });

  it('draws forces by type with the strength, the day before and the change, in both languages', () => {
    const html = renderBriefingHtml(sampleSecuriteModel(), { lang: 'both' });
    const forces = section(html, 'forces');
    expect(forces).not.toContain('<table');
    const svg = /<svg[\s\S]*?<\/svg>/.exec(forces)![0];
    expect(svg).toMatch(/<title id="chart-\d+-title">Forces déployées \/ Forces deployed<\/title>/);
    // Compared with the day the model names (the latest earlier day with figures), in both languages.
    expect(svg).toContain('Police nationale : 21\u202F500 (dim. 4 août : 20\u202F900)');
    expect(svg).toContain('National police: 21,500 (Sun 4 Aug: 20,900)');
    for (const l of [
      'Police nationale',
      'National police',
      'Militaires',
      'Military',
      'Effectif',
      'Strength',
      'dim. 4 août',
      'Sun 4 Aug',
      'Total',
    ]) {
      expect(svg).toContain(`>${l}</text>`);
    }
    expect(svg).toContain('>21\u202F500</text>');
    expect(svg).toContain('>68\u202F340</text>');
    expect(svg).toContain('>▲ +600</text>');
    expect(svg).toContain('>▲ +2\u202F220</text>'); // total 68 340 against 66 120
    const bars = [...svg.matchAll(/<rect class="bar"[^>]* width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(bars).toHaveLength(5);
    expect(bars[1]! / bars[0]!).toBeCloseTo(13200 / 21500, 2);
    expect(svg.match(/<line class="previous"/g)).toHaveLength(5);
    const en = /<svg[\s\S]*?<\/svg>/.exec(
      section(renderBriefingHtml(sampleSecuriteModel(), { lang: 'en' }), 'forces'),
    )![0];
    expect(en).toContain('>21,500</text>');
    expect(en).toContain('National police: 21,500 (Sun 4 Aug: 20,900)');
    expect(en).not.toContain('Police nationale');
  });

  it('draws incidents by area with code, name, count and share, the long tail summed', () => {
    const html = renderBriefingHtml(sampleSecuriteModel(), { lang: 'en' });
    const dep = section(html, 'by-area');
    expect(dep).not.toContain('<table');
    expect(dep).toContain('>75 Paris</text>');
    expect(dep).toContain('>93 Seine-Saint-Denis</text>');
    expect(dep).toContain('>987</text>'); // no name: the code alone, never "987 987"
    expect(dep).toContain('<tspan font-weight="bold">19</tspan>');
    expect(dep).toContain('(50%)');
    const widths = [...dep.matchAll(/<rect class="bar"[^>]* width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[1]! / widths[0]!).toBeCloseTo(11 / 19, 2);

    const many = sampleSecuriteModel();
    many.byArea = Array.from({ length: 20 }, (_, i) => ({
      key: String(10 + i),
      label: { fr: `Dép ${i}`, en: `Dep ${i}` },
      count: 20 - i,
    }));
    const both = section(renderBriefingHtml(many, { lang: 'both' }), 'by-area');
    expect(both.match(/<rect class="bar"/g)).toHaveLength(13);
    expect(both).toContain('>Autres (8)</text>');
    expect(both).toContain('>Others (8)</text>');
    expect(both).toContain('<tspan font-weight="bold">36</tspan>'); // 8 + 7 + … + 1
    expect(both).toContain('>10 Dép 0</text>');
    expect(both).toContain('>10 Dep 0</text>');
  });

  it('stamps a draft with the watermark and its draft items with a badge, and nothing else', () => {
    const draft = renderBriefingHtml(sampleSecuriteModel(), { lang: 'both' });
    expect(draft).toContain('<div class="watermark" aria-hidden="true"><span>PROJET / DRAFT</span></div>');
    expect(draft).toContain('<span class="badge draft">');
    const final = sampleSecuriteModel();
    final.draft = false;
    for (const i of final.notable!) i.draft = false;
    for (const k of final.keyMessages) k.draft = false;
    const html = renderBriefingHtml(final, { lang: 'both' });
    expect(html).not.toContain('class="watermark"');
    expect(html).not.toContain('PROJET');
    expect(html).not.toContain('badge draft');
  });

  it('carries the TLP label, the protection mention and SPÉCIAL FRANCE at the top and the bottom', () => {
    const model = sampleSecuriteModel();
    model.specialFrance = true;
    model.marking = 'TLP:AMBER+STRICT';
    model.tlp = 'AMBER+STRICT';
    model.audience = 'national';
    const html = renderBriefingHtml(model, { lang: 'fr' });
    const top = html.slice(html.indexOf('<p class="marking marking-top"'), html.indexOf('<main'));
    const bottom = html.slice(html.indexOf('<p class="marking marking-bottom"'));
    expect(top.length).toBeGreaterThan(0);
    expect(bottom.length).toBeGreaterThan(0);
    // In landmarks of their own: the banner at the top, the content information at the bottom.
    expect(html).toMatch(/<header class="doc-banner"><p class="marking marking-top">/);
    expect(html).toMatch(/<footer class="doc-footer"><p class="marking marking-bottom">/);
    for (const bar of [top, bottom]) {
      expect(bar).toContain('<span class="tlp tlp-amber">TLP:AMBER+STRICT</span>');
      expect(bar).toContain('<span class="protection">DIFFUSION RESTREINTE</span>');
      expect(bar).toContain('<span class="special-france">SPÉCIAL FRANCE</span>');
    }
    expect(html).toContain('National (autorités du pays hôte)');
    expect(html).toMatch(/\.tlp-amber \{ color: #FFC000; \}/);
    expect(html).toMatch(/\.marking \.tlp \{ font-size: 12pt/);

    const plain = sampleSecuriteModel();
    delete plain.protectionMention;
    const p = renderBriefingHtml(plain, { lang: 'fr' });
    expect(p).not.toContain('class="protection"');
    expect(p).not.toContain('SPÉCIAL FRANCE');
  });

  it('colours each TLP level as TLP 2.0 says', () => {
    for (const [tlp, cls] of [
      ['RED', 'red'],
      ['AMBER', 'amber'],
      ['GREEN', 'green'],
      ['CLEAR', 'clear'],
    ] as const) {
      const model = emptyModel();
      model.tlp = tlp;
      model.marking = `TLP:${tlp}`;
      expect(renderBriefingHtml(model, { lang: 'en' })).toContain(`<span class="tlp tlp-${cls}">TLP:${tlp}</span>`);
    }
    const css = renderBriefingHtml(emptyModel(), { lang: 'en' });
    for (const c of ['#FF2B2B', '#FFC000', '#33FF00', '#FFFFFF']) expect(css).toContain(c);
  });

  it('shows the key figures with the previous window, the change and the running total', () => {
    const html = renderBriefingHtml(sampleSecuriteModel(), { lang: 'en' });
    const figures = section(html, 'key-figures');
    expect(figures).toContain('<p class="card-value">38</p>');
    expect(figures).toContain(
      '<span class="chg down worse"><span class="arrow" aria-hidden="true">▼</span>\u22126</span>',
    );
    expect(figures).toContain('<span class="chg up worse"><span class="arrow" aria-hidden="true">▲</span>+2</span>');
    expect(figures).toContain('<dd>612</dd>');
    expect(figures).toContain('<p class="card-value">68,340</p>');
    expect(figures).toContain('Since opening');
    // The forces are compared with the day the forces section names, not "the day before".
    expect(figures).toContain('<dt>On Sun 4 Aug</dt><dd>66,120</dd>');
  });

  it('says which day the forces figures are from when it falls back to an earlier day', () => {
    const model = sampleSecuriteModel();
    model.forces!.fallback = true;
    model.forces!.date = '2024-08-03';
    model.forces!.previousDate = '2024-08-02';
    const html = renderBriefingHtml(model, { lang: 'en' });
    expect(section(html, 'forces')).toContain(
      'Figures of Saturday 3 August 2024, latest available, compared with Friday 2 August 2024.',
    );
    expect(section(html, 'key-figures')).toContain('Figures of Sat 3 Aug');
    expect(section(html, 'key-figures')).toContain('On Fri 2 Aug');
  });

  it('lists foreign nationals by localised country name', () => {
    const fr = section(renderBriefingHtml(sampleSecuriteModel(), { lang: 'fr' }), 'foreign-nationals');
    expect(fr).toContain('Allemagne');
    expect(fr).toContain('Royaume-Uni');
    const en = section(renderBriefingHtml(sampleSecuriteModel(), { lang: 'en' }), 'foreign-nationals');
    expect(en).toContain('Germany');
    expect(en).not.toContain('Allemagne');
  });

  it('renders the intelligence briefing: threat level, assessments by theme with grading', () => {
    const html = renderBriefingHtml(sampleRenseignementModel(), { lang: 'en' });
    expect(html).toContain('Attack emergency');
    const assessments = section(html, 'assessments');
    const order = ['Terrorism', 'Cyber threat', 'Public order'].map((t) =>
      assessments.indexOf(`<span class="theme-name">${t}</span>`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(assessments).toContain('<span class="v grading">B2</span>');
    expect(assessments).toContain('Very high');
    expect(section(html, 'intelligence-incidents')).toContain('Leisure drone detected');
    expect(html).not.toContain('<section class="sec notable"');
    expect(html).toContain('Source and information grading');
  });

  it('draws the intelligence briefing at a glance: level by theme, incidents by category, 7-day trend', () => {
    const html = renderBriefingHtml(sampleRenseignementModel(), { lang: 'both' });
    const levels = /<svg class="chart levels"[\s\S]*?<\/svg>/.exec(section(html, 'assessments'))![0];
    expect(levels).toContain('Niveau de menace par thème / Threat level by theme</title>');
    expect(levels).toContain(
      'Terrorisme : Très élevé ; Cybermenace : Élevé ; Ordre public : Modéré — Terrorism: Very high; Cyber threat: High; Public order: Moderate</desc>',
    );
    expect([...levels.matchAll(/data-level="(\d)"/g)].map((m) => Number(m[1]))).toEqual([3, 2, 1]);
    expect(levels.match(/class="step on"/g)).toHaveLength(4 + 3 + 2);
    for (const l of ['Terrorisme', 'Terrorism', 'Faible', 'Low', 'Très élevé', 'Very high'])
      expect(levels).toContain(`>${l}</text>`);
    expect(section(html, 'intelligence-incidents')).toMatch(/<svg class="chart bars"/);
    expect(section(html, 'trend')).toContain('Incidents des catégories d’intérêt renseignement');
    expect(html).not.toContain('<section class="sec forces"');
  });

  it('adds the notes for a country audience', () => {
    const html = renderBriefingHtml(countryModel(), { lang: 'both' });
    const notes = section(html, 'country-notes');
    expect(notes).toMatch(bi('Notes pour : Allemagne', 'Notes for Germany'));
    expect(notes).toContain('Rixe sur les Champs-Élysées');
    expect(html).toContain('Liaison officers: Germany');
    expect(renderBriefingHtml(sampleSecuriteModel(), { lang: 'both' })).not.toContain('country-notes');
  });

  it('says RAS in the notes of a country with no incident involving its nationals', () => {
    const model = countryModel();
    model.countryNotes = [];
    expect(section(renderBriefingHtml(model, { lang: 'en' }), 'country-notes')).toContain('Nothing to report');
  });

  it('names no helper like a field of the model, so that a field is never taken for a helper', () => {
    const fields = new Set([
      ...allStrings(sampleSecuriteModel()),
      ...allStrings(sampleRenseignementModel()),
      ...allStrings(countryModel()),
    ]);
    for (const h of HELPER_NAMES) expect(fields.has(h), h).toBe(false);
  });

  it('refuses an unknown language', () => {
    expect(() => renderBriefingHtml(sampleSecuriteModel(), { lang: 'de' as 'fr' })).toThrow(/language/);
  });

  it('renders the same document every time from the templates compiled once', () => {
    const model: BriefingModel = countryModel();
    const first = renderBriefingHtml(model, { lang: 'both' });
    for (let i = 0; i < 20; i++) expect(renderBriefingHtml(model, { lang: 'both' })).toBe(first);
  });
});

describe('a briefing of any event', () => {
  /** The Sécurité générale sample, turned into a US event with its own scale, areas and sections. */
  function usModel(): BriefingModel {
    const m = sampleSecuriteModel();
    m.event = {
      id: 'la-2028',
      name: { en: 'LA28 Games' },
      centre: { en: 'IPCC' },
      timezone: 'America/Los_Angeles',
      host: 'USA',
    };
    m.protectionMention = 'LAW ENFORCEMENT SENSITIVE';
    m.divisionTitle = { en: 'Security briefing' };
    m.areaLabel = { fr: 'Comté', en: 'County' };
    m.areaHeading = { fr: 'comté', en: 'county' };
    m.byArea = [{ key: '06037', label: { fr: 'Los Angeles County', en: 'Los Angeles County' }, count: 3 }];
    for (const n of m.notable!) {
      n.area = '06037';
      n.areaName = { en: 'Los Angeles County' };
      n.venueName = 'SoFi Stadium';
      n.commune = 'Inglewood';
      n.summary = { en: 'A fact.' };
    }
    m.keyMessages = [{ text: { en: 'Calm.' }, tlp: 'AMBER', draft: false }];
    m.outlook = [];
    m.forces!.rows = m.forces!.rows.filter((r) => r.force !== 'gendarmerie');
    m.threatScale = {
      name: { en: 'UK threat level' },
      levels: ['low', 'moderate', 'substantial', 'severe', 'critical'].map((id) => ({
        id,
        label: { en: id[0]!.toUpperCase() + id.slice(1) },
      })),
    };
    m.threatLevel = 'severe';
    m.draft = false;
    return m;
  }

  it('writes nothing French in an English document of a non-French event', () => {
    const html = renderBriefingHtml(usModel(), { lang: 'en' });
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
    expect(text).not.toMatch(/[àâçéèêëîïôûùüÿœ]/i);
    for (const word of ['Vigipirate', 'département', 'France', 'French', 'Paris', 'Sentinelle', 'Sécurité'])
      expect(text, word).not.toContain(word);
    expect(section(html, 'by-area')).toContain('<h2>Incidents by county</h2>');
    expect(section(html, 'threat-level')).toContain('<h2>National threat level (UK threat level)</h2>');
  });

  it('draws the threat scale of the event: its levels in order, the current one marked, the top one darkest', () => {
    const html = section(renderBriefingHtml(usModel(), { lang: 'en' }), 'threat-level');
    expect([...html.matchAll(/<li class="step step-(\w+)( current)?">/g)].map((s) => `${s[1]}${s[2] ?? ''}`)).toEqual([
      'low',
      'mid',
      'mid',
      'mid current',
      'top',
    ]);
    expect(html).toContain('<span class="step-label">Severe</span>');
  });

  it('names the area level "Zone / Area" when the event gives none, and shows codes as written', () => {
    const m = usModel();
    delete m.areaLabel;
    delete m.areaHeading;
    m.byArea = [{ key: 'north-east', label: { fr: 'north-east', en: 'north-east' }, count: 1 }];
    const both = section(renderBriefingHtml(m, { lang: 'both' }), 'by-area');
    expect(both).toMatch(bi('Incidents par zone', 'Incidents by area'));
    expect(both).toContain('>north-east</text>');
  });

  it('writes the area level in headings as the event writes it: a German Land keeps its capital, an acronym its case', () => {
    for (const [label, fr, en] of [
      [{ fr: 'Land', en: 'Land' }, 'Incidents par Land', 'Incidents by Land'],
      [{ fr: 'PFA', en: 'PFA' }, 'Incidents par PFA', 'Incidents by PFA'],
      [{ fr: 'Département', en: 'Department' }, 'Incidents par Département', 'Incidents by Department'],
    ] as const) {
      const m = usModel();
      m.areaLabel = { ...label };
      delete m.areaHeading;
      m.byArea = [{ key: 'BY', label: { fr: 'Bavière', en: 'Bavaria' }, count: 1 }];
      const html = renderBriefingHtml(m, { lang: 'both' });
      expect(section(html, 'by-area')).toMatch(bi(fr, en));
      expect(html).not.toMatch(/par land|by land|par pFA/);
    }
    // the heading form of event.yaml (areas.heading_fr / heading_en), when the event gives one
    const m = usModel();
    m.areaLabel = { fr: 'Département', en: 'Department' };
    m.areaHeading = { fr: 'département', en: 'department' };
    expect(section(renderBriefingHtml(m, { lang: 'both' }), 'by-area')).toMatch(
      bi('Incidents par département', 'Incidents by department'),
    );
  });

  it('shows only the sections of the division, in its order', () => {
    const m = usModel();
    m.sections = ['trend', 'key_messages', 'by_area'];
    const html = renderBriefingHtml(m, { lang: 'en' });
    const order = [...html.matchAll(/<section class="sec ([\w-]+)"/g)].map((s) => s[1]);
    expect(order).toEqual(['trend', 'key-messages', 'by-area']);
  });
});
