// The validated, normalised data of a data folder. Everything here has been checked by the
// loader: times are absolute instants, countries are ISO 3166-1 alpha-3 in capitals, markings
// are canonical. Nothing from a raw YAML or CSV document reaches later stages except through
// these types.

import type { IncidentTally } from '../data/tally.js';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

export type Tlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
/** Least to most restrictive. */
export const TLP_ORDER: readonly Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

export type Status = 'validated' | 'draft';

/** Where a record came from, for messages and for traceability in the JSON model. */
export interface SourceRef {
  file: string; // path relative to the data folder, with forward slashes
  line: number; // 1-based
  /** The workbook sheet of a record read from an .xlsx file (line = its row). */
  sheet?: string;
}

export interface Markings {
  tlp: Tlp;
  releasableTo: string[]; // alpha-3; empty = no restriction
  exclude: string[]; // alpha-3
  specialFrance: boolean;
  status: Status;
}

export interface Marked extends Markings {
  source: SourceRef;
}

/** A text in both languages; a missing language is undefined ("translation pending"). */
export interface Bilingual {
  fr?: string;
  en?: string;
}

export const INCIDENT_CATEGORIES = [
  'terrorism', 'public_order', 'demonstration', 'drone', 'cyber', 'sabotage', 'transport',
  'theft', 'assault', 'fraud', 'suspicious_item', 'intrusion', 'consular', 'road', 'other',
] as const;
export const INTELLIGENCE_CATEGORIES = [
  'terrorism', 'drone', 'cyber', 'sabotage', 'suspicious_item', 'intrusion',
] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Incident extends Marked {
  kind: 'incident';
  id: string;
  time: Date; // absolute instant
  category: string; // a built-in category or one of event.yaml's categories
  severity: Severity;
  venue?: string; // venue id
  departement: string;
  commune?: string;
  summary: Bilingual;
  arrests: number;
  custody: number;
  nationalities: string[]; // alpha-3
  gamesImpact: boolean;
  reportingService?: string; // SPEC field `source`
  grading?: string; // e.g. B2
}

export const FORCES = [
  'police', 'gendarmerie', 'military', 'private_security', 'foreign_police', 'civil_security',
  'municipal_police', 'other',
] as const;
export type Force = (typeof FORCES)[number];

export interface Deployment extends Marked {
  kind: 'deployment';
  date: string; // YYYY-MM-DD (event calendar day)
  force: Force;
  departement?: string;
  count: number;
}

export const THEMES = [
  'terrorism', 'violent_extremism', 'foreign_interference', 'cyber', 'drone', 'organised_crime',
  'public_order', 'other',
] as const;
export type Theme = (typeof THEMES)[number];
export const LEVELS = ['low', 'moderate', 'high', 'very_high'] as const;
export type Level = (typeof LEVELS)[number];

export interface Assessment extends Marked {
  kind: 'assessment';
  id: string;
  time: Date;
  theme: Theme;
  level: Level;
  title: Bilingual;
  body: Bilingual;
  reportingService?: string;
  grading?: string;
}

export const AGENDA_KINDS = [
  'ceremony', 'competition', 'demonstration', 'visit', 'strike', 'transport', 'other',
] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const RISKS = ['low', 'medium', 'high'] as const;
export type Risk = (typeof RISKS)[number];

export interface AgendaItem extends Marked {
  kind: 'agenda';
  id: string;
  start: Date;
  end?: Date;
  agendaKind: AgendaKind;
  title: Bilingual;
  venue?: string;
  departement?: string;
  risk: Risk;
}

export const THREAT_LEVELS = ['vigilance', 'securite_renforcee', 'urgence_attentat'] as const;
export type ThreatLevel = (typeof THREAT_LEVELS)[number];

export interface KeyMessage extends Marked {
  kind: 'key_message';
  division: string;
  text: Bilingual;
}

export interface DayInfo {
  date: string; // YYYY-MM-DD
  threatLevel?: ThreatLevel;
  keyMessages: KeyMessage[];
  source: SourceRef;
}

export interface Venue {
  id: string;
  name: string;
  commune?: string;
  departement: string;
  timezone?: string;
}

export interface Division {
  id: string; // e.g. securite, renseignement
  time: string; // HH:MM, event time zone
  title: Bilingual;
}

export interface CategoryDef {
  id: string;
  label: Bilingual;
  intelligence: boolean; // shown in the Renseignement briefing
}

export interface Distribution {
  from?: string;
  /** division id -> audience (partners|national) -> addresses */
  divisions: Record<string, { partners: string[]; national: string[] }>;
  /** alpha-3 -> addresses */
  countries: Record<string, string[]>;
}

export interface EventConfig {
  id: string;
  name: Bilingual;
  centre: Bilingual;
  timezone: string;
  opens: string; // YYYY-MM-DD
  closes: string; // YYYY-MM-DD
  protectionMention?: string;
  defaultTlp: Tlp;
  divisions: Division[];
  venues: Venue[];
  partners: string[]; // alpha-3
  categories: CategoryDef[]; // built-in plus event.yaml's own
  distribution?: Distribution;
}

/** Everything loaded for one run. */
export interface Dataset {
  dataDir: string;
  event: EventConfig;
  /**
   * Incidents as full records. When `incidentTally` is set, only those of the files whose
   * incidents may fall in `fullRecordsRange`; otherwise every incident loaded.
   */
  incidents: Incident[];
  /**
   * Every incident loaded as counting rows (running totals, trend, previous window, marking);
   * derived from `incidents` when absent.
   */
  incidentTally?: IncidentTally;
  /** When `incidentTally` is set: `incidents` holds every incident with start ≤ time < end. */
  fullRecordsRange?: { start: Date; end: Date };
  deployments: Deployment[];
  assessments: Assessment[];
  agenda: AgendaItem[];
  days: Map<string, DayInfo>; // by date
  /** Every YYYY-MM-DD folder found in the data folder, sorted. */
  availableDates: string[];
  /** The folders actually read for this run, sorted. */
  loadedDates: string[];
}

export type AnyRecord = Incident | Deployment | Assessment | AgendaItem | KeyMessage;
