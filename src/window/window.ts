// Briefing windows. A briefing for date D ends at the division's time on D (event time zone)
// and starts at the same wall-clock time on D−1, so consecutive briefings tile exactly, across
// DST changes too (the window is then 23 or 25 hours long).

import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';
import { addDays } from './calendar.js';
import { scheduledInstant, type LocalResolution } from './zone.js';

export interface Window {
  start: Date;
  end: Date;
  /** Length in hours: 24, or 23/25 on the days clocks change. */
  hours: number;
}

/**
 * The instant of a wall-clock time (`HH:MM`) on a calendar day (`YYYY-MM-DD`) in a zone, whatever
 * the machine's zone: on the day the clocks go back and show it twice, the first; on the day
 * they go forward over it, as many minutes after the change as it is after the hour skipped
 * (zone.ts scheduledInstant).
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  return new Date(zonedTime(date, time, timeZone).ms);
}

/** zonedInstant, and whether that time is one the clocks show once (`ok`), twice (`overlap`) or not at all (`gap`) that day. */
export function zonedTime(date: string, time: string, timeZone: string): { ms: number; kind: LocalResolution['kind'] } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return scheduledInstant({ year, month, day, hour, minute, second: 0, millisecond: 0 }, timeZone);
}

export function briefingWindow(date: string, time: string, timeZone: string): Window {
  const end = zonedInstant(date, time, timeZone);
  const start = zonedInstant(addDays(date, -1), time, timeZone);
  return { start, end, hours: (end.getTime() - start.getTime()) / 3_600_000 };
}

export function inWindow(instant: Date, w: Window): boolean {
  const t = instant.getTime();
  return t >= w.start.getTime() && t < w.end.getTime();
}

const isoCache = new Map<string, Map<number, string>>();
const ISO_CACHE_LIMIT = 200_000;

/** ISO 8601 with the offset of the zone, e.g. 2024-08-05T11:30:00+02:00. */
export function isoInZone(instant: Date, timeZone: string): string {
  // The same instants are written for every audience of a run: remembered per zone.
  let zone = isoCache.get(timeZone);
  if (!zone) isoCache.set(timeZone, (zone = new Map()));
  const ms = instant.getTime();
  let iso = zone.get(ms);
  if (iso === undefined) {
    iso = formatISO(new TZDate(ms, timeZone));
    if (zone.size >= ISO_CACHE_LIMIT) zone.clear();
    zone.set(ms, iso);
  }
  return iso;
}
