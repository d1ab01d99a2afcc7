// Records to their views in the briefing model: plain, language-neutral, with instants written
// in the event's time zone.

import type {
  AgendaItem, Assessment, CategoryDef, EventConfig, Incident, Venue,
} from '../model/types.js';
import { isoInZone } from '../window/window.js';
import { departementName } from './departements.js';
import type { AgendaView, AssessmentView, IncidentView } from './model.js';

export interface ViewContext {
  timezone: string;
  venues: Map<string, Venue>;
  categories: Map<string, CategoryDef>;
}

export function viewContext(event: EventConfig): ViewContext {
  return {
    timezone: event.timezone,
    venues: new Map(event.venues.map((v) => [v.id, v])),
    categories: new Map(event.categories.map((c) => [c.id, c])),
  };
}

export function incidentView(r: Incident, ctx: ViewContext): IncidentView {
  const venue = r.venue ? ctx.venues.get(r.venue) : undefined;
  return {
    id: r.id,
    time: isoInZone(r.time, ctx.timezone),
    category: r.category,
    categoryLabel: ctx.categories.get(r.category)?.label ?? { fr: r.category, en: r.category },
    severity: r.severity,
    ...(r.venue !== undefined && { venue: r.venue }),
    ...(venue && { venueName: venue.name }),
    departement: r.departement,
    ...(departementName(r.departement) !== undefined && { departementName: departementName(r.departement) }),
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
  };
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
  const departement = r.departement ?? venue?.departement;
  return {
    id: r.id,
    start: isoInZone(r.start, ctx.timezone),
    ...(r.end && { end: isoInZone(r.end, ctx.timezone) }),
    kind: r.agendaKind,
    title: { ...r.title },
    ...(r.venue !== undefined && { venue: r.venue }),
    ...(venue && { venueName: venue.name }),
    ...(departement !== undefined && { departement }),
    ...(departement !== undefined && departementName(departement) !== undefined && { departementName: departementName(departement) }),
    risk: r.risk,
    tlp: r.tlp,
    draft: r.status === 'draft',
  };
}
