// The map is computed only from what its audience may see: models are built by the real
// aggregation (buildBriefing), the map drawn from them by the real helpers and renderer.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import { isVisible, type Audience } from '../../src/audience/audience.js';
import { mapContextOf } from '../../src/data/map-context.js';
import type { Incident, Markings } from '../../src/model/types.js';
import { areaMapSvg } from '../../src/render/map-helpers.js';
import { renderBriefingHtml } from '../../src/render/index.js';
import { join } from 'node:path';
import { readAreaGeometry } from '../../src/data/area-geometry.js';
import { markingsArb } from '../helpers/arbitraries.js';
import { sampleSecuriteModel } from './sample-model.js';
import { dataset, division, event, incident } from '../helpers/dataset.js';

const AREAS = ['75', '93', '92', '13', '2A', '971', '987'] as const;
const audiences = fc.constantFrom<Audience>(
  { kind: 'partners' },
  { kind: 'national' },
  { kind: 'country', country: 'DEU' },
  { kind: 'country', country: 'BRA' },
  { kind: 'country', country: 'USA' },
);
// Inside the window of the 5 August 2024 Sécurité générale briefing (4 Aug 11:30 to 5 Aug 11:30, Paris).
const windowTime = fc.integer({ min: Date.parse('2024-08-04T09:30:00Z'), max: Date.parse('2024-08-05T09:29:59Z') });
const record = fc.record({ markings: markingsArb, area: fc.constantFrom(...AREAS), t: windowTime });
type Rec = { markings: Markings; area: string; t: number };

const ev = event({
  venues: [
    { id: 'stade-de-france', name: 'Stade de France', commune: 'Saint-Denis', area: '93', lon: 2.3601, lat: 48.9245 },
    {
      id: 'teahupoo',
      name: "Teahupo'o",
      commune: "Teahupo'o",
      area: '987',
      timezone: 'Pacific/Tahiti',
      lon: -149.267,
      lat: -17.847,
    },
  ],
});
const map = mapContextOf(ev);
const env = {
  mode: 'both' as const,
  num: (n: number) => String(n),
  nums: () => (n: number) => String(n),
  lang: 'fr' as const,
  areaLevel: () => 'département',
  map,
};

const toIncident = (r: Rec): Incident => incident(new Date(r.t).toISOString(), { ...r.markings, area: r.area });

/** The map an audience gets from these records, through the real aggregation. */
function mapFor(records: readonly Rec[], audience: Audience): string {
  const { model } = buildBriefing(dataset({ event: ev, incidents: records.map(toIncident) }), {
    division: 'securite',
    date: '2024-08-05',
    audience,
    draft: false,
  });
  return areaMapSvg(model.byArea!, env, 'chart-1');
}

describe('the map and audiences', () => {
  it('never changes for a record its audience may not see (property over audiences and markings)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), record, audiences, (records, withheld, audience) => {
        fc.pre(!isVisible(withheld.markings, audience, { draft: false }));
        expect(mapFor([...records, withheld], audience)).toBe(mapFor(records, audience));
      }),
      { numRuns: 80 },
    );
  });

  it('is the map of the visible records alone, and colours an area only for them', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), audiences, (records, audience) => {
        const visible = records.filter((r) => isVisible(r.markings, audience, { draft: false }));
        const svg = mapFor(records, audience);
        if (visible.length === 0) {
          expect(svg).toBe(''); // nothing to map: the section says so instead
          return;
        }
        expect(svg).toBe(mapFor(visible, audience));
        for (const area of AREAS) {
          const filled = !new RegExp(`fill="#ffffff"[^>]*data-area="${area}"`).test(svg);
          expect(filled, area).toBe(visible.some((r) => r.area === area));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('puts the map, its title and its sources in the Sécurité générale document, from the model’s counts, after the list by area', () => {
    const records: Rec[] = [
      {
        markings: { tlp: 'GREEN', releasableTo: [], exclude: [], specialFrance: false, status: 'validated' },
        area: '987',
        t: Date.parse('2024-08-05T06:00:00Z'),
      },
      {
        markings: { tlp: 'AMBER', releasableTo: [], exclude: [], specialFrance: false, status: 'validated' },
        area: '75',
        t: Date.parse('2024-08-05T07:00:00Z'),
      },
    ];
    const { model } = buildBriefing(dataset({ event: ev, incidents: records.map(toIncident) }), {
      division: 'securite',
      date: '2024-08-05',
      audience: { kind: 'partners' },
      draft: false,
    });
    const html = renderBriefingHtml(model, { lang: 'both', map });
    expect(html.indexOf('<section class="sec by-area"')).toBeLessThan(html.indexOf('<section class="sec map"')); // the registry's order
    const section = html.slice(
      html.indexOf('<section class="sec map"'),
      html.indexOf('<section class="sec foreign-nationals"'),
    );
    expect(section).toMatch(
      /<h2><span class="bi"><span class="fr">Carte des incidents par département<\/span><span class="en" lang="en" id="l\d+">Map of incidents by department<\/span><\/span><\/h2>/,
    );
    expect(section).toContain('<svg class="chart map"');
    expect(section).toContain('<title id="chart-');
    expect(section).toContain('Carte des incidents par département / Map of incidents by department</title>');
    // The description in both languages: the Figure's alternative text in the tagged PDF.
    expect(section).toMatch(
      /<desc id="chart-\d+-desc">Incidents de la période par département : Paris \(75\) : 1 ; Polynésie française \(987\) : 1\. Sites marqués : Stade de France \(93\), Teahupo&#x27;o \(987\)\. — Incidents of the period by department: Paris \(75\): 1; Polynésie française \(987\): 1\. Venues marked: Stade de France \(93\), Teahupo&#x27;o \(987\)\.<\/desc>/,
    );
    expect(section).toContain('>987 Polynésie</text>');
    expect(html).toContain('<div class="map-notes"><p class="txt fr">Fond de carte : IGN – ADMIN EXPRESS COG 2018');
    expect(renderBriefingHtml(model, { lang: 'en', map })).toContain(
      '<div class="map-notes"><p class="txt">Base map: IGN – ADMIN EXPRESS COG 2018',
    );
    // Without a geometry (an event cci validate refuses): a plain note, and no notes.
    const bare = renderBriefingHtml(model, { lang: 'en' });
    expect(bare).not.toContain('<svg class="chart map"');
    expect(bare).toContain('No map: the event gives no geometry for its areas');
    expect(bare).not.toContain('class="map-notes"');
    // A division without the map section: no map, no notes, even with a geometry.
    const without = buildBriefing(
      dataset({
        event: { ...ev, divisions: [division('securite', '11:30', { en: 'Security' }, { sections: ['by_area'] })] },
        incidents: records.map(toIncident),
      }),
      {
        division: 'securite',
        date: '2024-08-05',
        audience: { kind: 'partners' },
        draft: false,
      },
    ).model;
    const plain = renderBriefingHtml(without, { lang: 'both', map });
    expect(plain).toContain('<section class="sec by-area"');
    expect(plain).not.toContain('<svg class="chart map"');
    expect(plain).not.toContain('<aside class="map-notes"');
  });

  it('shows in a map of an empty window that nothing is to report, and no sources', () => {
    const { model } = buildBriefing(dataset({ event: ev, incidents: [] }), {
      division: 'securite',
      date: '2024-08-05',
      audience: { kind: 'partners' },
      draft: false,
    });
    expect(model.byArea).toEqual([]);
    const html = renderBriefingHtml(model, { lang: 'en', map });
    const section = html.slice(
      html.indexOf('<section class="sec map"'),
      html.indexOf('<section class="sec foreign-nationals"'),
    );
    expect(section).toContain('<h2>Map of incidents by department</h2>');
    expect(section).toContain('class="ras"');
    expect(html).not.toContain('<aside class="map-notes"');
  });

  it('draws an event’s own geometry in the document when the event gives one, and not the French départements', async () => {
    const spec = { file: 'counties.geojson', codeProperty: 'GEOID' };
    const own = await readAreaGeometry(join(import.meta.dirname, '../../fixtures/la-2028'), spec);
    expect(own.problems).toEqual([]);
    const la = event({
      areas: { field: 'county', label: { fr: 'Comté', en: 'County' }, geometry: { ...spec, outlines: own.geometry! } },
      venues: [{ id: 'sofi', name: 'SoFi Stadium', commune: 'Inglewood', area: '06037', lon: -118.339, lat: 33.9535 }],
    });
    const model = sampleSecuriteModel();
    model.areaLabel = { fr: 'Comté', en: 'County' };
    model.areaHeading = { fr: 'comté', en: 'county' };
    model.byArea = [
      { key: '06037', label: { fr: 'Los Angeles', en: 'Los Angeles' }, count: 7 },
      { key: '06059', label: { fr: 'Orange', en: 'Orange' }, count: 2 },
    ];
    const html = renderBriefingHtml(model, { lang: 'en', map: mapContextOf(la) });
    const svg = /<svg class="chart map"[\s\S]*?<\/svg>/.exec(html)![0];
    for (const code of ['06037', '06059', '06065', '06071', '06073', '06111', '40109'])
      expect(svg).toContain(`data-area="${code}"`);
    expect(svg).not.toContain('data-area="75"');
    expect(svg).toContain('Map of incidents by county</title>');
    expect(svg).toContain('Incidents of the period by county: Los Angeles (06037): 7');
    // Oklahoma County, 1,900 km away, in a tile of its own rather than shrinking California
    expect(svg.match(/<g class="frame frame-overseas">/g)).toHaveLength(1);
    expect(svg).toContain('40109 Oklahoma');
    expect(svg).toContain('Venues marked: SoFi Stadium (06037).');
    expect(html).not.toContain('<aside class="map-notes"'); // event.yaml names no source to print
  });
});
