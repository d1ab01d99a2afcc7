// Built-in incident categories with their labels and whether the Renseignement briefing shows
// them (SPEC §1 and §2). event.yaml may add categories or relabel / re-flag these.

import { INCIDENT_CATEGORIES, INTELLIGENCE_CATEGORIES } from '../model/types.js';
import type { Bilingual, CategoryDef } from '../model/types.js';

export const BUILTIN_CATEGORY_LABELS: Readonly<Record<(typeof INCIDENT_CATEGORIES)[number], Required<Bilingual>>> = {
  terrorism: { fr: 'Terrorisme', en: 'Terrorism' },
  public_order: { fr: 'Ordre public', en: 'Public order' },
  demonstration: { fr: 'Manifestation', en: 'Demonstration' },
  drone: { fr: 'Drone', en: 'Drone' },
  cyber: { fr: 'Cyber', en: 'Cyber' },
  sabotage: { fr: 'Sabotage', en: 'Sabotage' },
  transport: { fr: 'Transports', en: 'Transport' },
  theft: { fr: 'Vol', en: 'Theft' },
  assault: { fr: 'Agression', en: 'Assault' },
  fraud: { fr: 'Escroquerie', en: 'Fraud' },
  suspicious_item: { fr: 'Objet suspect', en: 'Suspicious item' },
  intrusion: { fr: 'Intrusion', en: 'Intrusion' },
  consular: { fr: 'Affaire consulaire', en: 'Consular matter' },
  road: { fr: 'Sécurité routière', en: 'Road traffic' },
  other: { fr: 'Autre', en: 'Other' },
};

const INTEL = new Set<string>(INTELLIGENCE_CATEGORIES);

/** The built-in categories, in SPEC order, as fresh objects. */
export function builtinCategories(): CategoryDef[] {
  return INCIDENT_CATEGORIES.map((id) => ({
    id,
    label: { ...BUILTIN_CATEGORY_LABELS[id] },
    intelligence: INTEL.has(id),
  }));
}
