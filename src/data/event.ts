// event.yaml: the event, its time zone, dates and host, its divisions (record kinds, incident
// categories and sections of each), area level, threat scale, venues, partners, categories,
// defaults and distribution lists (SPEC §1, §5, §7). Every problem is reported at its line and
// column, all of them in one run, in reading order.

import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../errors.js';
import type { Problem } from '../errors.js';
import { formatDecimal, t as msg } from '../i18n/messages.js';
import { RECORD_KINDS, type RecordKind } from '../model/record-kinds.js';
import type { AreaGeometrySpec } from '../model/area-geometry.js';
import { defaultSections, isSectionId, SECTION_IDS, sectionUnavailable, type SectionId } from '../model/sections.js';
import type {
  AreaScheme,
  Bilingual,
  CategoryDef,
  CategoryScope,
  Distribution,
  Division,
  EventConfig,
  ThreatScale,
  Tlp,
  Venue,
} from '../model/types.js';
import {
  AREA_FIELD,
  areaCodeParser,
  AREA_LISTS,
  parseAreaListText,
  readArea,
  readAreaRecords,
  shippedAreaList,
} from './areas.js';
import { BUILTIN_GEOMETRIES } from './builtin-geometry.js';
import { builtinCategories } from './categories.js';
import { toAlpha3 } from './countries.js';
import { decodeData } from './decode.js';
import { quote } from './excerpt.js';
import type { Pos, RawField, RawItem } from './raw.js';
import { RecordReader, unknownFieldMessage } from './reader.js';
import { schemasFor } from './records.js';
import { hasMapGeometry } from './map-context.js';
import { dataRoot, isInside, readDataFile, readDataFileSync } from './read-data-file.js';
import { didYouMean } from './suggest.js';
import { isValidTimeZone } from './time.js';
import { addDays } from '../window/calendar.js';
import { briefingWindow, isoInZone, zonedTime } from '../window/window.js';
import { forceKey, LABEL_KEYS } from '../i18n/event-words.js';
import { nameInBoth } from '../model/bilingual.js';
import { FORCES } from '../model/types.js';
import { TEXT_LIMITS } from './limits.js';
import {
  boolean,
  clock,
  countryCodes,
  date,
  identifier,
  isEmail,
  listItems,
  oneOf,
  Reporter,
  text,
  textUpTo,
  tlp,
} from './values.js';
import type { FieldParser } from './values.js';
import { describeNode, mapToRecord, parseYaml, toRawValue } from './yaml.js';
import type { YNode } from './yaml.js';
import { errorText } from '../text/one-line.js';
import { isDisplaySafe } from '../text/control-chars.js';

export const EVENT_FILE = 'event.yaml';

type YMap = YNode & { kind: 'map' };

const TOP_KEYS = [
  'event',
  'defaults',
  'divisions',
  'venues',
  'partners',
  'categories',
  'areas',
  'threat_scale',
  'labels',
  'forces',
  'distribution',
];
const EVENT_KEYS = new Set([
  'id',
  'name_fr',
  'name_en',
  'centre_fr',
  'centre_en',
  'timezone',
  'opens',
  'closes',
  'protection_mention',
  'date_order',
  'host',
]);
const DEFAULTS_KEYS = new Set(['tlp']);
const DIVISION_KEYS = new Set(['time', 'title_fr', 'title_en', 'records', 'categories', 'sections']);
const CATEGORY_KEYS = new Set(['id', 'label_fr', 'label_en', 'intelligence']);
const AREA_KEYS = new Set(['field', 'label_fr', 'label_en', 'heading_fr', 'heading_en', 'codes', 'geometry']);
const GEOMETRY_KEYS = new Set(['file', 'code_property', 'object', 'attribution_fr', 'attribution_en']);
const THREAT_KEYS = new Set(['name_fr', 'name_en', 'levels']);
const LEVEL_KEYS = new Set(['id', 'label_fr', 'label_en']);
const LABELS_KEYS = new Set(Object.keys(LABEL_KEYS).flatMap((k) => [`${k}_fr`, `${k}_en`]));
const FORCE_KEYS = new Set(['id', 'label_fr', 'label_en']);
const NAME_RE = /^[a-z0-9][a-z0-9_-]*$/;
const FIELD_RE = /^[a-z][a-z0-9_]*$/;
/** A venue's own fields in event.yaml, besides the area fields (which come after `commune`). */
const VENUE_FIELDS = ['id', 'name', 'commune', 'timezone', 'lon', 'lat'];
/**
 * Field names of the record files and venues that an event's area field may not take: every
 * record schema's fields (src/data/records.ts), the area's own name `area` left out.
 */
const RECORD_FIELDS = new Set(
  [...Object.values(schemasFor(AREA_FIELD)).flatMap((schema) => [...schema.fields]), ...VENUE_FIELDS].filter(
    (name) => name !== AREA_FIELD,
  ),
);

const zone: FieldParser<string> = (f, r) => {
  const v = text(f, r);
  if (v === undefined) return undefined;
  if (!isValidTimeZone(v)) {
    r.at(f, msg('data.event.badZone', { name: f.name, value: quote(v) }));
    return undefined;
  }
  // the runtime finds europe/paris too, but the system's zone files are named with capitals
  const named = new Intl.DateTimeFormat('en', { timeZone: v }).resolvedOptions().timeZone;
  if (named !== v && named.toLowerCase() === v.toLowerCase()) {
    r.at(f, msg('data.event.zoneCase', { name: f.name, value: quote(v), zone: named }));
    return undefined;
  }
  return v;
};

/** A longitude or latitude in decimal degrees (WGS 84), within ±limit. */
function degrees(limit: number, example: string): FieldParser<number> {
  return (f, r) => {
    const v = text(f, r);
    if (v === undefined) return undefined;
    const n = /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
    if (Number.isFinite(n) && Math.abs(n) <= limit) return n;
    r.at(f, msg('data.event.badDegrees', { name: f.name, value: quote(v), limit: String(limit), example }));
    return undefined;
  };
}

const slug: FieldParser<string> = (f, r) => {
  const v = identifier(f, r);
  if (v === undefined) return undefined;
  if (NAME_RE.test(v)) return v;
  r.at(f, msg('data.event.badId', { name: f.name, value: quote(v) }));
  return undefined;
};

const country: FieldParser<string> = (f, r) => {
  const v = text(f, r);
  if (v === undefined) return undefined;
  const a3 = toAlpha3(v);
  if (a3 === undefined) r.at(f, msg('data.badCountry', { name: f.name, value: quote(v) }));
  return a3;
};

function bi(fr: string | undefined, en: string | undefined): Bilingual {
  const b: Bilingual = {};
  if (fr !== undefined) b.fr = fr;
  if (en !== undefined) b.en = en;
  return b;
}

/** A YAML node as a raw field, for the field parsers. */
function asField(name: string, n: YNode, key: Pos): RawField | undefined {
  const value = toRawValue(n);
  return value === undefined ? undefined : { ...value, name, line: n.line, column: n.column, key };
}

function isNull(n: YNode | undefined): boolean {
  return n === undefined || (n.kind === 'scalar' && n.value === null);
}

/** Reads a file of the data folder named in event.yaml (the area list): its bytes, or why not. */
/** `error`: the system's error code; `problem`: why cci refuses to read it (a link out of the folder, a FIFO, too large), said after its name. */
export type EventFileReader = (relativePath: string) => Uint8Array | { error: string } | { problem: string };

export interface EventRead {
  /** Best effort even when there are problems; undefined when the file could not be read at all. */
  event?: EventConfig;
  problems: Problem[];
  /** Valid, but worth saying: a division's time that the clocks skip or show twice on a day of the event. */
  warnings?: Problem[];
  /**
   * Set when event.yaml's bytes and cci's code alone make the event (no area list or geometry
   * file of the data folder was read): those bytes, which a cache may key the event by.
   */
  selfContained?: Uint8Array;
}

export interface ParseEventOptions {
  /** How files named in event.yaml (an area list) are read; none can be when absent. */
  readFile?: EventFileReader;
}

/** Parses the text of event.yaml. `file` is the name used in messages. */
export function parseEventText(source: string, file = EVENT_FILE, opts: ParseEventOptions = {}): EventRead {
  const problems: Problem[] = [];
  const rep = new Reporter(file, problems);
  const { root, problems: syntax } = parseYaml(source, file);
  if (syntax.length > 0) return { problems: syntax };
  if (!root || root.kind !== 'map') {
    rep.at(
      root,
      msg('data.event.notMapping', {
        keys: TOP_KEYS.join(', '),
        found: root ? describeNode(root) : msg('data.event.nothing'),
      }),
    );
    return { problems };
  }
  const top = root;
  for (const [k, e] of top.entries) {
    if (!TOP_KEYS.includes(k)) rep.at(e.key, unknownFieldMessage(k, TOP_KEYS));
  }
  const section = (name: string, required: boolean): YMap | undefined => {
    const e = top.entries.get(name);
    if (!e || isNull(e.value)) {
      if (required) rep.at({ line: 1, column: 1 }, msg('data.event.sectionMissing', { section: name }));
      return undefined;
    }
    if (e.value.kind !== 'map') {
      rep.at(e.value, msg('data.event.sectionNotMapping', { section: name, found: describeNode(e.value) }));
      return undefined;
    }
    return e.value;
  };

  // --- event: ---
  let id = 'event';
  let name: Bilingual = {};
  let centre: Bilingual = {};
  let timezone = 'UTC';
  let opens = '1970-01-01';
  let closes = '1970-01-01';
  let protectionMention: string | undefined;
  let dateOrder: 'day_first' | 'month_first' | undefined;
  let host: { code: string; at: Pos } | undefined;
  const ev = section('event', true);
  if (ev) {
    const rd = new RecordReader(mapToRecord(ev, file), EVENT_KEYS, rep);
    id = rd.req('id', identifier, 'paris-2024') ?? id;
    name = bi(rd.get('name_fr', text), rd.get('name_en', text));
    if (!rd.has('name_fr') && !rd.has('name_en')) rd.problem(msg('data.event.nameMissing'));
    centre = bi(rd.get('centre_fr', text), rd.get('centre_en', text));
    timezone = rd.req('timezone', zone, 'Europe/Paris') ?? timezone;
    const o = rd.req('opens', date, '2024-07-22');
    const c = rd.req('closes', date, '2024-09-08');
    if (o !== undefined) opens = o;
    if (c !== undefined) closes = c;
    if (o !== undefined && c !== undefined && c < o) {
      rd.problem(msg('data.event.closesBeforeOpens', { closes: c, opens: o }), rd.field('closes'));
    }
    if (o !== undefined && c === undefined) closes = o;
    if (c !== undefined && o === undefined) opens = c;
    protectionMention = rd.get('protection_mention', textUpTo(TEXT_LIMITS.protectionMention));
    dateOrder = rd.get('date_order', oneOf(['day_first', 'month_first'] as const));
    const h = rd.get('host', country);
    if (h !== undefined) host = { code: h, at: rd.field('host')! };
  }

  // --- defaults: ---
  let defaultTlp: Tlp = 'AMBER';
  const defs = section('defaults', false);
  if (defs) {
    const rd = new RecordReader(mapToRecord(defs, file), DEFAULTS_KEYS, rep);
    defaultTlp = rd.get('tlp', tlp) ?? defaultTlp;
  }

  // --- categories: (before divisions, which name them) ---
  const categories = readCategories(top.entries.get('categories')?.value, file, rep);

  // --- areas: ---
  const areas = readAreas(section('areas', false), file, rep, opts.readFile);

  // --- threat_scale: ---
  const threatScale = readThreatScale(section('threat_scale', false), file, rep);

  // --- labels: and forces: (the event's own words) ---
  const words: Record<string, Bilingual> = {
    ...readLabels(section('labels', false), file, rep),
    ...readForces(top.entries.get('forces')?.value, file, rep),
  };

  // --- divisions: ---
  const divisions: Division[] = [];
  const divs = section('divisions', true);
  /** Where each division's time is written, for the warnings about days the clocks change. */
  const timeAt = new Map<string, { line: number; column: number }>();
  if (divs) {
    for (const [did, e] of divs.entries) {
      if (!NAME_RE.test(did)) {
        rep.at(e.key, msg('data.event.badDivisionId', { id: quote(did) }));
        continue;
      }
      if (e.value.kind !== 'map') {
        rep.at(e.value, msg('data.event.divisionNotMapping', { division: did, found: describeNode(e.value) }));
        continue;
      }
      divisions.push(
        readDivision(did, e.value, file, rep, categories, {
          threatScale: threatScale !== undefined,
          geometry: hasMapGeometry(areas),
        }),
      );
      const at = e.value.entries.get('time')?.value;
      if (at) timeAt.set(did, at);
    }
    if (divs.entries.size === 0) rep.at(divs, msg('data.event.noDivision'));
  }

  // --- venues: ---
  const venues = readVenues(top.entries.get('venues')?.value, file, rep, areas);

  // --- partners: ---
  let partners: string[] = [];
  const pe = top.entries.get('partners');
  if (pe) {
    const f = asField('partners', pe.value, pe.key);
    // the known codes are kept even when one is bad: that one is the only problem
    if (f) partners = countryCodes(f, rep)?.codes ?? partners;
    if (f && host && partners.includes(host.code)) {
      const item = f.kind === 'list' ? f.items.find((it) => toAlpha3(it.text) === host!.code) : undefined;
      rep.at(item ?? f, msg('data.event.hostIsPartner', { host: host.code }));
      partners = partners.filter((p) => p !== host!.code);
    }
  }

  // --- distribution: ---
  let distribution: Distribution | undefined;
  const dist = section('distribution', false);
  if (dist) distribution = readDistribution(dist, divisions, partners, rep);

  const event: EventConfig = {
    id,
    name,
    centre,
    timezone,
    opens,
    closes,
    defaultTlp,
    areas,
    divisions,
    venues,
    partners,
    categories,
  };
  if (protectionMention !== undefined) event.protectionMention = protectionMention;
  if (dateOrder === 'month_first') event.dateOrder = dateOrder;
  if (host !== undefined) event.host = host.code;
  if (threatScale !== undefined) event.threatScale = threatScale;
  if (distribution !== undefined) event.distribution = distribution;
  if (Object.keys(words).length > 0) event.words = words;
  // event.yaml's in reading order, whatever section found them, then those of the files it names
  const rank = (p: Problem) => (p.file === file ? 0 : 1);
  problems.sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const warnings = problems.length === 0 ? clockChangeWarnings(event, file, timeAt) : [];
  return { event, problems, ...(warnings.length > 0 && { warnings }) };
}

/**
 * A warning for each day of the event (opens to the day after closes, whose briefing covers the
 * last day) on which a division's time is one the clocks skip or show twice: valid, and resolved
 * as zonedInstant says (the first of two; after the change for a time skipped), but a briefing
 * time the duty desk should know moves or that its window is 23 or 25 hours.
 */
function clockChangeWarnings(
  event: EventConfig,
  file: string,
  timeAt: ReadonlyMap<string, { line: number; column: number }>,
): Problem[] {
  const out: Problem[] = [];
  const tz = event.timezone;
  const last = addDays(event.closes, 1);
  for (const d of event.divisions) {
    for (let date = event.opens; date <= last; date = addDays(date, 1)) {
      const { kind, ms } = zonedTime(date, d.time, tz);
      if (kind === 'ok') continue;
      const at = timeAt.get(d.id);
      const next = briefingWindow(addDays(date, 1), d.time, tz);
      const shown = isoInZone(new Date(ms), tz);
      out.push({
        file,
        ...(at && { line: at.line, column: at.column }),
        severity: 'warning',
        message:
          kind === 'gap'
            ? msg('data.event.divisionTimeSkipped', {
                division: d.id,
                time: d.time,
                date,
                zone: tz,
                actual: shown.slice(11, 16),
                hours: formatDecimal(next.hours),
              })
            : msg('data.event.divisionTimeTwice', {
                division: d.id,
                time: d.time,
                date,
                zone: tz,
                offset: shown.slice(19),
                hours: formatDecimal(next.hours),
              }),
      });
    }
  }
  return out;
}

function readCategories(ce: YNode | undefined, file: string, rep: Reporter): CategoryDef[] {
  const categories = builtinCategories();
  if (isNull(ce)) return categories;
  if (ce!.kind !== 'seq') {
    rep.at(ce, msg('data.event.categoriesNotList', { found: describeNode(ce!) }));
    return categories;
  }
  const builtin = new Set(categories.map((c) => c.id));
  const added = new Set<string>();
  for (const item of ce!.items) {
    if (item.kind !== 'map') {
      rep.at(item, msg('data.event.categoryNotMapping', { found: describeNode(item) }));
      continue;
    }
    const rd = new RecordReader(mapToRecord(item, file), CATEGORY_KEYS, rep);
    const cid = rd.req('id', slug, 'doping');
    const fr = rd.get('label_fr', text);
    const en = rd.get('label_en', text);
    const intel = rd.get('intelligence', boolean);
    if (cid === undefined) continue;
    if (added.has(cid)) {
      rd.problem(msg('data.event.categoryTwice', { id: quote(cid) }), rd.field('id'));
      continue;
    }
    added.add(cid);
    if (builtin.has(cid)) {
      // relabel or re-flag a built-in category
      const c = categories.find((x) => x.id === cid)!;
      if (fr !== undefined) c.label.fr = fr;
      if (en !== undefined) c.label.en = en;
      if (intel !== undefined) c.intelligence = intel;
    } else {
      if (fr === undefined && en === undefined) rd.problem(msg('data.event.categoryLabelMissing', { category: cid }));
      // a name given in one language is used in both, as any name of event.yaml
      categories.push({ id: cid, label: nameInBoth(bi(fr, en)), intelligence: intel ?? false });
    }
  }
  return categories;
}

/** `areas:`; without it, codes in `area` are free text with the catalogue's generic label. */
function readAreas(
  node: YMap | undefined,
  file: string,
  rep: Reporter,
  readFile: EventFileReader | undefined,
): AreaScheme {
  if (!node) return { field: AREA_FIELD };
  const rd = new RecordReader(mapToRecord(node, file), AREA_KEYS, rep);
  let field = AREA_FIELD;
  const f = rd.get('field', identifier);
  if (f !== undefined) {
    const lower = f.toLowerCase();
    if (!FIELD_RE.test(lower)) rd.problem(msg('data.event.badAreaField', { value: quote(f) }), rd.field('field'));
    else if (RECORD_FIELDS.has(lower))
      rd.problem(msg('data.event.areaFieldTaken', { value: quote(f) }), rd.field('field'));
    else field = lower;
  }
  const scheme: AreaScheme = { field };
  const label = bi(rd.get('label_fr', text), rd.get('label_en', text));
  const heading = bi(rd.get('heading_fr', text), rd.get('heading_en', text));
  const codesEntry = node.entries.get('codes');
  if (codesEntry && !isNull(codesEntry.value)) {
    const list = readAreaCodes(codesEntry.value, codesEntry.key, file, rep, readFile);
    if (list) {
      scheme.codes = list.codes;
      scheme.source = list.source;
      if (list.digest !== undefined) scheme.listDigest = list.digest;
      if (label.fr === undefined && label.en === undefined && list.label) {
        Object.assign(label, list.label);
        if (heading.fr === undefined && heading.en === undefined && list.heading) Object.assign(heading, list.heading);
      }
    }
  }
  if (label.fr !== undefined || label.en !== undefined) scheme.label = label;
  if (heading.fr !== undefined || heading.en !== undefined) scheme.heading = heading;
  const geometryEntry = node.entries.get('geometry');
  if (geometryEntry && !isNull(geometryEntry.value)) {
    const geometry = readGeometrySpec(geometryEntry.value, file, rep);
    if (geometry) scheme.geometry = geometry;
  }
  return scheme;
}

/**
 * `geometry: { file, code_property[, object, attribution_fr, attribution_en] }`: where the
 * event's own map geometry is, and its source and licence for the documents' notes. The
 * file itself is read by readEvent (readAreaGeometry), once the list of codes is known.
 */
function readGeometrySpec(n: YNode, file: string, rep: Reporter): AreaGeometrySpec | undefined {
  if (n.kind !== 'map') {
    rep.at(n, msg('data.event.geometryNotMapping', { found: describeNode(n) }));
    return undefined;
  }
  const rd = new RecordReader(mapToRecord(n, file), GEOMETRY_KEYS, rep);
  const rel = rd.req('file', text, 'counties.geojson');
  const codeProperty = rd.req('code_property', text, 'GEOID');
  const object = rd.get('object', text);
  const attribution = bi(rd.get('attribution_fr', text), rd.get('attribution_en', text));
  if (rel === undefined || codeProperty === undefined) return undefined;
  const normal = path.posix.normalize(rel.replaceAll('\\', '/'));
  if (path.posix.isAbsolute(normal) || /^[A-Za-z]:/.test(normal) || normal === '..' || normal.startsWith('../')) {
    rep.at(rd.field('file'), msg('data.event.geometryFileOutside', { value: quote(rel) }));
    return undefined;
  }
  return {
    file: normal,
    codeProperty: codeProperty.trim(),
    ...(object !== undefined && { object: object.trim() }),
    ...((attribution.fr !== undefined || attribution.en !== undefined) && { attribution }),
  };
}

interface ReadAreaList {
  codes: Map<string, Bilingual>;
  source: string;
  label?: Bilingual;
  heading?: Bilingual;
  /** SHA-256 of the list (a file's bytes). */
  digest?: string;
}

/** `codes:` a shipped list's name, `{ file: areas.csv }`, or a list of { code, name }. */
function readAreaCodes(
  n: YNode,
  key: Pos,
  file: string,
  rep: Reporter,
  readFile: EventFileReader | undefined,
): ReadAreaList | undefined {
  const names = Object.keys(AREA_LISTS);
  if (n.kind === 'scalar') {
    const f = asField('codes', n, key);
    const name = f ? text(f, rep) : undefined;
    if (name === undefined) return undefined;
    const list = shippedAreaList(name.trim());
    if (list) return list;
    rep.at(
      n,
      msg('data.event.unknownAreaList', { value: quote(name), lists: names.join(', '), hint: didYouMean(name, names) }),
    );
    return undefined;
  }
  if (n.kind === 'seq') {
    const records = [];
    for (const item of n.items) {
      if (item.kind !== 'map') rep.at(item, msg('data.event.areaNotMapping', { found: describeNode(item) }));
      else records.push(mapToRecord(item, file));
    }
    if (records.length === 0) rep.at(n, msg('data.areas.empty'));
    return { codes: readAreaRecords(records, rep), source: 'areas.codes' };
  }
  const rd = new RecordReader(mapToRecord(n, file), new Set(['file']), rep);
  const rel = rd.req('file', text, 'areas.csv');
  if (rel === undefined) return undefined;
  const at = rd.field('file')!;
  const normal = path.posix.normalize(rel.replaceAll('\\', '/'));
  const ext = path.posix.extname(normal).toLowerCase();
  if (path.posix.isAbsolute(normal) || /^[A-Za-z]:/.test(normal) || normal === '..' || normal.startsWith('../')) {
    rep.at(at, msg('data.event.areaFileOutside', { value: quote(rel) }));
    return undefined;
  }
  if (ext !== '.csv' && ext !== '.yaml' && ext !== '.yml') {
    rep.at(at, msg('data.event.areaFileFormat', { value: quote(rel) }));
    return undefined;
  }
  const bytes = readFile ? readFile(normal) : { error: 'ENOENT' };
  if ('problem' in bytes) {
    rep.at(at, msg('data.event.areaFileRefused', { value: quote(rel), problem: bytes.problem }));
    return undefined;
  }
  if (!(bytes instanceof Uint8Array)) {
    rep.at(at, msg('data.event.areaFileUnreadable', { value: quote(rel), reason: bytes.error }));
    return undefined;
  }
  const decoded = decodeData(bytes);
  if ('problem' in decoded) {
    rep.problems.push(
      decoded.line === undefined
        ? { file: normal, message: decoded.problem }
        : { file: normal, line: decoded.line, message: decoded.problem },
    );
    return undefined;
  }
  const { codes, problems } = parseAreaListText(decoded.text, normal, ext === '.csv' ? 'csv' : 'yaml');
  for (const p of problems) rep.problems.push(p);
  return { codes, source: normal, digest: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * `labels:` the event's words, each `<key>_fr` and/or `<key>_en` (one language given is used in
 * both, as for any name): by the catalogue keys each replaces.
 */
function readLabels(node: YMap | undefined, file: string, rep: Reporter): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  if (!node) return out;
  const rd = new RecordReader(mapToRecord(node, file), LABELS_KEYS, rep);
  for (const [key, keys] of Object.entries(LABEL_KEYS)) {
    // the stamp is one boxed line of every page's header and footer
    const word = key === 'special' ? textUpTo(TEXT_LIMITS.specialStamp) : text;
    const label = nameInBoth(bi(rd.get(`${key}_fr`, word), rd.get(`${key}_en`, word)));
    if (label.fr === undefined) continue;
    for (const k of keys) out[k] = label;
  }
  return out;
}

/** `forces:` a list of { id, label_fr, label_en }: the names of the deployment forces (their ids are cci's). */
function readForces(n: YNode | undefined, file: string, rep: Reporter): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  if (isNull(n)) return out;
  if (n!.kind !== 'seq') {
    rep.at(n, msg('data.event.forcesNotList', { found: describeNode(n!) }));
    return out;
  }
  const seen = new Set<string>();
  for (const item of n!.items) {
    if (item.kind !== 'map') {
      rep.at(item, msg('data.event.forceNotMapping', { found: describeNode(item) }));
      continue;
    }
    const rd = new RecordReader(mapToRecord(item, file), FORCE_KEYS, rep);
    const id = rd.req('id', identifier, 'police');
    const label = nameInBoth(bi(rd.get('label_fr', text), rd.get('label_en', text)));
    if (id === undefined) continue;
    const fid = id.trim().toLowerCase();
    if (!(FORCES as readonly string[]).includes(fid)) {
      rep.at(
        rd.field('id'),
        msg('data.event.unknownForce', { value: quote(id), forces: FORCES.join(', '), hint: didYouMean(fid, FORCES) }),
      );
      continue;
    }
    if (seen.has(fid)) {
      rd.problem(msg('data.event.forceTwice', { id: quote(fid) }), rd.field('id'));
      continue;
    }
    seen.add(fid);
    if (label.fr === undefined) {
      if (!rd.failed) rd.problem(msg('data.event.forceLabelMissing', { force: fid }));
      continue;
    }
    out[forceKey(fid)] = label;
  }
  return out;
}

function readThreatScale(node: YMap | undefined, file: string, rep: Reporter): ThreatScale | undefined {
  if (!node) return undefined;
  const rd = new RecordReader(mapToRecord(node, file), THREAT_KEYS, rep);
  // names given in one language are used in both, as any name of event.yaml
  const name = nameInBoth(bi(rd.get('name_fr', text), rd.get('name_en', text)));
  if (name.fr === undefined && name.en === undefined && !rd.has('name_fr') && !rd.has('name_en'))
    rd.problem(msg('data.event.threatNameMissing'));
  const levels: { id: string; label: Bilingual }[] = [];
  const le = node.entries.get('levels');
  if (!le || isNull(le.value)) {
    rd.problem(msg('data.event.threatLevelsMissing'));
  } else if (le.value.kind !== 'seq') {
    rep.at(le.value, msg('data.event.threatLevelsNotList', { found: describeNode(le.value) }));
  } else {
    const seen = new Set<string>();
    for (const item of le.value.items) {
      if (item.kind !== 'map') {
        rep.at(item, msg('data.event.threatLevelNotMapping', { found: describeNode(item) }));
        continue;
      }
      const lr = new RecordReader(mapToRecord(item, file), LEVEL_KEYS, rep);
      const lid = lr.req('id', slug, 'vigilance');
      const label = nameInBoth(bi(lr.get('label_fr', text), lr.get('label_en', text)));
      if (!lr.has('label_fr') && !lr.has('label_en'))
        lr.problem(msg('data.event.threatLabelMissing', { level: lid ?? '' }));
      if (lid === undefined) continue;
      if (seen.has(lid)) {
        lr.problem(msg('data.event.threatLevelTwice', { id: quote(lid) }), lr.field('id'));
        continue;
      }
      seen.add(lid);
      levels.push({ id: lid, label });
    }
    if (le.value.items.length === 0) rep.at(le.value, msg('data.event.threatLevelsMissing'));
  }
  return { name, levels };
}

/** One division: time, titles, and what it covers and shows (SPEC §7). */
function readDivision(
  did: string,
  node: YMap,
  file: string,
  rep: Reporter,
  categories: readonly CategoryDef[],
  event: EventHas,
): Division {
  const rd = new RecordReader(mapToRecord(node, file), DIVISION_KEYS, rep);
  const time = rd.req('time', clock, '"09:30"');
  const title = bi(rd.get('title_fr', text), rd.get('title_en', text));
  if (!rd.has('title_fr') && !rd.has('title_en')) rd.problem(msg('data.event.divisionTitleMissing', { division: did }));

  // records: the kinds it covers
  let records: RecordKind[] = [...RECORD_KINDS];
  const rf = rd.field('records');
  if (rf) {
    const items = listItems(rf, rep);
    if (items) {
      const kinds: RecordKind[] = [];
      for (const it of items) {
        const k = it.text.toLowerCase();
        if (!(RECORD_KINDS as readonly string[]).includes(k)) {
          rep.at(
            it,
            msg('data.event.unknownRecordKind', {
              division: did,
              value: quote(it.text),
              kinds: RECORD_KINDS.join(', '),
              hint: didYouMean(k, RECORD_KINDS),
            }),
          );
        } else if (kinds.includes(k as RecordKind)) {
          rep.at(it, msg('data.event.namedTwice', { division: did, name: 'records', value: k }));
        } else {
          kinds.push(k as RecordKind);
        }
      }
      if (items.length === 0) rep.at(rf, msg('data.event.recordsEmpty', { division: did }));
      else records = kinds;
    }
  }

  // categories: all, intelligence, or a list of ids
  let scope: CategoryScope = 'all';
  const cf = rd.field('categories');
  if (cf) {
    const ids = categories.map((c) => c.id);
    if (cf.kind === 'text' && ['all', 'intelligence'].includes(cf.text.trim().toLowerCase())) {
      scope = cf.text.trim().toLowerCase() as 'all' | 'intelligence';
    } else {
      const items = listItems(cf, rep);
      if (items) {
        const list: string[] = [];
        for (const it of items) {
          const c = it.text.toLowerCase();
          if (!ids.includes(c)) {
            rep.at(
              it,
              msg('data.event.unknownDivisionCategory', {
                division: did,
                value: quote(it.text),
                hint: didYouMean(c, [...ids, 'all', 'intelligence']),
              }),
            );
          } else if (!list.includes(c)) {
            list.push(c);
          }
        }
        if (items.length === 0) rep.at(cf, msg('data.event.categoriesEmpty', { division: did }));
        scope = list;
      }
    }
  }
  if (!records.includes('incidents') && rd.has('categories')) {
    rep.at(rd.field('categories'), msg('data.event.categoriesWithoutIncidents', { division: did }));
  }

  // sections: in order, each available to what the division covers
  let sections: SectionId[] = defaultSections(records, event.threatScale, event.geometry);
  const sf = rd.field('sections');
  if (sf) {
    const items = listItems(sf, rep);
    if (items) {
      const list: SectionId[] = [];
      for (const it of items) checkSection(it, did, records, event, list, rep);
      if (items.length === 0) rep.at(sf, msg('data.event.sectionsEmpty', { division: did }));
      else sections = list;
    }
  }
  return { id: did, time: time ?? '00:00', title, records, categories: scope, sections };
}

/** What of the event a section may need besides record kinds. */
interface EventHas {
  threatScale: boolean;
  /** A map geometry: areas.geometry, or a list of codes cci has the geometry of. */
  geometry: boolean;
}

function checkSection(
  it: RawItem,
  did: string,
  records: readonly RecordKind[],
  event: EventHas,
  list: SectionId[],
  rep: Reporter,
): void {
  const s = it.text.toLowerCase();
  if (!isSectionId(s)) {
    rep.at(
      it,
      msg('data.event.unknownSection', {
        division: did,
        value: quote(it.text),
        sections: SECTION_IDS.join(', '),
        hint: didYouMean(s, SECTION_IDS),
      }),
    );
    return;
  }
  if (list.includes(s)) {
    rep.at(it, msg('data.event.namedTwice', { division: did, name: 'sections', value: s }));
    return;
  }
  const why = sectionUnavailable(s, records, event.threatScale, event.geometry);
  if (why && 'needsThreatScale' in why) {
    rep.at(it, msg('data.event.sectionNeedsScale', { division: did, section: s }));
    return;
  }
  if (why && 'needsGeometry' in why) {
    rep.at(
      it,
      msg('data.event.sectionNeedsGeometry', { division: did, section: s, lists: BUILTIN_GEOMETRIES.join(', ') }),
    );
    return;
  }
  if (why) {
    rep.at(it, msg('data.event.sectionNeedsRecords', { division: did, section: s, kinds: why.needs.join(' or ') }));
    return;
  }
  list.push(s);
}

function readVenues(node: YNode | undefined, file: string, rep: Reporter, areas: AreaScheme): Venue[] {
  const venues: Venue[] = [];
  if (isNull(node)) return venues;
  if (node!.kind !== 'seq') {
    rep.at(node, msg('data.event.venuesNotList', { found: describeNode(node!) }));
    return venues;
  }
  // in the order a message lists them: the area fields after the commune
  const keys = new Set([...VENUE_FIELDS.slice(0, 3), AREA_FIELD, areas.field, ...VENUE_FIELDS.slice(3)]);
  const areaCode = areaCodeParser(areas);
  const seen = new Map<string, Pos>();
  for (const item of node!.items) {
    if (item.kind !== 'map') {
      rep.at(item, msg('data.event.venueNotMapping', { field: areas.field, found: describeNode(item) }));
      continue;
    }
    const rd = new RecordReader(mapToRecord(item, file), keys, rep);
    const vid = rd.req('id', slug, 'stade-de-france');
    const vname = rd.req('name', text, 'Stade de France');
    const commune = rd.get('commune', text);
    const area = readArea(rd, areas, areaCode, true);
    const tz = rd.get('timezone', zone);
    const lon = rd.get('lon', degrees(180, '2.3601'));
    const lat = rd.get('lat', degrees(90, '48.9245'));
    if (rd.has('lon') !== rd.has('lat'))
      rd.problem(msg('data.event.lonLatPair'), rd.field(rd.has('lon') ? 'lon' : 'lat'));
    if (vid === undefined) continue;
    const prev = seen.get(vid);
    if (prev) {
      rd.problem(msg('data.event.venueTwice', { id: quote(vid), line: prev.line }), rd.field('id'));
      continue;
    }
    seen.set(vid, rd.field('id')!);
    // kept even when other fields are wrong, so records naming it are not reported too
    const v: Venue = { id: vid, name: vname ?? vid, area: area ?? '' };
    if (commune !== undefined) v.commune = commune;
    if (tz !== undefined) v.timezone = tz;
    if (lon !== undefined && lat !== undefined) {
      v.lon = lon;
      v.lat = lat;
    }
    venues.push(v);
  }
  return venues;
}

function emailList(name: string, n: YNode, key: Pos, rep: Reporter): string[] {
  const f = asField(name, n, key);
  if (!f) return [];
  const items = f.kind === 'text' ? [{ text: f.text, line: f.line, column: f.column }] : listItems(f, rep);
  const out: string[] = [];
  for (const it of items ?? []) {
    for (const addr of it.text.split(/\s*[,;]\s*/).filter((s) => s !== '')) {
      // kept as the bare address the envelope, the send log and the register use (`Cabinet
      // <cabinet@example.org>` is cabinet@example.org), with nothing invisible or that reorders a
      // line in it (a bidi mark would be sent to, then refused by the send log's reading)
      const bare = isEmail(addr) ? bareAddress(addr) : '';
      if (bare !== '' && isDisplaySafe(bare)) out.push(bare);
      else rep.at(it, msg('data.event.badAddress', { name, value: quote(addr) }));
    }
  }
  return out;
}

function readDistribution(dist: YMap, divisions: Division[], partners: string[], rep: Reporter): Distribution {
  const out: Distribution = { divisions: {}, countries: {} };
  const divIds = divisions.map((d) => d.id);
  for (const [k, e] of dist.entries) {
    if (k === 'from') {
      const f = asField('from', e.value, e.key);
      const v = f ? text(f, rep) : undefined;
      if (v !== undefined) {
        // a display name is allowed here (the From header), nothing invisible or reordering it
        if (isEmail(v) && isDisplaySafe(v)) out.from = v;
        else rep.at(f, msg('data.event.badFrom', { value: quote(v) }));
      }
      continue;
    }
    if (k === 'duty') {
      out.duty = emailList('duty', e.value, e.key, rep);
      continue;
    }
    if (k === 'visible_recipients') {
      const f = asField(k, e.value, e.key);
      const v = f ? boolean(f, rep) : undefined;
      if (v !== undefined) out.visibleRecipients = v;
      continue;
    }
    if (k === 'countries') {
      if (e.value.kind !== 'map') {
        rep.at(e.value, msg('data.event.countriesNotMapping', { found: describeNode(e.value) }));
        continue;
      }
      for (const [code, ce] of e.value.entries) {
        const a3 = toAlpha3(code);
        if (!a3) {
          rep.at(ce.key, msg('data.event.badCountry', { code: quote(code) }));
          continue;
        }
        if (!partners.includes(a3)) {
          rep.at(ce.key, msg('data.event.notPartner', { code }));
        }
        out.countries[a3] = [...(out.countries[a3] ?? []), ...emailList(code, ce.value, ce.key, rep)];
      }
      continue;
    }
    if (!divIds.includes(k)) {
      rep.at(e.key, msg('data.event.distributionUnknown', { key: quote(k), divisions: divIds.join(', ') }));
      continue;
    }
    if (e.value.kind !== 'map') {
      rep.at(e.value, msg('data.event.distributionNotMapping', { division: k, found: describeNode(e.value) }));
      continue;
    }
    const lists = { partners: [] as string[], national: [] as string[] };
    for (const [aud, ae] of e.value.entries) {
      if (aud !== 'partners' && aud !== 'national') {
        rep.at(ae.key, msg('data.event.distributionAudience', { division: k, audience: quote(aud) }));
        continue;
      }
      lists[aud] = emailList(aud, ae.value, ae.key, rep);
    }
    out.divisions[k] = lists;
  }
  return out;
}

/** Reads a file of the data folder named in its event.yaml, without leaving it. */
function dataFileReader(dataDir: string, root: string): EventFileReader {
  return (rel) => {
    const file = path.join(dataDir, rel);
    // its folder too must be inside the data folder (a linked subfolder may lead out of it)
    let folder: string;
    try {
      folder = realpathSync(path.dirname(file));
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code ?? errorText(e) };
    }
    if (!isInside(folder, root)) return { problem: msg('dataFile.outside') };
    const read = readDataFileSync(file, root);
    if ('bytes' in read) return read.bytes;
    return read.code !== undefined ? { error: read.code } : { problem: read.problem };
  };
}

/** Reads event.yaml of a data folder (and the area list it names) without throwing. */
export async function readEvent(dataDir: string): Promise<EventRead> {
  const file = path.join(dataDir, EVENT_FILE);
  const root = await dataRoot(dataDir);
  let bytes: Uint8Array;
  try {
    const read = await readDataFile(file, root);
    if ('problem' in read) {
      const missing = await lstat(file).then(
        () => false,
        (e: NodeJS.ErrnoException) => e.code === 'ENOENT' || e.code === 'ENOTDIR',
      );
      if (!missing) return { problems: [{ file: EVENT_FILE, message: read.problem }] };
      throw Object.assign(new Error(read.problem), { code: 'ENOENT' });
    }
    bytes = read.bytes;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const dirOk = await stat(dataDir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!dirOk) {
      return {
        problems: [
          {
            file: dataDir,
            message: msg('data.event.noDataFolder', { dir: path.resolve(dataDir) }),
          },
        ],
      };
    }
    return {
      problems: [
        {
          file: EVENT_FILE,
          message:
            code === 'ENOENT'
              ? msg('data.event.missing', { path: path.resolve(file) })
              : msg('data.event.unreadable', { reason: code ?? errorText(e) }),
        },
      ],
    };
  }
  const decoded = decodeData(bytes);
  if ('problem' in decoded) {
    return {
      problems: [
        decoded.line === undefined
          ? { file: EVENT_FILE, message: decoded.problem }
          : { file: EVENT_FILE, line: decoded.line, message: decoded.problem },
      ],
    };
  }
  let readOthers = false;
  const reader = dataFileReader(dataDir, root);
  const read = parseEventText(decoded.text, EVENT_FILE, {
    readFile: (rel) => {
      readOthers = true;
      return reader(rel);
    },
  });
  await readOwnGeometry(dataDir, read);
  if (!readOthers && !read.event?.areas.geometry) read.selfContained = bytes;
  return read;
}

/**
 * Reads and checks the event's own map geometry (`areas.geometry`) against its list of codes,
 * when it has one: its problems join event.yaml's, at their place in the geometry file.
 */
async function readOwnGeometry(dataDir: string, read: EventRead): Promise<void> {
  const spec = read.event?.areas.geometry;
  if (!spec) return;
  // Loaded only by events that give a geometry: the JSON locator and d3-geo cost the others nothing.
  const { readAreaGeometry } = await import('./area-geometry.js');
  const codes = read.event!.areas.codes;
  const { geometry, problems } = await readAreaGeometry(dataDir, spec, codes?.keys(), codes);
  for (const p of problems) read.problems.push(p);
  if (geometry) spec.outlines = geometry;
}

/** Reads and validates event.yaml; throws DataError listing every problem. */
export async function loadEvent(dataDir: string): Promise<EventConfig> {
  const { event, problems } = await readEvent(dataDir);
  if (problems.length > 0 || !event) throw new DataError(problems);
  return event;
}

/** `cabinet@example.org` from `Cabinet <cabinet@example.org>` (or as written). */
function bareAddress(addr: string): string {
  return (/<([^<>]+)>\s*$/.exec(addr)?.[1] ?? addr).trim();
}
