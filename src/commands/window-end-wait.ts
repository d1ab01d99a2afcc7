// A scheduled run never briefs a window that has not ended. cron starts a job whose time the
// clocks skip (02:30 on a spring-forward night) right after the change, at 03:00 (cronie: "run
// soon after the change"), but that briefing's window ends at 03:30 (window/zone.ts: a skipped
// time ends the same minutes after the change); and a timer may fire a moment early. The run
// waits for the end instead of briefing a window still open, whose last records it would miss.

import { t } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';
import { addDays, dateInZone } from '../window/calendar.js';
import { isoInZone, zonedTime } from '../window/window.js';

/** A timer firing early: waited for without a clock change (ms). */
export const EARLY_TOLERANCE_MS = 5 * 60_000;
/** The most a clock change moves a time (2 hours, double summer time), and a margin (ms). */
export const CLOCK_CHANGE_MS = 3 * 3_600_000;

/**
 * How long (ms) a scheduled run of `divisions` on `date` must wait for their windows to end, at
 * `now`: 0 when they have ended, or when the end is further away than a timer firing early or a
 * clock change explains (a run by hand, ahead of time: built as asked, as before).
 */
export function windowEndWait(
  event: Pick<EventConfig, 'timezone' | 'divisions'>,
  divisions: readonly string[],
  date: string,
  now: Date,
): { ms: number; end: Date } {
  let wait = { ms: 0, end: now };
  // the clocks have changed only on the briefing's own day: a run the evening before a change at
  // midnight (Havana, Santiago) is not one that cron started late
  const onTheDay = dateInZone(now, event.timezone) === date;
  for (const id of divisions) {
    const time = event.divisions.find((x) => x.id === id)?.time;
    if (time === undefined) continue;
    const end = zonedTime(date, time, event.timezone);
    const ms = end.ms - now.getTime();
    const limit = end.kind === 'gap' && onTheDay ? CLOCK_CHANGE_MS : EARLY_TOLERANCE_MS;
    if (ms > 0 && ms <= limit && ms > wait.ms) wait = { ms, end: new Date(end.ms) };
  }
  return wait;
}

/** A run whose briefing of today ends further ahead than this (ms) is late for yesterday's (half a day). */
export const LATE_START_MS = 12 * 3_600_000;

/**
 * The date a scheduled run without --date briefs: today's (in the event's zone); tomorrow's
 * when a window of its divisions ends tomorrow within what windowEndWait waits for (a timer a
 * moment early for a division at 00:00 fires before midnight, on the day before); yesterday's
 * when every window of its divisions ended yesterday and today's ends more than half a day
 * ahead (cron starting a division at 23:59 a minute late, after midnight: today's window has
 * hardly begun).
 */
export function scheduledDate(
  event: Pick<EventConfig, 'timezone' | 'divisions'>,
  divisions: readonly string[],
  today: string,
  now: Date,
): string {
  const tomorrow = addDays(today, 1);
  // only when every division of the run is that early: one date serves them all, and a division
  // at 11:30 must not be briefed a day ahead because another is at 00:00
  const early = divisions.every((id) => windowEndWait(event, [id], tomorrow, now).ms > 0);
  if (divisions.length > 0 && early) return tomorrow;
  const yesterday = addDays(today, -1);
  const late = divisions.every((id) => {
    const time = event.divisions.find((x) => x.id === id)?.time;
    if (time === undefined) return false;
    const ended = zonedTime(yesterday, time, event.timezone).ms <= now.getTime();
    return ended && zonedTime(today, time, event.timezone).ms - now.getTime() > LATE_START_MS;
  });
  return divisions.length > 0 && late ? yesterday : today;
}

/** Waits as windowEndWait says, saying so first (the window's end in the event's zone). */
export async function waitForWindowEnd(
  event: Pick<EventConfig, 'timezone' | 'divisions'>,
  divisions: readonly string[],
  date: string,
  io: { now(): Date; info(message: string): void; sleep?: (ms: number) => Promise<void> },
): Promise<void> {
  const { ms, end } = windowEndWait(event, divisions, date, io.now());
  if (ms <= 0) return;
  const at = isoInZone(end, event.timezone).slice(11, 16);
  const seconds = Math.ceil(ms / 1000);
  const wait =
    seconds < 120 ? t('brief.waitSeconds', { n: seconds }) : t('brief.waitMinutes', { n: Math.ceil(seconds / 60) });
  io.info(t('brief.waitingForWindowEnd', { at, wait }));
  await (io.sleep ?? ((n: number) => new Promise<void>((resolve) => setTimeout(resolve, n))))(ms);
}
