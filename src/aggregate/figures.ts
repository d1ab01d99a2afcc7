// Figures: the key figures of the window, the previous window and the running total, the
// 7-day trend, and the document's marking, all from the selected (visible, covered) records.

import { markingOf } from '../audience/marking.js';
import type { Tlp } from '../model/types.js';
import type { Cumulative, FigureKey, Figures, PreviousFigures, TrendPoint } from './model.js';
import type { Selection } from './select.js';
import { markingsBetween, sumBetween } from './tally-sums.js';

export interface BriefingFigures {
  /** The figures shown as cards, in order. */
  keyFigures: FigureKey[];
  figures: Figures;
  previous: PreviousFigures;
  cumulative: Cumulative;
  /** Only when the document shows the trend. */
  trend?: TrendPoint[];
  /** The most restrictive TLP of everything the document derives from, and whether any of it is Spécial France. */
  marking: { tlp: Tlp; specialFrance: boolean };
}

/** The figures a division shows as cards: incidents and arrests when it covers incidents, forces when deployments. */
export function keyFiguresOf(division: Selection['division']): FigureKey[] {
  const keyFigures: FigureKey[] = [];
  if (division.records.includes('incidents')) keyFigures.push('incidents', 'gamesImpact', 'arrests', 'custody');
  if (division.records.includes('deployments')) keyFigures.push('forces');
  return keyFigures;
}

/** What else a document derives from, beyond its selection (the late reports: src/aggregate/late-reports.ts). */
export interface ExtraMarkings {
  markings: readonly { tlp: Tlp; specialFrance: boolean }[];
  /** Incidents counted from this instant on (revised figures of earlier windows) count for the marking. */
  countedFrom?: Date;
}

export function briefingFigures(sel: Selection, extra: ExtraMarkings = { markings: [] }): BriefingFigures {
  const { counted, windows, division } = sel;
  const { current, previous: prevWin, opensAt } = windows;
  // Forces: the figures of the day shown (the briefing's day, or the latest earlier one), and the
  // one comparison the forces section makes: with the latest earlier day that has figures.
  // null when none: the division does not cover deployments, or no day up to this one has figures
  const forcesView = sel.forces?.current.view;
  const forces = forcesView?.date !== undefined ? forcesView.total : null;
  // null, as forces.previousTotal is absent, when no earlier day has figures: never a made-up 0
  const prevForces = sel.forces?.current.view.previousTotal ?? null;
  const figures: Figures = { ...sumBetween(counted, current.start, current.end), forces };
  const previous: PreviousFigures = { ...sumBetween(counted, prevWin.start, prevWin.end), forces: prevForces };
  const cumulative = sumBetween(counted, opensAt, current.end);

  const showsTrend = sel.sections.includes('trend');
  const trend = showsTrend
    ? windows.trend.map(({ date, window }) => {
        const s = sumBetween(counted, window.start, window.end);
        return {
          date,
          applicable: sel.hasFigures(date),
          incidents: s.incidents,
          arrests: s.arrests,
          custody: s.custody,
        };
      })
    : undefined;

  const keyFigures = keyFiguresOf(division);

  // The marking: most restrictive of every record the document derives anything from. The
  // incidents counted anywhere (window, previous window, trend, running total) are those from
  // the earliest of the opening, the previous window and the first trend day up to the window's end.
  let countedFrom = opensAt < prevWin.start ? opensAt : prevWin.start;
  if (trend) for (const { window } of windows.trend) if (window.start < countedFrom) countedFrom = window.start;
  if (extra.countedFrom && extra.countedFrom < countedFrom) countedFrom = extra.countedFrom;
  const contributing: readonly (readonly { tlp: Tlp; specialFrance: boolean }[])[] = [
    extra.markings,
    markingsBetween(counted, countedFrom, current.end),
    sel.assessments,
    sel.outlook,
    sel.keyMessages,
    sel.forces?.current.records ?? [],
  ];
  const marking = markingOf(contributing);
  return {
    keyFigures,
    figures,
    previous,
    cumulative,
    ...(trend && { trend }),
    marking: { tlp: marking.tlp, specialFrance: sel.request.audience.kind === 'national' && marking.specialFrance },
  };
}
