// Data in, briefing model out: selects the window and the audience's records, then aggregates.
// Pure: no file, clock or network. Every figure is computed from `visible` records only.

import countries from 'i18n-iso-countries';
import { audienceId, isVisible, type Audience } from '../audience/audience.js';
import { markingOf, tlpLabel } from '../audience/marking.js';
import type {
  Bilingual, Dataset, Division, EventConfig, Incident, Markings, Tlp,
} from '../model/types.js';
import { LEVELS } from '../model/types.js';
import { addDays, daysBetween } from '../window/calendar.js';
import {
  briefingWindow, inWindow, isoInZone, zonedInstant, type Window,
} from '../window/window.js';
import { departementName } from './departements.js';
import { forcesOn } from './forces.js';
import { inTimeOrder, within } from './time-index.js';
import { markingsBetween, sumBetween, tallyFilter, tallyOfIncidents } from './tally-sums.js';
import type {
  BriefingModel, CountRow, CountryRow, Figures, ItemRef, ThemeGroup, TrendPoint, WindowView,
} from './model.js';
import { agendaView, assessmentView, incidentView, viewContext } from './views.js';

export interface BriefingRequest {
  division: string;
  date: string; // YYYY-MM-DD
  audience: Audience;
  draft: boolean;
}

export interface BriefingResult {
  model: BriefingModel;
  /** RED records that would have been in this document; never written, only counted. */
  heldBackRed: number;
}

const TREND_DAYS = 7;

export function findDivision(event: EventConfig, id: string): Division | undefined {
  return event.divisions.find((d) => d.id === id);
}

/** Incident categories a division covers: every one for securite, the intelligence ones otherwise. */
export function divisionCovers(event: EventConfig, division: string): (category: string) => boolean {
  if (division !== 'renseignement') return () => true;
  const intel = new Set(event.categories.filter((c) => c.intelligence).map((c) => c.id));
  return (category) => intel.has(category);
}

export function buildBriefing(data: Dataset, req: BriefingRequest): BriefingResult {
  const { event } = data;
  const division = findDivision(event, req.division);
  if (!division) throw new TypeError(`unknown division ${req.division}`);
  const tz = event.timezone;
  const ctx = viewContext(event);
  const covers = divisionCovers(event, division.id);
  const visible = <T extends Markings>(r: T) => isVisible(r, req.audience, { draft: req.draft });

  const win = briefingWindow(req.date, division.time, tz);
  const prevWin = briefingWindow(addDays(req.date, -1), division.time, tz);
  // The outlook runs to the next briefing of the division: the next 24 hours, 23 or 25 across a
  // DST change, so that consecutive outlooks tile like the windows and no item falls between.
  const outlookWin = briefingWindow(addDays(req.date, 1), division.time, tz);
  const opensAt = zonedInstant(event.opens, '00:00', tz);

  // Everything shown is derived from these, and these only hold what the audience may see.
  const incidentTime = (r: Incident) => r.time;
  const allIncidents = inTimeOrder(data.incidents, incidentTime);
  const incidents = allIncidents.filter((r) => covers(r.category) && visible(r));
  const assessmentsAll = division.id === 'renseignement' ? data.assessments.filter(visible) : [];
  const agenda = data.agenda.filter(visible);
  const day = data.days.get(req.date);
  const keyMessages = (day?.keyMessages ?? []).filter((m) => m.division === division.id && visible(m));

  // Full records are needed for the window only (what is shown); everything else is counted.
  const range = data.incidentTally ? data.fullRecordsRange : undefined;
  if (data.incidentTally && (!range || win.start < range.start || win.end > range.end)) {
    throw new TypeError(`the data holds full incident records for another window than ${req.date}'s`);
  }
  const counted = tallyFilter(data.incidentTally ?? tallyOfIncidents(data.incidents), visible, covers);
  const windowIncidents = within(incidents, incidentTime, win);

  const forces = forcesOn(data.deployments, req.date, visible);
  const prevForces = forcesOn(data.deployments, addDays(req.date, -1), visible);
  const figures: Figures = { ...sumBetween(counted, win.start, win.end), forces: forces.view.total };
  const previous: Figures = { ...sumBetween(counted, prevWin.start, prevWin.end), forces: prevForces.view.total };
  const cum = sumBetween(counted, opensAt, win.end);

  const assessments = assessmentsAll.filter((r) => inWindow(r.time, win));
  const outlook = agenda
    .filter((r) => inWindow(r.start, outlookWin))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));

  const trend: TrendPoint[] = [];
  let trendStart = win.start;
  for (let k = TREND_DAYS - 1; k >= 0; k--) {
    const date = addDays(req.date, -k);
    const w = briefingWindow(date, division.time, tz);
    if (w.start < trendStart) trendStart = w.start;
    const s = sumBetween(counted, w.start, w.end);
    trend.push({ date, incidents: s.incidents, arrests: s.arrests, custody: s.custody });
  }

  const country = req.audience.kind === 'country' ? req.audience.country : undefined;
  const countryNotes = country
    ? windowIncidents.filter((r) => r.nationalities.includes(country))
    : undefined;

  // The marking: most restrictive of every record the document derives anything from. The
  // incidents counted anywhere (window, previous window, trend, running total) are those from
  // the earlier of the opening and the first trend day up to the window's end.
  const countedFrom = trendStart < opensAt ? trendStart : opensAt;
  const contributing: readonly (readonly Markings[])[] = [
    markingsBetween(counted, countedFrom, win.end),
    assessments, outlook, keyMessages, forces.records, prevForces.records,
  ];
  const marking = markingOf(contributing);
  const tlp: Tlp = marking.tlp;
  const specialFrance = req.audience.kind === 'national' && marking.specialFrance;

  // RED records that would otherwise be in this document.
  const redInScope = (r: Markings) => r.tlp === 'RED' && (req.draft || r.status === 'validated');
  const heldBackRed =
    within(allIncidents, incidentTime, win).filter((r) => covers(r.category) && redInScope(r)).length +
    (division.id === 'renseignement'
      ? data.assessments.filter((r) => redInScope(r) && inWindow(r.time, win)).length
      : 0) +
    data.agenda.filter((r) => redInScope(r) && inWindow(r.start, outlookWin)).length +
    (day?.keyMessages ?? []).filter((m) => m.division === division.id && redInScope(m)).length;

  const notable = windowIncidents.filter(
    (r) => r.severity === 'high' || r.severity === 'critical' || r.gamesImpact,
  );
  const intelligenceIncidents = division.id === 'renseignement' ? windowIncidents : [];

  const items: ItemRef[] = [
    ...windowIncidents.map((r) => ({ id: r.id, kind: 'incident' as const })),
    ...assessments.map((r) => ({ id: r.id, kind: 'assessment' as const })),
    ...outlook.map((r) => ({ id: r.id, kind: 'agenda' as const })),
  ];

  const nextDate = addDays(req.date, 1);
  const threat = threatLevel(data, req.date);
  const model: BriefingModel = {
    division: division.id,
    divisionTitle: { ...division.title },
    divisionTime: division.time,
    audience: audienceId(req.audience),
    ...(country && { audienceCountry: country, audienceCountryName: countryName(country) }),
    date: req.date,
    serial: daysBetween(event.opens, req.date) + 1,
    event: { id: event.id, name: { ...event.name }, centre: { ...event.centre }, timezone: tz },
    window: windowView(win, tz),
    previousWindow: windowView(prevWin, tz),
    nextBriefing: {
      division: division.id,
      title: { ...division.title },
      at: isoInZone(zonedInstant(nextDate, division.time, tz), tz),
    },
    marking: tlpLabel(tlp),
    tlp,
    ...(event.protectionMention !== undefined && { protectionMention: event.protectionMention }),
    specialFrance,
    draft: req.draft,
    ...(threat !== undefined && { threatLevel: threat }),
    keyMessages: keyMessages.map((m) => ({ text: { ...m.text }, tlp: m.tlp, draft: m.status === 'draft' })),
    figures,
    previous,
    cumulative: cum,
    forces: forces.view,
    notable: notable.map((r) => incidentView(r, ctx)),
    byCategory: countBy(windowIncidents, (r) => r.category, (k) => ctx.categories.get(k)?.label ?? { fr: k, en: k }),
    byDepartement: countBy(windowIncidents, (r) => r.departement, (k) => ({ fr: departementName(k) ?? k, en: departementName(k) ?? k })),
    foreignNationals: byNationality(windowIncidents),
    intelligenceIncidents: intelligenceIncidents.map((r) => incidentView(r, ctx)),
    assessments: groupByTheme(assessments.map((r) => assessmentView(r, ctx))),
    outlook: outlook.map((r) => agendaView(r, ctx)),
    outlookWindow: windowView(outlookWin, tz),
    trend,
    ...(countryNotes && { countryNotes: countryNotes.map((r) => incidentView(r, ctx)) }),
    items,
  };
  return { model, heldBackRed };
}

function windowView(w: Window, tz: string): WindowView {
  return { start: isoInZone(w.start, tz), end: isoInZone(w.end, tz), hours: w.hours };
}

/** The threat level of the day, or the latest earlier day that states one. */
function threatLevel(data: Dataset, date: string) {
  let best: { date: string; level: NonNullable<ReturnType<typeof data.days.get>>['threatLevel'] } | undefined;
  for (const [d, info] of data.days) {
    if (d <= date && info.threatLevel && (!best || d > best.date)) best = { date: d, level: info.threatLevel };
  }
  return best?.level;
}

function countBy(
  list: readonly Incident[],
  key: (r: Incident) => string,
  label: (k: string) => Bilingual,
): CountRow[] {
  const counts = new Map<string, number>();
  for (const r of list) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return [...counts]
    .map(([k, count]) => ({ key: k, label: { ...label(k) }, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function countryName(alpha3: string): Bilingual {
  return {
    fr: countries.getName(alpha3, 'fr') ?? alpha3,
    en: countries.getName(alpha3, 'en') ?? alpha3,
  };
}

function byNationality(list: readonly Incident[]): CountryRow[] {
  const rows = new Map<string, CountryRow>();
  for (const r of list) {
    for (const c of new Set(r.nationalities)) {
      let row = rows.get(c);
      if (!row) {
        row = { country: c, name: countryName(c), count: 0, arrests: 0, custody: 0, incidents: [] };
        rows.set(c, row);
      }
      row.count++;
      row.arrests += r.arrests;
      row.custody += r.custody;
      row.incidents.push(r.id);
    }
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || a.country.localeCompare(b.country));
}

function groupByTheme(list: ReturnType<typeof assessmentView>[]): ThemeGroup[] {
  const rank = (l: (typeof LEVELS)[number]) => LEVELS.indexOf(l);
  const groups = new Map<string, ThemeGroup>();
  for (const a of list) {
    let g = groups.get(a.theme);
    if (!g) {
      g = { theme: a.theme, level: a.level, assessments: [] };
      groups.set(a.theme, g);
    }
    g.assessments.push(a);
    if (rank(a.level) > rank(g.level)) g.level = a.level;
  }
  for (const g of groups.values()) {
    g.assessments.sort((a, b) => rank(b.level) - rank(a.level) || Date.parse(a.time) - Date.parse(b.time));
  }
  return [...groups.values()].sort((a, b) => rank(b.level) - rank(a.level) || a.theme.localeCompare(b.theme));
}
