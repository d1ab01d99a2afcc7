// What an event's map is drawn from: its geometry and its venues. The one place that decides
// which geometry an event uses: its own (event.yaml `areas.geometry`, read and checked with the
// event by area-geometry.ts), else the one cci ships for its list of codes (`fr-departements`),
// else none. The renderer never knows where the geometry came from.

import type { AreaGeometry, MapContext } from '../model/area-geometry.js';
import type { AreaScheme, EventConfig } from '../model/types.js';
import { builtinGeometry, isBuiltinGeometry } from './builtin-geometry.js';

/**
 * Whether the event has a map geometry: its own file, or a shipped list of codes cci has the
 * geometry of. What a division's `map` section needs (src/model/sections.ts).
 */
export function hasMapGeometry(areas: AreaScheme): boolean {
  return areas.geometry !== undefined || (areas.source !== undefined && isBuiltinGeometry(areas.source));
}

/**
 * The map of an event, or undefined when it has no geometry (hasMapGeometry) or its own file
 * could not be read. Venues are marked at their coordinates when event.yaml gives them (lon,
 * lat), else at their area.
 */
export function mapContextOf(event: EventConfig): MapContext | undefined {
  const { areas } = event;
  let geometry: () => AreaGeometry;
  if (areas.geometry !== undefined) {
    const own = areas.geometry.outlines;
    if (own === undefined) return undefined;
    geometry = () => own;
  } else if (areas.source !== undefined && isBuiltinGeometry(areas.source)) {
    const id = areas.source;
    geometry = () => builtinGeometry(id);
  } else {
    return undefined;
  }
  return {
    // Read on first use: a run that draws no map (no `map` section, an empty window) never reads it.
    get geometry() {
      return geometry();
    },
    sites: event.venues.map((v) => ({
      name: v.name,
      area: v.area,
      ...(v.lon !== undefined && v.lat !== undefined && { lon: v.lon, lat: v.lat }),
    })),
  };
}
