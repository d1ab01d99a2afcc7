// The tiles of an event's own geometry: areas far from the others (a venue in another state, an
// island territory) are drawn in a tile of their own beside the main frame, as the shipped
// French map draws its overseas départements, instead of stretching the main frame until every
// area is a speck. The shipped geometries carry their insets; this derives them for any other.
//
// Rule: areas are grouped by single linkage (two areas are in one group when their bounding
// boxes come within LINK × the median area's size of each other); the group with the most areas
// is the main frame; every other group whose gap to the main group is more than that distance
// and more than FAR × the main group's size becomes a tile (at most MAX_TILES: with more, none,
// the geometry is drawn as it is). Sizes and gaps in degrees, longitudes scaled by the cosine of
// the latitude.

import { geoBounds } from 'd3-geo';
import type { AreaShape, InsetSpec } from '../model/area-geometry.js';
import type { Bilingual } from '../model/bilingual.js';
import type { Lang } from '../i18n/lang.js';

/** Areas within LINK × the median area's size of each other are one group. */
const LINK = 2;
/** A group farther than FAR × the main group's size from it is drawn in a tile. */
const FAR = 0.25;
/** More far groups than this: no tile at all (an archipelago is drawn as it is). */
export const MAX_TILES = 8;

interface Box {
  /** Centre longitude and latitude, half width (degrees of longitude) and half height. */
  x: number;
  y: number;
  hw: number;
  hh: number;
}

function boxOf(a: AreaShape): Box {
  const [[w, s], [e, n]] = geoBounds({ type: 'Feature', properties: {}, geometry: a.geometry });
  const width = e >= w ? e - w : e + 360 - w; // across the antimeridian
  return { x: w + width / 2, y: (s + n) / 2, hw: width / 2, hh: (n - s) / 2 };
}

/** Degrees of longitude between two longitudes, the short way round. */
function lonDelta(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

/** The gap between two boxes (0 when they touch or overlap), longitudes scaled at their mid-latitude. */
function gap(a: Box, b: Box): number {
  const k = Math.cos((((a.y + b.y) / 2) * Math.PI) / 180);
  const dx = Math.max(0, lonDelta(a.x, b.x) - a.hw - b.hw) * k;
  const dy = Math.max(0, Math.abs(a.y - b.y) - a.hh - b.hh);
  return Math.hypot(dx, dy);
}

function size(b: Box): number {
  return Math.hypot(2 * b.hw * Math.cos((b.y * Math.PI) / 180), 2 * b.hh);
}

/** The box around several boxes (longitudes taken as they are: groups do not span the antimeridian here). */
function union(boxes: readonly Box[]): Box {
  // a loop, not Math.min(...boxes): an area list may have more areas than a call has room for arguments
  let w = Infinity;
  let e = -Infinity;
  let s = Infinity;
  let n = -Infinity;
  for (const b of boxes) {
    w = Math.min(w, b.x - b.hw);
    e = Math.max(e, b.x + b.hw);
    s = Math.min(s, b.y - b.hh);
    n = Math.max(n, b.y + b.hh);
  }
  return { x: (w + e) / 2, y: (s + n) / 2, hw: (e - w) / 2, hh: (n - s) / 2 };
}

/**
 * The tiles of far areas for a geometry without insets of its own, in the geometry's order;
 * [] when every area is near the others. Each tile shows always, captioned with its areas' names
 * (or codes).
 */
export function farAreaInsets(
  areas: ReadonlyMap<string, AreaShape>,
  names?: ReadonlyMap<string, Bilingual>,
): InsetSpec[] {
  const shapes = [...areas.values()];
  if (shapes.length < 2) return [];
  const boxes = shapes.map(boxOf);
  const sizes = boxes.map(size).sort((a, b) => a - b);
  const link = LINK * sizes[Math.floor(sizes.length / 2)]!;

  // single linkage with union-find
  const parent = shapes.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (root(i) !== root(j) && gap(boxes[i]!, boxes[j]!) <= link) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, number[]>();
  boxes.forEach((_, i) => {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  if (groups.size < 2) return [];

  const ordered = [...groups.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const main = union(ordered[0]!.map((i) => boxes[i]!));
  const far = ordered
    .slice(1)
    .filter((g) => gap(main, union(g.map((i) => boxes[i]!))) > Math.max(link, FAR * size(main)));
  if (far.length === 0 || far.length > MAX_TILES) return [];
  return far
    .sort((a, b) => a[0]! - b[0]!)
    .map((g): InsetSpec => {
      const codes = g.map((i) => shapes[i]!.code);
      // the event's own names (its list of areas), as the rest of the document; else the geometry's
      const nameIn = (i: number, l: Lang): string | undefined => {
        const own = names?.get(shapes[i]!.code);
        return nonEmpty(own?.[l]) ?? nonEmpty(own?.[l === 'fr' ? 'en' : 'fr']) ?? nonEmpty(shapes[i]!.name);
      };
      const labelIn = (l: Lang): string | undefined => {
        // a tile of one area named nowhere has no label: its caption says its code, once
        if (g.length === 1 && nameIn(g[0]!, l) === undefined) return undefined;
        const list = g.map((i) => nameIn(i, l) ?? shapes[i]!.code);
        return list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')}…`;
      };
      const [fr, en] = [labelIn('fr'), labelIn('en')];
      const label: Bilingual = { ...(fr !== undefined && { fr }), ...(en !== undefined && { en }) };
      return { id: `far-${codes[0]!}`, kind: 'overseas', codes, label, show: 'always' };
    });
}

function nonEmpty(s: string | undefined): string | undefined {
  return s !== undefined && s.trim() !== '' ? s : undefined;
}
