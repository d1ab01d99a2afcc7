// What an event's map is drawn from: its geometry and its venues. The one place that decides
// which geometry an event uses, so the event loader can hand over its own (areas.geometry in
// event.yaml, read by area-geometry.ts) without the renderer knowing where it came from.

import type { AreaGeometry, MapContext } from '../model/area-geometry.js';
import type { EventConfig } from '../model/types.js';
import { builtinGeometry } from './builtin-geometry.js';

/**
 * The map of an event: `own` when the event gives its geometry, else the shipped French
 * départements (the area level of records today: `departement`). Venues are marked at their
 * coordinates when event.yaml gives them (lon, lat), else at their area.
 */
export function mapContextOf(event: EventConfig, own?: AreaGeometry): MapContext {
  return {
    // Read on first use: a run that draws no map (Renseignement, an empty window) never reads it.
    get geometry() {
      return own ?? builtinGeometry('fr-departements');
    },
    sites: event.venues.map((v) => ({
      name: v.name,
      area: v.departement,
      ...(v.lon !== undefined && v.lat !== undefined && { lon: v.lon, lat: v.lat }),
    })),
  };
}
