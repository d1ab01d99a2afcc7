// One schema per record type, used for CSV and YAML alike (SPEC §1 "Records").

import type { AgendaItem, Assessment, Bilingual, Deployment, Incident, SourceRef } from '../model/types.js';
import { AGENDA_KINDS, FORCES, LEVELS, RISKS, SEVERITIES, THEMES } from '../model/types.js';
import type { RecordKind } from '../model/record-kinds.js';
import { AREA_FIELD, areaExample, readArea } from './areas.js';
import type { ReadContext } from './context.js';
import { MARKING_FIELDS } from './reader.js';
import type { RecordReader } from './reader.js';
import { boolean, count, countries, date, grading, hiddenNote, identifier, oneOf, text, textUpTo } from './values.js';
import type { FieldParser } from './values.js';
import { TEXT_LIMITS } from './limits.js';
import { t } from '../i18n/messages.js';

export { RECORD_KINDS, type RecordKind } from '../model/record-kinds.js';

export interface RecordSchema<T> {
  kind: RecordKind;
  /** Every field the type takes, markings included. */
  fields: ReadonlySet<string>;
  /** Fields that must be present. */
  required: readonly string[];
  /** Groups of fields of which at least one must be present. */
  anyOf: readonly (readonly string[])[];
  read(rd: RecordReader, ctx: ReadContext): T | undefined;
}

const severity = oneOf(SEVERITIES);
const force = oneOf(FORCES);
const theme = oneOf(THEMES);
const level = oneOf(LEVELS);
const agendaKind = oneOf(AGENDA_KINDS);
const risk = oneOf(RISKS);

function fieldSet(...names: string[]): ReadonlySet<string> {
  return new Set([...names, ...MARKING_FIELDS]);
}

function sourceOf(rd: RecordReader): SourceRef {
  const ref: SourceRef = { file: rd.record.file, line: rd.record.line };
  if (rd.record.sheet !== undefined) ref.sheet = rd.record.sheet;
  return ref;
}

interface BilingualNames {
  fr: string;
  en: string;
  either: string;
  /** Each language's text, at most TEXT_LIMITS[...] characters. */
  parse: FieldParser<string>;
}

/** The field names of a bilingual text, built once rather than for every record. */
function bilingualNames(base: string, max: number): BilingualNames {
  return { fr: `${base}_fr`, en: `${base}_en`, either: `${base}_fr|${base}_en`, parse: textUpTo(max) };
}

const SUMMARY = bilingualNames('summary', TEXT_LIMITS.summary);
const TITLE = bilingualNames('title', TEXT_LIMITS.title);
const BODY = bilingualNames('body', TEXT_LIMITS.body);

/** Reads `<base>_fr` / `<base>_en`; when `required`, at least one must be there. */
function bilingual(rd: RecordReader, names: BilingualNames, required: boolean): Bilingual {
  const fr = rd.get(names.fr, names.parse);
  const en = rd.get(names.en, names.parse);
  if (
    required &&
    fr === undefined &&
    en === undefined &&
    !rd.has(names.fr) &&
    !rd.has(names.en) &&
    !rd.quietMissing.has(names.either)
  ) {
    rd.problem(t('data.bothMissing', { fr: names.fr, en: names.en }));
  }
  const out: Bilingual = {};
  if (fr !== undefined) out.fr = fr;
  if (en !== undefined) out.en = en;
  return out;
}

/** venue and/or area: the venue's area wins; both given must agree. */
function place(rd: RecordReader, ctx: ReadContext, required: boolean): { venue?: string; area?: string; zone: string } {
  const venueId = rd.get('venue', ctx.venue);
  const venue = venueId === undefined ? undefined : ctx.venues.get(venueId);
  const { areas } = ctx.event;
  const area = readArea(rd, areas, ctx.area, false);
  const zone = venue?.timezone ?? ctx.event.timezone;
  if (venue) {
    if (area !== undefined && area !== venue.area) {
      const field = rd.has(areas.field) ? areas.field : AREA_FIELD;
      // of a RED record, neither its area nor its venue (nor the venue's area, which tells it)
      const hidden = rd.report.hidden;
      rd.problem(
        hidden === undefined
          ? t('data.areaMismatch', { field, value: rd.report.quote(area), venue: venue.id, venueArea: venue.area })
          : t('data.areaMismatchHidden', { field, hidden: hiddenNote(hidden) }),
        rd.field(field),
      );
    }
    return { venue: venue.id, area: venue.area, zone };
  }
  const written = rd.has('venue') || rd.has(areas.field) || rd.has(AREA_FIELD);
  if (required && !written && !rd.quietMissing.has(['venue', ...areaFields(areas.field)].join('|'))) {
    rd.problem(t('data.areaMissing', { field: areas.field, example: areaExample(areas) }));
  }
  return area !== undefined ? { area, zone } : { zone };
}

function incidentSchema(area: string): RecordSchema<Incident> {
  return {
    kind: 'incidents',
    fields: fieldSet(
      'id',
      'time',
      'category',
      'severity',
      'venue',
      ...areaFields(area),
      'commune',
      'summary_fr',
      'summary_en',
      'arrests',
      'custody',
      'nationalities',
      'games_impact',
      'source',
      'grading',
    ),
    required: ['id', 'time', 'category'],
    anyOf: [
      ['venue', ...areaFields(area)],
      ['summary_fr', 'summary_en'],
    ],
    read(rd, ctx) {
      const id = rd.req('id', identifier, 'INC-0001');
      const where = place(rd, ctx, true);
      const time = rd.req('time', ctx.instant(where.zone), '2024-08-05 14:10');
      const category = rd.req('category', ctx.category, 'public_order');
      const sev = rd.get('severity', severity) ?? 'medium';
      const commune = rd.get('commune', text);
      const summary = bilingual(rd, SUMMARY, true);
      const arrests = rd.get('arrests', count) ?? 0;
      const custody = rd.get('custody', count) ?? 0;
      const nationalities = rd.get('nationalities', countries) ?? [];
      const gamesImpact = rd.get('games_impact', boolean) ?? false;
      const reportingService = rd.get('source', text);
      const grade = rd.get('grading', grading);
      const markings = rd.markings(ctx.event.defaultTlp);
      if (rd.failed || id === undefined || time === undefined || category === undefined || where.area === undefined) {
        return undefined;
      }
      const inc: Incident = {
        kind: 'incident',
        id,
        time,
        category,
        severity: sev,
        area: where.area,
        summary,
        arrests,
        custody,
        nationalities,
        gamesImpact,
        tlp: markings.tlp,
        releasableTo: markings.releasableTo,
        exclude: markings.exclude,
        specialFrance: markings.specialFrance,
        status: markings.status, // not a spread: many rows stay cheap
        source: sourceOf(rd),
      };
      if (where.venue !== undefined) inc.venue = where.venue;
      if (commune !== undefined) inc.commune = commune;
      if (reportingService !== undefined) inc.reportingService = reportingService;
      if (grade !== undefined) inc.grading = grade;
      return inc;
    },
  };
}

function deploymentSchema(area: string): RecordSchema<Deployment> {
  return {
    kind: 'deployments',
    fields: fieldSet('date', 'force', ...areaFields(area), 'count'),
    required: ['date', 'force', 'count'],
    anyOf: [],
    read(rd, ctx) {
      const d = rd.req('date', date, '2024-08-05');
      const f = rd.req('force', force, 'police');
      const dep = readArea(rd, ctx.event.areas, ctx.area, false);
      const n = rd.req('count', count, '1 200');
      const markings = rd.markings(ctx.event.defaultTlp);
      if (rd.failed || d === undefined || f === undefined || n === undefined) return undefined;
      const out: Deployment = {
        kind: 'deployment',
        date: d,
        force: f,
        count: n,
        tlp: markings.tlp,
        releasableTo: markings.releasableTo,
        exclude: markings.exclude,
        specialFrance: markings.specialFrance,
        status: markings.status,
        source: sourceOf(rd),
      };
      if (dep !== undefined) out.area = dep;
      return out;
    },
  };
}

export const assessmentSchema: RecordSchema<Assessment> = {
  kind: 'assessments',
  fields: fieldSet('id', 'time', 'theme', 'level', 'title_fr', 'title_en', 'body_fr', 'body_en', 'source', 'grading'),
  required: ['id', 'time', 'theme', 'level'],
  anyOf: [['title_fr', 'title_en']],
  read(rd, ctx) {
    const id = rd.req('id', identifier, 'ASM-0001');
    const time = rd.req('time', ctx.instant(ctx.event.timezone), '2024-08-05 08:00');
    const th = rd.req('theme', theme, 'terrorism');
    const lv = rd.req('level', level, 'high');
    const title = bilingual(rd, TITLE, true);
    const body = bilingual(rd, BODY, false);
    const reportingService = rd.get('source', text);
    const grade = rd.get('grading', grading);
    const markings = rd.markings(ctx.event.defaultTlp);
    if (rd.failed || id === undefined || time === undefined || th === undefined || lv === undefined) return undefined;
    const out: Assessment = {
      kind: 'assessment',
      id,
      time,
      theme: th,
      level: lv,
      title,
      body,
      tlp: markings.tlp,
      releasableTo: markings.releasableTo,
      exclude: markings.exclude,
      specialFrance: markings.specialFrance,
      status: markings.status, // not a spread: many rows stay cheap
      source: sourceOf(rd),
    };
    if (reportingService !== undefined) out.reportingService = reportingService;
    if (grade !== undefined) out.grading = grade;
    return out;
  },
};

function agendaSchema(area: string): RecordSchema<AgendaItem> {
  return {
    kind: 'agenda',
    fields: fieldSet('id', 'start', 'end', 'kind', 'title_fr', 'title_en', 'venue', ...areaFields(area), 'risk'),
    required: ['id', 'start', 'kind'],
    anyOf: [
      ['venue', ...areaFields(area)],
      ['title_fr', 'title_en'],
    ],
    read(rd, ctx) {
      const id = rd.req('id', identifier, 'AGD-0001');
      const where = place(rd, ctx, true);
      const at = ctx.instant(where.zone);
      const start = rd.req('start', at, '2024-08-06 19:30');
      const end = rd.get('end', at);
      const k = rd.req('kind', agendaKind, 'competition');
      const title = bilingual(rd, TITLE, true);
      const r = rd.get('risk', risk) ?? 'medium';
      if (start !== undefined && end !== undefined && end.getTime() < start.getTime()) {
        rd.problem(t('data.endBeforeStart'), rd.field('end'));
      }
      const markings = rd.markings(ctx.event.defaultTlp);
      if (rd.failed || id === undefined || start === undefined || k === undefined) return undefined;
      const out: AgendaItem = {
        kind: 'agenda',
        id,
        start,
        agendaKind: k,
        title,
        risk: r,
        tlp: markings.tlp,
        releasableTo: markings.releasableTo,
        exclude: markings.exclude,
        specialFrance: markings.specialFrance,
        status: markings.status, // not a spread: many rows stay cheap
        source: sourceOf(rd),
      };
      if (end !== undefined) out.end = end;
      if (where.venue !== undefined) out.venue = where.venue;
      if (where.area !== undefined) out.area = where.area;
      return out;
    },
  };
}

/** The field names of an area: the event's own (e.g. departement) and `area`. */
function areaFields(area: string): string[] {
  return area === AREA_FIELD ? [AREA_FIELD] : [area, AREA_FIELD];
}

export interface Schemas {
  incidents: RecordSchema<Incident>;
  deployments: RecordSchema<Deployment>;
  assessments: RecordSchema<Assessment>;
  agenda: RecordSchema<AgendaItem>;
}

const schemaCache = new Map<string, Schemas>();

/** The record schemas of an event whose area field is `area` (one set per field name, shared). */
export function schemasFor(area: string): Schemas {
  let s = schemaCache.get(area);
  if (!s) {
    s = {
      incidents: incidentSchema(area),
      deployments: deploymentSchema(area),
      assessments: assessmentSchema,
      agenda: agendaSchema(area),
    };
    schemaCache.set(area, s);
  }
  return s;
}
