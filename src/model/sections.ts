// The sections a briefing can show: a closed registry, the one place that says, for each
// section id event.yaml may name in a division's `sections`, which record kinds it needs, which
// parts of the briefing model it reads, its partial template and the catalogue key of its
// heading. Validation (src/data/event.ts), aggregation (src/aggregate/sections.ts) and rendering
// (templates/briefing.hbs) all follow it.
//
// Adding a section (e.g. `late_reports`):
//   1. an entry here (id, needs, parts, partial, heading), and its place in DEFAULT_ORDER;
//   2. its model part(s) in src/aggregate/model.ts and their builder in SECTION_PARTS
//      (src/aggregate/sections.ts: the compiler asks for one per id);
//   3. templates/partials/<partial>.hbs, and one dispatch line in templates/briefing.hbs;
//   4. its heading (and any other label) in templates/i18n/fr.json and en.json.
// test/model/sections.test.ts fails until 3 and 4 are done.

import type { RecordKind } from './record-kinds.js';

export interface SectionDef {
  /** Record kinds the division must cover, at least one of them (none: any division). */
  needs: readonly RecordKind[];
  /** Needs event.yaml's `threat_scale`. */
  needsThreatScale?: boolean;
  /** Needs a map geometry: event.yaml's `areas.geometry`, or a list of codes cci has the map of. */
  needsGeometry?: boolean;
  /** Shown only in a document for one country's officers (`country:XXX`). */
  countryOnly?: boolean;
  /** The parts of the briefing model (BriefingModel keys) the section reads; present when it is shown. */
  parts: readonly string[];
  /** Its template: templates/partials/<partial>.hbs. */
  partial: string;
  /** The catalogue key of its heading (templates/i18n/<lang>.json). */
  heading: string;
}

export const SECTIONS = {
  key_messages: { needs: [], parts: ['keyMessages'], partial: 'key-messages', heading: 'sections.keyMessages' },
  threat_level: {
    needs: [],
    needsThreatScale: true,
    parts: ['threatScale', 'threatLevel'],
    partial: 'threat-level',
    heading: 'sections.threatLevel',
  },
  key_figures: {
    needs: ['incidents', 'deployments'],
    parts: ['keyFigures', 'figures', 'previous', 'cumulative', 'forces'],
    partial: 'key-figures',
    heading: 'sections.keyFigures',
  },
  late_reports: {
    needs: ['incidents', 'assessments'],
    parts: ['lateReports'],
    partial: 'late-reports',
    heading: 'sections.lateReports',
  },
  forces: { needs: ['deployments'], parts: ['forces'], partial: 'forces', heading: 'sections.forces' },
  trend: { needs: ['incidents'], parts: ['trend'], partial: 'trend', heading: 'sections.trend' },
  notable_facts: { needs: ['incidents'], parts: ['notable'], partial: 'notable-facts', heading: 'sections.notable' },
  by_category: { needs: ['incidents'], parts: ['byCategory'], partial: 'by-category', heading: 'sections.byCategory' },
  by_area: { needs: ['incidents'], parts: ['byArea'], partial: 'by-area', heading: 'sections.byArea' },
  map: { needs: ['incidents'], needsGeometry: true, parts: ['byArea'], partial: 'map', heading: 'sections.map' },
  nationals: {
    needs: ['incidents'],
    parts: ['foreignNationals'],
    partial: 'nationals',
    heading: 'sections.foreignNationals',
  },
  assessments: {
    needs: ['assessments'],
    parts: ['assessments'],
    partial: 'assessments',
    heading: 'sections.assessments',
  },
  intelligence_incidents: {
    needs: ['incidents'],
    parts: ['intelligenceIncidents', 'byCategory'],
    partial: 'intelligence-incidents',
    heading: 'sections.intelligenceIncidents',
  },
  outlook: { needs: ['agenda'], parts: ['outlook', 'outlookWindow'], partial: 'outlook', heading: 'sections.outlook' },
  country_notes: {
    needs: ['incidents'],
    countryOnly: true,
    parts: ['countryNotes'],
    partial: 'country-notes',
    heading: 'sections.countryNotes',
  },
} as const satisfies Record<string, SectionDef>;

export type SectionId = keyof typeof SECTIONS;
export const SECTION_IDS = Object.keys(SECTIONS) as SectionId[];

export function isSectionId(id: string): id is SectionId {
  return Object.hasOwn(SECTIONS, id);
}

export function sectionDef(id: SectionId): SectionDef {
  return SECTIONS[id];
}

/**
 * The order of a division's sections when event.yaml gives none: every section its record
 * kinds allow, in this order (intelligence_incidents only when named: notable_facts lists the
 * incidents by default).
 */
const DEFAULT_ORDER: readonly SectionId[] = [
  'key_messages',
  'threat_level',
  'key_figures',
  'late_reports',
  'forces',
  'trend',
  'notable_facts',
  'by_category',
  'by_area',
  'map',
  'nationals',
  'assessments',
  'outlook',
  'country_notes',
];

/** Why a division cannot show a section, or undefined when it can. */
export function sectionUnavailable(
  id: SectionId,
  records: readonly RecordKind[],
  hasThreatScale: boolean,
  hasGeometry = false,
): { needs: readonly RecordKind[] } | { needsThreatScale: true } | { needsGeometry: true } | undefined {
  const def: SectionDef = SECTIONS[id];
  if (def.needsThreatScale && !hasThreatScale) return { needsThreatScale: true };
  if (def.needsGeometry && !hasGeometry) return { needsGeometry: true };
  if (def.needs.length > 0 && !def.needs.some((k) => records.includes(k))) return { needs: def.needs };
  return undefined;
}

/**
 * The sections of a division that names none: derived from the record kinds it covers, and
 * from what the event has (a threat scale, a map geometry).
 */
export function defaultSections(
  records: readonly RecordKind[],
  hasThreatScale: boolean,
  hasGeometry = false,
): SectionId[] {
  return DEFAULT_ORDER.filter((id) => sectionUnavailable(id, records, hasThreatScale, hasGeometry) === undefined);
}
