// Audiences and the rules that decide which records each may see (SPEC §3).

import type { Markings } from '../model/types.js';

export type Audience = { kind: 'partners' } | { kind: 'national' } | { kind: 'country'; country: string };

export function audienceId(a: Audience): string {
  return a.kind === 'country' ? `country:${a.country}` : a.kind;
}

export interface VisibilityOptions {
  /** Draft output: records with status draft are shown too. */
  draft: boolean;
}

/**
 * Whether a record may appear in a document for this audience. Every figure of a document is
 * computed only from records for which this holds.
 */
export function isVisible(m: Markings, audience: Audience, opts: VisibilityOptions): boolean {
  // 1. Drafts only in draft output.
  if (m.status !== 'validated' && !opts.draft) return false;
  // 2. RED is never written to any file.
  if (m.tlp === 'RED') return false;
  const national = audience.kind === 'national';
  // 3. AMBER+STRICT and Spécial France: national only.
  if ((m.tlp === 'AMBER+STRICT' || m.specialFrance) && !national) return false;
  // 4. releasable_to: national, or a listed country.
  if (m.releasableTo.length > 0 && !national) {
    if (audience.kind !== 'country' || !m.releasableTo.includes(audience.country)) return false;
  }
  // 5. exclude: never partners, never an excluded country.
  if (m.exclude.length > 0) {
    if (audience.kind === 'partners') return false;
    if (audience.kind === 'country' && m.exclude.includes(audience.country)) return false;
  }
  return true;
}

/**
 * Whether a record the audience may not see is a RED record that would otherwise be in the
 * document (in its scope, draft status aside): never written, only counted, so that the run can
 * say on stderr how many it held back (SPEC §3).
 */
export function isHeldBackRed(m: Markings, opts: VisibilityOptions): boolean {
  return m.tlp === 'RED' && (opts.draft || m.status === 'validated');
}
