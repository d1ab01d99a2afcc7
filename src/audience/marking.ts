// The marking of a document: the most restrictive TLP of what it includes.

import { TLP_ORDER, type Tlp } from '../model/types.js';

/** The rank of each TLP, least restrictive first. */
export const TLP_RANK: Readonly<Record<Tlp, number>> = Object.fromEntries(TLP_ORDER.map((t, i) => [t, i])) as Record<
  Tlp,
  number
>;

/** The marking of what a document derives from: its most restrictive TLP, and whether any record is Spécial France. */
export function markingOf(lists: Iterable<readonly { tlp: Tlp; specialFrance: boolean }[]>): {
  tlp: Tlp;
  specialFrance: boolean;
} {
  let rank = 0;
  let specialFrance = false;
  for (const list of lists) {
    for (const r of list) {
      if (TLP_RANK[r.tlp] > rank) rank = TLP_RANK[r.tlp];
      if (r.specialFrance) specialFrance = true;
    }
  }
  return { tlp: TLP_ORDER[rank] ?? 'CLEAR', specialFrance };
}

export function tlpLabel(tlp: Tlp): string {
  return `TLP:${tlp}`;
}

/** TLP 2.0 colours, shown on a black background. */
export const TLP_COLOURS: Record<Tlp, string> = {
  RED: '#FF2B2B',
  'AMBER+STRICT': '#FFC000',
  AMBER: '#FFC000',
  GREEN: '#33FF00',
  CLEAR: '#FFFFFF',
};
