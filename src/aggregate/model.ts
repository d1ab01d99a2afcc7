// The briefing's model: what one document for one division, date and audience shows.
// It is language-neutral (codes, numbers, ISO instants, texts in both languages) and built only
// from records its audience may see. The JSON output is this object; the HTML templates render it.
// The parts of the sections (src/model/sections.ts) are present when the document shows them.

import type { SectionId } from '../model/sections.js';
import type {
  AgendaKind,
  Bilingual,
  CategoryScope,
  Force,
  Level,
  RecordKind,
  Risk,
  Severity,
  Theme,
  Tlp,
} from '../model/types.js';

export interface WindowView {
  start: string; // ISO 8601 with the event's offset
  end: string;
  hours: number; // 24, or 23/25 across a DST change
}

/** The key figures a document shows, as cards (and in its email). */
export type FigureKey = 'incidents' | 'gamesImpact' | 'arrests' | 'custody' | 'forces';

export interface Figures {
  incidents: number;
  gamesImpact: number;
  arrests: number;
  custody: number;
  /**
   * Total forces deployed on the figures' day (the briefing's, or the latest earlier day with
   * figures); null when the division does not cover deployments or no day up to the briefing's
   * has figures: a tool reading the JSON is never told of 0 forces deployed that nobody counted.
   */
  forces: number | null;
}

/** The previous window's figures: `forces` is null when no earlier day has deployment figures. */
export type PreviousFigures = Figures;

export interface Cumulative {
  incidents: number;
  gamesImpact: number;
  arrests: number;
  custody: number;
}

export interface IncidentView {
  id: string;
  time: string; // ISO with offset in the event time zone
  category: string;
  categoryLabel: Bilingual;
  severity: Severity;
  venue?: string;
  venueName?: string;
  area: string; // code of the event's area level
  areaName?: Bilingual; // from the event's list of areas
  commune?: string;
  summary: Bilingual;
  arrests: number;
  custody: number;
  nationalities: string[];
  gamesImpact: boolean;
  source?: string;
  grading?: string;
  tlp: Tlp;
  draft: boolean;
  /** The venue's own time zone (IANA), when it differs from the event's: its local time is shown too. */
  localTimezone?: string;
}

export interface AssessmentView {
  id: string;
  time: string;
  theme: Theme;
  level: Level;
  title: Bilingual;
  body: Bilingual;
  source?: string;
  grading?: string;
  tlp: Tlp;
  draft: boolean;
}

export interface ThemeGroup {
  theme: Theme;
  level: Level; // highest level in the group
  assessments: AssessmentView[];
}

export interface AgendaView {
  id: string;
  start: string;
  end?: string;
  kind: AgendaKind;
  title: Bilingual;
  venue?: string;
  venueName?: string;
  area?: string;
  areaName?: Bilingual;
  risk: Risk;
  tlp: Tlp;
  draft: boolean;
  /** The venue's own time zone (IANA), when it differs from the event's: its local time is shown too. */
  localTimezone?: string;
}

export interface ForceRow {
  force: Force;
  count: number;
  previous?: number; // the figure of the day before the figures' day, when known
  change?: number;
}

export interface ForcesView {
  /** The day the figures are for; differs from the briefing date when falling back. */
  date?: string;
  /** True when the briefing's own day had no figure and an earlier day's is shown. */
  fallback: boolean;
  previousDate?: string;
  rows: ForceRow[];
  total: number;
  previousTotal?: number;
}

export interface CountRow {
  key: string;
  label: Bilingual;
  count: number;
}

export interface CountryRow {
  country: string; // alpha-3
  name: Bilingual;
  count: number; // incidents involving nationals of that country
  arrests: number;
  custody: number;
  incidents: string[]; // ids
}

export interface TrendPoint {
  date: string; // the window's end date
  /**
   * False for a window before the opening day, or one none of whose days has a data folder:
   * its counts (0) are not figures and are shown as not applicable.
   */
  applicable: boolean;
  incidents: number;
  arrests: number;
  custody: number;
}

export interface KeyMessageView {
  text: Bilingual;
  tlp: Tlp;
  draft: boolean;
}

/** One field of a record that changed since an issued document showed it. */
export interface FieldChangeView {
  /** Its data-file name: time, arrests, summary_en... */
  field: string;
  /** Short values (numbers, codes, times); absent for a text, or an empty field. */
  from?: string | number | boolean;
  to?: string | number | boolean;
  /** A text: only that it changed is known. */
  text?: boolean;
}

/** A record of an earlier window that no issued document showed as it is now (section late_reports). */
export interface LateItemView {
  /** new: never shown to this audience; changed: shown with other content (see changes). */
  status: 'new' | 'changed';
  /** The date of the issued briefing whose window the record's time falls in. */
  windowDate: string;
  incident?: IncidentView;
  assessment?: AssessmentView;
  changes: FieldChangeView[];
}

/** A figure of an issued briefing that is different now: `Previous period revised: 29 → 31`. */
export interface RevisionView {
  /** The issued briefing's date (its window's end). */
  date: string;
  serial: number;
  figure: FigureKey;
  /** As issued (or as last reported revised); null: no figure (forces without figures: n/a). */
  from: number | null;
  to: number | null;
}

/** A window between two issued briefings that no briefing covered for this audience: how much it holds. */
export interface UnbriefedView {
  date: string;
  serial: number;
  /** Records of that window this audience may see (incidents the division covers; assessments when it shows them). */
  incidents: number;
  assessments: number;
}

/** Section late_reports: what reached the centre after the briefing of its period was issued. */
export interface LateReportsView {
  /** Whether a briefing of this division had been issued to this audience to compare with. */
  compared: boolean;
  /** The latest issued briefing compared with. */
  since?: { date: string; serial: number; version: number; corrigendum: number; at: string };
  items: LateItemView[];
  revisions: RevisionView[];
  /** Windows since the first issued one that no briefing covered for this audience. */
  unbriefed: UnbriefedView[];
}

/** One record in a corrigendum's change list. */
export interface ChangeItemView {
  id: string;
  kind: 'incident' | 'assessment' | 'agenda';
  /** Where the document shows (or showed) it. */
  part: 'main' | 'late';
  /** Its time (start for an agenda item), ISO with the event's offset; for a removed record, as issued. */
  time?: string;
  /** Its category, theme or agenda kind (a code), and its label where known. */
  category?: string;
  categoryLabel?: Bilingual;
  /** Its summary or title, as it is now (added or changed records only). */
  text?: Bilingual;
  changes: FieldChangeView[];
}

/** RECTIFICATIF n° k / CORRIGENDUM No. k: what changed since the version it replaces. */
export interface CorrigendumView {
  number: number;
  /** The version replaced: its number (1 = the original), its corrigendum number (0 = none), when it was issued. */
  /** `uncertain`: that version was emailed and no server confirmed taking it (a recipient may hold it). */
  supersedes: { version: number; corrigendum: number; at: string; uncertain?: true };
  added: ChangeItemView[];
  removed: ChangeItemView[];
  changed: ChangeItemView[];
  /** null: no figure (forces without figures, shown n/a). */
  figures: {
    figure: FigureKey;
    scope: 'figures' | 'previous' | 'cumulative';
    from: number | null;
    to: number | null;
  }[];
}

export interface ItemRef {
  id: string;
  kind: 'incident' | 'assessment' | 'agenda' | 'deployment' | 'key_message';
  /** Shown in the late-report section (a record of an earlier window). */
  late?: true;
}

export interface BriefingModel {
  division: string;
  divisionTitle: Bilingual;
  /** The division's time as event.yaml sets it, HH:MM. */
  divisionTime: string;
  /**
   * HH:MM: when this briefing's window ends, as the event's clocks show it: the division's time,
   * or later on the day the clocks go forward over it (02:30 skipped from 02:00 to 03:00 is 03:30).
   */
  briefingTime: string;
  /** What the division covers: event.yaml's records and categories. */
  coverage: { records: RecordKind[]; categories: CategoryScope };
  /** The sections shown, in order (country_notes only for a country audience). */
  sections: SectionId[];
  audience: string; // partners | national | country:XXX
  audienceCountry?: string; // alpha-3 for country audiences
  audienceCountryName?: Bilingual;
  date: string; // YYYY-MM-DD
  serial: number; // J1 = the event's opening day
  event: { id: string; name: Bilingual; centre: Bilingual; timezone: string; host?: string };
  window: WindowView;
  previousWindow: WindowView;
  /**
   * The division's next briefing; absent from the closing briefing (the day after `closes`) and
   * any later one, which are the event's last (window/briefing-days.ts).
   */
  nextBriefing?: { division: string; title: Bilingual; at: string };
  marking: string; // TLP:AMBER
  tlp: Tlp;
  protectionMention?: string;
  specialFrance: boolean;
  draft: boolean;
  /** Present in a corrigendum: its number and change list, shown first. */
  corrigendum?: CorrigendumView;
  /** The name of the event's area level (Département / Department); a generic one when absent. */
  areaLabel?: Bilingual;
  /** The event's own words (event.yaml labels: and forces:), by the document catalogue key each replaces. */
  words?: Record<string, Bilingual>;
  /** The area level's name inside a heading (event.yaml `areas.heading_fr/_en`), when it differs from `areaLabel`. */
  areaHeading?: Bilingual;
  /** threat_level: the event's threat scale, lowest level first, and the level in force. */
  threatScale?: { name: Bilingual; levels: { id: string; label: Bilingual }[] };
  threatLevel?: string;
  keyMessages: KeyMessageView[];
  /** The figures shown as cards: incidents and arrests when the division covers incidents, forces when deployments. */
  keyFigures: FigureKey[];
  figures: Figures;
  /**
   * The previous window's figures; `forces` is the figure the forces are compared with, the
   * same value as `forces.previousTotal`: the latest earlier day with figures
   * (`forces.previousDate`), null when there is none (the opening day, no earlier figures).
   */
  previous: PreviousFigures;
  cumulative: Cumulative;
  forces?: ForcesView;
  /** High/critical or Games-affecting incidents, in time order. */
  notable?: IncidentView[];
  byCategory?: CountRow[];
  byArea?: CountRow[];
  /** Incidents involving nationals of other countries than the host, by country. */
  foreignNationals?: CountryRow[];
  /** Every incident of the window the division covers, in time order. */
  intelligenceIncidents?: IncidentView[];
  assessments?: ThemeGroup[];
  outlook?: AgendaView[];
  outlookWindow?: WindowView;
  trend?: TrendPoint[]; // 7 windows ending with this one, oldest first
  /** Country audiences: the incidents involving that country's nationals. */
  countryNotes?: IncidentView[];
  /** Records reported after the briefing of their period was issued, and revised figures. */
  lateReports?: LateReportsView;
  items: ItemRef[];
}
