// Dates, clock times and instants. Nothing here depends on the machine's time zone: local
// wall-clock times are converted with Intl in the named IANA zone, never with the `Date`
// local constructors or `Date.parse` on offset-less text.

import { t as msg } from '../i18n/messages.js';
import { excerpt } from './excerpt.js';
import {
  constantDayOffset,
  formatOffset,
  HOUR,
  MINUTE,
  resolveLocal,
  utcMs,
  type LocalDateTime,
} from '../window/zone.js';

// the zone arithmetic lives in window/zone.ts (windows need it too); said here as before
export {
  formatOffset,
  isValidTimeZone,
  resolveLocal,
  zoneOffsetMs,
  type LocalDateTime,
  type LocalResolution,
} from '../window/zone.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (pure, proleptic Gregorian)

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

function checkDate(y: number, m: number, d: number): string | undefined {
  // years before 1000 are mistakes, and the calendar's libraries read them differently
  if (y < 1000) return msg('data.time.yearTooEarly', { year: y });
  if (m < 1 || m > 12) return msg('data.time.noMonth', { month: m });
  if (d < 1 || d > daysInMonth(y, m)) return msg('data.time.noDay', { day: d, month: `${y}-${pad2(m)}` });
  return undefined;
}

function checkClock(h: number, mi: number, s: number): string | undefined {
  if (h > 23) return msg('data.time.noHour', { hour: h });
  if (mi > 59) return msg('data.time.noMinute', { minute: mi });
  if (s > 59) return msg('data.time.noSecond', { second: s });
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Dates and clock times

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD; returns it unchanged when valid. */
export function parseDate(text: string): Parsed<string> {
  const t = text.trim();
  const m = DATE_RE.exec(t);
  if (!m) return { ok: false, message: msg('data.time.notDate', { text: excerpt(text) }) };
  const bad = checkDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (bad) return { ok: false, message: msg('data.time.notRealDate', { text: excerpt(text), why: bad }) };
  return { ok: true, value: t };
}

/** True for a real YYYY-MM-DD date. */
export function isDateString(text: string): boolean {
  return parseDate(text).ok;
}

/** A clock time HH:MM (H:MM accepted), returned as HH:MM. */
export function parseClock(text: string): Parsed<string> {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return { ok: false, message: msg('data.time.notClock', { text: excerpt(text) }) };
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const bad = checkClock(h, mi, 0);
  if (bad) return { ok: false, message: msg('data.time.notRealClock', { text: excerpt(text), why: bad }) };
  return { ok: true, value: `${pad2(h)}:${pad2(mi)}` };
}

// ---------------------------------------------------------------------------------------------
// Local wall-clock time → instant

// ---------------------------------------------------------------------------------------------
// Text → instant

// 2024-08-05T14:10, 2024-08-05 14:10:00, 2024-08-05T14:10:00.5+02:00, ...Z
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// 05/08/2024 14:10, 5/8/2024 14h10, 05/08/2024 14:10:30
const FR_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+|T)(\d{1,2})[:hH](\d{2})(?::(\d{2}))?$/;

function describeLocal(l: LocalDateTime): string {
  return `${l.year}-${pad2(l.month)}-${pad2(l.day)} ${pad2(l.hour)}:${pad2(l.minute)}${l.second ? `:${pad2(l.second)}` : ''}`;
}

/** The digit at `i` of `t` as a number, or NaN when it is not an ASCII digit (\d without the u flag). */
function digit(t: string, i: number): number {
  const c = t.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** Two ASCII digits at `i` as a number, NaN otherwise. */
function two(t: string, i: number): number {
  return digit(t, i) * 10 + digit(t, i + 1);
}

/**
 * The instant (ms since the epoch) of the commonest ways a date and time is written, read
 * without a regular expression or an intermediate object: `2024-08-05T14:10`, with a space for
 * `T`, `:SS` seconds, a `Z` or `±HH:MM` offset; `05/08/2024 14:10` (or `14h10`, `:SS`).
 * NaN for anything else, and for a text of those shapes that is not a real date and time, or
 * falls on a day with a clock change in `zone`: parseLocalTime then reads it with the full
 * patterns and says what is wrong. Where it is not NaN, it is exactly parseLocalTime's value
 * (test/data/time.test.ts compares the two).
 */
export function fastLocalTimeMs(t: string, zone: string, monthFirst = false): number {
  const n = t.length;
  if (n < 16 || n > 25) return NaN;
  let y: number, mo: number, d: number, h: number, mi: number;
  let s = 0;
  let offMs = NaN; // NaN: no offset written
  const c2 = t.charCodeAt(2);
  if (c2 === 47 /* / */) {
    // DD/MM/YYYY HH:MM[:SS] (MM/DD/YYYY month first)
    if (t.charCodeAt(5) !== 47) return NaN;
    const sep = t.charCodeAt(10);
    if (sep !== 32 && sep !== 84 /* T */) return NaN;
    const hm = t.charCodeAt(13);
    if (hm !== 58 && hm !== 104 && hm !== 72) return NaN;
    d = two(t, monthFirst ? 3 : 0);
    mo = two(t, monthFirst ? 0 : 3);
    y = two(t, 6) * 100 + two(t, 8);
    h = two(t, 11);
    mi = two(t, 14);
    if (n === 19) {
      if (t.charCodeAt(16) !== 58) return NaN;
      s = two(t, 17);
    } else if (n !== 16) return NaN;
  } else {
    // YYYY-MM-DD[T ]HH:MM[:SS][Z|±HH:MM]
    if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(13) !== 58) return NaN;
    const sep = t.charCodeAt(10);
    if (sep !== 32 && sep !== 84 /* T */) return NaN;
    y = two(t, 0) * 100 + two(t, 2);
    mo = two(t, 5);
    d = two(t, 8);
    h = two(t, 11);
    mi = two(t, 14);
    let i = 16;
    if (i < n && t.charCodeAt(i) === 58) {
      s = two(t, 17);
      i = 19;
    }
    if (i < n) {
      const o = t.charCodeAt(i);
      if (o === 90 /* Z */ && i + 1 === n) offMs = 0;
      else if ((o === 43 || o === 45) && i + 6 === n && t.charCodeAt(i + 3) === 58) {
        const oh = two(t, i + 1);
        const om = two(t, i + 4);
        if (!(oh <= 14 && om <= 59)) return NaN; // NaN digits too
        offMs = (o === 45 ? -1 : 1) * (oh * HOUR + om * MINUTE);
      } else return NaN;
    }
  }
  // NaN (a character that is not a digit) fails every comparison below
  if (!(y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && h <= 23 && mi <= 59 && s <= 59)) return NaN;
  if (d > 28 && d > daysInMonth(y, mo)) return NaN;
  const dayStart = Date.UTC(y, mo - 1, d);
  const wall = dayStart + h * HOUR + mi * MINUTE + s * 1000;
  if (offMs === offMs) return wall - offMs;
  const constant = constantDayOffset(zone, dayStart);
  return constant === null ? NaN : wall - constant;
}

/**
 * Reads a date and time. With an offset (`+02:00`, `Z`) it is taken as written; without one
 * it is the wall-clock time of `zone`. A time that does not exist or exists twice in `zone`
 * is refused with a message saying why.
 */
export function parseLocalTime(text: string, zone: string, monthFirst = false): Parsed<Date> {
  const ms = fastLocalTimeMs(text, zone, monthFirst);
  if (ms === ms) return { ok: true, value: new Date(ms) };
  return parseLocalTimeByPattern(text, zone, monthFirst);
}

/** parseLocalTime with the full patterns only (the reference for fastLocalTimeMs). */
export function parseLocalTimeByPattern(text: string, zone: string, monthFirst = false): Parsed<Date> {
  const t = text.trim();
  let local: LocalDateTime;
  let offset: string | undefined;
  let m = ISO_RE.exec(t);
  if (m) {
    local = {
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: m[6] ? Number(m[6]) : 0,
      millisecond: m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0,
    };
    offset = m[8];
  } else if ((m = FR_RE.exec(t))) {
    local = {
      year: Number(m[3]),
      month: Number(monthFirst ? m[1] : m[2]),
      day: Number(monthFirst ? m[2] : m[1]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: m[6] ? Number(m[6]) : 0,
      millisecond: 0,
    };
  } else {
    return {
      ok: false,
      message: msg(monthFirst ? 'data.time.notDateTimeMonthFirst' : 'data.time.notDateTime', { text: excerpt(text) }),
    };
  }
  const bad = checkDate(local.year, local.month, local.day) ?? checkClock(local.hour, local.minute, local.second);
  if (bad) return { ok: false, message: msg('data.time.notRealDateTime', { text: excerpt(text), why: bad }) };

  if (offset !== undefined) {
    let offMs = 0;
    if (offset.toUpperCase() !== 'Z') {
      const digits = offset.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (oh > 14 || om > 59)
        return { ok: false, message: msg('data.time.badOffset', { text: excerpt(text), offset }) };
      offMs = (offset[0] === '-' ? -1 : 1) * (oh * HOUR + om * MINUTE);
    }
    const wall = utcMs(local.year, local.month, local.day, local.hour, local.minute, local.second, local.millisecond);
    return { ok: true, value: new Date(wall - offMs) };
  }

  const r = resolveLocal(local, zone);
  if (r.kind === 'ok') return { ok: true, value: new Date(r.ms) };
  const shown = describeLocal(local);
  if (r.kind === 'gap') {
    return {
      ok: false,
      message: msg('data.time.gap', { time: shown, zone }),
    };
  }
  const iso = `${local.year}-${pad2(local.month)}-${pad2(local.day)}T${pad2(local.hour)}:${pad2(local.minute)}`;
  return {
    ok: false,
    message: msg('data.time.overlap', {
      time: shown,
      zone,
      first: `${iso}${formatOffset(r.earlier.offsetMs)}`,
      second: `${iso}${formatOffset(r.later.offsetMs)}`,
    }),
  };
}
