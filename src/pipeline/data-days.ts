// Which day folders a briefing needs, and the error when its window has none.

import { DataError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { addDays } from '../window/calendar.js';

/**
 * Folders to read for briefings on `dates`: every day from the event's opening (running totals)
 * or the earliest trend day, whichever is earlier, up to two days after the latest date (the
 * outlook, and records written in another zone's calendar). Earlier folders are read too when
 * present, for the forces' latest-earlier-day fallback.
 */
export function datesToLoad(available: readonly string[], dates: readonly string[]): string[] {
  const last = addDays([...dates].sort().at(-1)!, 2);
  return available.filter((d) => d <= last);
}

/** The window of date D covers D−1 and D: at least one of them must have a folder. */
export function checkWindowDays(available: readonly string[], date: string, dataDir: string): void {
  const wanted = [addDays(date, -1), date];
  if (wanted.some((d) => available.includes(d))) return;
  const latest = available.at(-1);
  throw new DataError([
    {
      file: dataDir,
      message: latest
        ? t('brief.noDataLatest', { date, before: wanted[0]!, day: wanted[1]!, latest })
        : t('brief.noDataAtAll', { date, before: wanted[0]!, day: wanted[1]! }),
    },
  ]);
}
