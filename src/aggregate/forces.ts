// Forces deployed: the figures dated the briefing's own day, or, where that day has none, the
// latest earlier day (said as such), with the change on the day before.

import { FORCES, type Deployment, type Force } from '../model/types.js';
import type { ForceRow, ForcesView } from './model.js';

export interface ForcesResult {
  view: ForcesView;
  /** The deployment records the figures derive from (for the document's marking). */
  records: Deployment[];
}

export function forcesOn(deployments: readonly Deployment[], date: string): ForcesResult {
  let figuresDate: string | undefined;
  for (const d of deployments) {
    if (d.date <= date && (!figuresDate || d.date > figuresDate)) figuresDate = d.date;
  }
  if (!figuresDate) return { view: { fallback: false, rows: [], total: 0 }, records: [] };

  // The change is on the latest earlier day that has figures (the day before, unless it has none).
  let previousDate: string | undefined;
  for (const d of deployments) {
    if (d.date < figuresDate && (!previousDate || d.date > previousDate)) previousDate = d.date;
  }
  const current = deployments.filter((d) => d.date === figuresDate);
  const before = previousDate ? deployments.filter((d) => d.date === previousDate) : [];
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

function sumByForce(list: readonly Deployment[]): Map<Force, number> {
  const m = new Map<Force, number>();
  for (const d of list) m.set(d.force, (m.get(d.force) ?? 0) + d.count);
  return m;
}
