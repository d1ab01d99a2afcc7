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
import { dataset, event, incident } from '../helpers/dataset.js';

const AREAS = ['75', '93', '92', '13', '2A', '971', '987'] as const;
const audiences = fc.constantFrom<Audience>(
  { kind: 'partners' }, { kind: 'national' },
  { kind: 'country', country: 'DEU' }, { kind: 'country', country: 'BRA' }, { kind: 'country', country: 'USA' },
);
// Inside the window of the 5 August 2024 Sécurité générale briefing (4 Aug 11:30 to 5 Aug 11:30, Paris).
const windowTime = fc.integer({ min: Date.parse('2024-08-04T09:30:00Z'), max: Date.parse('2024-08-05T09:29:59Z') });
const record = fc.record({ markings: markingsArb, area: fc.constantFrom(...AREAS), t: windowTime });
type Rec = { markings: Markings; area: string; t: number };

const ev = event({
  venues: [
    { id: 'stade-de-france', name: 'Stade de France', commune: 'Saint-Denis', departement: '93', lon: 2.3601, lat: 48.9245 },
    { id: 'teahupoo', name: "Teahupo'o", commune: "Teahupo'o", departement: '987', timezone: 'Pacific/Tahiti', lon: -149.267, lat: -17.847 },
  ],
});
const map = mapContextOf(ev);
const env = { mode: 'both' as const, num: (n: number) => String(n), lang: 'fr' as const, map };

const toIncident = (r: Rec): Incident => incident(new Date(r.t).toISOString(), { ...r.markings, departement: r.area });

/** The map an audience gets from these records, through the real aggregation. */
function mapFor(records: readonly Rec[], audience: Audience): string {
  const { model } = buildBriefing(dataset({ event: ev, incidents: records.map(toIncident) }), {
    division: 'securite', date: '2024-08-05', audience, draft: false,
  });
  return areaMapSvg(model.byDepartement, env, 'chart-1');
}

describe('the map and audiences', () => {
  it('never changes for a record its audience may not see (property over audiences and markings)', () => {
    fc.assert(fc.property(fc.array(record, { maxLength: 12 }), record, audiences, (records, withheld, audience) => {
      fc.pre(!isVisible(withheld.markings, audience, { draft: false }));
      expect(mapFor([...records, withheld], audience)).toBe(mapFor(records, audience));
    }), { numRuns: 80 });
  });

  it('is the map of the visible records alone, and colours an area only for them', () => {
    fc.assert(fc.property(fc.array(record, { maxLength: 12 }), audiences, (records, audience) => {
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
    }), { numRuns: 60 });
  });

  it('puts the map, its title and its sources in the Sécurité générale document, from the model’s counts', () => {
    const records: Rec[] = [
      { markings: { tlp: 'GREEN', releasableTo: [], exclude: [], specialFrance: false, status: 'validated' }, area: '987', t: Date.parse('2024-08-05T06:00:00Z') },
      { markings: { tlp: 'AMBER', releasableTo: [], exclude: [], specialFrance: false, status: 'validated' }, area: '75', t: Date.parse('2024-08-05T07:00:00Z') },
    ];
    const { model } = buildBriefing(dataset({ event: ev, incidents: records.map(toIncident) }), {
      division: 'securite', date: '2024-08-05', audience: { kind: 'partners' }, draft: false,
    });
    const html = renderBriefingHtml(model, { lang: 'both', map });
    const section = html.slice(html.indexOf('<section class="sec by-departement"'), html.indexOf('<section class="sec foreign-nationals"'));
    expect(section).toContain('<svg class="chart map"');
    expect(section.indexOf('chart map')).toBeLessThan(section.indexOf('chart bars')); // the map, then the same numbers as a list
    expect(section).toContain('<title id="chart-');
    expect(section).toContain('Carte des incidents par département / Map of incidents by département</title>');
    expect(section).toMatch(/<desc id="chart-\d+-desc">Incidents de la période par département : Paris \(75\) : 1 ; Polynésie française \(987\) : 1\. Sites marqués : Stade de France \(93\), Teahupo&#x27;o \(987\)\.<\/desc>/);
    expect(section).toContain('987 Polynésie française');
    expect(html).toContain('<aside class="map-notes"><p><span class="bitext"><span class="fr">Fond de carte : IGN – ADMIN EXPRESS COG 2018');
    expect(renderBriefingHtml(model, { lang: 'en', map })).toContain('<aside class="map-notes"><p>Base map: IGN – ADMIN EXPRESS COG 2018');
    // Without a map, or without incidents, no map and no notes.
    expect(renderBriefingHtml(model, { lang: 'both' })).not.toContain('<svg class="chart map"');
    expect(renderBriefingHtml(model, { lang: 'both' })).not.toContain('<aside class="map-notes"');
  });

  it('draws an event’s own geometry in the document when the event gives one, and not the French départements', async () => {
    const own = await readAreaGeometry(join(import.meta.dirname, '../../fixtures/map-geometry'), { file: 'la-counties.geojson', codeProperty: 'GEOID' });
    expect(own.problems).toEqual([]);
    const la = event({ venues: [{ id: 'sofi', name: 'SoFi Stadium', commune: 'Inglewood', departement: '06037', lon: -118.339, lat: 33.9535 }] });
    const model = sampleSecuriteModel();
    model.byDepartement = [
      { key: '06037', label: { fr: 'Los Angeles', en: 'Los Angeles' }, count: 7 },
      { key: '06059', label: { fr: 'Orange', en: 'Orange' }, count: 2 },
    ];
    const html = renderBriefingHtml(model, { lang: 'en', map: mapContextOf(la, own.geometry) });
    const svg = /<svg class="chart map"[\s\S]*?<\/svg>/.exec(html)![0];
    for (const code of ['06037', '06059', '06065', '06071', '06111']) expect(svg).toContain(`data-area="${code}"`);
    expect(svg).not.toContain('data-area="75"');
    expect(svg).not.toContain('frame-overseas');
    expect(svg).toContain('Los Angeles (06037): 7');
    expect(svg).toContain('Venues marked: SoFi Stadium (06037).');
    expect(html).not.toContain('<aside class="map-notes"'); // the file names no source to print
  });
});
