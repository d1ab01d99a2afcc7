// Time zones: the UTC offset of a named IANA zone at an instant, and the instant(s) at which its
// clocks show a wall-clock time. Nothing here depends on the machine's time zone: offsets come
// from Intl in the named zone, never from the `Date` local constructors (which resolve a time
// that happens twice, or not at all, through the machine's own zone).

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

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

/** Date.UTC that also works for years 0–99 (not used in practice, but never surprising). */
export function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
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

export type LocalResolution =
  | { kind: 'ok'; ms: number; offsetMs: number }
  | { kind: 'gap' }
  | { kind: 'overlap'; earlier: { ms: number; offsetMs: number }; later: { ms: number; offsetMs: number } };

/** Per zone, per local day (days since epoch): the offset when it is constant all day, else null. */
const dayOffsets = new Map<string, Map<number, number | null>>();

export function constantDayOffset(zone: string, localDayStart: number): number | null {
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

/**
 * The instant a wall-clock time names on a calendar day in `zone`, for a time set in advance
 * (a division's briefing time), where a record's time would be refused: once (the usual case);
 * the first of the two when the clocks go back and show it twice; and, when the clocks go
 * forward over it, the instant it would be had the clocks not changed (02:30 in a gap that
 * skips from 02:00 to 03:00 is 03:30 of the new offset). As RFC 5545 (3.3.5) and Temporal's
 * `compatible` disambiguation resolve them. `kind` says which.
 */
export function scheduledInstant(local: LocalDateTime, zone: string): { ms: number; kind: LocalResolution['kind'] } {
  const r = resolveLocal(local, zone);
  if (r.kind === 'ok') return { ms: r.ms, kind: 'ok' };
  if (r.kind === 'overlap') return { ms: r.earlier.ms, kind: 'overlap' };
  const wall = utcMs(local.year, local.month, local.day, local.hour, local.minute, local.second, local.millisecond);
  return { ms: wall - zoneOffsetMs(zone, wall - DAY), kind: 'gap' };
}
