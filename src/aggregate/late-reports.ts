// Section late_reports (SPEC §6): every record visible to the audience whose time lies in an
// earlier window of the division already issued to that audience, that no issued document
// showed it as it is now: never shown (new), or shown with other content (changed, and what
// changed). A window between two issued ones that no briefing covered (the cron did not run) is
// named with how many records it holds for this audience, so that the gap is said, not hidden.
// And every figure of an issued window that differs now from what was last stated
// (`Previous period revised: 29 → 31`).
// Pure: the register's facts come in as IssuedFacts; only records the audience may see are read.

import { isVisible } from '../audience/audience.js';
import type { Assessment, Dataset, Incident, Markings, Tlp } from '../model/types.js';
import { addDays, dateInZone, daysBetween } from '../window/calendar.js';
import { briefingWindow, inWindow, zonedInstant, type Window } from '../window/window.js';
import { forcesOn } from './forces.js';
import type { IssuedFacts, IssuedWindowFacts } from './issued.js';
import type { FigureKey, LateItemView, LateReportsView, RevisionView, UnbriefedView } from './model.js';
import { changedFields, factsOf, type RecordFacts } from './record-facts.js';
import type { Selection } from './select.js';
import { sumBetween } from './tally-sums.js';
import { inTimeOrder, within } from './time-index.js';
import { assessmentView, incidentView, type ViewContext } from './views.js';

export interface LateResult {
  view: LateReportsView;
  /** The facts of the late records shown (for the register). */
  late: RecordFacts[];
  /** The markings of everything the section shows or quotes (its records, the earlier versions and figures it quotes). */
  markings: { tlp: Tlp; specialFrance: boolean }[];
  /** The earliest window whose figures it recomputes: incidents counted from there on count for the marking. */
  countedFrom?: Date;
}

/** The first instant of the late-report range: the start of the earliest issued window; undefined when nothing was issued. */
export function lateReportsFrom(
  sel: Pick<Selection, 'event' | 'division'>,
  issued: IssuedFacts | undefined,
): Date | undefined {
  const first = issued?.windows[0];
  return first ? issuedWindow(first, sel.division.time, sel.event.timezone).start : undefined;
}

/**
 * An issued briefing's window as it was issued (the register's record), else as the division's
 * time gives it now: a division whose time moved since is compared over the window it covered.
 */
function issuedWindow(w: IssuedWindowFacts, time: string, tz: string): Window {
  if (!w.window) return briefingWindow(w.date, time, tz);
  const start = new Date(w.window.start);
  const end = new Date(w.window.end);
  return { start, end, hours: (end.getTime() - start.getTime()) / 3_600_000 };
}

export function lateReports(
  sel: Selection,
  data: Dataset,
  keyFigures: readonly FigureKey[],
  issued: IssuedFacts | undefined,
  views: ViewContext,
): LateResult {
  const from = lateReportsFrom(sel, issued);
  if (!issued || !from)
    return { view: { compared: false, items: [], revisions: [], unbriefed: [] }, late: [], markings: [] };
  const { event, division, request, windows } = sel;
  const tz = event.timezone;
  const range: Window = { start: from, end: windows.current.start, hours: 0 };
  const visible = (m: Markings) => isVisible(m, request.audience, { draft: request.draft });
  const issuedDates = new Set(issued.windows.map((w) => w.date));
  const windowDateOf = (t: Date): string => {
    const day = dateInZone(t, tz);
    return t >= zonedInstant(day, division.time, tz) ? addDays(day, 1) : day;
  };

  const held = data.lateRecords && data.lateRecords.start <= range.start ? data.lateRecords : data.fullRecordsRange;
  if (data.incidentTally && held && range.start < range.end && held.start > range.start) {
    throw new TypeError(
      `the data holds full incident records from ${held.start.toISOString()}, not from ${range.start.toISOString()} (late reports)`,
    );
  }
  // The records of the issued windows are compared one by one; those of a window between two
  // issued ones that no briefing covered are counted, and the document says so (listing a week
  // of records because the cron did not run would bury the late ones), but its notable ones are
  // listed: a critical incident must reach the audience somewhere.
  const showsAssessments = sel.sections.includes('assessments');
  const time = (r: Incident) => r.time;
  const aTime = (r: Assessment) => r.time;
  const candidates: (Incident | Assessment)[] = [];
  const unbriefed: UnbriefedView[] = [];
  const markings: LateResult['markings'] = [];
  const issuedByDate = new Map(issued.windows.map((w) => [w.date, issuedWindow(w, division.time, tz)]));
  const covered: Window[] = [];
  for (let date = issued.windows[0]!.date; date < request.date; date = addDays(date, 1)) {
    const win = issuedByDate.get(date) ?? briefingWindow(date, division.time, tz);
    covered.push(win);
    const assessments = showsAssessments
      ? within(inTimeOrder(data.assessments, aTime), aTime, win).filter(visible)
      : [];
    if (issuedDates.has(date)) {
      for (const r of within(inTimeOrder(data.incidents, time), time, win))
        if (sel.covers(r.category) && visible(r)) candidates.push(r);
      for (const a of assessments) candidates.push(a);
      continue;
    }
    const incidents = keyFigures.includes('incidents') ? sumBetween(sel.counted, win.start, win.end).incidents : 0;
    if (incidents === 0 && assessments.length === 0) continue;
    // its notable incidents (high, critical, affecting the event: the notable facts' rule) are
    // listed all the same: they would reach this audience nowhere else
    for (const r of within(inTimeOrder(data.incidents, time), time, win))
      if ((r.severity === 'high' || r.severity === 'critical' || r.gamesImpact) && sel.covers(r.category) && visible(r))
        candidates.push(r);
    // and its assessments of a high or very high level, the intelligence division's notable ones
    for (const a of assessments) if (a.level === 'high' || a.level === 'very_high') candidates.push(a);
    unbriefed.push({ date, serial: daysBetween(event.opens, date) + 1, incidents, assessments: assessments.length });
    for (const a of assessments) markings.push(a);
  }
  // a moment of the range in no window above (a division's time moved between two briefings):
  // its records were briefed nowhere, so they are listed as late
  const inNone = (t: Date): boolean => t >= range.start && t < range.end && !covered.some((w) => inWindow(t, w));
  for (const r of inTimeOrder(data.incidents, time))
    if (inNone(r.time) && sel.covers(r.category) && visible(r)) candidates.push(r);
  if (showsAssessments)
    for (const a of inTimeOrder(data.assessments, aTime)) if (inNone(a.time) && visible(a)) candidates.push(a);
  // each record once, and none of the briefing's own window (a window as issued may overlap it
  // when the division's time moved earlier since: the record is in this briefing already)
  const seen = new Set<string>();
  const listed = candidates.filter((r) => {
    const key = `${r.kind}\u0000${r.id}`;
    if (r.time >= range.end || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  candidates.length = 0;
  for (const r of listed) candidates.push(r);
  candidates.sort((a, b) => a.time.getTime() - b.time.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const items: LateItemView[] = [];
  const late: RecordFacts[] = [];
  for (const r of candidates) {
    const facts = factsOf(r);
    const prior = issued.shown.get(r.id);
    if (prior && prior.kind === facts.kind && prior.digest === facts.digest) continue;
    const changed = prior !== undefined && prior.kind === facts.kind;
    items.push({
      status: changed ? 'changed' : 'new',
      windowDate: windowDateOf(r.time),
      ...(r.kind === 'incident' ? { incident: incidentView(r, views) } : { assessment: assessmentView(r, views) }),
      changes: changed ? changedFields(prior.fields, facts.fields) : [],
    });
    late.push(facts);
    markings.push(r);
    if (changed) markings.push(prior);
  }

  // Figures of the issued windows as they are now, against what was last stated.
  const revisions: RevisionView[] = [];
  const forcesShown = keyFigures.includes('forces');
  let countedFrom: Date | undefined;
  for (const w of issued.windows) {
    if (w.date >= request.date) continue;
    const win = issuedWindow(w, division.time, tz);
    const forces = forcesShown ? forcesOn(data.deployments, w.date, visible) : undefined;
    const now = {
      ...sumBetween(sel.counted, win.start, win.end),
      forces: forces?.view.date !== undefined ? forces.view.total : null,
    };
    let quoted = false;
    for (const figure of keyFigures) {
      const stated = w.figures[figure] ?? null;
      // forces without figures: null now, and 0 in a register an earlier cci wrote
      if (now[figure] === stated || (stated === 0 && now[figure] === null)) continue;
      revisions.push({
        date: w.date,
        serial: daysBetween(event.opens, w.date) + 1,
        figure,
        from: stated,
        to: now[figure],
      });
      quoted = true;
    }
    if (quoted) {
      // the figure as stated then, and what it is computed from now
      markings.push(w);
      for (const r of forces?.records ?? []) markings.push(r);
      countedFrom ??= win.start;
    }
  }

  const last = issued.windows.at(-1)!;
  return {
    view: {
      compared: true,
      since: {
        date: last.date,
        serial: last.serial,
        version: last.version,
        corrigendum: last.corrigendum,
        at: last.at,
      },
      items,
      revisions,
      unbriefed,
    },
    late,
    markings,
    ...(countedFrom && { countedFrom }),
  };
}
