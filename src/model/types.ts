// The validated, normalised data of a data folder. Everything here has been checked by the
// loader: times are absolute instants, countries are ISO 3166-1 alpha-3 in capitals, markings
// are canonical. Nothing from a raw YAML or CSV document reaches later stages except through
// these types.

import type { AreaGeometry, AreaGeometrySpec } from './area-geometry.js';
import type { Bilingual } from './bilingual.js';
import type { RecordKind } from './record-kinds.js';
import type { SectionId } from './sections.js';

export { RECORD_KINDS, type RecordKind } from './record-kinds.js';

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

export type { Bilingual } from './bilingual.js';

export const INCIDENT_CATEGORIES = [
  'terrorism',
  'public_order',
  'demonstration',
  'drone',
  'cyber',
  'sabotage',
  'transport',
  'theft',
  'assault',
  'fraud',
  'suspicious_item',
  'intrusion',
  'consular',
  'road',
  'other',
] as const;
/** The categories flagged `intelligence` by default (SPEC §2): a division's `categories: intelligence`. */
export const INTELLIGENCE_CATEGORIES = [
  'terrorism',
  'drone',
  'cyber',
  'sabotage',
  'suspicious_item',
  'intrusion',
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
  area: string; // code of the event's area level (its `areas.field`, or `area`); the venue's when it has one
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
  'police',
  'gendarmerie',
  'military',
  'private_security',
  'foreign_police',
  'civil_security',
  'municipal_police',
  'other',
] as const;
export type Force = (typeof FORCES)[number];

export interface Deployment extends Marked {
  kind: 'deployment';
  date: string; // YYYY-MM-DD (event calendar day)
  force: Force;
  area?: string;
  count: number;
}

export const THEMES = [
  'terrorism',
  'violent_extremism',
  'foreign_interference',
  'cyber',
  'drone',
  'organised_crime',
  'public_order',
  'other',
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
  'ceremony',
  'competition',
  'demonstration',
  'visit',
  'strike',
  'transport',
  'other',
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
  area?: string;
  risk: Risk;
}

export interface KeyMessage extends Marked {
  kind: 'key_message';
  division: string;
  text: Bilingual;
}

export interface DayInfo {
  date: string; // YYYY-MM-DD
  /** An id of event.yaml's threat_scale levels. */
  threatLevel?: string;
  keyMessages: KeyMessage[];
  source: SourceRef;
}

export interface Venue {
  id: string;
  name: string;
  commune?: string;
  area: string;
  timezone?: string;
  /** Where it is, in WGS 84 decimal degrees (both or neither): its mark on the map. */
  lon?: number;
  lat?: number;
}

/**
 * The incident categories a division covers: every one, those flagged `intelligence` (SPEC
 * §2: terrorism, drone, cyber, sabotage, suspicious_item, intrusion unless event.yaml says
 * otherwise), or a list of category ids.
 */
export type CategoryScope = 'all' | 'intelligence' | readonly string[];

export interface Division {
  id: string; // e.g. securite, renseignement, cyber
  time: string; // HH:MM, event time zone
  title: Bilingual;
  /** Record kinds it covers (SPEC §7); every kind by default. */
  records: readonly RecordKind[];
  categories: CategoryScope;
  /** Its sections, in order (src/model/sections.ts); by default, derived from `records`. */
  sections: readonly SectionId[];
}

export interface CategoryDef {
  id: string;
  label: Bilingual;
  intelligence: boolean; // in a division whose `categories` is `intelligence`
}

/**
 * The administrative level records are placed in (SPEC §7): départements for France, counties,
 * police force areas... A record or venue gives its code in `field` (or `area`).
 */
export interface AreaScheme {
  /** The field records and venues write the code in; `area` is always accepted too. */
  field: string;
  /** The level's name (Département / Department); the catalogue's generic "Zone / Area" when absent. */
  label?: Bilingual;
  /**
   * The level's name as it reads inside a heading ("Incidents par département"), when it differs
   * from `label` (`areas.heading_fr` / `heading_en`); absent: the label as the event writes it.
   */
  heading?: Bilingual;
  /** Code → name. Absent: codes are free text, checked for form only, shown as written. */
  codes?: ReadonlyMap<string, Bilingual>;
  /** Where the list came from: a list cci ships (`fr-departements`) or a file of the data folder. */
  source?: string;
  /** SHA-256 of the list file's bytes, when the list is a file (the tally cache's key). */
  listDigest?: string;
  /**
   * event.yaml `areas.geometry`: the event's own map geometry, read and checked with the event
   * (src/data/area-geometry.ts). Absent: the map uses the geometry cci ships for `codes` (only
   * fr-departements), or there is no map.
   */
  geometry?: AreaGeometrySpec & {
    /** The outlines read from the file; absent when it has problems or was not read (parseEventText alone). */
    outlines?: AreaGeometry;
  };
}

/** The host nation's threat scale (SPEC §7), e.g. Vigipirate, lowest level first. */
export interface ThreatScale {
  name: Bilingual;
  levels: readonly { id: string; label: Bilingual }[];
}

export interface Distribution {
  from?: string;
  /** division id -> audience (partners|national) -> addresses */
  divisions: Record<string, { partners: string[]; national: string[] }>;
  /** alpha-3 -> addresses */
  countries: Record<string, string[]>;
  /** visible_recipients: name the recipients in the To header (default false: Bcc). */
  visibleRecipients?: boolean;
  /** duty: the duty desk, told when a briefing waits for approval (cci brief --require-approval). */
  duty?: string[];
}

export interface EventConfig {
  id: string;
  name: Bilingual;
  centre: Bilingual;
  timezone: string;
  opens: string; // YYYY-MM-DD
  closes: string; // YYYY-MM-DD
  protectionMention?: string;
  /**
   * How a date written with slashes (`05/08/2024 14:10`) is read: day first (absent: the French
   * way, SPEC §1) or month first (`08/05/2024 14:10` as US spreadsheets write it).
   */
  dateOrder?: 'month_first';
  /** The host nation, alpha-3: its nationals are not foreign nationals, and it is never a partner. */
  host?: string;
  defaultTlp: Tlp;
  areas: AreaScheme;
  threatScale?: ThreatScale;
  divisions: Division[];
  venues: Venue[];
  partners: string[]; // alpha-3
  categories: CategoryDef[]; // built-in plus event.yaml's own
  distribution?: Distribution;
  /**
   * The event's own words (event.yaml `labels:` and `forces:`), by the document catalogue key
   * each replaces (src/i18n/event-words.ts); absent: the catalogues' neutral words.
   */
  words?: Readonly<Record<string, Bilingual>>;
}

// Incidents as counting rows (src/data/tally.ts makes them): what the running totals, the
// previous window, the trend and the marking need from an incident, and nothing else.
// Distinct markings and categories are stored once; rows point at them by index.

export interface IncidentTally {
  /** Distinct markings, each once. */
  readonly marks: readonly Markings[];
  /** Distinct categories, each once. */
  readonly categories: readonly string[];
  readonly length: number;
  /** Instants in epoch milliseconds, in ascending order. */
  readonly time: Float64Array;
  readonly mark: Uint32Array;
  readonly category: Uint32Array;
  /** Whole numbers (safe integers). */
  readonly arrests: Float64Array;
  readonly custody: Float64Array;
  readonly gamesImpact: Uint8Array;
}

/** One file's rows as a cache holds them, in time order. */
export interface TallyPart {
  marks: Markings[];
  categories: string[];
  /** Instants in epoch milliseconds, in ascending order (rows are stored in time order). */
  time: Float64Array;
  mark: Uint32Array;
  category: Uint32Array;
  arrests: Float64Array;
  custody: Float64Array;
  gamesImpact: Uint8Array;
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
  /**
   * The late reports' range: `incidents` also holds every incident with start ≤ time < end of
   * the files not settled (unchanged since an issued briefing compared them: none of their
   * records can be late).
   */
  lateRecords?: { start: Date; end: Date };
  /** The tally key of every incident file counted (when a tally cache is used): what an issued briefing was made from. */
  incidentFileKeys?: string[];
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
