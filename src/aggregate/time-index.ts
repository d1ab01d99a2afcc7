// Records in time order, and the ones of a window by binary search: a briefing looks at ten
// windows (its own, the previous one, seven trend days, the running total), and a run may build
// 141 briefings from the same data.

import type { Window } from '../window/window.js';

const sortedCache = new WeakMap<readonly object[], readonly object[]>();

/** The list in time order (ties by id), sorted once per list and shared. */
export function inTimeOrder<T extends { id: string }>(list: readonly T[], time: (r: T) => Date): readonly T[] {
  let sorted = sortedCache.get(list) as readonly T[] | undefined;
  if (!sorted) {
    sorted = [...list].sort(
      (a, b) => time(a).getTime() - time(b).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    sortedCache.set(list, sorted);
  }
  return sorted;
}

/** The records of a time-ordered list with start ≤ time < end. */
export function within<T>(sorted: readonly T[], time: (r: T) => Date, w: Window): T[] {
  return sorted.slice(lowerBound(sorted, time, w.start.getTime()), lowerBound(sorted, time, w.end.getTime()));
}

/** The first index whose time is ≥ t. */
function lowerBound<T>(sorted: readonly T[], time: (r: T) => Date, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time(sorted[mid]!).getTime() < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
