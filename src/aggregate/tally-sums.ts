// Figures from counting rows: sums and markings over a time range, for one audience and
// division. Visibility and coverage are decided once per distinct marking and category.

import { mergeTallyParts, tallyPartOf, type IncidentTally } from '../data/tally.js';
import type { Incident, Markings } from '../model/types.js';
import type { Figures } from './model.js';
import { inTimeOrder } from './time-index.js';

const derived = new WeakMap<readonly Incident[], IncidentTally>();

/** The tally of a list of full records, when the data came without one (computed once per list). */
export function tallyOfIncidents(incidents: readonly Incident[]): IncidentTally {
  let t = derived.get(incidents);
  if (!t) {
    // in time order already (sorted once and shared with the aggregation): the merge's sort is linear
    t = mergeTallyParts([tallyPartOf(inTimeOrder(incidents, (r) => r.time))]);
    derived.set(incidents, t);
  }
  return t;
}

/** Which of a tally's markings and categories a briefing counts. */
export interface TallyFilter {
  readonly tally: IncidentTally;
  readonly visibleMark: Uint8Array;
  readonly coveredCategory: Uint8Array;
}

export function tallyFilter(
  tally: IncidentTally,
  visible: (m: Markings) => boolean,
  covers: (category: string) => boolean,
): TallyFilter {
  return {
    tally,
    visibleMark: Uint8Array.from(tally.marks, (m) => (visible(m) ? 1 : 0)),
    coveredCategory: Uint8Array.from(tally.categories, (c) => (covers(c) ? 1 : 0)),
  };
}

/** The first row whose time is ≥ t. */
function lowerBound(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Incidents, Games impact, arrests and custody of the rows counted with start ≤ time < end. */
export function sumBetween(f: TallyFilter, start: Date, end: Date): Omit<Figures, 'forces'> {
  const { tally: t, visibleMark, coveredCategory } = f;
  const to = lowerBound(t.time, end.getTime());
  let incidents = 0;
  let gamesImpact = 0;
  let arrests = 0;
  let custody = 0;
  for (let i = lowerBound(t.time, start.getTime()); i < to; i++) {
    if (visibleMark[t.mark[i]!] === 0 || coveredCategory[t.category[i]!] === 0) continue;
    incidents++;
    gamesImpact += t.gamesImpact[i]!;
    arrests += t.arrests[i]!;
    custody += t.custody[i]!;
  }
  return { incidents, gamesImpact, arrests, custody };
}

/** The distinct markings of the rows counted with start ≤ time < end (for the document's marking). */
export function markingsBetween(f: TallyFilter, start: Date, end: Date): Markings[] {
  const { tally: t, visibleMark, coveredCategory } = f;
  const seen = new Uint8Array(t.marks.length);
  // A few distinct markings among thousands of rows: the scan stops once every visible one is seen.
  let left = visibleMark.reduce((n, v) => n + v, 0);
  const to = lowerBound(t.time, end.getTime());
  for (let i = lowerBound(t.time, start.getTime()); i < to && left > 0; i++) {
    const m = t.mark[i]!;
    if (visibleMark[m] === 1 && seen[m] === 0 && coveredCategory[t.category[i]!] === 1) {
      seen[m] = 1;
      left--;
    }
  }
  return t.marks.filter((_, m) => seen[m] === 1);
}
