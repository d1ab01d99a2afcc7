// The map geometries cci ships (assets/maps/*.topo.json, made by scripts/build-map-geometry.mjs
// from open data; sources and licences in assets/maps/README.md). Read once per process, on the
// first map drawn: a run that draws no map never reads them.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Topology } from 'topojson-specification';
import type { AreaGeometry } from '../model/area-geometry.js';
import { areasOfTopology } from './topology-areas.js';
import type { BuiltinMeta } from './topology-areas.js';

/** The shipped geometries, by the name event.yaml gives their area codes. */
export const BUILTIN_GEOMETRIES = ['fr-departements'] as const;
export type BuiltinGeometryId = (typeof BUILTIN_GEOMETRIES)[number];

/** Whether cci ships the geometry of this list of area codes (event.yaml `areas.codes`). */
export function isBuiltinGeometry(name: string): name is BuiltinGeometryId {
  return (BUILTIN_GEOMETRIES as readonly string[]).includes(name);
}

const cache = new Map<BuiltinGeometryId, AreaGeometry>();

/** Absolute path of a shipped geometry (the assets folder sits at the package root). */
export function builtinGeometryFile(id: BuiltinGeometryId): string {
  return fileURLToPath(new URL(`../../assets/maps/${id}.topo.json`, import.meta.url));
}

/**
 * A shipped geometry: areas by code with the insets and attribution of its `cci` member. Throws
 * when the asset is missing or damaged, which is a fault of the installation, not of the data.
 */
export function builtinGeometry(id: BuiltinGeometryId): AreaGeometry {
  const hit = cache.get(id);
  if (hit) return hit;
  const topo = JSON.parse(readFileSync(builtinGeometryFile(id), 'utf8')) as Topology & { cci?: BuiltinMeta };
  const meta = topo.cci;
  if (!meta || meta.id !== id || !Array.isArray(meta.insets))
    throw new Error(`assets/maps/${id}.topo.json has no cci member for ${id}`);
  const geometry: AreaGeometry = {
    id,
    areas: areasOfTopology(topo),
    insets: meta.insets,
    attribution: meta.attribution,
  };
  cache.set(id, geometry);
  return geometry;
}
