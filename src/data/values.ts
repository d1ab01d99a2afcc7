// Field value parsers shared by every record type and both file formats. Each takes a raw
// field and either returns the normalised value or reports what is wrong and what was
// expected, at the field's position.

import type { Problem } from '../errors.js';
import type { Status, Tlp } from '../model/types.js';
import { toAlpha3 } from './countries.js';
import type { Pos, RawField, RawItem } from './raw.js';
import { didYouMean } from './suggest.js';
import { parseClock, parseDate, parseLocalTime } from './time.js';
import { t as msg } from '../i18n/messages.js';
import { quote } from './excerpt.js';

/** Collects problems of one file. */
export class Reporter {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
    /** The workbook sheet, when reading an .xlsx file. */
    readonly sheet?: string,
  ) {}

  /** A problem at a field (line and column), a whole record (line only) or the file. */
  at(pos: Pos | { line: number; column?: undefined } | undefined, message: string): void {
    const p: Problem = pos === undefined ? { file: this.file, message } : { file: this.file, line: pos.line, message };
    if (pos?.column !== undefined) p.column = pos.column;
    if (this.sheet !== undefined) p.sheet = this.sheet;
    this.problems.push(p);
  }
}

export type FieldParser<T> = (f: RawField, r: Reporter) => T | undefined;

// --- text ---------------------------------------------------------------------------------

export const text: FieldParser<string> = (f, r) => {
  if (f.kind === 'text') return f.text;
  if (f.kind === 'refused') return undefined;
  if (f.kind === 'list') {
    r.at(f, msg('data.textIsList', { name: f.name }));
    return undefined;
  }
  r.at(f, msg('data.textIsOther', { name: f.name, what: (f as { what: string }).what }));
  return undefined;
};

/** An identifier: one word, no spaces. */
export const identifier: FieldParser<string> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  if (t.length > 200 || hasWhitespace(t)) {
    r.at(f, msg('data.badIdentifier', { name: f.name, value: quote(t) }));
    return undefined;
  }
  return t;
};

/** As /\s/.test(t), without a regular expression: identifiers are read for every record. */
function hasWhitespace(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c <= 32) {
      if (c === 32 || (c >= 9 && c <= 13)) return true;
    } else if (c >= 0xa0) {
      if (
        c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
        c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
      ) return true;
    }
  }
  return false;
}

// --- enums --------------------------------------------------------------------------------

/** One of fixed values, any case. */
export function oneOf<T extends string>(values: readonly T[]): FieldParser<T> {
  const set = new Set<string>(values);
  return (f, r) => {
    const t = text(f, r);
    if (t === undefined) return undefined;
    const v = t.toLowerCase();
    if (set.has(v)) return v as T;
    r.at(f, msg('data.notOneOf', { name: f.name, value: quote(t), values: values.join(', '), hint: didYouMean(v, values) }));
    return undefined;
  };
}

// --- numbers and booleans -----------------------------------------------------------------

// 1234, 1 234, 1 234 (U+00A0), 1 234 (U+202F)
const INT_RE = /^\d+$/;
const GROUPED_RE = /^\d{1,3}(?:[ \u00A0\u202F]\d{3})+$/;

/** A whole number ≥ 0, thousands optionally grouped with a space, no-break or narrow no-break space. */
export function parseCount(t: string): number | undefined {
  const s = t.trim();
  if (INT_RE.test(s)) return Number(s);
  if (GROUPED_RE.test(s)) return Number(s.replace(/[ \u00A0\u202F]/g, ''));
  return undefined;
}

export const count: FieldParser<number> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  const n = parseCount(t);
  if (n === undefined || !Number.isSafeInteger(n)) {
    r.at(f, msg(/^\s*-/.test(t) ? 'data.countNegative' : 'data.countNotWhole', { name: f.name, value: quote(t) }));
    return undefined;
  }
  return n;
};

const TRUE = new Set(['true', 'yes', 'oui', '1', 'vrai']);
const FALSE = new Set(['false', 'no', 'non', '0', 'faux']);

export function parseBoolean(t: string): boolean | undefined {
  const v = t.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

export const boolean: FieldParser<boolean> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  const b = parseBoolean(t);
  if (b === undefined) r.at(f, msg('data.notBoolean', { name: f.name, value: quote(t) }));
  return b;
};

// --- lists and countries ------------------------------------------------------------------

/** The items of a list field: a YAML sequence, or text separated by `|`, whitespace, `,` or `;`. */
export function listItems(f: RawField, r: Reporter): RawItem[] | undefined {
  if (f.kind === 'list') return f.items;
  if (f.kind === 'refused') return undefined;
  if (f.kind === 'text') {
    return f.text
      .split(/[|\s,;]+/)
      .filter((s) => s !== '')
      .map((s) => ({ text: s, line: f.line, column: f.column }));
  }
  r.at(f, msg('data.notList', { name: f.name, what: f.what }));
  return undefined;
}

/** ISO 3166-1 alpha-2 or alpha-3 codes, any case → alpha-3 capitals, without duplicates. */
export const countries: FieldParser<string[]> = (f, r) => {
  const items = listItems(f, r);
  if (items === undefined) return undefined;
  const out: string[] = [];
  let bad = false;
  for (const it of items) {
    const a3 = toAlpha3(it.text);
    if (a3 === undefined) {
      bad = true;
      r.at(it, msg('data.badCountry', { name: f.name, value: quote(it.text) }));
    } else if (!out.includes(a3)) out.push(a3);
  }
  return bad ? undefined : out;
};

/** A single country code → alpha-3. */
export function country(code: string): string | undefined {
  return toAlpha3(code);
}

// --- markings -----------------------------------------------------------------------------

const TLPS: readonly string[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

/** `TLP:AMBER`, `amber`, `Tlp: amber+strict`, `WHITE` (= CLEAR) → canonical TLP. */
export function parseTlp(t: string): Tlp | undefined {
  let v = t.trim().toUpperCase().replace(/\s+/g, '');
  if (v.startsWith('TLP:')) v = v.slice(4);
  if (v === 'WHITE') v = 'CLEAR';
  return TLPS.includes(v) ? (v as Tlp) : undefined;
}

export const tlp: FieldParser<Tlp> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  const v = parseTlp(t);
  if (v === undefined) {
    const bare = t.trim().toUpperCase().replace(/^TLP:\s*/, '');
    r.at(f, msg('data.badTlp', { name: f.name, value: quote(t), hint: didYouMean(bare, TLPS) }));
  }
  return v;
};

export const status: FieldParser<Status> = oneOf<Status>(['validated', 'draft']);

// --- specific texts -----------------------------------------------------------------------

/** Source/information evaluation, A/B/C/X + 1–4, e.g. B2. */
export const grading: FieldParser<string> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  if (/^[ABCX][1-4]$/i.test(t)) return t.toUpperCase();
  r.at(f, msg('data.badGrading', { name: f.name, value: quote(t) }));
  return undefined;
};

export const date: FieldParser<string> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  const p = parseDate(t);
  if (!p.ok) {
    r.at(f, `${f.name} ${p.message}`);
    return undefined;
  }
  return p.value;
};

export const clock: FieldParser<string> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  const p = parseClock(t);
  if (!p.ok) {
    r.at(f, `${f.name} ${p.message}`);
    return undefined;
  }
  return p.value;
};

/** A date and time; without an offset, local time of `zone`. */
export function instant(zone: string): FieldParser<Date> {
  return (f, r) => {
    const t = text(f, r);
    if (t === undefined) return undefined;
    const p = parseLocalTime(t, zone);
    if (!p.ok) {
      r.at(f, `${f.name} ${p.message}`);
      return undefined;
    }
    return p.value;
  };
}

export const email: FieldParser<string> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  if (isEmail(t)) return t;
  r.at(f, msg('data.badEmail', { name: f.name, value: quote(t) }));
  return undefined;
};

const ADDR = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
export function isEmail(t: string): boolean {
  const m = /^[^<>]*<([^<>]+)>$/.exec(t.trim());
  return ADDR.test(m ? m[1]!.trim() : t.trim());
}
