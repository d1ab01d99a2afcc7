// event.yaml: the event, its time zone, dates, divisions, venues, partners, categories,
// defaults and distribution lists (SPEC §1, §5).

import { lstat, stat } from 'node:fs/promises';
import { dataRoot, readDataFile } from './read-data-file.js';
import path from 'node:path';
import { DataError } from '../errors.js';
import type { Problem } from '../errors.js';
import type { Bilingual, CategoryDef, Distribution, Division, EventConfig, Tlp, Venue } from '../model/types.js';
import { builtinCategories } from './categories.js';
import { decodeText } from './decode.js';
import type { Pos, RawField } from './raw.js';
import { RecordReader, unknownFieldMessage } from './reader.js';
import { isValidTimeZone } from './time.js';
import { boolean, clock, countries, date, departement, identifier, listItems, Reporter, text, tlp, isEmail } from './values.js';
import type { FieldParser } from './values.js';
import { describeNode, mapToRecord, parseYaml, toRawValue } from './yaml.js';
import type { YNode } from './yaml.js';
import { toAlpha3 } from './countries.js';
import { t as msg } from '../i18n/messages.js';
import { quote } from './excerpt.js';

export const EVENT_FILE = 'event.yaml';

type YMap = YNode & { kind: 'map' };

const TOP_KEYS = ['event', 'defaults', 'divisions', 'venues', 'partners', 'categories', 'distribution'];
const EVENT_KEYS = new Set([
  'id', 'name_fr', 'name_en', 'centre_fr', 'centre_en', 'timezone', 'opens', 'closes', 'protection_mention',
]);
const DEFAULTS_KEYS = new Set(['tlp']);
const DIVISION_KEYS = new Set(['time', 'title_fr', 'title_en']);
const VENUE_KEYS = new Set(['id', 'name', 'commune', 'departement', 'timezone']);
const CATEGORY_KEYS = new Set(['id', 'label_fr', 'label_en', 'intelligence']);
const NAME_RE = /^[a-z0-9][a-z0-9_-]*$/;

const zone: FieldParser<string> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  if (isValidTimeZone(t)) return t;
  r.at(f, msg('data.event.badZone', { name: f.name, value: quote(t) }));
  return undefined;
};

const slug: FieldParser<string> = (f, r) => {
  const t = identifier(f, r);
  if (t === undefined) return undefined;
  if (NAME_RE.test(t)) return t;
  r.at(f, msg('data.event.badId', { name: f.name, value: quote(t) }));
  return undefined;
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

export interface EventRead {
  /** Best effort even when there are problems; undefined when the file could not be read at all. */
  event?: EventConfig;
  problems: Problem[];
}

/** Parses the text of event.yaml. `file` is the name used in messages. */
export function parseEventText(source: string, file = EVENT_FILE): EventRead {
  const problems: Problem[] = [];
  const rep = new Reporter(file, problems);
  const { root, problems: syntax } = parseYaml(source, file);
  if (syntax.length > 0) return { problems: syntax };
  if (!root || root.kind !== 'map') {
    rep.at(root, msg('data.event.notMapping', { keys: TOP_KEYS.join(', '), found: root ? describeNode(root) : msg('data.event.nothing') }));
    return { problems };
  }
  const top = root;
  for (const [k, e] of top.entries) {
    if (!TOP_KEYS.includes(k)) rep.at(e.key, unknownFieldMessage(k, TOP_KEYS));
  }
  const section = (name: string, required: boolean): YMap | undefined => {
    const e = top.entries.get(name);
    if (!e || (e.value.kind === 'scalar' && e.value.value === null)) {
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
    protectionMention = rd.get('protection_mention', text);
  }

  // --- defaults: ---
  let defaultTlp: Tlp = 'AMBER';
  const defs = section('defaults', false);
  if (defs) {
    const rd = new RecordReader(mapToRecord(defs, file), DEFAULTS_KEYS, rep);
    defaultTlp = rd.get('tlp', tlp) ?? defaultTlp;
  }

  // --- divisions: ---
  const divisions: Division[] = [];
  const divs = section('divisions', true);
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
      const rd = new RecordReader(mapToRecord(e.value, file), DIVISION_KEYS, rep);
      const time = rd.req('time', clock, '"09:30"');
      const title = bi(rd.get('title_fr', text), rd.get('title_en', text));
      if (!rd.has('title_fr') && !rd.has('title_en')) rd.problem(msg('data.event.divisionTitleMissing', { division: did }));
      divisions.push({ id: did, time: time ?? '00:00', title });
    }
    if (divs.entries.size === 0) rep.at(divs, msg('data.event.noDivision'));
  }

  // --- venues: ---
  const venues: Venue[] = [];
  const venuesNode = top.entries.get('venues')?.value;
  if (venuesNode && !(venuesNode.kind === 'scalar' && venuesNode.value === null)) {
    if (venuesNode.kind !== 'seq') rep.at(venuesNode, msg('data.event.venuesNotList', { found: describeNode(venuesNode) }));
    else {
      const seen = new Map<string, Pos>();
      for (const item of venuesNode.items) {
        if (item.kind !== 'map') {
          rep.at(item, msg('data.event.venueNotMapping', { found: describeNode(item) }));
          continue;
        }
        const rd = new RecordReader(mapToRecord(item, file), VENUE_KEYS, rep);
        const vid = rd.req('id', slug, 'stade-de-france');
        const vname = rd.req('name', text, 'Stade de France');
        const commune = rd.get('commune', text);
        const dep = rd.req('departement', departement, '"93"');
        const tz = rd.get('timezone', zone);
        if (vid === undefined) continue;
        const prev = seen.get(vid);
        if (prev) {
          rd.problem(msg('data.event.venueTwice', { id: quote(vid), line: prev.line }), rd.field('id'));
          continue;
        }
        seen.set(vid, rd.field('id')!);
        // kept even when other fields are wrong, so records naming it are not reported too
        const v: Venue = { id: vid, name: vname ?? vid, departement: dep ?? '' };
        if (commune !== undefined) v.commune = commune;
        if (tz !== undefined) v.timezone = tz;
        venues.push(v);
      }
    }
  }

  // --- partners: ---
  let partners: string[] = [];
  const pe = top.entries.get('partners');
  if (pe) {
    const f = asField('partners', pe.value, pe.key);
    if (f) partners = countries(f, rep) ?? partners;
  }

  // --- categories: ---
  const categories = builtinCategories();
  const ce = top.entries.get('categories')?.value;
  if (ce && !(ce.kind === 'scalar' && ce.value === null)) {
    if (ce.kind !== 'seq') rep.at(ce, msg('data.event.categoriesNotList', { found: describeNode(ce) }));
    else {
      const builtin = new Set(categories.map((c) => c.id));
      const added = new Set<string>();
      for (const item of ce.items) {
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
          const c: CategoryDef = { id: cid, label: bi(fr, en), intelligence: intel ?? false };
          categories.push(c);
        }
      }
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
    divisions,
    venues,
    partners,
    categories,
  };
  if (protectionMention !== undefined) event.protectionMention = protectionMention;
  if (distribution !== undefined) event.distribution = distribution;
  return { event, problems };
}

function emailList(name: string, n: YNode, key: Pos, rep: Reporter): string[] {
  const f = asField(name, n, key);
  if (!f) return [];
  const items = f.kind === 'text' ? [{ text: f.text, line: f.line, column: f.column }] : listItems(f, rep);
  const out: string[] = [];
  for (const it of items ?? []) {
    for (const addr of it.text.split(/\s*[,;]\s*/).filter((s) => s !== '')) {
      if (isEmail(addr)) out.push(addr);
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
      const t = f ? text(f, rep) : undefined;
      if (t !== undefined) {
        if (isEmail(t)) out.from = t;
        else rep.at(f, msg('data.event.badFrom', { value: quote(t) }));
      }
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

/** Reads event.yaml of a data folder without throwing. */
export async function readEvent(dataDir: string): Promise<EventRead> {
  const file = path.join(dataDir, EVENT_FILE);
  let bytes: Uint8Array;
  try {
    const read = await readDataFile(file, await dataRoot(dataDir));
    if ('problem' in read) {
      const missing = await lstat(file).then(() => false, (e: NodeJS.ErrnoException) => e.code === 'ENOENT' || e.code === 'ENOTDIR');
      if (!missing) return { problems: [{ file: EVENT_FILE, message: read.problem }] };
      throw Object.assign(new Error(read.problem), { code: 'ENOENT' });
    }
    bytes = read.bytes;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    let dirOk = false;
    try {
      dirOk = (await stat(dataDir)).isDirectory();
    } catch {
      dirOk = false;
    }
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
              : msg('data.event.unreadable', { reason: code ?? (e as Error).message }),
        },
      ],
    };
  }
  return parseEventText(decodeText(bytes, EVENT_FILE), EVENT_FILE);
}

/** Reads and validates event.yaml; throws DataError listing every problem. */
export async function loadEvent(dataDir: string): Promise<EventConfig> {
  const { event, problems } = await readEvent(dataDir);
  if (problems.length > 0 || !event) throw new DataError(problems);
  return event;
}
