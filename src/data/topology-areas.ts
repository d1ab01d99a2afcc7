// The areas of a TopoJSON topology made by scripts/build-map-geometry.mjs (assets/maps): its
// object `areas` holds one geometry per area, `id` = area code, `properties.name` = its name.
// Apart from area-geometry.ts so that drawing the shipped map loads neither the JSON locator nor
// the checks an event's own file needs.

import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { AreaShape, InsetSpec } from '../model/area-geometry.js';
import type { Bilingual } from '../model/types.js';

/** The `cci` member of a shipped topology: what builtin-geometry.ts reads besides the areas. */
export interface BuiltinMeta {
  id: string;
  attribution: Bilingual;
  insets: InsetSpec[];
}

/** The areas of the topology's object `areas`, by code, in its order. */
export function areasOfTopology(topo: Topology): Map<string, AreaShape> {
  const obj = topo.objects.areas as GeometryCollection<{ name?: string }>;
  const fc = feature(topo, obj) as FeatureCollection<Polygon | MultiPolygon, { name?: string }>;
  const areas = new Map<string, AreaShape>();
  for (const f of fc.features) {
    const code = String(f.id);
    const name = f.properties?.name;
    areas.set(code, { code, ...(name !== undefined && { name }), geometry: f.geometry });
  }
  return areas;
}
