// Selection: which records a briefing holds. The division's windows (SPEC §2), the record kinds
// and incident categories it covers and the sections it shows (event.yaml), and the audience's
// visibility rule (SPEC §3), with the count of RED records held back beside it. Pure.

import { isHeldBackRed, isVisible, type Audience } from '../audience/audience.js';
import type { SectionId } from '../model/sections.js';
import type {
  AgendaItem,
  Assessment,
  Dataset,
  Division,
  EventConfig,
  Incident,
  KeyMessage,
  Markings,
} from '../model/types.js';
import { addDays } from '../window/calendar.js';
import { briefingWindow, inWindow, zonedInstant, type Window } from '../window/window.js';
import { forcesOn, type ForcesResult } from './forces.js';
import { tallyFilter, tallyOfIncidents, type TallyFilter } from './tally-sums.js';
import { inTimeOrder, within } from './time-index.js';

export interface BriefingRequest {
  division: string;
  date: string; // YYYY-MM-DD
  audience: Audience;
  draft: boolean;
}

/** Days of the trend: seven windows ending with the briefing's own. */
export const TREND_DAYS = 7;

export interface BriefingWindows {
  /** The briefing's window: the division's time on D−1 to the same time on D. */
  current: Window;
  previous: Window;
  /** Until the next briefing of the division (23 to 25 hours). */
  outlook: Window;
  /** 00:00 on the opening day: running totals count from here. */
  opensAt: Date;
  /** The trend's windows, oldest first, each with the date it ends on. */
  trend: { date: string; window: Window }[];
}

export interface Selection {
  event: EventConfig;
  division: Division;
  request: BriefingRequest;
  windows: BriefingWindows;
  /** The sections the document shows (country_notes only for a country audience). */
  sections: SectionId[];
  /** Whether the division covers an incident category. */
  covers: (category: string) => boolean;
  /** Incidents of the window the division covers and the audience may see, in time order. */
  incidents: Incident[];
  /** Every incident loaded, as counting rows filtered for the division and the audience. */
  counted: TallyFilter;
  /** Assessments of the window (when the document shows them). */
  assessments: Assessment[];
  /** Agenda items of the outlook window, by start (when the document shows them). */
  outlook: AgendaItem[];
  /** The division's key messages of the day. */
  keyMessages: KeyMessage[];
  /**
   * Forces of the day, compared with the latest earlier day with figures (when the division
   * covers deployments): the one comparison the card, the section, the JSON and the email show.
   */
  forces?: { current: ForcesResult };
  /**
   * Whether the trend's day `date` has figures: on or after the opening day, and a data folder
   * for one of the two calendar days its window covers. Otherwise its counts are not applicable.
   */
  hasFigures: (date: string) => boolean;
  /** The threat level of the day, or of the latest earlier day that states one. */
  threatLevel?: string;
  /** RED records that would otherwise be in this document: never written, only counted. */
  heldBackRed: number;
}

export function findDivision(event: EventConfig, id: string): Division | undefined {
  return event.divisions.find((d) => d.id === id);
}

/** Incident categories a division covers: none without incidents, else all, the intelligence ones, or its list. */
export function divisionCovers(event: EventConfig, division: Division): (category: string) => boolean {
  if (!division.records.includes('incidents')) return () => false;
  const scope = division.categories;
  if (scope === 'all') return () => true;
  const ids = new Set(
    scope === 'intelligence' ? event.categories.filter((c) => c.intelligence).map((c) => c.id) : scope,
  );
  return (category) => ids.has(category);
}

export function briefingWindows(event: EventConfig, division: Division, date: string): BriefingWindows {
  const tz = event.timezone;
  const trend: BriefingWindows['trend'] = [];
  for (let k = TREND_DAYS - 1; k >= 0; k--) {
    const d = addDays(date, -k);
    trend.push({ date: d, window: briefingWindow(d, division.time, tz) });
  }
  return {
    current: briefingWindow(date, division.time, tz),
    previous: briefingWindow(addDays(date, -1), division.time, tz),
    // The outlook runs to the next briefing of the division: the next 24 hours, 23 or 25 across a
    // DST change, so that consecutive outlooks tile like the windows and no item falls between.
    outlook: briefingWindow(addDays(date, 1), division.time, tz),
    opensAt: zonedInstant(event.opens, '00:00', tz),
    trend,
  };
}

export function selectBriefing(data: Dataset, req: BriefingRequest): Selection {
  const { event } = data;
  const division = findDivision(event, req.division);
  if (!division) throw new TypeError(`unknown division ${req.division}`);
  const windows = briefingWindows(event, division, req.date);
  const win = windows.current;
  const covers = divisionCovers(event, division);
  const covered = (kind: Division['records'][number]) => division.records.includes(kind);
  const sections = division.sections.filter((s) => s !== 'country_notes' || req.audience.kind === 'country');
  const shows = (s: SectionId) => sections.includes(s);

  // The visibility rule and, beside it, the RED records it keeps out of this document.
  const opts = { draft: req.draft };
  let heldBackRed = 0;
  const visible = (r: Markings) => isVisible(r, req.audience, opts);
  const keep = <T extends Markings>(list: Iterable<T>): T[] => {
    const out: T[] = [];
    for (const r of list) {
      if (visible(r)) out.push(r);
      else if (isHeldBackRed(r, opts)) heldBackRed++;
    }
    return out;
  };

  // Full records are needed for the window only (what is shown); everything else is counted.
  const range = data.incidentTally ? data.fullRecordsRange : undefined;
  if (data.incidentTally && (!range || win.start < range.start || win.end > range.end)) {
    throw new TypeError(`the data holds full incident records for another window than ${req.date}'s`);
  }
  const incidentTime = (r: Incident) => r.time;
  const incidents = keep(
    within(inTimeOrder(data.incidents, incidentTime), incidentTime, win).filter((r) => covers(r.category)),
  );
  const counted = tallyFilter(data.incidentTally ?? tallyOfIncidents(data.incidents), visible, covers);

  const assessments = shows('assessments') ? keep(data.assessments.filter((r) => inWindow(r.time, win))) : [];
  const outlook = shows('outlook')
    ? keep(data.agenda.filter((r) => inWindow(r.start, windows.outlook))).sort(
        (a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id),
      )
    : [];
  const day = data.days.get(req.date);
  const keyMessages = keep((day?.keyMessages ?? []).filter((m) => m.division === division.id));
  const forces = covered('deployments') ? { current: forcesOn(data.deployments, req.date, visible) } : undefined;
  const folders = new Set(data.availableDates);
  const hasFigures = (date: string): boolean =>
    date >= event.opens && (folders.has(date) || folders.has(addDays(date, -1)));
  const threatLevel = latestThreatLevel(data, req.date);

  return {
    event,
    division,
    request: req,
    windows,
    sections,
    covers,
    incidents,
    counted,
    assessments,
    outlook,
    keyMessages,
    ...(forces && { forces }),
    hasFigures,
    ...(threatLevel !== undefined && { threatLevel }),
    heldBackRed,
  };
}

/** The threat level of the day, or the latest earlier day that states one. */
function latestThreatLevel(data: Dataset, date: string): string | undefined {
  let best: { date: string; level: string } | undefined;
  for (const [d, info] of data.days) {
    if (d <= date && info.threatLevel && (!best || d > best.date)) best = { date: d, level: info.threatLevel };
  }
  return best?.level;
}
