import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAreaGeometry } from '../../src/data/area-geometry.js';
import { shippedAreaList } from '../../src/data/areas.js';
import { builtinGeometry } from '../../src/data/builtin-geometry.js';
import type { AreaGeometry, InsetSpec } from '../../src/model/area-geometry.js';
import { renderMapSvg } from '../../src/render/map.js';
import type { MapInput, MapLabels, MapVenue } from '../../src/render/map.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HOSTILE = '<script>alert(1)</script>"\'&';

const labels: MapLabels = {
  title: 'Map of incidents',
  desc: 'Paris: 9',
  legendTitle: 'Incidents',
  none: 'none',
  venue: 'venue',
  venueAtArea: '(at its area)',
  inset: (i: InsetSpec) => [i.kind === 'overseas' ? `${i.codes[0]} ${i.label.fr}` : (i.label.fr ?? '')],
  note: (i: InsetSpec) => i.note?.en,
  range: (a, b) => (a === b ? String(a) : `${a}–${b}`),
};

function render(counts: Record<string, number>, venues: MapVenue[] = [], over: Partial<MapInput> = {}): string {
  return renderMapSvg({
    id: 'map-1',
    geometry: builtinGeometry('fr-departements'),
    counts: new Map(Object.entries(counts)),
    venues,
    labels,
    num: (n) => n.toLocaleString('fr-FR'),
    ...over,
  });
}

interface Frame {
  kind: string;
  body: string;
  rect?: { x: number; y: number; w: number; h: number };
}

/** The frames of a map, with the box of the insets. */
function frames(svg: string): Frame[] {
  return [...svg.matchAll(/<g class="frame frame-(\w+)">([\s\S]*?)<\/g>(?=<g class="frame|<g class="legend)/g)].map(
    (m) => {
      const r = /^<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(m[2]!);
      return { kind: m[1]!, body: m[2]!, ...(r && { rect: { x: +r[1]!, y: +r[2]!, w: +r[3]!, h: +r[4]! } }) };
    },
  );
}

/** The counts written in a frame's badges. */
const badges = (body: string): string[] =>
  [...body.matchAll(/<g class="count">.*?<text[^>]*>([^<]*)<\/text><\/g>/g)].map((m) => m[1]!);

/** Every point of the venue marks of a frame (the triangles' apexes and corners). */
function venuePoints(body: string): [number, number][] {
  const d = /<path class="venues" d="([^"]*)"/.exec(body)?.[1] ?? '';
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [+m[1]!, +m[2]!]);
}

describe('the shipped geometry of French départements', () => {
  it('draws every code of the list cci ships (fr-departements), and no other', () => {
    const codes = [...shippedAreaList('fr-departements')!.codes.keys()];
    expect(codes).toHaveLength(109);
    const fr = builtinGeometry('fr-departements');
    for (const code of codes) expect(fr.areas.has(code), code).toBe(true);
    expect(fr.areas.size).toBe(codes.length);
    expect(fr.attribution?.fr).toContain('Licence Ouverte 2.0');
    expect(fr.insets.find((i) => i.id === '987')).toMatchObject({
      kind: 'overseas',
      codes: ['987'],
      note: { fr: 'Tahiti' },
    });
  });
});

describe('renderMapSvg', () => {
  it('is an image with a title and a description it names as its label', () => {
    const svg = render({ '75': 9 });
    expect(svg).toMatch(
      /^<svg class="chart map" viewBox="0 0 680 [\d.]+" width="680" height="[\d.]+" role="img" aria-labelledby="map-1-title map-1-desc"/,
    );
    expect(svg).toContain('<title id="map-1-title">Map of incidents</title><desc id="map-1-desc">Paris: 9</desc>');
    expect(svg).not.toMatch(/<script|href|https?:|url\(/i);
  });

  it('shows French Polynesia with Tahiti when a venue is there, and its count in its tile', () => {
    const svg = render({ '987': 2, '75': 4 }, [{ name: "Teahupo'o", area: '987', lon: -149.267, lat: -17.847 }]);
    // The caption is broken between words to stay at 8 pt in the tile: "987 Polynésie", "française".
    const tile = frames(svg).find(
      (f) => f.kind === 'overseas' && f.body.includes('>987 Polynésie</text>') && f.body.includes('>française</text>'),
    );
    expect(tile, 'the 987 tile').toBeDefined();
    expect(tile!.body).toContain('data-area="987"');
    expect(tile!.body).toContain('>Tahiti</text>');
    expect(badges(tile!.body)).toEqual(['2']);
    // Teahupo'o's mark is inside the tile.
    const pts = venuePoints(tile!.body);
    expect(pts.length).toBeGreaterThan(0);
    for (const [x, y] of pts) {
      expect(x).toBeGreaterThan(tile!.rect!.x);
      expect(x).toBeLessThan(tile!.rect!.x + tile!.rect!.w);
      expect(y).toBeGreaterThan(tile!.rect!.y);
      expect(y).toBeLessThan(tile!.rect!.y + tile!.rect!.h);
    }
    // The area is filled by its class, not left white.
    expect(/data-area="987"/.test(tile!.body) && !/fill="#ffffff"[^>]*data-area="987"/.test(tile!.body)).toBe(true);
  });

  it('always shows the five overseas départements, and a collectivity only when something is there', () => {
    const quiet = frames(render({ '75': 1 }));
    const captions = quiet.filter((f) => f.kind === 'overseas').map((f) => /<text[^>]*>([^<]*)</.exec(f.body)![1]);
    expect(captions).toEqual(['971 Guadeloupe', '972 Martinique', '973 Guyane', '974 La Réunion', '976 Mayotte']);
    const busy = frames(render({ '988': 1 }));
    expect(busy.some((f) => f.body.includes('>988 Nouvelle-</text>') && f.body.includes('>Calédonie</text>'))).toBe(
      true,
    );
    expect(busy.some((f) => f.body.includes('987 Polynésie'))).toBe(false);
  });

  it('writes Paris and its inner ring in the zoom, and the other areas on the main frame, each once', () => {
    const svg = render({ '75': 11, '93': 6, '13': 3, '59': 1 });
    const [main, zoom] = frames(svg);
    expect(main!.kind).toBe('main');
    expect(zoom!.kind).toBe('zoom');
    expect(zoom!.body).toContain('Paris et petite couronne');
    expect(badges(zoom!.body).sort()).toEqual(['11', '6']);
    expect(badges(main!.body).sort()).toEqual(['1', '3']);
    expect(main!.body).toContain('class="zoom-box"');
  });

  it('fills each area by its class and leaves the areas without incident white, with a legend of the classes', () => {
    const svg = render({ '75': 9, '13': 1, '33': 3 });
    const fill = (code: string): string => new RegExp(`fill="(#[0-9a-f]{6})"[^>]*data-area="${code}"`).exec(svg)![1]!;
    expect(fill('29')).toBe('#ffffff');
    expect(new Set([fill('13'), fill('33'), fill('75')]).size).toBe(3);
    expect(fill('13')).not.toBe('#ffffff');
    expect(svg).toMatch(
      /<g class="legend"[\s\S]*>Incidents<[\s\S]*>none<[\s\S]*>1–2<[\s\S]*>3<[\s\S]*>4–5<[\s\S]*>6–9</,
    );
  });

  it('escapes every text that comes from data: labels, names, codes, numbers', async () => {
    const geometry: AreaGeometry = {
      id: 'x',
      insets: [],
      areas: new Map([
        [
          HOSTILE,
          {
            code: HOSTILE,
            name: HOSTILE,
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [0, 1],
                  [1, 1],
                  [1, 0],
                  [0, 0],
                ],
              ],
            },
          },
        ],
      ]),
    };
    const hostileLabels: MapLabels = {
      ...labels,
      title: HOSTILE,
      desc: HOSTILE,
      legendTitle: HOSTILE,
      none: HOSTILE,
      venue: HOSTILE,
      venueAtArea: HOSTILE,
      range: () => HOSTILE,
    };
    const svg = renderMapSvg({
      id: 'm',
      geometry,
      counts: new Map([[HOSTILE, 3]]),
      venues: [{ name: HOSTILE, area: HOSTILE }],
      labels: hostileLabels,
      num: () => HOSTILE,
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain(`"'&`);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;');
    // Hostile French Polynesia labels of the shipped geometry too.
    const fr = builtinGeometry('fr-departements');
    const tahiti = render({ '987': 1 }, [], { labels: { ...labels, inset: () => [HOSTILE], note: () => HOSTILE } });
    expect(fr.areas.has('987')).toBe(true);
    expect(tahiti).not.toContain('<script>');
  });

  it('draws the same bytes for the same input', () => {
    const venues = [{ name: 'Stade de France', area: '93', lon: 2.3601, lat: 48.9245 }];
    expect(render({ '75': 3, '987': 1 }, venues)).toBe(render({ '75': 3, '987': 1 }, venues));
  });

  it('marks a venue without coordinates at its area, once, and says so in the legend', () => {
    const svg = render({ '13': 2 }, [
      { name: 'A', area: '13' },
      { name: 'B', area: '13' },
    ]);
    const [main] = frames(svg);
    expect(venuePoints(main!.body)).toHaveLength(3); // one triangle
    expect(svg).toContain('venue (at its area)');
    const placed = render({ '13': 2 }, [{ name: 'A', area: '13', lon: 5.3698, lat: 43.2965 }]);
    expect(placed).not.toContain('(at its area)');
  });

  it('draws an event’s own geometry, the areas near each other in one frame, a far one in a tile, with their counts', async () => {
    const read = await readAreaGeometry(path.join(ROOT, 'fixtures/la-2028'), {
      file: 'counties.geojson',
      codeProperty: 'GEOID',
    });
    expect(read.problems).toEqual([]);
    const svg = renderMapSvg({
      id: 'la',
      geometry: read.geometry!,
      counts: new Map([
        ['06037', 12],
        ['06059', 3],
      ]),
      venues: [{ name: 'SoFi Stadium', area: '06037', lon: -118.339, lat: 33.9535 }],
      labels,
      num: String,
    });
    const fs = frames(svg);
    expect(fs.map((f) => f.kind)).toEqual(['main', 'overseas']);
    for (const code of ['06037', '06059', '06065', '06071', '06073', '06111'])
      expect(fs[0]!.body).toContain(`data-area="${code}"`);
    expect(fs[1]!.body).toContain('data-area="40109"');
    expect(fs[1]!.body).toContain('>40109 Oklahoma</text>');
    expect(badges(fs[0]!.body).sort()).toEqual(['12', '3']);
    expect(venuePoints(fs[0]!.body)).toHaveLength(3);
  });

  it('keeps a map light however detailed the outline: points closer than a unit are dropped', () => {
    // A square of side 1° whose sides carry 40,000 points.
    const side = (a: [number, number], b: [number, number]): [number, number][] =>
      Array.from({ length: 10_000 }, (_, i) => [
        a[0] + ((b[0] - a[0]) * i) / 10_000,
        a[1] + ((b[1] - a[1]) * i) / 10_000,
      ]);
    const ring = [
      ...side([0, 0], [0, 1]),
      ...side([0, 1], [1, 1]),
      ...side([1, 1], [1, 0]),
      ...side([1, 0], [0, 0]),
      [0, 0],
    ];
    const geometry: AreaGeometry = {
      id: 'x',
      insets: [],
      areas: new Map([['A', { code: 'A', geometry: { type: 'Polygon', coordinates: [ring] } }]]),
    };
    const svg = renderMapSvg({ id: 'm', geometry, counts: new Map([['A', 1]]), venues: [], labels, num: String });
    const d = /data-area="A"/.test(svg) ? /<path class="area" d="([^"]*)"/.exec(svg)![1]! : '';
    const points = d.split(/[ML]/).length;
    expect(points).toBeGreaterThan(4);
    expect(points).toBeLessThan(2_000);
  });

  it('draws nothing for a geometry without areas', () => {
    const geometry: AreaGeometry = { id: 'x', insets: [], areas: new Map() };
    expect(renderMapSvg({ id: 'm', geometry, counts: new Map([['75', 1]]), venues: [], labels, num: String })).toBe('');
  });
});
