// An event's own map geometry: a GeoJSON FeatureCollection or a TopoJSON Topology whose features
// carry the area code in a property (event.yaml: `areas: { geometry: { file, code_property } }`).
// Read, checked and normalised into an AreaGeometry for src/render/map.ts. Every problem names the
// file and, where the file has one, the line and column of the feature or coordinate at fault;
// all problems of a file are listed (up to MAX_PROBLEMS), never only the first.
//
// Rules (RFC 7946 for GeoJSON, the TopoJSON 1.0 specification for TopoJSON):
// - an area is a Polygon or a MultiPolygon; positions are [longitude, latitude] in degrees,
//   finite, within ±180 and ±90; a ring has at least 4 positions and ends where it starts;
// - the code is the text (or integer) of the property `code_property`, or the feature's `id`
//   when code_property is `id` and no property has that name; features sharing a code are one
//   area (an island given as its own feature);
// - with the event's list of codes: a feature whose code is not in the list is an error, and so
//   is a code of the list that no feature draws (every area a record may name must be drawable);
// - rings are rewound as d3-geo draws them (RFC 7946 winds exteriors the other way).

import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { geoArea } from 'd3-geo';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { parse as parseLoose, printParseErrorCode, visit } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import type { Problem } from '../errors.js';
import type { AreaGeometry, AreaGeometrySpec, AreaShape } from '../model/area-geometry.js';
import type { Bilingual } from '../model/bilingual.js';
import { t } from '../i18n/messages.js';
import { formatMiB } from '../i18n/units.js';
import { excerpt, quote } from './excerpt.js';
import { farAreaInsets } from './geometry-insets.js';
import { dataRoot, isInside, readDataFile } from './read-data-file.js';
import { errorText } from '../text/one-line.js';

export type { AreaGeometrySpec } from '../model/area-geometry.js';

export interface AreaGeometryRead {
  /** Undefined when there is any problem: a map is drawn from a sound file or not at all. */
  geometry?: AreaGeometry;
  problems: Problem[];
}

/** Larger files are refused before reading: a map needs far less (simplify it first). */
export const MAX_GEOMETRY_BYTES = 64 * 1024 * 1024;
/** Problems listed per file; the rest are counted in one last line. */
export const MAX_PROBLEMS = 50;

/**
 * Reads and checks the geometry file of `spec` in `dataDir`. `knownCodes` are the event's area
 * codes, when it lists them. The file is read as every data file is (read-data-file.ts: a
 * regular file inside the data folder, a link only to a file inside it, its folder too), up to
 * MAX_GEOMETRY_BYTES. Never throws for a problem of the file: it is in `problems`.
 */
export async function readAreaGeometry(
  dataDir: string,
  spec: AreaGeometrySpec,
  knownCodes?: Iterable<string>,
  /** The event's own names of its areas (its list of codes), for the captions of far areas' tiles. */
  names?: ReadonlyMap<string, Bilingual>,
): Promise<AreaGeometryRead> {
  const name = spec.file.replace(/\\/g, '/');
  if (name.trim() === '' || path.isAbsolute(spec.file) || name.split('/').includes('..')) {
    return {
      problems: [{ file: 'event.yaml', message: t('data.geometry.badPath', { file: JSON.stringify(spec.file) }) }],
    };
  }
  const full = path.join(dataDir, name);
  const one = (message: string): AreaGeometryRead => ({ problems: [{ file: name, message }] });
  const root = await dataRoot(dataDir);
  let folder: string;
  try {
    folder = await realpath(path.dirname(full));
  } catch {
    return one(t('data.geometry.missing'));
  }
  if (!isInside(folder, root)) return one(t('dataFile.outside'));
  // Refused before reading, with the advice a map needs (readDataFile would stop at the limit too).
  const size = await lstat(full).then(
    (st) => (st.isFile() ? st.size : 0),
    () => 0,
  );
  if (size > MAX_GEOMETRY_BYTES)
    return one(t('data.geometry.tooLarge', { size: formatMiB(size), max: formatMiB(MAX_GEOMETRY_BYTES) }));
  const read = await readDataFile(full, root, MAX_GEOMETRY_BYTES);
  if ('problem' in read) return one(read.code === 'ENOENT' ? t('data.geometry.missing') : read.problem);
  const bytes = read.bytes;
  let text: string;
  try {
    const body =
      bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return one(t('data.geometry.notUtf8'));
  }
  return parseAreaGeometry(text, { ...spec, file: name }, knownCodes, names);
}

type JsonPath = (string | number)[];
interface Pending {
  path: JsonPath;
  message: string;
}

/** Checks the text of a geometry file; `spec.file` names it in messages. Pure. */
export function parseAreaGeometry(
  text: string,
  spec: AreaGeometrySpec,
  knownCodes?: Iterable<string>,
  names?: ReadonlyMap<string, Bilingual>,
): AreaGeometryRead {
  const file = spec.file;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { problems: syntaxProblems(text, file) };
  }
  const pending: Pending[] = [];
  const fileProblems: Problem[] = [];
  const report = (p: JsonPath, message: string): void => {
    pending.push({ path: p, message });
  };

  let features: Entry[] = [];
  if (isObject(doc) && doc.type === 'FeatureCollection') {
    if (!Array.isArray(doc.features)) report(['features'], t('data.geometry.featuresNotList'));
    else {
      features = doc.features.map((f: unknown, i) => ({
        feature: isObject(f) ? (f as unknown as Feature) : undefined,
        path: ['features', i],
        geometryPath: (sub: JsonPath) => ['features', i, 'geometry', ...sub],
        raw: f,
      }));
    }
  } else if (isObject(doc) && doc.type === 'Topology') {
    const r = topologyFeatures(doc, spec, report);
    if (r === undefined) return { problems: locate(text, file, pending) };
    features = r;
  } else {
    const found = isObject(doc) && typeof doc.type === 'string' ? quote(doc.type) : describe(doc);
    return { problems: [{ file, line: 1, column: 1, message: t('data.geometry.notGeoJson', { found }) }] };
  }

  const areas = new Map<string, AreaShape>();
  const where = new Map<string, JsonPath>();
  const failed = new Set<string>();
  const knownList = knownCodes === undefined ? undefined : [...knownCodes];
  const asKnown = knownList === undefined ? (c: string) => c : knownCodeOf(knownList);
  for (const { feature: f, path: p, geometryPath, raw } of features) {
    const n = Number(p[p.length - 1]) + 1;
    if (f === undefined) {
      report(p, t('data.geometry.featureNotObject', { n, found: describe(raw) }));
      continue;
    }
    const written = codeOf(f, spec.codeProperty);
    const code = written === undefined ? undefined : asKnown(written);
    if (code === undefined) {
      report(p, t('data.geometry.noCode', { n, property: spec.codeProperty }));
      continue;
    }
    const label = t('data.geometry.featureLabel', { n, property: spec.codeProperty, code: quote(code) });
    const polygons = checkGeometry(f.geometry, geometryPath, label, report);
    if (polygons === undefined) {
      failed.add(code);
      continue;
    }
    if (!where.has(code)) where.set(code, p);
    const prev = areas.get(code);
    const name = prev?.name ?? nameOf(f);
    const all = [...(prev ? polygonsOf(prev.geometry) : []), ...polygons];
    const geometry: Polygon | MultiPolygon =
      all.length === 1 ? { type: 'Polygon', coordinates: all[0]! } : { type: 'MultiPolygon', coordinates: all };
    areas.set(code, { code, ...(name !== undefined && { name }), geometry });
  }

  if (pending.length === 0 && features.length === 0) fileProblems.push({ file, message: t('data.geometry.empty') });
  if (knownList !== undefined) {
    const known = new Set(knownList);
    for (const [code, p] of where) {
      if (!known.has(code)) {
        report(
          p,
          t('data.geometry.unknownCode', {
            property: spec.codeProperty,
            code: quote(code),
            examples: sample([...known]),
          }),
        );
      }
    }
    const missing = [...known].filter((c) => !areas.has(c) && !failed.has(c));
    if (missing.length > 0)
      fileProblems.push({
        file,
        message: t('data.geometry.missingAreas', { n: missing.length, codes: sample(missing) }),
      });
  }
  // in reading order, as every file's problems; those of the whole file after them
  const at = (p: Problem): number => (p.line === undefined ? Infinity : p.line * 1e7 + (p.column ?? 0));
  const problems = [...locate(text, file, pending).sort((a, b) => at(a) - at(b)), ...fileProblems];
  if (problems.length > 0) return { problems };
  const attribution =
    spec.attribution && (spec.attribution.fr !== undefined || spec.attribution.en !== undefined)
      ? { attribution: { ...spec.attribution } }
      : {};
  return { geometry: { id: file, areas, insets: farAreaInsets(areas, names), ...attribution }, problems: [] };
}

interface Entry {
  feature: Feature | undefined;
  /** Where the feature (GeoJSON) or its geometry (TopoJSON) is in the file. */
  path: JsonPath;
  /** Where a part of its geometry is: `coordinates/0/3` in GeoJSON; the geometry itself in TopoJSON. */
  geometryPath: (sub: JsonPath) => JsonPath;
  raw: unknown;
}

/**
 * The event's code a geometry's code stands for, as records' codes are read (src/data/areas.ts):
 * any case, and a leading zero a number dropped put back (GEOID 6037 is 06037); else as written.
 */
function knownCodeOf(known: readonly string[]): (code: string) => string {
  const exact = new Map<string, string>();
  const unpadded = new Map<string, string | null>();
  for (const code of known) {
    exact.set(code.toUpperCase(), code);
    if (/^0+\d/.test(code)) {
      const short = code.replace(/^0+/, '');
      unpadded.set(short, unpadded.has(short) || exact.has(short) ? null : code);
    }
  }
  return (code) => exact.get(code.toUpperCase()) ?? unpadded.get(code) ?? code;
}

/** At most eight codes, then how many more. */
function sample(codes: readonly string[]): string {
  const shown = codes.slice(0, 8).join(', ');
  return codes.length > 8 ? t('data.geometry.andMore', { list: shown, n: codes.length - 8 }) : shown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return t('data.geometry.aList');
  if (v === null) return 'null';
  if (typeof v === 'object') return t('data.geometry.anObject');
  return typeof v === 'string' ? quote(v) : excerpt(JSON.stringify(v) ?? 'undefined');
}

function codeOf(f: Feature, property: string): string | undefined {
  const props = isObject(f.properties) ? f.properties : {};
  const v = Object.hasOwn(props, property) ? props[property] : property === 'id' ? f.id : undefined;
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return undefined;
}

function nameOf(f: Feature): string | undefined {
  const props = isObject(f.properties) ? f.properties : {};
  for (const k of ['name', 'NAME', 'nom', 'Name']) {
    const v = props[k];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

function polygonsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** The polygons of a feature's geometry, checked and rewound; undefined after reporting. */
function checkGeometry(
  g: unknown,
  at: (sub: JsonPath) => JsonPath,
  label: string,
  report: (p: JsonPath, m: string) => void,
): Position[][][] | undefined {
  if (!isObject(g)) {
    report(at([]), t('data.geometry.noGeometry', { feature: label }));
    return undefined;
  }
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    report(at([]), t('data.geometry.notPolygon', { feature: label, found: describe(g.type ?? null) }));
    return undefined;
  }
  const coords = g.coordinates;
  if (!Array.isArray(coords) || coords.length === 0) {
    report(at(['coordinates']), t('data.geometry.emptyGeometry', { feature: label }));
    return undefined;
  }
  const polys: unknown[] = g.type === 'Polygon' ? [coords] : coords;
  const out: Position[][][] = [];
  let ok = true;
  polys.forEach((poly, i) => {
    if (!ok) return;
    const pp: JsonPath = g.type === 'Polygon' ? ['coordinates'] : ['coordinates', i];
    if (!Array.isArray(poly) || poly.length === 0) {
      report(at(pp), t('data.geometry.badPolygon', { feature: label }));
      ok = false;
      return;
    }
    const rings: Position[][] = [];
    for (let j = 0; j < poly.length && ok; j++) {
      const ring: unknown = poly[j];
      const rp = [...pp, j];
      if (!Array.isArray(ring) || ring.length < 4) {
        report(at(rp), t('data.geometry.shortRing', { feature: label, n: Array.isArray(ring) ? ring.length : 0 }));
        ok = false;
        break;
      }
      for (let k = 0; k < ring.length; k++) {
        const why = badPosition(ring[k]);
        if (why !== undefined) {
          report(at([...rp, k]), t('data.geometry.badPosition', { feature: label, why }));
          ok = false;
          break;
        }
      }
      if (!ok) break;
      const a = ring[0] as number[];
      const b = ring[ring.length - 1] as number[];
      if (a[0] !== b[0] || a[1] !== b[1]) {
        report(at(rp), t('data.geometry.openRing', { feature: label }));
        ok = false;
        break;
      }
      rings.push(ring as Position[]);
    }
    if (ok) out.push(rewind(rings));
  });
  return ok ? out : undefined;
}

/** Why a position is not [longitude, latitude] in range, or undefined when it is. */
export function badPosition(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length < 2) return t('data.geometry.positionNotPair', { found: describe(v) });
  const [lon, lat] = v as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return t('data.geometry.positionNotPair', { found: excerpt(JSON.stringify(v)) });
  }
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return t('data.geometry.positionOutOfRange', { lon, lat });
  return undefined;
}

/** The polygon's rings wound as d3-geo expects: one covering more than a hemisphere is reversed. */
export function rewind(rings: Position[][]): Position[][] {
  return geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings;
}

/** The features of the areas object of a topology, after checking what topojson-client relies on. */
function topologyFeatures(
  doc: Record<string, unknown>,
  spec: AreaGeometrySpec,
  report: (p: JsonPath, m: string) => void,
): Entry[] | undefined {
  const objects = doc.objects;
  if (!isObject(objects) || Object.keys(objects).length === 0) {
    report(['objects'], t('data.geometry.noObjects'));
    return undefined;
  }
  const names = Object.keys(objects);
  const name = spec.object ?? (names.length === 1 ? names[0]! : undefined);
  if (name === undefined || !Object.hasOwn(objects, name)) {
    report(
      ['objects'],
      t(spec.object === undefined ? 'data.geometry.whichObject' : 'data.geometry.noSuchObject', {
        object: quote(spec.object ?? ''),
        names: sample(names.map((n) => quote(n))),
      }),
    );
    return undefined;
  }
  const obj = objects[name];
  if (!isObject(obj) || obj.type !== 'GeometryCollection' || !Array.isArray(obj.geometries)) {
    report(['objects', name], t('data.geometry.notCollection', { object: quote(name) }));
    return undefined;
  }
  const arcs = doc.arcs;
  if (!Array.isArray(arcs)) {
    report(['arcs'], t('data.geometry.noArcs'));
    return undefined;
  }
  const tr = doc.transform;
  let quantized = false;
  if (tr !== undefined) {
    const pair = (v: unknown): boolean =>
      Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!isObject(tr) || !pair(tr.scale) || !pair(tr.translate)) {
      report(['transform'], t('data.geometry.badTransform'));
      return undefined;
    }
    quantized = true;
  }
  // Positions of the arcs: checked once, in degrees (after the transform when quantized).
  let bad = 0;
  arcs.forEach((arc: unknown, i) => {
    if (bad >= 10) return;
    if (!Array.isArray(arc) || arc.length < 2) {
      report(['arcs', i], t('data.geometry.badArc', { i }));
      bad++;
      return;
    }
    let x = 0;
    let y = 0;
    for (let k = 0; k < arc.length; k++) {
      const q = arc[k] as unknown;
      if (
        !Array.isArray(q) ||
        q.length < 2 ||
        typeof q[0] !== 'number' ||
        typeof q[1] !== 'number' ||
        !Number.isFinite(q[0]) ||
        !Number.isFinite(q[1])
      ) {
        report(
          ['arcs', i, k],
          t('data.geometry.badArcPosition', {
            i,
            why: t('data.geometry.positionNotPair', { found: excerpt(JSON.stringify(q) ?? 'undefined') }),
          }),
        );
        bad++;
        return;
      }
      let pos: number[] = q as number[];
      if (quantized) {
        const { scale, translate } = tr as { scale: [number, number]; translate: [number, number] };
        x += q[0] as number;
        y += q[1] as number;
        pos = [x * scale[0] + translate[0], y * scale[1] + translate[1]];
      }
      const why = badPosition(pos);
      if (why !== undefined) {
        report(['arcs', i, k], t('data.geometry.badArcPosition', { i, why }));
        bad++;
        return;
      }
    }
  });
  // Arc references of each geometry.
  const n = arcs.length;
  const refsOk = (a: unknown, depth: number): boolean => {
    if (!Array.isArray(a)) return false;
    return depth === 0
      ? a.length > 0 && a.every((x) => Number.isInteger(x) && (x as number) < n && ~(x as number) < n)
      : a.every((x) => refsOk(x, depth - 1));
  };
  const geometries = obj.geometries as unknown[];
  geometries.forEach((g, i) => {
    if (!isObject(g)) {
      report(['objects', name, 'geometries', i], t('data.geometry.featureNotObject', { n: i + 1, found: describe(g) }));
      bad++;
      return;
    }
    const depth =
      ({ LineString: 0, MultiLineString: 1, Polygon: 1, MultiPolygon: 2 } as Record<string, number>)[String(g.type)] ??
      -1;
    if (depth >= 0 && !refsOk(g.arcs, depth)) {
      report(['objects', name, 'geometries', i], t('data.geometry.badArcRefs', { n: i + 1, arcs: n }));
      bad++;
    }
  });
  if (bad > 0) return undefined;
  let fc: FeatureCollection;
  try {
    fc = topoFeature(doc as unknown as Topology, obj as unknown as GeometryCollection) as FeatureCollection;
  } catch (e) {
    report(['objects', name], t('data.geometry.badTopology', { reason: errorText(e) }));
    return undefined;
  }
  return geometries.map((raw, i) => {
    const p: JsonPath = ['objects', name, 'geometries', i];
    return { feature: fc.features[i], path: p, geometryPath: () => p, raw };
  });
}

/** Syntax problems with their line and column (jsonc-parser, strict JSON). */
function syntaxProblems(text: string, file: string): Problem[] {
  const errors: ParseError[] = [];
  parseLoose(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) return [{ file, message: t('data.geometry.syntax', { reason: 'JSON' }) }];
  // The first error only: the ones after it are most often its echo.
  return errors.slice(0, 1).map((e) => ({
    file,
    ...lineColumn(text, e.offset),
    message: t('data.geometry.syntax', { reason: t(`data.geometry.json.${printParseErrorCode(e.error)}`) }),
  }));
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

/** The problems at their line and column: one pass of jsonc-parser's visitor over the text. */
function locate(text: string, file: string, pending: readonly Pending[]): Problem[] {
  if (pending.length === 0) return [];
  const shown = pending.slice(0, MAX_PROBLEMS);
  const wanted = new Map<string, number>();
  const depths = new Set<number>();
  for (const p of shown) {
    wanted.set(p.path.join('\u0000'), -1);
    depths.add(p.path.length);
  }
  let depth = 0;
  const at = (offset: number, pathOf: () => JsonPath): void => {
    if (!depths.has(depth)) return;
    const k = pathOf().join('\u0000');
    if (wanted.get(k) === -1) wanted.set(k, offset);
  };
  visit(text, {
    onObjectBegin: (offset, _l, _sl, _sc, pathOf) => {
      at(offset, pathOf);
      depth++;
    },
    onObjectEnd: () => {
      depth--;
    },
    onArrayBegin: (offset, _l, _sl, _sc, pathOf) => {
      at(offset, pathOf);
      depth++;
    },
    onArrayEnd: () => {
      depth--;
    },
    onLiteralValue: (_v, offset, _l, _sl, _sc, pathOf) => {
      at(offset, pathOf);
    },
  });
  const problems: Problem[] = shown.map((p) => {
    const offset = wanted.get(p.path.join('\u0000')) ?? -1;
    return offset >= 0 ? { file, ...lineColumn(text, offset), message: p.message } : { file, message: p.message };
  });
  if (pending.length > shown.length)
    problems.push({ file, message: t('data.geometry.moreProblems', { n: pending.length - shown.length }) });
  return problems;
}
