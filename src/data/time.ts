// Dates, clock times and instants. Nothing here depends on the machine's time zone: local
// wall-clock times are converted with Intl in the named IANA zone, never with the `Date`
// local constructors or `Date.parse` on offset-less text.

import { t as msg } from '../i18n/messages.js';
import { excerpt } from './excerpt.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Time zones

const formatters = new Map<string, Intl.DateTimeFormat>();
const validZones = new Map<string, boolean>();

/** True for an IANA time zone name the runtime knows (e.g. Europe/Paris, Pacific/Tahiti, UTC). */
export function isValidTimeZone(zone: string): boolean {
  let ok = validZones.get(zone);
  if (ok === undefined) {
    // Names only: offsets such as "+02:00" are not zones with rules.
    ok = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone);
    if (ok) {
      try {
        formatter(zone);
      } catch {
        ok = false;
      }
    }
    validZones.set(zone, ok);
  }
  return ok;
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The UTC offset of `zone` at the instant `ms`, in milliseconds (east positive). */
export function zoneOffsetMs(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  let y = 0,
    mo = 0,
    d = 0,
    h = 0,
    mi = 0,
    s = 0;
  for (const p of formatter(zone).formatToParts(new Date(whole))) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value);
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
      default:
        break;
    }
  }
  return utcMs(y, mo, d, h, mi, s, 0) - whole;
}

/** `+02:00`, `-10:00`, `+05:45`. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const mins = Math.round(Math.abs(offsetMs) / MINUTE);
  return `${sign}${pad2(Math.floor(mins / 60))}:${pad2(mins % 60)}`;
}

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

/** Date.UTC that also works for years 0–99 (not used in practice, but never surprising). */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (y >= 0 && y < 100) {
    const dt = new Date(t);
    dt.setUTCFullYear(y);
    return dt.getTime();
  }
  return t;
}

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
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

export type LocalResolution =
  | { kind: 'ok'; ms: number; offsetMs: number }
  | { kind: 'gap' }
  | { kind: 'overlap'; earlier: { ms: number; offsetMs: number }; later: { ms: number; offsetMs: number } };

/** Per zone, per local day (days since epoch): the offset when it is constant all day, else null. */
const dayOffsets = new Map<string, Map<number, number | null>>();

function constantDayOffset(zone: string, localDayStart: number): number | null {
  let byDay = dayOffsets.get(zone);
  if (!byDay) {
    byDay = new Map();
    dayOffsets.set(zone, byDay);
  }
  const key = localDayStart / DAY;
  let v = byDay.get(key);
  if (v === undefined) {
    // Every instant whose local date is this day lies within [start − 14 h, start + 36 h].
    const a = zoneOffsetMs(zone, localDayStart - 15 * HOUR);
    const b = zoneOffsetMs(zone, localDayStart + 12 * HOUR);
    const c = zoneOffsetMs(zone, localDayStart + 37 * HOUR);
    v = a === b && b === c ? a : null;
    byDay.set(key, v);
  }
  return v;
}

/**
 * The instant(s) at which the clocks of `zone` show `local`: one, none (spring-forward gap)
 * or two (autumn overlap). Never guesses.
 */
export function resolveLocal(local: LocalDateTime, zone: string): LocalResolution {
  const wall = utcMs(local.year, local.month, local.day, local.hour, local.minute, local.second, local.millisecond);
  const dayStart = utcMs(local.year, local.month, local.day, 0, 0, 0, 0);
  const constant = constantDayOffset(zone, dayStart);
  if (constant !== null) return { kind: 'ok', ms: wall - constant, offsetMs: constant };
  // A transition happens around this day: try each offset in force a day either side.
  const candidates = new Set([zoneOffsetMs(zone, wall - DAY), zoneOffsetMs(zone, wall + DAY)]);
  const found: { ms: number; offsetMs: number }[] = [];
  for (const off of candidates) {
    const ms = wall - off;
    if (zoneOffsetMs(zone, ms) === off) found.push({ ms, offsetMs: off });
  }
  found.sort((x, y) => x.ms - y.ms);
  if (found.length === 0) return { kind: 'gap' };
  if (found.length === 1) return { kind: 'ok', ms: found[0]!.ms, offsetMs: found[0]!.offsetMs };
  return { kind: 'overlap', earlier: found[0]!, later: found[found.length - 1]! };
}

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
export function fastLocalTimeMs(t: string, zone: string): number {
  const n = t.length;
  if (n < 16 || n > 25) return NaN;
  let y: number, mo: number, d: number, h: number, mi: number;
  let s = 0;
  let offMs = NaN; // NaN: no offset written
  const c2 = t.charCodeAt(2);
  if (c2 === 47 /* / */) {
    // DD/MM/YYYY HH:MM[:SS]
    if (t.charCodeAt(5) !== 47) return NaN;
    const sep = t.charCodeAt(10);
    if (sep !== 32 && sep !== 84 /* T */) return NaN;
    const hm = t.charCodeAt(13);
    if (hm !== 58 && hm !== 104 && hm !== 72) return NaN;
    d = two(t, 0);
    mo = two(t, 3);
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
export function parseLocalTime(text: string, zone: string): Parsed<Date> {
  const ms = fastLocalTimeMs(text, zone);
  if (ms === ms) return { ok: true, value: new Date(ms) };
  return parseLocalTimeByPattern(text, zone);
}

/** parseLocalTime with the full patterns only (the reference for fastLocalTimeMs). */
export function parseLocalTimeByPattern(text: string, zone: string): Parsed<Date> {
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
      month: Number(m[2]),
      day: Number(m[1]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: m[6] ? Number(m[6]) : 0,
      millisecond: 0,
    };
  } else {
    return { ok: false, message: msg('data.time.notDateTime', { text: excerpt(text) }) };
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
