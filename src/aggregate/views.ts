// Records to their views in the briefing model: plain, language-neutral, with instants written
// in the event's time zone and places named from the event's venues and area list.

import type { AgendaItem, Assessment, Bilingual, CategoryDef, EventConfig, Incident, Venue } from '../model/types.js';
import { isoInZone } from '../window/window.js';
import type { AgendaView, AssessmentView, IncidentView } from './model.js';

export interface ViewContext {
  timezone: string;
  venues: Map<string, Venue>;
  categories: Map<string, CategoryDef>;
  /** Area code → name; empty when the event's codes are free text. */
  areaNames: ReadonlyMap<string, Bilingual>;
}

export function viewContext(event: EventConfig): ViewContext {
  return {
    timezone: event.timezone,
    venues: new Map(event.venues.map((v) => [v.id, v])),
    categories: new Map(event.categories.map((c) => [c.id, c])),
    areaNames: event.areas.codes ?? new Map(),
  };
}

/** A category's label; the id itself for a category the event does not name. */
export function categoryLabel(id: string, ctx: ViewContext): Bilingual {
  return ctx.categories.get(id)?.label ?? { fr: id, en: id };
}

function areaName(code: string, ctx: ViewContext): Bilingual | undefined {
  const n = ctx.areaNames.get(code);
  return n && { ...n };
}

export function incidentView(r: Incident, ctx: ViewContext): IncidentView {
  const venue = r.venue ? ctx.venues.get(r.venue) : undefined;
  const name = areaName(r.area, ctx);
  return {
    id: r.id,
    time: isoInZone(r.time, ctx.timezone),
    category: r.category,
    categoryLabel: categoryLabel(r.category, ctx),
    severity: r.severity,
    ...(r.venue !== undefined && { venue: r.venue }),
    ...(venue && { venueName: venue.name }),
    area: r.area,
    ...(name && { areaName: name }),
    ...((r.commune ?? venue?.commune) !== undefined && { commune: r.commune ?? venue?.commune }),
    summary: { ...r.summary },
    arrests: r.arrests,
    custody: r.custody,
    nationalities: [...r.nationalities],
    gamesImpact: r.gamesImpact,
    ...(r.reportingService !== undefined && { source: r.reportingService }),
    ...(r.grading !== undefined && { grading: r.grading }),
    tlp: r.tlp,
    draft: r.status === 'draft',
    ...localZone(venue, ctx),
  };
}

/** The venue's zone when it is not the event's (Teahupo'o at Paris 2024): its local time is shown too. */
function localZone(venue: Venue | undefined, ctx: ViewContext): { localTimezone?: string } {
  return venue?.timezone !== undefined && venue.timezone !== ctx.timezone ? { localTimezone: venue.timezone } : {};
}

export function assessmentView(r: Assessment, ctx: ViewContext): AssessmentView {
  return {
    id: r.id,
    time: isoInZone(r.time, ctx.timezone),
    theme: r.theme,
    level: r.level,
    title: { ...r.title },
    body: { ...r.body },
    ...(r.reportingService !== undefined && { source: r.reportingService }),
    ...(r.grading !== undefined && { grading: r.grading }),
    tlp: r.tlp,
    draft: r.status === 'draft',
  };
}

export function agendaView(r: AgendaItem, ctx: ViewContext): AgendaView {
  const venue = r.venue ? ctx.venues.get(r.venue) : undefined;
  const area = r.area ?? venue?.area;
  const name = area === undefined ? undefined : areaName(area, ctx);
  return {
    id: r.id,
    start: isoInZone(r.start, ctx.timezone),
    ...(r.end && { end: isoInZone(r.end, ctx.timezone) }),
    kind: r.agendaKind,
    title: { ...r.title },
    ...(r.venue !== undefined && { venue: r.venue }),
    ...(venue && { venueName: venue.name }),
    ...(area !== undefined && { area }),
    ...(name && { areaName: name }),
    risk: r.risk,
    tlp: r.tlp,
    draft: r.status === 'draft',
    ...localZone(venue, ctx),
  };
}
