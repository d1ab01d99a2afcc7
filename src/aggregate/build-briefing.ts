// Data in, briefing model out: selection (select.ts: windows, coverage, visibility, RED held
// back), figures (figures.ts: key figures, trend, marking), then the parts of the sections the
// division shows (sections.ts) in one model. Pure: no file, clock or network. Every figure is
// computed from visible records only.

import { audienceId } from '../audience/audience.js';
import { tlpLabel } from '../audience/marking.js';
import { countryName } from '../data/countries.js';
import { nameInBoth } from '../model/bilingual.js';
import type { Dataset } from '../model/types.js';
import { isLastBriefing } from '../window/briefing-days.js';
import { addDays, daysBetween } from '../window/calendar.js';
import { isoInZone, zonedInstant } from '../window/window.js';
import { withCorrigendum } from './corrigendum.js';
import { briefingFigures, keyFiguresOf } from './figures.js';
import type { RegisterInput } from './issued.js';
import { lateReports, type LateResult } from './late-reports.js';
import type { BriefingModel } from './model.js';
import { factsOf, type RecordFacts } from './record-facts.js';
import { selectBriefing, type BriefingRequest } from './select.js';
import { SECTION_PARTS, windowView, type SectionParts } from './sections.js';
import { viewContext } from './views.js';

export type { BriefingRequest } from './select.js';
export { divisionCovers, findDivision } from './select.js';

export interface BriefingResult {
  model: BriefingModel;
  /** RED records that would have been in this document; never written, only counted. */
  heldBackRed: number;
  /** What the document shows in its own sections (incidents, assessments, outlook), as the register keeps it (with `facts` or `amend` only). */
  shown: RecordFacts[];
  /** What its late-report section shows. */
  late: RecordFacts[];
  /** A corrigendum: the model without its corrigendum block (what its content is). */
  base?: BriefingModel;
}

/**
 * The briefing model of one division, date and audience. `register` carries what was issued
 * before (late reports; nothing could be compared without it) and, to make a corrigendum, the
 * version it replaces. Throws TypeError for a request the data cannot answer (a programming error).
 */
export function buildBriefing(data: Dataset, req: BriefingRequest, register: RegisterInput = {}): BriefingResult {
  const sel = selectBriefing(data, req);
  const { event, division, windows } = sel;
  const tz = event.timezone;
  const views = viewContext(event);
  const late: LateResult | undefined = sel.sections.includes('late_reports')
    ? lateReports(sel, data, keyFiguresOf(division), register.issued, views)
    : undefined;
  const figures = briefingFigures(sel, {
    markings: late?.markings ?? [],
    ...(late?.countedFrom && { countedFrom: late.countedFrom }),
  });

  const parts: SectionParts = {};
  for (const id of sel.sections) Object.assign(parts, SECTION_PARTS[id]({ sel, figures, views, late }));

  const country = req.audience.kind === 'country' ? req.audience.country : undefined;
  const items: BriefingModel['items'] = [
    ...sel.incidents.map((r) => ({ id: r.id, kind: 'incident' as const })),
    ...sel.assessments.map((r) => ({ id: r.id, kind: 'assessment' as const })),
    ...sel.outlook.map((r) => ({ id: r.id, kind: 'agenda' as const })),
    ...(late?.late ?? []).map((f) => ({ id: f.id, kind: f.kind, late: true as const })),
  ];
  const model: BriefingModel = {
    division: division.id,
    divisionTitle: nameInBoth(division.title),
    divisionTime: division.time,
    briefingTime: isoInZone(windows.current.end, tz).slice(11, 16),
    coverage: {
      records: [...division.records],
      categories:
        division.categories === 'all' || division.categories === 'intelligence'
          ? division.categories
          : [...division.categories],
    },
    sections: sel.sections,
    audience: audienceId(req.audience),
    ...(country && { audienceCountry: country, audienceCountryName: countryName(country) }),
    date: req.date,
    serial: daysBetween(event.opens, req.date) + 1,
    event: {
      id: event.id,
      name: nameInBoth(event.name),
      centre: nameInBoth(event.centre),
      timezone: tz,
      ...(event.host !== undefined && { host: event.host }),
    },
    window: windowView(windows.current, tz),
    previousWindow: windowView(windows.previous, tz),
    ...(!isLastBriefing(event, req.date) && {
      nextBriefing: {
        division: division.id,
        title: nameInBoth(division.title),
        at: isoInZone(zonedInstant(addDays(req.date, 1), division.time, tz), tz),
      },
    }),
    marking: tlpLabel(figures.marking.tlp),
    tlp: figures.marking.tlp,
    ...(event.protectionMention !== undefined && { protectionMention: event.protectionMention }),
    specialFrance: figures.marking.specialFrance,
    draft: req.draft,
    ...(event.areas.label && { areaLabel: { ...event.areas.label } }),
    ...(event.words && { words: Object.fromEntries(Object.entries(event.words).map(([k, v]) => [k, { ...v }])) }),
    ...(event.areas.heading && { areaHeading: { ...event.areas.heading } }),
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
  const shownRecords = [...sel.incidents, ...sel.assessments, ...sel.outlook];
  const lateFacts = late?.late ?? [];
  // RED is never in a model, hence never in a register either, not even as an id.
  for (const f of [...shownRecords, ...lateFacts])
    if (f.tlp === 'RED') throw new TypeError(`a TLP:RED record (${f.id}) reached a briefing`);
  const shown = register.facts || register.amend ? shownRecords.map(factsOf) : [];
  const result: BriefingResult = { model, heldBackRed: sel.heldBackRed, shown, late: lateFacts };
  if (register.amend) {
    const records = new Map<string, (typeof shownRecords)[number]>();
    for (const r of shownRecords) records.set(r.id, r);
    for (const r of lateRecordsOf(data, lateFacts)) records.set(r.id, r);
    result.base = model;
    result.model = withCorrigendum(
      { model, shown, late: lateFacts, records },
      register.amend.previous,
      register.amend.number,
      views,
    );
  }
  return result;
}

/** The records behind late facts (incidents and assessments), by id. */
function lateRecordsOf(data: Dataset, late: readonly RecordFacts[]) {
  const ids = new Set(late.map((f) => f.id));
  return [...data.incidents.filter((r) => ids.has(r.id)), ...data.assessments.filter((r) => ids.has(r.id))];
}

/** The order of the sections' parts in the model (and its JSON); a part not listed comes after them. */
const PART_ORDER: readonly (keyof BriefingModel)[] = [
  'forces',
  'notable',
  'byCategory',
  'byArea',
  'foreignNationals',
  'intelligenceIncidents',
  'assessments',
  'outlook',
  'outlookWindow',
  'trend',
  'countryNotes',
  'lateReports',
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
