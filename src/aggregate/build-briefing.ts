// Data in, briefing model out: selection (select.ts: windows, coverage, visibility, RED held
// back), figures (figures.ts: key figures, trend, marking), then the parts of the sections the
// division shows (sections.ts) in one model. Pure: no file, clock or network. Every figure is
// computed from visible records only.

import { audienceId } from '../audience/audience.js';
import { tlpLabel } from '../audience/marking.js';
import { countryName } from '../data/countries.js';
import type { Dataset } from '../model/types.js';
import { addDays, daysBetween } from '../window/calendar.js';
import { isoInZone, zonedInstant } from '../window/window.js';
import { briefingFigures } from './figures.js';
import type { BriefingModel } from './model.js';
import { selectBriefing, type BriefingRequest } from './select.js';
import { SECTION_PARTS, windowView, type SectionParts } from './sections.js';
import { viewContext } from './views.js';

export type { BriefingRequest } from './select.js';
export { divisionCovers, findDivision } from './select.js';

export interface BriefingResult {
  model: BriefingModel;
  /** RED records that would have been in this document; never written, only counted. */
  heldBackRed: number;
}

export function buildBriefing(data: Dataset, req: BriefingRequest): BriefingResult {
  const sel = selectBriefing(data, req);
  const figures = briefingFigures(sel);
  const { event, division, windows } = sel;
  const tz = event.timezone;
  const views = viewContext(event);

  const parts: SectionParts = {};
  for (const id of sel.sections) Object.assign(parts, SECTION_PARTS[id]({ sel, figures, views }));

  const country = req.audience.kind === 'country' ? req.audience.country : undefined;
  const items: BriefingModel['items'] = [
    ...sel.incidents.map((r) => ({ id: r.id, kind: 'incident' as const })),
    ...sel.assessments.map((r) => ({ id: r.id, kind: 'assessment' as const })),
    ...sel.outlook.map((r) => ({ id: r.id, kind: 'agenda' as const })),
  ];
  const model: BriefingModel = {
    division: division.id,
    divisionTitle: { ...division.title },
    divisionTime: division.time,
    coverage: { records: [...division.records], categories: division.categories === 'all' || division.categories === 'intelligence' ? division.categories : [...division.categories] },
    sections: sel.sections,
    audience: audienceId(req.audience),
    ...(country && { audienceCountry: country, audienceCountryName: countryName(country) }),
    date: req.date,
    serial: daysBetween(event.opens, req.date) + 1,
    event: { id: event.id, name: { ...event.name }, centre: { ...event.centre }, timezone: tz, ...(event.host !== undefined && { host: event.host }) },
    window: windowView(windows.current, tz),
    previousWindow: windowView(windows.previous, tz),
    nextBriefing: {
      division: division.id,
      title: { ...division.title },
      at: isoInZone(zonedInstant(addDays(req.date, 1), division.time, tz), tz),
    },
    marking: tlpLabel(figures.marking.tlp),
    tlp: figures.marking.tlp,
    ...(event.protectionMention !== undefined && { protectionMention: event.protectionMention }),
    specialFrance: figures.marking.specialFrance,
    draft: req.draft,
    ...(event.areas.label && { areaLabel: { ...event.areas.label } }),
    ...(parts.threatScale && { threatScale: parts.threatScale }),
    ...(parts.threatLevel !== undefined && { threatLevel: parts.threatLevel }),
    keyMessages: sel.keyMessages.map((m) => ({ text: { ...m.text }, tlp: m.tlp, draft: m.status === 'draft' })),
    keyFigures: figures.keyFigures,
    figures: figures.figures,
    previous: figures.previous,
    cumulative: figures.cumulative,
    ...sectionParts(parts),
    items,
  };
  return { model, heldBackRed: sel.heldBackRed };
}

/** The order of the sections' parts in the model (and its JSON); a part not listed comes after them. */
const PART_ORDER: readonly (keyof BriefingModel)[] = [
  'forces', 'notable', 'byCategory', 'byArea', 'foreignNationals', 'intelligenceIncidents', 'assessments', 'outlook',
  'outlookWindow', 'trend', 'countryNotes',
];
/** Parts placed in the model's head. */
const HEAD_PARTS = new Set<string>(['threatScale', 'threatLevel']);

function sectionParts(parts: SectionParts): SectionParts {
  const out: Record<string, unknown> = {};
  const keys = [...PART_ORDER, ...Object.keys(parts).filter((k) => !PART_ORDER.includes(k as keyof BriefingModel))];
  for (const k of keys) {
    const v = (parts as Record<string, unknown>)[k];
    if (v !== undefined && !HEAD_PARTS.has(k)) out[k] = v;
  }
  return out as SectionParts;
}
