// The area level of an event (event.yaml `areas:`): the lists of codes and names cci ships,
// an event's own list (a CSV or YAML file of the data folder, or a list in event.yaml), and
// the field parser that checks a record's or a venue's area code against it.

import { createHash } from 'node:crypto';
import frDepartements from './area-lists/fr-departements.json' with { type: 'json' };
import type { Problem } from '../errors.js';
import { t } from '../i18n/messages.js';
import type { AreaScheme, Bilingual } from '../model/types.js';
import { parseCsv } from './csv.js';
import type { RawRecord } from './raw.js';
import { RecordReader } from './reader.js';
import { quote } from './excerpt.js';
import { Reporter, text, type FieldParser } from './values.js';
import { yamlRecords } from './yaml.js';

/** The field every record and venue may write its area code in, whatever the event calls it. */
export const AREA_FIELD = 'area';

interface ShippedList {
  source: string;
  label: { fr: string; en: string };
  /** The level's name inside a heading, when it differs from the label (a French common noun). */
  heading?: { fr: string; en: string };
  codes: [string, string][];
}

/** The lists cci ships, by the name event.yaml gives in `areas.codes` (scripts/build-area-lists.mjs). */
export const AREA_LISTS: Readonly<Record<string, ShippedList>> = {
  'fr-departements': frDepartements as ShippedList,
};

export interface AreaList {
  codes: Map<string, Bilingual>;
  /** The label the list comes with (a shipped list's), used when event.yaml names none. */
  label?: Bilingual;
  /** Its form inside a heading, when it differs from the label. */
  heading?: Bilingual;
  source: string;
  /** SHA-256 of the list (the tally cache's key). */
  digest: string;
}

/** A list cci ships, or undefined for an unknown name. */
export function shippedAreaList(name: string): AreaList | undefined {
  const list = Object.hasOwn(AREA_LISTS, name) ? AREA_LISTS[name] : undefined;
  if (!list) return undefined;
  return {
    codes: new Map(list.codes.map(([code, n]) => [code, { fr: n, en: n }])),
    label: { ...list.label },
    ...(list.heading && { heading: { ...list.heading } }),
    source: name,
    digest: createHash('sha256').update(JSON.stringify(list.codes)).digest('hex'),
  };
}

const LIST_FIELDS = new Set(['code', 'name', 'name_fr', 'name_en']);
/** What an area code looks like when the event gives no list: one short word. */
const FREE_CODE = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,31}$/u;

/** Reads the records of an area list (rows of a CSV file, items of a YAML list) into codes and names. */
export function readAreaRecords(
  records: readonly RawRecord[],
  rep: Reporter,
  quiet: ReadonlySet<string> = new Set(),
): Map<string, Bilingual> {
  const codes = new Map<string, Bilingual>();
  const seen = new Map<string, number>();
  for (const rec of records) {
    const rd = new RecordReader(rec, LIST_FIELDS, rep, quiet);
    const code = rd.req('code', text, '"06037"');
    const name = rd.get('name', text);
    const fr = rd.get('name_fr', text) ?? name;
    const en = rd.get('name_en', text) ?? name;
    if (fr === undefined && en === undefined && !rd.failed)
      rd.problem(t('data.areas.nameMissing', { code: code ?? '' }));
    if (code === undefined) continue;
    if (/\s/.test(code.trim()) || code.trim() === '') {
      rd.problem(t('data.areas.badCode', { code: quote(code) }), rd.field('code'));
      continue;
    }
    const key = code.trim();
    const before = seen.get(key.toUpperCase());
    if (before !== undefined) {
      rd.problem(t('data.areas.codeTwice', { code: key, line: before }), rd.field('code'));
      continue;
    }
    seen.set(key.toUpperCase(), rd.field('code')!.line);
    if (fr === undefined && en === undefined) continue;
    const b: Bilingual = {};
    if (fr !== undefined) b.fr = fr;
    if (en !== undefined) b.en = en;
    codes.set(key, b);
  }
  return codes;
}

/** Parses an area list file: CSV (code,name or code,name_fr,name_en) or a YAML list of the same fields. */
export function parseAreaListText(
  source: string,
  file: string,
  format: 'csv' | 'yaml',
): { codes: Map<string, Bilingual>; problems: Problem[] } {
  const problems: Problem[] = [];
  const rep = new Reporter(file, problems);
  const records: RawRecord[] = [];
  if (format === 'csv') {
    const quiet = new Set<string>();
    const csv = parseCsv(
      source,
      file,
      (rec) => records.push(rec),
      (header, line) => {
        const names = new Set(header.map((h) => h.name));
        for (const h of header) {
          if (h.name !== '' && !LIST_FIELDS.has(h.name))
            rep.at({ line, column: h.column }, t('data.areas.unknownColumn', { name: quote(h.name) }));
        }
        if (!names.has('code')) {
          quiet.add('code');
          rep.at({ line, column: 1 }, t('data.areas.missingColumn'));
        }
      },
    );
    for (const p of csv.problems) problems.push(p);
    const codes = readAreaRecords(records, rep, quiet);
    if (records.length === 0 && problems.length === 0) rep.at({ line: 1, column: 1 }, t('data.areas.empty'));
    return { codes, problems: sortByPlace(problems) };
  }
  const y = yamlRecords(source, file);
  for (const p of y.problems) problems.push(p);
  const codes = readAreaRecords(y.records, rep);
  if (y.records.length === 0 && problems.length === 0) rep.at({ line: 1, column: 1 }, t('data.areas.empty'));
  return { codes, problems: sortByPlace(problems) };
}

function sortByPlace(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * The field parser of area codes. With a list: a code of it, any case, a leading zero a
 * spreadsheet dropped put back ("1" → "01", "6037" → "06037"); otherwise a problem naming the
 * field, the list and the closest code. Without a list: one short word, shown as written.
 */
export function areaCodeParser(scheme: AreaScheme): FieldParser<string> {
  const { codes } = scheme;
  if (!codes) {
    return (f, r) => {
      const v = text(f, r);
      if (v === undefined) return undefined;
      const code = v.trim();
      if (FREE_CODE.test(code)) return code;
      r.at(f, t('data.areas.badFreeCode', { name: f.name, value: r.quote(v) }));
      return undefined;
    };
  }
  // upper-cased code → code; and, for codes of digits, the code without its leading zeros
  const exact = new Map<string, string>();
  const unpadded = new Map<string, string | null>();
  for (const code of codes.keys()) {
    exact.set(code.toUpperCase(), code);
    if (/^0+\d/.test(code)) {
      const short = code.replace(/^0+/, '');
      unpadded.set(short, unpadded.has(short) || exact.has(short) ? null : code);
    }
  }
  const list = [...codes.keys()];
  const examples = list.slice(0, 3).join(', ');
  const known = new Map<string, string>(); // as written → code: the same few codes fill every row
  return (f, r) => {
    // a text accepted before is accepted again (text() included): looked up before it is checked
    if (f.kind === 'text') {
      const hit = known.get(f.text);
      if (hit !== undefined) return hit;
    }
    const v = text(f, r);
    if (v === undefined) return undefined;
    const up = v.trim().toUpperCase();
    const code = exact.get(up) ?? unpadded.get(up) ?? undefined;
    if (code !== undefined && code !== null) {
      if (known.size < 1000) known.set(v, code);
      return code;
    }
    r.at(
      f,
      t('data.areas.unknownCode', {
        name: f.name,
        value: r.quote(v),
        list: scheme.source ?? 'areas.codes',
        examples,
        hint: r.hint(v.trim(), list),
      }),
    );
    return undefined;
  };
}

/**
 * The area code of a venue or record: in the event's area field or in `area` (one of them:
 * both written is a problem). `required`: a missing one is a problem.
 */
export function readArea(
  rd: RecordReader,
  areas: AreaScheme,
  parse: FieldParser<string>,
  required: boolean,
  quietMissing = false,
): string | undefined {
  const named = areas.field !== AREA_FIELD && rd.has(areas.field);
  if (named && rd.has(AREA_FIELD)) {
    rd.problem(t('data.areaTwice', { field: areas.field, area: AREA_FIELD }), rd.field(AREA_FIELD));
    return undefined;
  }
  const name = named ? areas.field : AREA_FIELD;
  if (!rd.has(name)) {
    if (required && !quietMissing)
      rd.problem(t('data.missingExample', { name: areas.field, example: areaExample(areas) }));
    else if (required) rd.failed = true;
    return undefined;
  }
  return rd.get(name, parse);
}

/** An example code for messages: the list's first, or a made-up word. */
export function areaExample(areas: AreaScheme): string {
  const first = areas.codes?.keys().next().value;
  return quote(first ?? 'north');
}
