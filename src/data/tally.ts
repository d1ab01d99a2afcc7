// Incidents as counting rows: what the running totals, the previous window, the trend and the
// marking need from an incident (when, which category, its markings, how many arrests and
// people in custody, whether it affected the Games) and nothing else. A briefing on day 49
// counts 98,000 incidents but shows the records of one window only, so the loader can keep the
// full records of the days around the window and tallies for the rest (see tally-cache.ts).
// Distinct markings and categories are stored once; rows point at them by index, so that
// visibility is decided once per distinct marking, not once per row.

import { TLP_ORDER, type Incident, type IncidentTally, type Markings, type TallyPart } from '../model/types.js';

export type { IncidentTally, TallyPart } from '../model/types.js';

function markingsKey(m: Markings): string {
  return `${m.tlp}|${m.status}|${m.specialFrance ? 1 : 0}|${m.releasableTo.join(',')}|${m.exclude.join(',')}`;
}

/**
 * The counting rows of some incidents, as a part (for a cache or a merge). RED incidents count
 * for no audience (audience.ts), so they have no row: a part never holds anything of theirs.
 */
export function tallyPartOf(incidents: readonly Incident[]): TallyPart {
  const part: TallyPart = { marks: [], categories: [], time: [], mark: [], category: [], arrests: [], custody: [], gamesImpact: [] };
  const marks = new Map<string, number>();
  const categories = new Map<string, number>();
  // most records have no country list: their marking is one of 20, found without a string key
  const plain: (number | undefined)[] = [];
  for (const r of incidents) {
    if (r.tlp === 'RED') continue;
    const isPlain = r.releasableTo.length === 0 && r.exclude.length === 0;
    const code = isPlain ? TLP_ORDER.indexOf(r.tlp) * 4 + (r.status === 'draft' ? 2 : 0) + (r.specialFrance ? 1 : 0) : -1;
    const key = isPlain ? undefined : markingsKey(r);
    let m = isPlain ? plain[code] : marks.get(key!);
    if (m === undefined) {
      m = part.marks.length;
      if (isPlain) plain[code] = m;
      else marks.set(key!, m);
      part.marks.push({ tlp: r.tlp, status: r.status, specialFrance: r.specialFrance, releasableTo: [...r.releasableTo], exclude: [...r.exclude] });
    }
    let c = categories.get(r.category);
    if (c === undefined) {
      c = part.categories.length;
      categories.set(r.category, c);
      part.categories.push(r.category);
    }
    part.time.push(r.time.getTime());
    part.mark.push(m);
    part.category.push(c);
    part.arrests.push(r.arrests);
    part.custody.push(r.custody);
    part.gamesImpact.push(r.gamesImpact ? 1 : 0);
  }
  return part;
}

/** One time-ordered tally of several parts; markings and categories shared across parts are merged. */
export function mergeTallyParts(parts: readonly TallyPart[]): IncidentTally {
  const marks: Markings[] = [];
  const categories: string[] = [];
  const markIndex = new Map<string, number>();
  const categoryIndex = new Map<string, number>();
  let length = 0;
  for (const p of parts) length += p.time.length;
  const time = new Float64Array(length);
  const mark = new Uint32Array(length);
  const category = new Uint32Array(length);
  const arrests = new Uint32Array(length);
  const custody = new Uint32Array(length);
  const gamesImpact = new Uint8Array(length);
  // gather in part order, then put in time order through a permutation
  let n = 0;
  for (const p of parts) {
    const markMap = p.marks.map((m) => {
      const key = markingsKey(m);
      let i = markIndex.get(key);
      if (i === undefined) {
        i = marks.length;
        markIndex.set(key, i);
        marks.push(m);
      }
      return i;
    });
    const categoryMap = p.categories.map((c) => {
      let i = categoryIndex.get(c);
      if (i === undefined) {
        i = categories.length;
        categoryIndex.set(c, i);
        categories.push(c);
      }
      return i;
    });
    for (let i = 0; i < p.time.length; i++, n++) {
      time[n] = p.time[i]!;
      mark[n] = markMap[p.mark[i]!]!;
      category[n] = categoryMap[p.category[i]!]!;
      arrests[n] = p.arrests[i]!;
      custody[n] = p.custody[i]!;
      gamesImpact[n] = p.gamesImpact[i]!;
    }
  }
  const order = new Uint32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  order.sort((a, b) => time[a]! - time[b]! || a - b);
  const permute = <A extends Float64Array | Uint32Array | Uint8Array>(src: A): A => {
    const out = new (src.constructor as new (n: number) => A)(length);
    for (let i = 0; i < length; i++) out[i] = src[order[i]!]!;
    return out;
  };
  return {
    marks, categories, length,
    time: permute(time), mark: permute(mark), category: permute(category),
    arrests: permute(arrests), custody: permute(custody), gamesImpact: permute(gamesImpact),
  };
}
