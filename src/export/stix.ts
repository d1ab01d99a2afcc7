// A briefing as a STIX 2.1 bundle (OASIS STIX 2.1, with the TLP 2.0 marking definitions of the
// OASIS extension extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d), for the platforms
// liaison officers feed at home (MISP, OpenCTI).
//
// Built from one document's model alone (aggregate/model.ts), so a bundle holds exactly what
// that document's audience may see, nothing more: the model is made only of records the
// audience may see (SPEC §3). A RED marking reaching this module is a bug and is refused.
//
// What is in a bundle:
//   report             the briefing: name, published (the window's end), description with the
//                      window, audience and marking; object_refs to everything below
//   identity           the centre, creator of every object
//   incident           each incident shown (notable facts, intelligence incidents, country notes)
//   location           each venue and each area (event.yaml's areas: départements...) those
//                      incidents are in, in event.yaml's host country (none without a host), and
//   relationship       located-at from each incident to its venue or area
//   note               each key message and each assessment shown, about the report
//   marking-definition the TLP 2.0 levels used, a statement for the protection mention and one
//                      for SPÉCIAL FRANCE when the document carries them
// Objects carry what STIX 2.1 has no property for (category, severity, Games impact, grading,
// arrests...) in cci's property extension (CCI_EXTENSION_ID, defined by
// cciExtensionDefinition and docs/stix-extension-definition.json).
//
// Ids are UUIDv5 (stix-ids.ts): incidents, locations, the identity and the extension from the
// event and their own id, the same in every bundle, so a platform updates them; the report and
// its notes from the document (division, date, audience, language, draft). Record objects are
// the same in every bundle whatever the document's language (same id and `modified`, same
// content): their texts in both languages are in the extension, `name` holds the English text
// (the French one where there is no English), and `lang` says which.

import { specialStamp } from '../i18n/event-words.js';
import type {
  AssessmentView,
  BriefingModel,
  FigureKey,
  Figures,
  IncidentView,
  KeyMessageView,
} from '../aggregate/model.js';
import { createHash } from 'node:crypto';
import { toAlpha2 } from '../data/countries.js';
import { interpolate } from '../i18n/catalogue.js';
import { message } from '../i18n/document-messages.js';
import type { DocLang, Lang } from '../i18n/lang.js';
import { formatDecimal, t } from '../i18n/messages.js';
import type { Bilingual, Tlp } from '../model/types.js';
import { addDays } from '../window/calendar.js';
import { stixId } from './stix-ids.js';

/** The document's language: `fr`, `en`, or `both` (English texts, French ones in the extension). */
export type StixLang = DocLang;

export interface StixOptions {
  lang: StixLang;
}

/** A STIX object as written (JSON). */
export type StixObject = { type: string; id: string } & Record<string, unknown>;

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** The OASIS TLP 2.0 marking definitions (cti-stix-common-objects, extension-definitions/tlp-2.0). */
export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
export const TLP2_MARKINGS: Readonly<Record<Exclude<Tlp, 'RED'> | 'RED', { id: string; value: string }>> = {
  CLEAR: { id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', value: 'clear' },
  GREEN: { id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', value: 'green' },
  AMBER: { id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', value: 'amber' },
  'AMBER+STRICT': { id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', value: 'amber+strict' },
  RED: { id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', value: 'red' },
};

/** The TLP 2.0 marking-definition object of a level (fixed by the OASIS extension). */
export function tlpMarking(tlp: Tlp): StixObject {
  const m = TLP2_MARKINGS[tlp];
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: m.id,
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp}`,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: m.value } },
  };
}

/** Version of cci's property extension; a new meaning of a property needs a new version (and id). */
export const CCI_EXTENSION_VERSION = '1.0';

/** The id of cci's property extension (the same for every event): see cciExtensionDefinition. */
export const CCI_EXTENSION_ID = stixId('extension-definition', 'cci-briefing', CCI_EXTENSION_VERSION);
const CCI_IDENTITY_ID = stixId('identity', 'cci');
const CCI_EXTENSION_CREATED = '2026-01-01T00:00:00.000Z';

/**
 * cci's extension-definition and the identity that defines it, as published in
 * docs/stix-extension-definition.json. Not put in bundles: the OASIS bundle schema has no place
 * for an extension-definition object (it matches both of its custom-object branches), and the
 * object never changes, so a platform that wants it imports that file once.
 */
export function cciExtensionDefinition(): StixObject[] {
  return [
    {
      type: 'identity',
      spec_version: '2.1',
      id: CCI_IDENTITY_ID,
      created: CCI_EXTENSION_CREATED,
      modified: CCI_EXTENSION_CREATED,
      name: 'cci',
      description:
        'The tool that writes the daily briefings of an international police cooperation centre at a major event.',
      identity_class: 'system',
    },
    {
      type: 'extension-definition',
      spec_version: '2.1',
      id: CCI_EXTENSION_ID,
      created: CCI_EXTENSION_CREATED,
      modified: CCI_EXTENSION_CREATED,
      created_by_ref: CCI_IDENTITY_ID,
      name: 'cci briefing properties',
      description:
        'Properties of the daily briefings of an international police cooperation centre that STIX 2.1 has no property for: incident category, severity, Games impact, arrests, police custody, foreign nationals, grading (source/information 4x4), area, reporting service; the division, window, audience and figures of a report; texts in French and English.',
      schema: 'The cci README, section "STIX 2.1 bundles", names each property of the extension and its meaning.',
      version: CCI_EXTENSION_VERSION,
      extension_types: ['property-extension'],
    },
  ];
}

const UNSET = undefined;

/** The STIX timestamp of an ISO 8601 instant: UTC, milliseconds. */
function ts(iso: string): string {
  return new Date(iso).toISOString();
}

/** The text of `b` in `lang`, and the language it is really in (the other one, marked, when missing). */
function pick(b: Bilingual, lang: Lang): { text: string; lang: Lang } | undefined {
  const own = b[lang];
  if (own !== undefined) return { text: own, lang };
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  return b[other] === undefined ? UNSET : { text: b[other]!, lang: other };
}

/** A document text in its language; `both`: French then English. A missing language says "translation pending". */
function docText(b: Bilingual, lang: StixLang): string {
  const one = (l: Lang) => b[l] ?? `[${message(l, 'common.translationPending')}]`;
  return lang === 'both' ? `${one('fr')}\n\n${one('en')}` : one(lang);
}

function alpha2(alpha3: string): string {
  return toAlpha2(alpha3) ?? alpha3;
}

function withoutEmpty(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

/**
 * The STIX 2.1 bundle of one briefing document. Pure: the same model and options always give
 * the same bundle, byte for byte once serialised. Throws on a RED marking (never exported).
 */
export function buildStixBundle(model: BriefingModel, opts: StixOptions): StixBundle {
  if (
    model.tlp === 'RED' ||
    [...shownIncidents(model), ...shownAssessments(model), ...model.keyMessages].some((r) => r.tlp === 'RED')
  ) {
    throw new Error('a RED record reached the STIX export');
  }
  const ev = model.event.id;
  const lang = opts.lang;
  const textLang: Lang = lang === 'fr' ? 'fr' : 'en';
  const host = model.event.host;
  const country = host === undefined ? UNSET : alpha2(host);
  const opened = `${addDays(model.date, -(model.serial - 1))}T00:00:00.000Z`;
  const published = ts(model.window.end);
  const identity = stixId('identity', ev, 'centre');
  const extension = CCI_EXTENSION_ID;
  const docKey = [ev, model.division, model.date, model.audience, lang, model.draft ? 'draft' : 'issued'];
  const report = stixId('report', ...docKey);
  const used = new Set<Tlp>([model.tlp]);
  const marks = (tlp: Tlp) => {
    used.add(tlp);
    return [TLP2_MARKINGS[tlp].id];
  };
  const objects: StixObject[] = [];
  const refs: string[] = [];
  const add = (o: StixObject) => {
    objects.push(o);
    refs.push(o.id);
  };
  const common = (created: string, modified: string) => ({
    spec_version: '2.1',
    created,
    modified,
    created_by_ref: identity,
  });

  // the centre and cci's extension
  // an event.yaml that names no centre (optional): the event's name
  const centre = pick(model.event.centre, 'en') ?? pick(model.event.name, 'en') ?? { text: ev, lang: 'en' as Lang };
  objects.push({
    type: 'identity',
    spec_version: '2.1',
    id: identity,
    created: opened,
    modified: opened,
    name: centre.text,
    ...(centre.lang !== 'en' && { lang: centre.lang }),
    ...withoutEmpty({ description: model.event.centre.fr !== centre.text ? model.event.centre.fr : UNSET }),
    identity_class: 'organization',
    sectors: ['government-national'],
  });
  // places: a STIX location needs a region, a country or coordinates, and event.yaml's host
  // is the only country cci knows for a venue or an area; with no host, no location is written
  // and the incident's venue and area stay in its extension.
  const locations = new Map<string, string>();
  const locationOf = (inc: IncidentView): string | undefined => {
    if (country === undefined) return UNSET;
    const key = inc.venue !== undefined ? `venue/${inc.venue}` : `area/${inc.area}`;
    let id = locations.get(key);
    if (id === undefined) {
      id =
        inc.venue !== undefined ? stixId('location', ev, 'venue', inc.venue) : stixId('location', ev, 'area', inc.area);
      locations.set(key, id);
      const areaName = inc.areaName ? pick(inc.areaName, 'en') : UNSET;
      objects.push({
        type: 'location',
        spec_version: '2.1',
        id,
        created: opened,
        modified: opened,
        created_by_ref: identity,
        name: inc.venue !== undefined ? (inc.venueName ?? inc.venue) : (areaName?.text ?? inc.area),
        ...(inc.venue === undefined && areaName !== undefined && areaName.lang !== 'en' && { lang: areaName.lang }),
        administrative_area: inc.area,
        country,
        extensions: {
          [extension]: withoutEmpty({
            extension_type: 'property-extension',
            venue: inc.venue,
            area: inc.area,
            area_name_fr: inc.areaName?.fr,
            area_name_en: inc.areaName?.en,
          }),
        },
      });
      refs.push(id);
    }
    return id;
  };

  // incidents
  for (const inc of shownIncidents(model)) {
    const id = stixId('incident', ev, inc.id);
    const name = pick(inc.summary, 'en') ?? { text: inc.id, lang: 'en' as Lang };
    add({
      type: 'incident',
      id,
      ...common(ts(inc.time), published),
      name: name.text,
      ...(name.lang !== 'en' && { lang: name.lang }),
      labels: [
        `category:${inc.category}`,
        `severity:${inc.severity}`,
        ...(inc.gamesImpact ? ['games-impact'] : []),
        ...(inc.grading ? [`grading:${inc.grading}`] : []),
        ...(inc.draft ? ['draft'] : []),
      ],
      object_marking_refs: marks(inc.tlp),
      extensions: {
        [extension]: withoutEmpty({
          extension_type: 'property-extension',
          record_id: inc.id,
          observed: ts(inc.time),
          observed_local: inc.time,
          category: inc.category,
          category_label_fr: inc.categoryLabel.fr,
          category_label_en: inc.categoryLabel.en,
          severity: inc.severity,
          games_impact: inc.gamesImpact,
          arrests: inc.arrests,
          custody: inc.custody,
          nationalities: inc.nationalities,
          venue: inc.venue,
          area: inc.area,
          area_name_fr: inc.areaName?.fr,
          area_name_en: inc.areaName?.en,
          commune: inc.commune,
          reporting_service: inc.source,
          grading: inc.grading,
          summary_fr: inc.summary.fr,
          summary_en: inc.summary.en,
          tlp: `TLP:${inc.tlp}`,
          draft: inc.draft ? true : UNSET,
        }),
      },
    });
    const where = locationOf(inc);
    if (where !== undefined) {
      add({
        type: 'relationship',
        id: stixId('relationship', ev, inc.id, 'located-at', where),
        ...common(ts(inc.time), published),
        relationship_type: 'located-at',
        source_ref: id,
        target_ref: where,
        object_marking_refs: marks(inc.tlp),
      });
    }
  }

  // key messages and assessments: notes about this document's report
  for (const km of model.keyMessages) add(keyMessageNote(km));
  for (const a of shownAssessments(model)) add(assessmentNote(a));

  function keyMessageNote(km: KeyMessageView): StixObject {
    const digest = createHash('sha256')
      .update(km.text.fr ?? '')
      .update('\0')
      .update(km.text.en ?? '')
      .digest('hex')
      .slice(0, 32);
    return {
      type: 'note',
      id: stixId('note', ...docKey, 'key-message', digest),
      ...common(published, published),
      abstract:
        lang === 'both'
          ? `${t('export.stix.keyMessage', {}, 'fr')} / ${t('export.stix.keyMessage', {}, 'en')}`
          : t('export.stix.keyMessage', {}, lang),
      content: docText(km.text, lang),
      ...(lang !== 'both' && { lang }),
      object_refs: [report],
      labels: ['key-message', ...(km.draft ? ['draft'] : [])],
      object_marking_refs: marks(km.tlp),
    };
  }

  function assessmentNote(a: AssessmentView): StixObject {
    const hasBody = a.body.fr !== undefined || a.body.en !== undefined;
    return {
      type: 'note',
      id: stixId('note', ...docKey, 'assessment', a.id),
      ...common(ts(a.time), published),
      abstract: docText(a.title, lang).replace(/\n\n/g, ' / '),
      content: docText(hasBody ? a.body : a.title, lang),
      ...(lang !== 'both' && { lang }),
      object_refs: [report],
      labels: [
        'assessment',
        `theme:${a.theme}`,
        `level:${a.level}`,
        ...(a.grading ? [`grading:${a.grading}`] : []),
        ...(a.draft ? ['draft'] : []),
      ],
      object_marking_refs: marks(a.tlp),
      extensions: {
        [extension]: withoutEmpty({
          extension_type: 'property-extension',
          record_id: a.id,
          theme: a.theme,
          level: a.level,
          reporting_service: a.source,
          grading: a.grading,
          title_fr: a.title.fr,
          title_en: a.title.en,
          body_fr: a.body.fr,
          body_en: a.body.en,
          tlp: `TLP:${a.tlp}`,
        }),
      },
    };
  }

  // the markings: TLP levels used, and the document's statements
  const statements: StixObject[] = [];
  const statement = (key: string, text: string): string => {
    const id = stixId('marking-definition', ev, 'statement', key, text);
    statements.push({
      type: 'marking-definition',
      spec_version: '2.1',
      id,
      created: opened,
      created_by_ref: identity,
      name: text,
      definition_type: 'statement',
      definition: { statement: text },
    });
    return id;
  };
  const reportMarks = [...marks(model.tlp)];
  if (model.protectionMention !== undefined) reportMarks.push(statement('protection', model.protectionMention));
  // the stamp in the document's language, both (once when the same) in a bilingual one
  if (model.specialFrance)
    reportMarks.push(
      statement(
        'special-france',
        [
          ...new Set((lang === 'both' ? (['fr', 'en'] as const) : [lang]).map((l) => specialStamp(model.words, l))),
        ].join(' / '),
      ),
    );
  if (model.draft) reportMarks.push(statement('draft', message('fr', 'marking.draftWatermark')));

  const title = (l: Lang) => interpolate(message(l, 'title.serial'), { n: String(model.serial) });
  const audienceKey = model.audienceCountry !== undefined ? 'country' : model.audience; // partners | national | country
  const audience = (l: Lang) =>
    interpolate(message(l, `audience.${audienceKey}`), {
      country: model.audienceCountryName?.[l] ?? model.audienceCountry ?? '',
    });
  // "… of the ICC, Paris 2024", or "…, Paris 2024" where event.yaml names no centre (optional)
  const describe = (l: Lang) =>
    t(
      model.event.centre[l] ? 'export.stix.reportDescription' : 'export.stix.reportDescriptionNoCentre',
      {
        title: model.divisionTitle[l] ?? model.division,
        centre: model.event.centre[l] ?? '',
        event: model.event.name[l] ?? model.event.id,
        start: model.window.start,
        end: model.window.end,
        hours: formatDecimal(model.window.hours, l),
        audience: audience(l),
        marking: model.marking,
      },
      l,
    );
  const nameIn = (l: Lang) =>
    t(
      'export.stix.reportName',
      { title: model.divisionTitle[l] ?? model.division, date: model.date, serial: title(l) },
      l,
    );
  const reportObject: StixObject = {
    type: 'report',
    id: report,
    ...common(published, published),
    name: lang === 'both' ? `${nameIn('en')}` : nameIn(lang),
    description: lang === 'both' ? describe('en') : describe(lang),
    lang: textLang,
    published,
    report_types: ['threat-report'],
    labels: [`division:${model.division}`, `audience:${model.audience}`, ...(model.draft ? ['draft'] : [])],
    object_refs: refs.length > 0 ? [identity, ...refs] : [identity],
    object_marking_refs: reportMarks,
    extensions: {
      [extension]: withoutEmpty({
        extension_type: 'property-extension',
        division: model.division,
        date: model.date,
        serial: model.serial,
        audience: model.audience,
        audience_country: model.audienceCountry,
        window_start: model.window.start,
        window_end: model.window.end,
        window_hours: model.window.hours,
        marking: model.marking,
        protection_mention: model.protectionMention,
        special_france: model.specialFrance ? true : UNSET,
        draft: model.draft ? true : UNSET,
        name_fr: lang === 'both' ? nameIn('fr') : UNSET,
        description_fr: lang === 'both' ? describe('fr') : UNSET,
        key_figures: [...model.keyFigures],
        figures: keyFiguresOf(model.figures, model.keyFigures),
        previous: keyFiguresOf(model.previous, model.keyFigures),
        cumulative: keyFiguresOf(model.cumulative, model.keyFigures),
      }),
    },
  };

  const markings = [...used].sort((a, b) => TLP_RANK[a] - TLP_RANK[b]).map(tlpMarking);
  return {
    type: 'bundle',
    id: stixId('bundle', ...docKey),
    objects: [reportObject, ...objects, ...markings, ...statements],
  };
}

/** The figures among `keys` (the document's key figures: none of a division without incidents or deployments). */
function keyFiguresOf(
  figures: Partial<Record<FigureKey, number | null>>,
  keys: readonly FigureKey[],
): Partial<Figures> | undefined {
  const out: Partial<Figures> = {};
  for (const k of keys) {
    const v = figures[k];
    if (v !== undefined && v !== null) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : UNSET;
}

const TLP_RANK: Record<Tlp, number> = { CLEAR: 0, GREEN: 1, AMBER: 2, 'AMBER+STRICT': 3, RED: 4 };

/**
 * Every incident the document shows (notable facts, intelligence incidents, country notes: the
 * sections its division has), once each, in time order.
 */
export function shownIncidents(model: BriefingModel): IncidentView[] {
  const byId = new Map<string, IncidentView>();
  for (const inc of [...(model.notable ?? []), ...(model.intelligenceIncidents ?? []), ...(model.countryNotes ?? [])])
    byId.set(inc.id, inc);
  return [...byId.values()].sort(
    (a, b) => Date.parse(a.time) - Date.parse(b.time) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Every assessment the document shows (none when its division has no assessments section), in its order. */
export function shownAssessments(model: BriefingModel): AssessmentView[] {
  return (model.assessments ?? []).flatMap((g) => g.assessments);
}
