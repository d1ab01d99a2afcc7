// Loads what briefings on the given dates need: the window's day folders must exist; every
// earlier folder is read for running totals, trends and the forces' fallback. Record files
// that no window of these dates can show are only counted (counting rows, src/data/tally.ts;
// deployment rows, threat levels); with a cache directory, from the tally cache instead of
// being parsed again (src/data/tally-cache.ts says what an entry keeps of each kind).

import { loadDataset, scanDataFolder, unreadDayProblems } from '../data/index.js';
import { DataError, formatPlace, formatProblem, type Problem } from '../errors.js';
import { tn } from '../i18n/messages.js';
import { NO_TALLY_CACHE } from '../data/tally-cache.js';
import { openTallyCache } from '../output/tally-cache-file.js';
import type { Dataset, EventConfig } from '../model/types.js';
import { addDays } from '../window/calendar.js';
import { checkWindowDays, datesToLoad } from './data-days.js';

export { checkWindowDays, datesToLoad } from './data-days.js';

export interface LoadBriefingOptions {
  /** Where the tally cache lives; nothing cached when undefined (every file read in full). */
  cacheDir?: string | undefined;
  /** event.yaml, when the caller has already read it (it is not read again). */
  event?: EventConfig | undefined;
  /** Where warnings go: the cache folder (made private, not usable), files and folders of the data folder not read. */
  warn?: ((message: string) => void) | undefined;
  /**
   * The late reports (src/aggregate/late-reports.ts) read the records of every window issued
   * since this day: incidents of this day on are kept as full records too, except those of the
   * files `settled` says need not be (by tally key; none without a tally cache).
   */
  late?: { fromDay: string; settled: (key: string) => boolean } | undefined;
  /** The clock (epoch ms) the cache notes the data files' identities with; Date.now when omitted. */
  now?: (() => number) | undefined;
}

export async function loadBriefingData(
  dataDir: string,
  dates: readonly string[],
  opts: LoadBriefingOptions = {},
): Promise<Dataset> {
  const scan = await scanDataFolder(dataDir);
  const available = scan.dates;
  // a day folder named but unreadable (a dangling link) is said as such, not as "no data"
  const unread = unreadDayProblems(scan, dates);
  const unreadDates = new Set(scan.unreadDays.map((d) => d.date));
  for (const date of dates) {
    if (unreadDates.has(date) || unreadDates.has(addDays(date, -1))) continue;
    try {
      checkWindowDays(available, date, dataDir);
    } catch (error) {
      if (error instanceof DataError && unread.length > 0) throw new DataError([...error.problems, ...unread]);
      throw error;
    }
  }
  const sorted = [...dates].sort();
  // A window ends on its date at the division's time and lasts about a day (23 to 25 hours):
  // it lies within the day before and the day itself, whose incidents are kept in full.
  const tally =
    sorted.length === 0
      ? undefined
      : {
          cache:
            opts.cacheDir === undefined
              ? NO_TALLY_CACHE
              : await openTallyCache(opts.cacheDir, dataDir, { warn: opts.warn, ...(opts.now && { now: opts.now }) }),
          fullDays: { from: addDays(sorted[0]!, -1), to: sorted.at(-1)! },
          ...(opts.late && { late: opts.late }),
        };
  const warnings: Problem[] = [];
  const data = await loadDataset(dataDir, {
    dates: datesToLoad(available, dates),
    scan,
    unreadDays: unread,
    ...(tally && { tally }),
    ...(opts.event && { event: opts.event }),
    ...(opts.warn && { onWarning: (w: Problem) => warnings.push(w) }),
  });
  if (opts.warn) for (const line of cappedWarnings(warnings, dataDir)) opts.warn(line);
  return data;
}

/** The warnings said of one file before the rest of them are counted (a cron log of 125,000 lines helps no one). */
const WARNINGS_PER_FILE = 10;

/**
 * The warning lines of a run: each file's first WARNINGS_PER_FILE, then one line counting the
 * others, which `cci validate` lists in full.
 */
export function cappedWarnings(warnings: readonly Problem[], dataDir: string): string[] {
  const lines: string[] = [];
  const said = new Map<string, number>();
  for (const w of warnings) {
    const n = (said.get(w.file) ?? 0) + 1;
    said.set(w.file, n);
    if (n <= WARNINGS_PER_FILE) lines.push(formatProblem(w));
  }
  for (const [file, n] of said)
    if (n > WARNINGS_PER_FILE)
      lines.push(tn('data.moreWarnings', n - WARNINGS_PER_FILE, { file: formatPlace({ file }), dir: dataDir }));
  return lines;
}
