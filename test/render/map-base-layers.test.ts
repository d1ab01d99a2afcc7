// The map's base layers (src/render/map.ts): what `npm run build` draws once for the shipped
// geometry gives, byte for byte, the map that projecting the geometry gives, in every language and
// layout; and layers made from another geometry or other drawing code are never used.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinGeometry } from '../../src/data/builtin-geometry.js';
import type { DocLang } from '../../src/i18n/lang.js';
import type { AreaGeometry } from '../../src/model/area-geometry.js';
import { insetCaptions } from '../../src/render/map-helpers.js';
import {
  drawBaseLayers,
  geometryDigest,
  renderMapSvg,
  useBaseLayers,
  type BaseLayers,
  type MapLabels,
  type MapVenue,
} from '../../src/render/map.js';

const MODES: DocLang[] = ['fr', 'en', 'both'];
const DIST = join(import.meta.dirname, '..', '..', 'dist');

function labelsFor(mode: DocLang): MapLabels {
  return {
    title: 'Map',
    desc: 'desc',
    legendTitle: 'Incidents',
    none: 'none',
    venue: 'venue',
    venueAtArea: '(at its area)',
    inset: insetCaptions(mode),
    note: (i) => i.note?.en,
    range: (a, b) => (a === b ? String(a) : `${a}–${b}`),
  };
}

const VENUES: MapVenue[] = [
  { name: 'Stade de France', area: '93', lon: 2.3601, lat: 48.9245 },
  { name: 'Marseille', area: '13', lon: 5.3698, lat: 43.2965 },
  { name: "Teahupo'o", area: '987', lon: -149.267, lat: -17.847 },
  { name: 'Lille', area: '59' },
];

/** Count sets that show no collectivity, each one alone, two of them, and all. */
function countSets(geometry: AreaGeometry): Record<string, number>[] {
  const used = geometry.insets.filter((i) => i.show === 'used').flatMap((i) => i.codes);
  const base = { '75': 12, '93': 4, '13': 3, '59': 1, '2A': 2, '973': 5 };
  return [
    base,
    ...used.map((c) => ({ ...base, [c]: 1 })),
    { ...base, [used[0]!]: 2, [used[used.length - 1]!]: 7 },
    { ...base, ...Object.fromEntries(used.map((c, i) => [c, i + 1])) },
  ];
}

function renderAll(geometry: AreaGeometry): string[] {
  const out: string[] = [];
  for (const mode of MODES) {
    for (const counts of countSets(geometry)) {
      for (const venues of [[], VENUES]) {
        out.push(
          renderMapSvg({
            id: 'm',
            geometry,
            counts: new Map(Object.entries(counts)),
            venues,
            labels: labelsFor(mode),
            num: String,
          }),
        );
      }
    }
  }
  return out;
}

const drawn = (geometry: AreaGeometry): BaseLayers => {
  useBaseLayers(geometry, null);
  return drawBaseLayers(
    geometry,
    MODES.map((m) => insetCaptions(m)),
  );
};

describe('the base layers of the shipped map', () => {
  it('draw every map, in every language and layout, byte for byte as projecting the geometry does', () => {
    const geometry = builtinGeometry('fr-departements');
    const layers = drawn(geometry);
    useBaseLayers(geometry, null);
    const projected = renderAll(geometry);
    expect(useBaseLayers(geometry, layers)).toBe(true);
    const fromLayers = renderAll(geometry);
    expect(fromLayers).toHaveLength(projected.length);
    fromLayers.forEach((svg, i) => expect(svg, `map ${i}`).toBe(projected[i]));
    useBaseLayers(geometry, null);
  });

  it('are what a map is drawn from when they fit it: a marked outline shows in the map', () => {
    const geometry = builtinGeometry('fr-departements');
    const layers = structuredClone(drawn(geometry));
    for (const frame of Object.values(layers.frames)) frame.outlines['29'] &&= 'M1,2L3,4Z';
    expect(useBaseLayers(geometry, layers)).toBe(true);
    const svg = renderMapSvg({
      id: 'm',
      geometry,
      counts: new Map([['75', 1]]),
      venues: [],
      labels: labelsFor('both'),
      num: String,
    });
    expect(svg).toContain('d="M1,2L3,4Z"');
    useBaseLayers(geometry, null);
  });

  it('are not used for a geometry they were not made from, nor by other drawing code', () => {
    const geometry = builtinGeometry('fr-departements');
    const layers = drawn(geometry);
    // The same id, one point of one area moved: another geometry.
    const areas = new Map(geometry.areas);
    const a = structuredClone(areas.get('29')!);
    const ring = a.geometry.type === 'Polygon' ? a.geometry.coordinates[0]! : a.geometry.coordinates[0]![0]!;
    ring[1] = [ring[1]![0]! + 0.01, ring[1]![1]!];
    areas.set('29', a);
    const moved: AreaGeometry = { ...geometry, areas };
    expect(geometryDigest(moved)).not.toBe(geometryDigest(geometry));
    expect(useBaseLayers(moved, layers)).toBe(false);
    // Its map is projected: the moved point shows, as it does without any layers.
    const render = (): string =>
      renderMapSvg({
        id: 'm',
        geometry: moved,
        counts: new Map([['29', 1]]),
        venues: [],
        labels: labelsFor('fr'),
        num: String,
      });
    const withLayers = render();
    useBaseLayers(moved, null);
    expect(withLayers).toBe(render());
    // Insets changed, or another version of the drawing code: not used either.
    expect(useBaseLayers({ ...geometry, insets: geometry.insets.slice(1) }, layers)).toBe(false);
    expect(useBaseLayers(geometry, { ...layers, code: 'another' })).toBe(false);
    expect(useBaseLayers(geometry, { ...layers, geometry: 'another-id' })).toBe(false);
    useBaseLayers(geometry, null);
  });
});

describe('the base layers npm run build writes (dist/render/map-base-layers.json)', () => {
  it('were made from the shipped geometry and the built drawing code, and draw what the sources project', async () => {
    const built = (await import(pathToFileURL(join(DIST, 'render', 'map.js')).href)) as {
      renderMapSvg: typeof renderMapSvg;
      geometryDigest: typeof geometryDigest;
      drawingCodeDigest(): string;
    };
    const builtGeometry = (await import(pathToFileURL(join(DIST, 'data', 'builtin-geometry.js')).href)) as {
      builtinGeometry: typeof builtinGeometry;
    };
    const tables = JSON.parse(readFileSync(join(DIST, 'render', 'map-base-layers.json'), 'utf8')) as BaseLayers[];
    const g = builtGeometry.builtinGeometry('fr-departements');
    const table = tables.find((t) => t.geometry === 'fr-departements');
    expect(table?.digest).toBe(built.geometryDigest(g));
    expect(table?.code).toBe(built.drawingCodeDigest());
    // dist reads its layers; the sources (vitest) have none and project everything.
    const src = builtinGeometry('fr-departements');
    useBaseLayers(src, null);
    for (const mode of MODES) {
      for (const counts of countSets(src)) {
        const input = { id: 'm', counts: new Map(Object.entries(counts)), venues: VENUES, labels: labelsFor(mode) };
        expect(built.renderMapSvg({ ...input, geometry: g, num: String })).toBe(
          renderMapSvg({ ...input, geometry: src, num: String }),
        );
      }
    }
  });
});
