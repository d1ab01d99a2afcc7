// The parts of the briefing model each section reads (src/model/sections.ts), built from the
// selection and the figures. One builder per section id: the compiler asks for a new one when
// a section is added to the registry.

import { countryName } from '../data/countries.js';
import type { SectionId } from '../model/sections.js';
import { LEVELS, type Bilingual, type Incident } from '../model/types.js';
import { isoInZone, type Window } from '../window/window.js';
import type { BriefingFigures } from './figures.js';
import type { LateResult } from './late-reports.js';
import type { AssessmentView, BriefingModel, CountRow, CountryRow, ThemeGroup, WindowView } from './model.js';
import type { Selection } from './select.js';
import { agendaView, assessmentView, categoryLabel, incidentView, type ViewContext } from './views.js';

export interface SectionInput {
  sel: Selection;
  figures: BriefingFigures;
  views: ViewContext;
  /** The late reports, when the document shows them (computed first: they count for the marking). */
  late?: LateResult | undefined;
}

export type SectionParts = Partial<BriefingModel>;

export const SECTION_PARTS: Readonly<Record<SectionId, (input: SectionInput) => SectionParts>> = {
  // key messages and key figures are in every model (the email and SPEC §5's JSON need them)
  key_messages: () => ({}),
  // the forces card says from which day its figure is
  key_figures: ({ sel }) => (sel.forces ? { forces: sel.forces.current.view } : {}),
  threat_level: ({ sel }) => {
    const scale = sel.event.threatScale;
    if (!scale) return {};
    return {
      threatScale: { name: { ...scale.name }, levels: scale.levels.map((l) => ({ id: l.id, label: { ...l.label } })) },
      ...(sel.threatLevel !== undefined && { threatLevel: sel.threatLevel }),
    };
  },
  forces: ({ sel }) => (sel.forces ? { forces: sel.forces.current.view } : {}),
  trend: ({ figures }) => (figures.trend ? { trend: figures.trend } : {}),
  notable_facts: ({ sel, views }) => ({
    notable: sel.incidents
      .filter((r) => r.severity === 'high' || r.severity === 'critical' || r.gamesImpact)
      .map((r) => incidentView(r, views)),
  }),
  by_category: ({ sel, views }) => ({ byCategory: byCategory(sel.incidents, views) }),
  by_area: (input) => ({ byArea: byArea(input) }),
  // the map draws the same counts as by_area: the window's incidents this audience may see
  map: (input) => ({ byArea: byArea(input) }),
  nationals: ({ sel }) => ({ foreignNationals: byNationality(sel.incidents, sel.event.host) }),
  assessments: ({ sel, views }) => ({
    assessments: groupByTheme(sel.assessments.map((r) => assessmentView(r, views))),
  }),
  intelligence_incidents: ({ sel, views }) => ({
    intelligenceIncidents: sel.incidents.map((r) => incidentView(r, views)),
    byCategory: byCategory(sel.incidents, views),
  }),
  outlook: ({ sel, views }) => ({
    outlook: sel.outlook.map((r) => agendaView(r, views)),
    outlookWindow: windowView(sel.windows.outlook, sel.event.timezone),
  }),
  late_reports: ({ late }) => (late ? { lateReports: late.view } : {}),
  country_notes: ({ sel, views }) => {
    const { audience } = sel.request;
    if (audience.kind !== 'country') return {};
    return {
      countryNotes: sel.incidents
        .filter((r) => r.nationalities.includes(audience.country))
        .map((r) => incidentView(r, views)),
    };
  },
};

export function windowView(w: Window, tz: string): WindowView {
  return { start: isoInZone(w.start, tz), end: isoInZone(w.end, tz), hours: w.hours };
}

function byArea({ sel, views }: SectionInput): CountRow[] {
  return countBy(
    sel.incidents,
    (r) => r.area,
    (k) => views.areaNames.get(k) ?? { fr: k, en: k },
  );
}

function byCategory(list: readonly Incident[], views: ViewContext): CountRow[] {
  return countBy(
    list,
    (r) => r.category,
    (k) => categoryLabel(k, views),
  );
}

function countBy(list: readonly Incident[], key: (r: Incident) => string, label: (k: string) => Bilingual): CountRow[] {
  const counts = new Map<string, number>();
  for (const r of list) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return [...counts]
    .map(([k, count]) => ({ key: k, label: { ...label(k) }, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Incidents involving nationals of each country, the host's own nationals left out (they are not foreign). */
function byNationality(list: readonly Incident[], host: string | undefined): CountryRow[] {
  const rows = new Map<string, CountryRow>();
  for (const r of list) {
    for (const c of new Set(r.nationalities)) {
      if (c === host) continue;
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

function groupByTheme(list: AssessmentView[]): ThemeGroup[] {
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
