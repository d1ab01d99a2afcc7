// The marking of a document: the most restrictive TLP of what it includes.

import { TLP_ORDER, type Tlp } from '../model/types.js';

export function mostRestrictive(tlps: Iterable<Tlp>): Tlp {
  let rank = 0;
  for (const tlp of tlps) rank = Math.max(rank, TLP_ORDER.indexOf(tlp));
  return TLP_ORDER[rank] ?? 'CLEAR';
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
