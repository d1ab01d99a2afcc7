import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { geoArea } from 'd3-geo';
import type { FeatureCollection } from 'geojson';
import { topology } from 'topojson-server';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_GEOMETRY_BYTES, parseAreaGeometry, readAreaGeometry } from '../../src/data/area-geometry.js';
import type { AreaGeometrySpec } from '../../src/data/area-geometry.js';
import { formatProblem } from '../../src/errors.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LA = path.join(ROOT, 'fixtures/la-2028');
const FIXTURE = readFileSync(path.join(LA, 'counties.geojson'), 'utf8');
const LA_CODES = ['06037', '06059', '06065', '06071', '06073', '06111', '40109'];
const dir = mkdtempSync(path.join(tmpdir(), 'cci-geometry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

process.env.CCI_LANG = 'en';

const spec = { file: 'counties.geojson', codeProperty: 'GEOID' };
const lines = (text: string, opts: AreaGeometrySpec = spec, codes?: string[]): string[] =>
  parseAreaGeometry(text, opts, codes).problems.map(formatProblem);

/** A square of `size` degrees at (x, y), exterior wound as RFC 7946 says (anticlockwise). */
const square = (x: number, y: number, size = 1): number[][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

/** A FeatureCollection written one feature a line, as the fixture is. */
function collection(features: string[]): string {
  return `{"type": "FeatureCollection", "features": [\n${features.join(',\n')}\n]}\n`;
}
const feature = (code: string, geometry: unknown): string =>
  `  {"type": "Feature", "properties": {"GEOID": ${JSON.stringify(code)}}, "geometry": ${JSON.stringify(geometry)}}`;

describe('an event’s own geometry file', () => {
  it('reads a GeoJSON FeatureCollection of counties by their GEOID, with names, Oklahoma County in a tile of its own', async () => {
    const r = await readAreaGeometry(LA, { file: 'counties.geojson', codeProperty: 'GEOID' }, LA_CODES);
    expect(r.problems).toEqual([]);
    expect([...r.geometry!.areas.keys()]).toEqual(LA_CODES);
    expect(r.geometry!.areas.get('06037')!.name).toBe('Los Angeles');
    expect(r.geometry!.id).toBe('counties.geojson');
    expect(r.geometry!.insets).toEqual([
      {
        id: 'far-40109',
        kind: 'overseas',
        codes: ['40109'],
        label: { fr: 'Oklahoma', en: 'Oklahoma' },
        show: 'always',
      },
    ]);
    expect(r.geometry!.attribution).toBeUndefined();
  });

  it('carries the source and licence event.yaml gives, for the documents’ notes', () => {
    const attribution = { fr: 'US Census Bureau (domaine public)', en: 'US Census Bureau (public domain)' };
    const r = parseAreaGeometry(FIXTURE, { file: 'counties.geojson', codeProperty: 'GEOID', attribution }, LA_CODES);
    expect(r.geometry!.attribution).toEqual(attribution);
  });

  it('captions the tile of a far area with the event’s own names for it (its list of codes)', () => {
    const box = (x: number, y: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x, y + 0.5],
          [x + 0.5, y + 0.5],
          [x + 0.5, y],
          [x, y],
        ],
      ],
    });
    const features = [
      ['BNE', box(152.7, -27.7)],
      ['GC', box(153.0, -28.2)],
      ['TSV', box(146.4, -19.6)],
    ].map(([code, geometry]) => ({ type: 'Feature', properties: { code, name: code }, geometry }));
    const names = new Map([
      ['BNE', { fr: 'Ville de Brisbane', en: 'City of Brisbane' }],
      ['GC', { fr: 'Ville de Gold Coast', en: 'City of Gold Coast' }],
      ['TSV', { fr: 'Ville de Townsville', en: 'City of Townsville' }],
    ]);
    const r = parseAreaGeometry(
      JSON.stringify({ type: 'FeatureCollection', features }),
      { file: 'lgas.geojson', codeProperty: 'code' },
      names.keys(),
      names,
    );
    expect(r.problems).toEqual([]);
    expect(r.geometry!.insets.map((i) => i.label)).toEqual([{ fr: 'Ville de Townsville', en: 'City of Townsville' }]);
  });

  it('reads codes written as numbers or in another case as the event’s codes, as records’ codes are read', () => {
    const text = collection([
      '  {"type": "Feature", "properties": {"GEOID": 6037}, "geometry": ' +
        JSON.stringify({ type: 'Polygon', coordinates: [square(-118, 34)] }) +
        '}',
      feature('2a', { type: 'Polygon', coordinates: [square(8.7, 41.9)] }),
    ]);
    const r = parseAreaGeometry(text, spec, ['06037', '2A']);
    expect(r.problems).toEqual([]);
    expect([...r.geometry!.areas.keys()]).toEqual(['06037', '2A']);
  });

  it('reads the same counties from a TopoJSON topology, by property or by the features’ id', () => {
    const fc = JSON.parse(FIXTURE) as FeatureCollection;
    for (const f of fc.features) f.id = f.properties!.GEOID as string;
    const topo = JSON.stringify(topology({ counties: fc }, 1e5));
    const byProperty = parseAreaGeometry(topo, { file: 'counties.topojson', codeProperty: 'GEOID' }, LA_CODES);
    expect(byProperty.problems).toEqual([]);
    expect([...byProperty.geometry!.areas.keys()]).toEqual(LA_CODES);
    const byId = parseAreaGeometry(
      topo,
      { file: 'counties.topojson', codeProperty: 'id', object: 'counties' },
      LA_CODES,
    );
    expect(byId.problems).toEqual([]);
    expect(byId.geometry!.areas.size).toBe(7);
  });

  it('rewinds RFC 7946 rings so that no area is drawn as the whole world minus itself', () => {
    const text = collection([feature('A', { type: 'Polygon', coordinates: [square(10, 10)] })]);
    const r = parseAreaGeometry(text, spec, ['A']);
    expect(r.problems).toEqual([]);
    expect(geoArea({ type: 'Feature', properties: {}, geometry: r.geometry!.areas.get('A')!.geometry })).toBeLessThan(
      0.001,
    );
  });

  it('joins the features that share a code into one area (islands given apart)', () => {
    const text = collection([
      feature('A', { type: 'Polygon', coordinates: [square(0, 0)] }),
      feature('A', { type: 'MultiPolygon', coordinates: [[square(3, 0)], [square(6, 0)]] }),
    ]);
    const r = parseAreaGeometry(text, spec);
    expect(r.problems).toEqual([]);
    const g = r.geometry!.areas.get('A')!.geometry;
    expect(g.type).toBe('MultiPolygon');
    expect(g.coordinates).toHaveLength(3);
  });

  it('gives the line and column of a JSON syntax error', () => {
    const text = '{"type": "FeatureCollection", "features": [\n  {"type": "Feature",, "properties": {}}\n]}';
    expect(lines(text)).toEqual(['counties.geojson:2:22: JSON syntax: expected a property name in double quotes']);
    expect(lines('{"type": "FeatureCollection", "features": [\n  {"type": "Feature"\n')).toEqual([
      'counties.geojson:3:1: JSON syntax: expected } to close the object',
    ]);
  });

  it('says what it expected when the file is JSON but not GeoJSON or TopoJSON', () => {
    expect(lines('{"type": "Feature", "properties": {}}')).toEqual([
      'counties.geojson:1:1: expected a GeoJSON FeatureCollection or a TopoJSON Topology, found "Feature"',
    ]);
    expect(lines('[1, 2]')).toEqual([
      'counties.geojson:1:1: expected a GeoJSON FeatureCollection or a TopoJSON Topology, found a list',
    ]);
  });

  it('lists every bad feature of a file at its line, not only the first', () => {
    const text = collection([
      feature('06037', { type: 'Polygon', coordinates: [square(-118, 34)] }),
      '  {"type": "Feature", "properties": {"NAME": "no code"}, "geometry": null}',
      feature('06059', { type: 'Point', coordinates: [-117.8, 33.7] }),
      feature('06065', {
        type: 'Polygon',
        coordinates: [
          [
            [650000, 4100000],
            [651000, 4100000],
            [651000, 4101000],
            [650000, 4100000],
          ],
        ],
      }),
      feature('06071', {
        type: 'Polygon',
        coordinates: [
          [
            [-117, 34],
            [-116, 34],
            [-116, 35],
            [-117, 35],
          ],
        ],
      }),
      feature('06111', {
        type: 'Polygon',
        coordinates: [
          [
            [-119, 34],
            [-118.5, 34],
            [-119, 34],
          ],
        ],
      }),
      feature('06111', null),
    ]);
    expect(lines(text)).toEqual([
      'counties.geojson:3:3: feature 2 has no property GEOID (the area code); expected a text or an integer',
      'counties.geojson:4:69: feature 3 (GEOID "06059"): geometry "Point"; expected a Polygon or a MultiPolygon (an area is a surface)',
      'counties.geojson:5:103: feature 4 (GEOID "06065"): position [650000, 4100000] out of range; expected a longitude between -180 and 180 and a latitude between -90 and 90 (WGS 84 degrees, not projected coordinates)',
      'counties.geojson:6:102: feature 5 (GEOID "06071"): the ring does not close; its last position must equal its first',
      'counties.geojson:7:102: feature 6 (GEOID "06111"): ring of 3 positions; expected at least 4 (the last equal to the first)',
      'counties.geojson:8:69: feature 7 (GEOID "06111") has no geometry; expected a Polygon or a MultiPolygon',
    ]);
  });

  it('refuses codes the event does not have, and names the event’s areas the file does not draw', () => {
    const text = collection([
      feature('06037', { type: 'Polygon', coordinates: [square(-118, 34)] }),
      feature('99999', { type: 'Polygon', coordinates: [square(-110, 34)] }),
    ]);
    expect(lines(text, spec, ['06037', '06059', '06065'])).toEqual([
      'counties.geojson:3:3: GEOID "99999" is not an area code of the event; expected one of: 06037, 06059, 06065',
      'counties.geojson: areas of the event without an outline in this file (2): 06059, 06065; expected a feature for every code of areas.codes',
    ]);
  });

  it('refuses a topology whose object is not named when it has several, or whose arcs do not exist', () => {
    const fc = JSON.parse(FIXTURE) as FeatureCollection;
    const two = JSON.stringify(topology({ counties: fc, states: fc }));
    const objectsAt = two.indexOf('"objects":') + '"objects":'.length + 1; // the column of its value
    expect(lines(two, { file: 'us.topojson', codeProperty: 'GEOID' })).toEqual([
      `us.topojson:1:${objectsAt}: the topology has several objects ("counties", "states"); say which holds the areas (object:)`,
    ]);
    expect(lines(two, { file: 'us.topojson', codeProperty: 'GEOID', object: 'cities' })[0]).toContain(
      'the topology has no object "cities"; its objects: "counties", "states"',
    );
    const broken = JSON.parse(JSON.stringify(topology({ counties: fc }))) as {
      objects: { counties: { geometries: { arcs: unknown }[] } };
    };
    broken.objects.counties.geometries[1]!.arcs = [[9999]];
    expect(lines(JSON.stringify(broken), { file: 'us.topojson', codeProperty: 'GEOID' })[0]).toMatch(
      /^us\.topojson:1:\d+: geometry 2 names an arc that does not exist \(the topology has \d+\)$/,
    );
  });

  it('refuses a missing file, a path outside the data folder, a file not in UTF-8 and a file too large, plainly', async () => {
    const say = async (file: string): Promise<string[]> =>
      (await readAreaGeometry(dir, { file, codeProperty: 'GEOID' })).problems.map(formatProblem);
    expect(await say('nowhere.geojson')).toEqual([
      'nowhere.geojson: geometry file not found; expected a GeoJSON or TopoJSON file in the data folder',
    ]);
    expect(await say('../outside.geojson')).toEqual([
      'event.yaml: the geometry file "../outside.geojson" must be a relative path inside the data folder',
    ]);
    expect(await say('/etc/passwd')).toEqual([
      'event.yaml: the geometry file "/etc/passwd" must be a relative path inside the data folder',
    ]);
    writeFileSync(
      path.join(dir, 'latin1.geojson'),
      Buffer.from('{"type": "FeatureCollection", "features": [], "name": "caf\xe9"}', 'latin1'),
    );
    expect(await say('latin1.geojson')).toEqual([
      'latin1.geojson: is not UTF-8; a GeoJSON or TopoJSON file must be (RFC 8259)',
    ]);
    writeFileSync(path.join(dir, 'huge.geojson'), '');
    truncateSync(path.join(dir, 'huge.geojson'), MAX_GEOMETRY_BYTES + 1); // sparse: nothing is written
    expect(await say('huge.geojson')).toEqual([
      'huge.geojson: is 64 MiB, over 64 MiB; simplify the geometry (e.g. mapshaper -simplify 10%) before using it',
    ]);
  });

  it('reads it as every data file: never through a link out of the data folder, never a FIFO (without blocking)', async () => {
    const data = path.join(dir, 'data');
    mkdirSync(data);
    writeFileSync(path.join(dir, 'secret.geojson'), FIXTURE);
    symlinkSync(path.join(dir, 'secret.geojson'), path.join(data, 'out.geojson'));
    symlinkSync(dir, path.join(data, 'outside')); // a folder linked out of the data folder
    writeFileSync(path.join(data, 'inside.geojson'), FIXTURE);
    symlinkSync(path.join(data, 'inside.geojson'), path.join(data, 'link.geojson'));
    spawnSync('mkfifo', [path.join(data, 'pipe.geojson')]);
    const say = async (file: string): Promise<string[]> =>
      (await readAreaGeometry(data, { file, codeProperty: 'GEOID' })).problems.map(formatProblem);
    expect(await say('out.geojson')).toEqual([
      'out.geojson: is a symbolic link to a file outside the data folder; cci reads only files inside it (copy the file into the folder instead)',
    ]);
    expect(await say('outside/secret.geojson')).toEqual([
      'outside/secret.geojson: is a symbolic link to a file outside the data folder; cci reads only files inside it (copy the file into the folder instead)',
    ]);
    expect(await say('pipe.geojson')).toEqual([
      'pipe.geojson: is not a regular file (a named pipe (FIFO)); cci reads only regular files',
    ]);
    expect(await say('link.geojson')).toEqual([]); // a link inside the folder is fine
  });

  it('quotes what the file holds in its messages as excerpts, however long', () => {
    const long = 'X'.repeat(5_000);
    const text = collection([feature(long, { type: long, coordinates: [] })]);
    const out = lines(text, spec, ['06037']);
    expect(out[0]).toBe(
      `counties.geojson:2:${feature(long, {}).indexOf('"geometry"') + 13}: feature 1 (GEOID "${'X'.repeat(60)}…"): geometry "${'X'.repeat(60)}…"; expected a Polygon or a MultiPolygon (an area is a surface)`,
    );
    expect(out.every((l) => l.length < 400)).toBe(true);
  });

  it('refuses an empty collection', () => {
    expect(lines('{"type": "FeatureCollection", "features": []}')).toEqual([
      'counties.geojson: no feature; expected one feature per area',
    ]);
  });

  it('stops listing after fifty problems and says how many more there are', () => {
    const many = collection(
      Array.from({ length: 60 }, (_, i) => feature(`C${i}`, { type: 'Point', coordinates: [0, 0] })),
    );
    const out = lines(many);
    expect(out).toHaveLength(51);
    expect(out.at(-1)).toBe('counties.geojson: and 10 more problem(s) in this file');
  });
});
