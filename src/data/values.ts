// Field value parsers shared by every record type and both file formats. Each takes a raw
// field and either returns the normalised value or reports what is wrong and what was
// expected, at the field's position.

import type { Problem } from '../errors.js';
import type { Status, Tlp } from '../model/types.js';
import { toAlpha3 } from './countries.js';
import type { Pos, RawField, RawItem } from './raw.js';
import { didYouMean } from './suggest.js';
import { fastLocalTimeMs, parseClock, parseDate, parseLocalTimeByPattern } from './time.js';
import { formatCount, t as msg } from '../i18n/messages.js';
import { closeBidi, describeCodePoint, firstInvisibleChar, scanText } from '../text/control-chars.js';
import { quote } from './excerpt.js';
import { codePoints, longerThan, TEXT_LIMITS } from './limits.js';

/**
 * Why the values of the record being read are not shown in problems: it is marked RED, or its
 * TLP cannot be read (missing value, written twice, not a TLP), so it may be RED. RED reaches no
 * file and no log (SPEC §3): its problems name the file, line, column and field only.
 */
export type HiddenValues = 'red' | 'tlpUnknown';

const HIDDEN_NOTES: Readonly<Record<HiddenValues, string>> = {
  red: 'data.hidden.red',
  tlpUnknown: 'data.hidden.tlpUnknown',
};

/** What a problem says in place of a value it does not show: `(value not shown: the record is marked RED)`. */
export function hiddenNote(why: HiddenValues): string {
  return msg(HIDDEN_NOTES[why]);
}

/** Collects problems of one file. */
export class Reporter {
  /** Set while a record that is, or may be, marked RED is read: its values are never quoted. */
  hidden: HiddenValues | undefined;

  constructor(
    readonly file: string,
    readonly problems: Problem[],
    /** The workbook sheet, when reading an .xlsx file. */
    readonly sheet?: string,
  ) {}

  /** A value for a message: quoted (an excerpt, quote()), or a note that it is not shown. */
  quote(value: string): string {
    return this.hidden === undefined ? quote(value) : hiddenNote(this.hidden);
  }

  /** `; did you mean "x"?` for a value; nothing while values are hidden (a hint tells the value). */
  hint(value: string, candidates: Iterable<string>): string {
    return this.hidden === undefined ? didYouMean(value, candidates) : '';
  }

  /** A problem at a field (line and column), a whole record (line only) or the file. */
  at(pos: Pos | { line: number; column?: undefined } | undefined, message: string): void {
    const p: Problem = pos === undefined ? { file: this.file, message } : { file: this.file, line: pos.line, message };
    if (pos?.column !== undefined) p.column = pos.column;
    if (this.sheet !== undefined) p.sheet = this.sheet;
    this.problems.push(p);
  }
}

export type FieldParser<T> = (f: RawField, r: Reporter) => T | undefined;

/** How many distinct texts a parser remembers (the few values a column repeats on every row). */
const REMEMBERED = 1000;

/**
 * The value a parser gave a text field before, by its text as written: the parser is a pure
 * function of the text, so a text it accepted once is accepted again with the same value and
 * no problem (the text checks and the reading are not done again for every row). Only
 * accepted texts are remembered: a wrong one goes through the parser and its problem each time.
 */
export function remembered<T>(parse: FieldParser<T>, limit = REMEMBERED): FieldParser<T> {
  const known = new Map<string, T>();
  return (f, r) => {
    if (f.kind === 'text') {
      const hit = known.get(f.text);
      if (hit !== undefined) return hit;
      const v = parse(f, r);
      if (v !== undefined && known.size < limit) known.set(f.text, v);
      return v;
    }
    return parse(f, r);
  };
}

// --- text ---------------------------------------------------------------------------------

/**
 * A single text of at most `max` characters (code points; TEXT_LIMITS), holding no control
 * character but tab and line breaks (NUL, ESC, DEL, C1: text/control-chars.ts). A text too long
 * or holding a control character is a problem naming the limit or the character, never quoting
 * the text.
 */
export function textUpTo(max: number): FieldParser<string> {
  return (f, r) => {
    if (f.kind === 'text') {
      const s = f.text;
      if (longerThan(s, max)) {
        r.at(f, tooLong(f.name, s, max, r));
        return undefined;
      }
      const scan = scanText(s);
      if (scan === undefined) return s;
      const c = scan.control;
      if (c !== undefined) {
        // which character, and where, is something of the value: not said of a RED record's
        r.at(
          f,
          r.hidden === undefined
            ? msg('data.controlChar', {
                name: f.name,
                char: describeCodePoint(c.codePoint),
                position: codePoints(s.slice(0, c.index)) + 1,
              })
            : msg('data.controlCharHidden', { name: f.name, hidden: hiddenNote(r.hidden) }),
        );
        return undefined;
      }
      // a reordering it opens stops at its end: it cannot reverse what a document prints after it
      return scan.bidi ? closeBidi(s) : s;
    }
    if (f.kind === 'refused') return undefined;
    if (f.kind === 'list') {
      r.at(f, msg('data.textIsList', { name: f.name }));
      return undefined;
    }
    r.at(f, msg('data.textIsOther', { name: f.name, what: (f as { what: string }).what }));
    return undefined;
  };
}

/** A text over its limit, said with its length; of a RED record, without it (its length is something of it). */
function tooLong(name: string, s: string, max: number, r: Reporter): string {
  return r.hidden === undefined
    ? msg('data.tooLong', { name, length: formatCount(codePoints(s)), max: formatCount(max) })
    : msg('data.tooLongHidden', { name, hidden: hiddenNote(r.hidden), max: formatCount(max) });
}

/** A short single text (names, labels, codes, ids: TEXT_LIMITS.short). */
export const text: FieldParser<string> = textUpTo(TEXT_LIMITS.short);

/** An identifier: one word, no spaces. */
export const identifier: FieldParser<string> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  if (t.length > 200 || hasWhitespace(t)) {
    r.at(f, msg('data.badIdentifier', { name: f.name, value: r.quote(t) }));
    return undefined;
  }
  // as written: text() isolates a text holding a bidi control, with characters of its own
  const hidden = firstInvisibleChar(f.kind === 'text' ? f.text : t);
  if (hidden !== undefined) {
    r.at(f, msg('data.invisibleInIdentifier', { name: f.name, char: describeCodePoint(hidden) }));
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
        c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff
      )
        return true;
    }
  }
  return false;
}

// --- enums --------------------------------------------------------------------------------

/** One of fixed values, any case. */
export function oneOf<T extends string>(values: readonly T[]): FieldParser<T> {
  // lower-cased text → the value itself (one string for every record that names it)
  const canonical = new Map<string, T>(values.map((v) => [v, v]));
  return remembered((f, r) => {
    const t = text(f, r);
    if (t === undefined) return undefined;
    const v = t.toLowerCase();
    const value = canonical.get(v);
    if (value !== undefined) return value;
    r.at(
      f,
      msg('data.notOneOf', { name: f.name, value: r.quote(t), values: values.join(', '), hint: r.hint(v, values) }),
    );
    return undefined;
  });
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

export const count: FieldParser<number> = remembered((f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  const n = parseCount(t);
  if (n === undefined || !Number.isSafeInteger(n)) {
    r.at(f, msg(/^\s*-/.test(t) ? 'data.countNegative' : 'data.countNotWhole', { name: f.name, value: r.quote(t) }));
    return undefined;
  }
  return n;
});

const TRUE = new Set(['true', 'yes', 'oui', '1', 'vrai']);
const FALSE = new Set(['false', 'no', 'non', '0', 'faux']);

export function parseBoolean(t: string): boolean | undefined {
  const v = t.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

export const boolean: FieldParser<boolean> = remembered((f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  const b = parseBoolean(t);
  if (b === undefined) r.at(f, msg('data.notBoolean', { name: f.name, value: r.quote(t) }));
  return b;
});

// --- lists and countries ------------------------------------------------------------------

/** The items of a list field: a YAML sequence, or text separated by `|`, whitespace, `,` or `;`. */
export function listItems(f: RawField, r: Reporter): RawItem[] | undefined {
  if (f.kind === 'list') {
    if (f.items.length > TEXT_LIMITS.listItems) {
      r.at(
        f,
        r.hidden === undefined
          ? msg('data.tooManyItems', {
              name: f.name,
              count: formatCount(f.items.length),
              max: formatCount(TEXT_LIMITS.listItems),
            })
          : msg('data.tooManyItemsHidden', {
              name: f.name,
              hidden: hiddenNote(r.hidden),
              max: formatCount(TEXT_LIMITS.listItems),
            }),
      );
      return undefined;
    }
    return f.items;
  }
  if (f.kind === 'refused') return undefined;
  if (f.kind === 'text') {
    if (longerThan(f.text, TEXT_LIMITS.listText)) {
      r.at(f, tooLong(f.name, f.text, TEXT_LIMITS.listText, r));
      return undefined;
    }
    return f.text
      .split(/[|\s,;]+/)
      .filter((s) => s !== '')
      .map((s) => ({ text: s, line: f.line, column: f.column }));
  }
  r.at(f, msg('data.notList', { name: f.name, what: f.what }));
  return undefined;
}

/** ISO 3166-1 alpha-2 or alpha-3 codes, any case → alpha-3 capitals, without duplicates. */
export const countries: FieldParser<string[]> = (() => {
  // a list written as text, as read before (the same few lists fill a column): a copy each time
  const known = new Map<string, readonly string[]>();
  return (f, r) => {
    if (f.kind === 'text') {
      const hit = known.get(f.text);
      if (hit !== undefined) return hit.slice();
    }
    const read = countryCodes(f, r);
    if (read === undefined || read.bad) return undefined;
    if (f.kind === 'text' && known.size < REMEMBERED) known.set(f.text, read.codes.slice());
    return read.codes;
  };
})();

/**
 * The known codes of a country list, each bad code reported; `bad` says whether there was one.
 * (event.yaml's partners keeps the good ones, so that one bad code is one problem, not also a
 * false "not in partners" for each distribution list.)
 */
export function countryCodes(f: RawField, r: Reporter): { codes: string[]; bad: boolean } | undefined {
  const items = listItems(f, r);
  if (items === undefined) return undefined;
  const codes: string[] = [];
  let bad = false;
  for (const it of items) {
    const a3 = toAlpha3(it.text);
    if (a3 === undefined) {
      bad = true;
      r.at(it, msg('data.badCountry', { name: f.name, value: r.quote(it.text) }));
    } else if (!codes.includes(a3)) codes.push(a3);
  }
  return { codes, bad };
}

/** A single country code → alpha-3. */
export function country(code: string): string | undefined {
  return toAlpha3(code);
}

// --- markings -----------------------------------------------------------------------------

const TLPS: readonly string[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

/** The few ways a data folder writes its markings, as read (every record's tlp is read twice). */
const TLP_READ = new Map<string, Tlp | undefined>();

/** `TLP:AMBER`, `amber`, `Tlp: amber+strict`, `WHITE` (= CLEAR) → canonical TLP. */
export function parseTlp(t: string): Tlp | undefined {
  const known = TLP_READ.get(t);
  if (known !== undefined || TLP_READ.has(t)) return known;
  let v = t.trim().toUpperCase().replace(/\s+/g, '');
  if (v.startsWith('TLP:')) v = v.slice(4);
  if (v === 'WHITE') v = 'CLEAR';
  const tlp = TLPS.includes(v) ? (v as Tlp) : undefined;
  if (TLP_READ.size < 256 && t.length <= 32) TLP_READ.set(t, tlp);
  return tlp;
}

export const tlp: FieldParser<Tlp> = remembered((f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  const v = parseTlp(t);
  if (v === undefined) {
    const bare = t
      .trim()
      .toUpperCase()
      .replace(/^TLP:\s*/, '');
    r.at(f, msg('data.badTlp', { name: f.name, value: r.quote(t), hint: r.hint(bare, TLPS) }));
  }
  return v;
}, 256);

export const status: FieldParser<Status> = oneOf<Status>(['validated', 'draft']);

// --- specific texts -----------------------------------------------------------------------

/** Source/information evaluation, A/B/C/X + 1–4, e.g. B2. */
export const grading: FieldParser<string> = remembered((f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  if (/^[ABCX][1-4]$/i.test(t)) return t.toUpperCase();
  r.at(f, msg('data.badGrading', { name: f.name, value: r.quote(t) }));
  return undefined;
});

export const date: FieldParser<string> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  const p = parseDate(t);
  if (!p.ok) {
    r.at(
      f,
      r.hidden === undefined ? `${f.name} ${p.message}` : msg('data.hiddenDate', { name: f.name, value: r.quote(t) }),
    );
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

/** A date and time; without an offset, local time of `zone`; `monthFirst`: `08/05/2024` is 5 August. */
export function instant(zone: string, monthFirst = false): FieldParser<Date> {
  return (f, r) => {
    if (f.kind === 'text') {
      // the usual shapes, read by hand: digits and separators only, so the text checks (length,
      // control characters) cannot fail and the value is parseLocalTime's
      const ms = fastLocalTimeMs(f.text, zone, monthFirst);
      if (ms === ms) return new Date(ms);
    }
    const t = text(f, r);
    if (t === undefined) return undefined;
    const p = parseLocalTimeByPattern(t, zone, monthFirst);
    if (!p.ok) {
      r.at(
        f,
        r.hidden === undefined
          ? `${f.name} ${p.message}`
          : msg('data.hiddenDateTime', { name: f.name, value: r.quote(t) }),
      );
      return undefined;
    }
    return p.value;
  };
}

export const email: FieldParser<string> = (f, r) => {
  const t = text(f, r);
  if (t === undefined) return undefined;
  if (isEmail(t)) return t;
  r.at(f, msg('data.badEmail', { name: f.name, value: r.quote(t) }));
  return undefined;
};

const ADDR = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
export function isEmail(t: string): boolean {
  const m = /^[^<>]*<([^<>]+)>$/.exec(t.trim());
  return ADDR.test(m ? m[1]!.trim() : t.trim());
}
