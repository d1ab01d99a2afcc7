// Forces deployed: the figures dated the briefing's own day, or, where that day has none, the
// latest earlier day (said as such), with the change on the day before.

import { FORCES, type Deployment, type Force } from '../model/types.js';
import type { ForceRow, ForcesView } from './model.js';

export interface ForcesResult {
  view: ForcesView;
  /** The deployment records the figures derive from (for the document's marking). */
  records: Deployment[];
}

/**
 * `deployments` is every deployment record; `visible` says which the audience may see. Only
 * the days needed are looked at: the latest day ≤ `date` with a visible figure, and the latest
 * earlier one.
 */
export function forcesOn(
  deployments: readonly Deployment[],
  date: string,
  visible: (d: Deployment) => boolean = () => true,
): ForcesResult {
  const days = byDate(deployments);
  let figuresDate: string | undefined;
  let current: Deployment[] = [];
  let previousDate: string | undefined;
  let before: Deployment[] = [];
  for (const [day, list] of days) {
    if (day > date) continue;
    const seen = list.filter(visible);
    if (seen.length === 0) continue;
    if (!figuresDate) {
      figuresDate = day;
      current = seen;
    } else {
      // The change is on the latest earlier day that has figures (the day before, unless it has none).
      previousDate = day;
      before = seen;
      break;
    }
  }
  if (!figuresDate) return { view: { fallback: false, rows: [], total: 0 }, records: [] };

  const now = sumByForce(current);
  const prev = before.length > 0 ? sumByForce(before) : undefined;

  const rows: ForceRow[] = FORCES.filter((f) => now.has(f) || prev?.has(f)).map((force) => {
    const count = now.get(force) ?? 0;
    if (!prev) return { force, count };
    const previous = prev.get(force) ?? 0;
    return { force, count, previous, change: count - previous };
  });
  const total = rows.reduce((s, r) => s + r.count, 0);
  const view: ForcesView = {
    date: figuresDate,
    fallback: figuresDate !== date,
    rows,
    total,
    ...(prev && previousDate && { previousDate, previousTotal: [...prev.values()].reduce((s, n) => s + n, 0) }),
  };
  return { view, records: [...current, ...before] };
}

const byDateCache = new WeakMap<readonly Deployment[], [string, Deployment[]][]>();

/** Deployments grouped by day, latest day first; computed once per list. */
function byDate(deployments: readonly Deployment[]): [string, Deployment[]][] {
  let days = byDateCache.get(deployments);
  if (!days) {
    const m = new Map<string, Deployment[]>();
    for (const d of deployments) {
      const list = m.get(d.date);
      if (list) list.push(d);
      else m.set(d.date, [d]);
    }
    days = [...m].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
    byDateCache.set(deployments, days);
  }
  return days;
}

function sumByForce(list: readonly Deployment[]): Map<Force, number> {
  const m = new Map<Force, number>();
  for (const d of list) m.set(d.force, (m.get(d.force) ?? 0) + d.count);
  return m;
}
