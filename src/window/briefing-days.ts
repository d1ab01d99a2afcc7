// The dates whose briefings cover an event's days, and the event's closing briefing.
//
// A briefing of date D covers the division's time on D−1 to the same time on D (SPEC §2). The
// briefings of `opens` to `closes` therefore leave out the end of the closing day, from the
// division's time to midnight: at the reference event the Paralympics' closing ceremony (8
// September 2024, evening) was in no scheduled briefing, and a division at 00:00 lost the whole
// closing day. The briefing of `closes` + 1, the closing briefing, covers them; it is the last
// one, so its title block names no next briefing.

import { addDays } from './calendar.js';

/** The event's first and last day (YYYY-MM-DD, event time zone), as event.yaml gives them. */
export interface EventDays {
  opens: string;
  closes: string;
}

/**
 * The first and last dates (YYYY-MM-DD) of the briefings that cover the event: `opens` to the
 * day after `closes` (the closing briefing). `cci schedule` runs every division on these dates,
 * and `cci brief --within-event` does nothing on any other.
 */
export function briefingDays(event: EventDays): { first: string; last: string } {
  return { first: event.opens, last: addDays(event.closes, 1) };
}

/** The date is the closing briefing's or later: there is no next briefing of the event. */
export function isLastBriefing(event: EventDays, date: string): boolean {
  return date >= briefingDays(event).last;
}

/**
 * The dates a data folder's days can be briefed on: its day folders, and the closing briefing's
 * day when the folder of `closes` is there (its window holds the end of that day). Sorted.
 */
export function briefableDates(folderDates: readonly string[], event: EventDays): string[] {
  const { last } = briefingDays(event);
  const dates = new Set(folderDates);
  if (dates.has(event.closes)) dates.add(last);
  return [...dates].sort();
}
