#!/usr/bin/env node
// Part of `npm run build`, after tsc: draws the base layers of the map geometries cci ships (the
// outlines and label points of every frame of the layouts their documents have, in French,
// English and both) into dist/render/map-base-layers.json, so that a run does not project the
// map's 12,000 points (about 20 ms a process). Each table records the digests of the geometry
// and of the drawing code it was made from: src/render/map.ts uses it only while both are
// unchanged, and projects anything else (another geometry, another layout) as before.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (...p) => path.join(ROOT, 'dist', ...p);
const { drawBaseLayers } = await import(dist('render', 'map.js'));
const { insetCaptions } = await import(dist('render', 'map-helpers.js'));
const { BUILTIN_GEOMETRIES, builtinGeometry } = await import(dist('data', 'builtin-geometry.js'));

const modes = ['fr', 'en', 'both'];
const tables = BUILTIN_GEOMETRIES.map((id) => drawBaseLayers(builtinGeometry(id), modes.map(insetCaptions)));
const out = dist('render', 'map-base-layers.json');
const body = JSON.stringify(tables);
writeFileSync(out, body);
const frames = tables.reduce((n, t) => n + Object.keys(t.frames).length, 0);
process.stderr.write(
  `drew ${frames} map frames of ${tables.length} geometr${tables.length === 1 ? 'y' : 'ies'} into ${path.relative(ROOT, out)} (${Math.round(body.length / 1024)} KB)\n`,
);
