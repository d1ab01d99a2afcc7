#!/usr/bin/env node
// Derives the compact map geometries cci ships from their open sources (see assets/maps/README.md).
//
//   node scripts/build-map-geometry.mjs --france-geojson FILE --world-atlas DIR [--us-atlas DIR]
//
// --france-geojson  departements-avec-outre-mer.geojson of france-geojson v2.1.1
//                   (IGN ADMIN EXPRESS COG 2018, Licence Ouverte 2.0): the 101 départements
// --world-atlas     the unpacked npm package world-atlas@2.0.2 (Natural Earth 4.1.0, public
//                   domain): the overseas collectivities 975, 977, 978, 984, 986, 987, 988, 989
// --us-atlas        the unpacked npm package us-atlas@3.0.1 (US Census Bureau, public domain):
//                   writes the test geometry fixtures/la-2028/counties.geojson too
//
// Get the npm packages without touching the project: `npm pack world-atlas@2.0.2 us-atlas@3.0.1`
// then `tar xzf` each. Writes assets/maps/fr-departements.topo.json: one TopoJSON object `areas`,
// each geometry with `id` = INSEE code and `properties.name`, rings wound as d3-geo expects
// (clockwise), simplified per area for the scale it is drawn at (see DETAIL below), quantized to
// 1e5 steps, and the map's layout (insets) and sources in the foreign member `cci`.
// The output is deterministic: the same inputs give the same bytes.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoArea, geoBounds } from 'd3-geo';
import { feature, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, sphericalTriangleArea } from 'topojson-simplify';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function args() {
  const out = {};
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i += 2) {
    if (!a[i].startsWith('--') || a[i + 1] === undefined) usage(`bad argument ${a[i]}`);
    out[a[i].slice(2)] = a[i + 1];
  }
  if (!out['france-geojson'] || !out['world-atlas']) usage('--france-geojson and --world-atlas are required');
  return out;
}

function usage(why) {
  process.stderr.write(
    `build-map-geometry: ${why}\n` +
      'usage: node scripts/build-map-geometry.mjs --france-geojson FILE --world-atlas DIR [--us-atlas DIR]\n',
  );
  process.exit(2);
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const KM2 = 1 / (6371.0088 * 6371.0088); // one square kilometre in steradians

// ---------------------------------------------------------------------------------------------
// Geometry helpers

/** Rings wound as d3-geo wants them (exterior clockwise): a polygon covering more than half the sphere is reversed. */
function rewindPolygon(rings) {
  if (geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI) return rings.map((r) => [...r].reverse());
  return rings;
}

function polygonsOf(geometry) {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  throw new Error(`unexpected geometry ${geometry.type}`);
}

/** Rewound polygons, without those smaller than `minKm2` (the largest always stays). */
function cleanGeometry(geometry, minKm2) {
  const polys = polygonsOf(geometry)
    .map(rewindPolygon)
    .map((p) => ({ p, a: geoArea({ type: 'Polygon', coordinates: p }) / KM2 }))
    .sort((x, y) => y.a - x.a);
  const kept = polys.filter((x, i) => i === 0 || x.a >= minKm2).map((x) => x.p);
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept };
}

// ---------------------------------------------------------------------------------------------
// What is drawn where, and so how much detail each area needs.

const PETITE_COURONNE = ['75', '92', '93', '94'];
/** Overseas départements and collectivities, each in its own inset, in INSEE order. */
const OVERSEAS = [
  { code: '971', fr: 'Guadeloupe', en: 'Guadeloupe', show: 'always' },
  { code: '972', fr: 'Martinique', en: 'Martinique', show: 'always' },
  { code: '973', fr: 'Guyane', en: 'French Guiana', show: 'always' },
  { code: '974', fr: 'La Réunion', en: 'Réunion', show: 'always' },
  { code: '975', fr: 'Saint-Pierre-et-Miquelon', en: 'Saint Pierre and Miquelon', show: 'used' },
  { code: '976', fr: 'Mayotte', en: 'Mayotte', show: 'always' },
  { code: '977', fr: 'Saint-Barthélemy', en: 'Saint Barthélemy', show: 'used' },
  { code: '978', fr: 'Saint-Martin', en: 'Saint Martin', show: 'used' },
  // The Southern Lands spread from the Mozambique Channel to Kerguelen: the inset shows Kerguelen.
  {
    code: '984',
    fr: 'Terres australes',
    en: 'French Southern Lands',
    show: 'used',
    extent: [
      [68.4, -50.1],
      [70.7, -48.4],
    ],
    note: { fr: 'Kerguelen', en: 'Kerguelen' },
  },
  { code: '986', fr: 'Wallis-et-Futuna', en: 'Wallis and Futuna', show: 'used' },
  // French Polynesia spans 2,000 km of ocean: the inset shows Tahiti and Moorea (the Windward
  // Islands, where Papeete and Teahupo'o are), said in its caption.
  {
    code: '987',
    fr: 'Polynésie française',
    en: 'French Polynesia',
    show: 'used',
    extent: [
      [-150.0, -17.95],
      [-149.1, -17.4],
    ],
    note: { fr: 'Tahiti', en: 'Tahiti' },
  },
  { code: '988', fr: 'Nouvelle-Calédonie', en: 'New Caledonia', show: 'used' },
  { code: '989', fr: 'Île de Clipperton', en: 'Clipperton Island', show: 'used' },
];
/**
 * Natural Earth (world-atlas) countries, by id or by name when it has no id, of the
 * collectivities IGN's ADMIN EXPRESS 2018 lacks.
 */
const FROM_NATURAL_EARTH = {
  975: '666',
  977: '652',
  978: '663',
  984: '260',
  986: '876',
  987: '258',
  988: '540',
  989: 'Clipperton I.',
};

/**
 * Detail kept per area, for the scale it is drawn at: `tri` the smallest triangle (km², Visvalingam
 * effective area) a point must make to stay, `island` the smallest part (km²) kept. Metropolitan
 * départements are drawn at about 2.3 km a unit, the inner Paris ring in its zoom at about 0.2,
 * overseas islands at 0.3 to 1 km a unit, Guiana at 7.
 */
function detailOf(code) {
  if (PETITE_COURONNE.includes(code)) return { tri: 0.004, island: 0.05 };
  if (code === '973') return { tri: 1.5, island: 20 };
  if (code.length === 3) return { tri: 0.03, island: 0.3 };
  return { tri: 6, island: 15 };
}

// ---------------------------------------------------------------------------------------------
// Simplification with a threshold per arc: the finest that any area using the arc needs.

function simplifyPerArc(topo, thresholdOfArc) {
  const pre = presimplify(topo, sphericalTriangleArea);
  const arcs = pre.arcs.map((arc, i) => {
    const t = thresholdOfArc[i];
    const closed = arc.length > 3 && arc[0][0] === arc[arc.length - 1][0] && arc[0][1] === arc[arc.length - 1][1];
    let keep = arc.map((p) => p[2] >= t);
    if (closed && keep.filter(Boolean).length < 5) {
      // A whole island: keep its three weightiest inner points so that it stays a shape.
      const inner = arc
        .slice(1, -1)
        .map((p, j) => ({ w: p[2], j: j + 1 }))
        .sort((a, b) => b.w - a.w)
        .slice(0, 3);
      keep = arc.map((_, j) => j === 0 || j === arc.length - 1 || inner.some((x) => x.j === j));
    }
    return arc.filter((_, j) => keep[j]).map((p) => [p[0], p[1]]);
  });
  return { ...pre, arcs };
}

function arcThresholds(topo, thresholdOfCode) {
  const t = new Array(topo.arcs.length).fill(Infinity);
  const visit = (arcs, code) => {
    for (const a of arcs) {
      if (Array.isArray(a)) visit(a, code);
      else {
        const i = a < 0 ? ~a : a;
        t[i] = Math.min(t[i], thresholdOfCode(code));
      }
    }
  };
  for (const g of topo.objects.areas.geometries) visit(g.arcs, g.id);
  return t;
}

// ---------------------------------------------------------------------------------------------

function round(n, d) {
  const f = 10 ** d;
  return Math.round(n * f) / f;
}

function buildFrance(opts) {
  const src = readJson(opts['france-geojson']);
  const names = new Map();
  const features = [];
  for (const f of src.features) {
    const code = String(f.properties.code);
    const d = detailOf(code);
    names.set(code, f.properties.nom);
    features.push({ type: 'Feature', id: code, properties: {}, geometry: cleanGeometry(f.geometry, d.island) });
  }
  const world = readJson(path.join(opts['world-atlas'], 'countries-10m.json'));
  const countries = feature(world, world.objects.countries).features;
  for (const [code, neId] of Object.entries(FROM_NATURAL_EARTH)) {
    const c = countries.find((x) => x.id === neId || (x.id === undefined && x.properties.name === neId));
    if (!c) throw new Error(`world-atlas has no country ${neId} for ${code}`);
    const o = OVERSEAS.find((x) => x.code === code);
    names.set(code, o.fr);
    features.push({
      type: 'Feature',
      id: code,
      properties: {},
      geometry: cleanGeometry(c.geometry, detailOf(code).island),
    });
  }
  const order = (c) => (c.length === 3 ? `9${c}` : c === '2A' || c === '2B' ? `20${c}` : c);
  features.sort((a, b) => order(a.id).localeCompare(order(b.id)));
  for (const f of features) f.properties = { name: names.get(f.id) };

  let topo = topology({ areas: { type: 'FeatureCollection', features } });
  const thresholds = arcThresholds(topo, (code) => detailOf(code).tri * KM2);
  topo = simplifyPerArc(topo, thresholds);
  topo = quantize(topo, 1e5);
  delete topo.bbox;

  const check = feature(topo, topo.objects.areas);
  for (const f of check.features) {
    const km2 = geoArea(f) / KM2;
    if (!(km2 > 1) || km2 > 1e6) throw new Error(`area ${f.id} is ${km2} km² after simplification`);
  }

  topo.cci = {
    id: 'fr-departements',
    description: 'French départements (INSEE codes), overseas départements and collectivities',
    sources: [
      {
        what: 'départements 01–95, 2A, 2B, 971–974, 976',
        name: 'france-geojson v2.1.1 (Grégoire David), from IGN ADMIN EXPRESS COG 2018',
        url: 'https://github.com/gregoiredavid/france-geojson',
        licence: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
      },
      {
        what: 'collectivities 975, 977, 978, 984, 986, 987, 988, 989',
        name: 'Natural Earth 4.1.0 Admin 0, 1:10m, via world-atlas 2.0.2',
        url: 'https://github.com/topojson/world-atlas',
        licence: 'public domain (Natural Earth); package ISC',
      },
    ],
    attribution: {
      fr: 'IGN – ADMIN EXPRESS COG 2018 (Licence Ouverte 2.0) via france-geojson ; collectivités d’outre-mer : Natural Earth (domaine public)',
      en: 'IGN – ADMIN EXPRESS COG 2018 (Licence Ouverte 2.0) via france-geojson; overseas collectivities: Natural Earth (public domain)',
    },
    insets: [
      {
        id: 'paris',
        kind: 'zoom',
        codes: PETITE_COURONNE,
        show: 'always',
        label: { fr: 'Paris et petite couronne', en: 'Paris and inner suburbs' },
      },
      ...OVERSEAS.map((o) => ({
        id: o.code,
        kind: 'overseas',
        codes: [o.code],
        show: o.show,
        label: { fr: o.fr, en: o.en },
        ...(o.extent && { extent: o.extent.map((p) => p.map((v) => round(v, 3))) }),
        ...(o.note && { note: o.note }),
      })),
    ],
  };
  return topo;
}

/**
 * The counties of the Los Angeles 2028 test event (fixtures/la-2028/counties.csv: five around
 * Los Angeles, San Diego, and Oklahoma County for the softball venue), as a plain GeoJSON file
 * with GEOID and NAME, one feature a line.
 */
function buildUsFixture(opts) {
  const us = readJson(path.join(opts['us-atlas'], 'counties-10m.json'));
  const wanted = ['06037', '06059', '06065', '06071', '06073', '06111', '40109'];
  const fc = feature(us, us.objects.counties);
  const lines = fc.features
    .filter((f) => wanted.includes(f.id))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((f) => {
      const g = cleanGeometry(f.geometry, 30);
      const coords = JSON.stringify(g.coordinates, (_k, v) => (typeof v === 'number' ? round(v, 4) : v));
      return (
        `  {"type": "Feature", "properties": {"GEOID": "${f.id}", "NAME": ${JSON.stringify(f.properties.name)}}, ` +
        `"geometry": {"type": "${g.type}", "coordinates": ${coords}}}`
      );
    });
  return `{"type": "FeatureCollection", "features": [\n${lines.join(',\n')}\n]}\n`;
}

const opts = args();
const topo = buildFrance(opts);
const outFile = path.join(root, 'assets/maps/fr-departements.topo.json');
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, `${JSON.stringify(topo)}\n`);
const points = topo.arcs.reduce((n, a) => n + a.length, 0);
process.stdout.write(
  `${path.relative(root, outFile)}: ${topo.objects.areas.geometries.length} areas, ${topo.arcs.length} arcs, ${points} points, ${fs.statSync(outFile).size} bytes\n`,
);
if (opts['us-atlas']) {
  const fixture = path.join(root, 'fixtures/la-2028/counties.geojson');
  fs.mkdirSync(path.dirname(fixture), { recursive: true });
  fs.writeFileSync(fixture, buildUsFixture(opts));
  process.stdout.write(`${path.relative(root, fixture)}: ${fs.statSync(fixture).size} bytes\n`);
}
// Print the bounds of each overseas area once, to check the insets' extents by eye.
if (process.env.CCI_MAP_DEBUG) {
  for (const f of feature(topo, topo.objects.areas).features.filter((x) => x.id.length === 3)) {
    process.stdout.write(`${f.id} ${JSON.stringify(geoBounds(f).map((p) => p.map((v) => round(v, 2))))}\n`);
  }
}
