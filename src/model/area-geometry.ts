// The outlines of an event's areas, for the map: checked and normalised by src/data
// (area-geometry.ts for an event's own file, builtin-geometry.ts for the shipped ones), drawn by
// src/render/map.ts. Coordinates are WGS 84 longitude and latitude in degrees; rings are wound as
// d3-geo expects (exterior clockwise, holes anticlockwise), so that no area is drawn as the whole
// sphere minus itself.

import type { MultiPolygon, Polygon } from 'geojson';
import type { Bilingual } from './bilingual.js';

/** Where an event's own geometry is (event.yaml `areas.geometry`). */
export interface AreaGeometrySpec {
  /** The file, relative to the data folder (as written in event.yaml). */
  file: string;
  /** The feature property that holds the area code (`GEOID`, `code`, `INSEE_DEP`, or `id`). */
  codeProperty: string;
  /** TopoJSON only: the object holding the areas; by default the topology's only object. */
  object?: string;
  /** Source and licence of the file, printed in the notes of every document showing the map. */
  attribution?: Bilingual;
}

/** One area of the map: an area code of the event (INSEE département code, county GEOID, ...). */
export interface AreaShape {
  code: string;
  /** The area's name as the geometry names it; the map prefers the event's own labels. */
  name?: string;
  geometry: Polygon | MultiPolygon;
}

/**
 * A separate frame of the map. `zoom`: areas also drawn in the main frame, shown larger (Paris and
 * its inner ring); `overseas`: areas drawn only here (an overseas territory), as a small tile.
 */
export interface InsetSpec {
  id: string;
  kind: 'zoom' | 'overseas';
  codes: string[];
  label: Bilingual;
  /** `always`, or only when one of its areas has an incident or a venue (`used`). */
  show: 'always' | 'used';
  /** [[west, south], [east, north]] in degrees: the part shown when not the whole area. */
  extent?: [[number, number], [number, number]];
  /** What the extent shows ("Tahiti"), printed after the label. */
  note?: Bilingual;
}

export interface AreaGeometry {
  /** `fr-departements` for the shipped one; the file name for an event's own. */
  id: string;
  /** By area code, in drawing order. */
  areas: Map<string, AreaShape>;
  insets: InsetSpec[];
  /** Source and licence, printed in the document's notes when the map is shown. */
  attribution?: Bilingual;
}

/** A venue as the map marks it. */
export interface MapSite {
  name: string;
  /** The venue's area code. */
  area: string;
  /** WGS 84 degrees; without them the venue is marked at its area. */
  lon?: number;
  lat?: number;
}

/** What a document's map is drawn from besides the model's counts (event data, not records). */
export interface MapContext {
  geometry: AreaGeometry;
  sites: MapSite[];
}
