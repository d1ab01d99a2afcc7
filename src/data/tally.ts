// Incidents as counting rows: what the running totals, the previous window, the trend and the
// marking need from an incident (when, which category, its markings, how many arrests and
// people in custody, whether it affected the Games) and nothing else. A briefing on day 49
// counts 98,000 incidents but shows the records of one window only, so the loader can keep the
// full records of the days around the window and tallies for the rest (see tally-cache.ts).
// Distinct markings and categories are stored once; rows point at them by index, so that
// visibility is decided once per distinct marking, not once per row. Rows are typed arrays in
// time order, so that a part read back from the cache is used as it is and parts merge in
// linear passes.

import { TLP_ORDER, type Incident, type IncidentTally, type Markings, type TallyPart } from '../model/types.js';

export type { IncidentTally, TallyPart } from '../model/types.js';

function markingsKey(m: Markings): string {
  return `${m.tlp}|${m.status}|${m.specialFrance ? 1 : 0}|${m.releasableTo.join(',')}|${m.exclude.join(',')}`;
}

/**
 * The counting rows of some incidents, as a part (for a cache or a merge), in time order. RED
 * incidents count for no audience (audience.ts), so they have no row: a part never holds
 * anything of theirs.
 */
export function tallyPartOf(incidents: readonly Incident[]): TallyPart {
  const marks: Markings[] = [];
  const categories: string[] = [];
  const markIndex = new Map<string, number>();
  const categoryIndex = new Map<string, number>();
  // most records have no country list: their marking is one of 20, found without a string key
  const plain: (number | undefined)[] = [];
  const rows: Incident[] = [];
  for (const r of incidents) if (r.tlp !== 'RED') rows.push(r);
  // in time order (a file's rows mostly are already: the sort is then nearly linear)
  rows.sort((a, b) => a.time.getTime() - b.time.getTime());
  const n = rows.length;
  const part: TallyPart = {
    marks,
    categories,
    time: new Float64Array(n),
    mark: new Uint32Array(n),
    category: new Uint32Array(n),
    arrests: new Float64Array(n),
    custody: new Float64Array(n),
    gamesImpact: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const isPlain = r.releasableTo.length === 0 && r.exclude.length === 0;
    const code = isPlain
      ? TLP_ORDER.indexOf(r.tlp) * 4 + (r.status === 'draft' ? 2 : 0) + (r.specialFrance ? 1 : 0)
      : -1;
    const key = isPlain ? undefined : markingsKey(r);
    let m = isPlain ? plain[code] : markIndex.get(key!);
    if (m === undefined) {
      m = marks.length;
      if (isPlain) plain[code] = m;
      else markIndex.set(key!, m);
      marks.push({
        tlp: r.tlp,
        status: r.status,
        specialFrance: r.specialFrance,
        releasableTo: [...r.releasableTo],
        exclude: [...r.exclude],
      });
    }
    let c = categoryIndex.get(r.category);
    if (c === undefined) {
      c = categories.length;
      categoryIndex.set(r.category, c);
      categories.push(r.category);
    }
    part.time[i] = r.time.getTime();
    part.mark[i] = m;
    part.category[i] = c;
    part.arrests[i] = r.arrests;
    part.custody[i] = r.custody;
    part.gamesImpact[i] = r.gamesImpact ? 1 : 0;
  }
  return part;
}

/**
 * One time-ordered tally of several parts, each in time order; markings and categories shared
 * across parts are merged. Parts that follow each other in time (the usual case) are only
 * concatenated; otherwise the rows are sorted by time (stable).
 */
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
  const arrests = new Float64Array(length);
  const custody = new Float64Array(length);
  const gamesImpact = new Uint8Array(length);
  // gather in part order (each part a run in time order)
  const runs: number[] = [0];
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
    time.set(p.time, n);
    arrests.set(p.arrests, n);
    custody.set(p.custody, n);
    gamesImpact.set(p.gamesImpact, n);
    for (let i = 0; i < p.time.length; i++) {
      mark[n + i] = markMap[p.mark[i]!]!;
      category[n + i] = categoryMap[p.category[i]!]!;
    }
    n += p.time.length;
    if (p.time.length > 0) runs.push(n);
  }
  // parts of files in date order mostly follow each other in time: then nothing is to be sorted
  let sorted = true;
  for (let r = 1; r + 1 < runs.length && sorted; r++) sorted = time[runs[r]! - 1]! <= time[runs[r]!]!;
  if (sorted) return { marks, categories, length, time, mark, category, arrests, custody, gamesImpact };
  const order = new Uint32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  order.sort((a, b) => time[a]! - time[b]! || a - b);
  const permute = <A extends Float64Array | Uint32Array | Uint8Array>(src: A): A => {
    const out = new (src.constructor as new (n: number) => A)(length);
    for (let i = 0; i < length; i++) out[i] = src[order[i]!]!;
    return out;
  };
  return {
    marks,
    categories,
    length,
    time: permute(time),
    mark: permute(mark),
    category: permute(category),
    arrests: permute(arrests),
    custody: permute(custody),
    gamesImpact: permute(gamesImpact),
  };
}
