// A warning of cci validate and of every run that reads the file (not an error): a record whose time is more than a day away from
// the date of the day folder it sits in. Records are selected by their own time, so such a
// record is valid, but it is most often a date misread — `08/05/2026` read as 8 May in folder
// `2026-08-05` — and then it is silently missing from the briefing its writer meant.

import type { Problem } from '../errors.js';
import { t } from '../i18n/messages.js';
import type { Assessment, Deployment, EventConfig, Incident } from '../model/types.js';
import { addDays, dateInZone, daysBetween } from '../window/calendar.js';
import { zonedInstant } from '../window/window.js';

const DAY_MS = 86_400_000;
const FOLDER = /^(\d{4}-\d{2}-\d{2})\//;

/**
 * One warning per incident, assessment or deployment dated more than a day from its folder's date
 * (event time zone); a RED record's warning names neither its id nor its date (SPEC §3: RED reaches no log).
 */
export function farFromFolderWarnings(
  records: { incidents: readonly Incident[]; assessments: readonly Assessment[]; deployments: readonly Deployment[] },
  event: EventConfig,
): Problem[] {
  const tz = event.timezone;
  const out: Problem[] = [];
  // the bounds of each file's folder, worked out once a file (every record of a run is looked at)
  const bounds = new Map<string, { folder: string; start: number; end: number } | null>();
  const boundsOf = (file: string) => {
    let b = bounds.get(file);
    if (b === undefined) {
      const folder = FOLDER.exec(file)?.[1];
      b = folder
        ? {
            folder,
            start: zonedInstant(folder, '00:00', tz).getTime() - DAY_MS,
            end: zonedInstant(addDays(folder, 1), '00:00', tz).getTime() + DAY_MS,
          }
        : null;
      bounds.set(file, b);
    }
    return b;
  };
  for (const list of [records.incidents, records.assessments]) {
    for (const r of list) {
      const b = boundsOf(r.source.file);
      if (!b) continue;
      const folder = b.folder;
      const time = r.time.getTime();
      if (time >= b.start && time < b.end) continue;
      const date = dateInZone(r.time, tz);
      out.push({
        file: r.source.file,
        // a workbook's record by its sheet and row (`file:Sheet!2:2`), as its problems are
        ...(r.source.sheet !== undefined && { sheet: r.source.sheet }),
        line: r.source.line,
        // a RED record's id and time stay out of every message (its line says which it is)
        message:
          r.tlp === 'RED'
            ? t('validate.farFromFolderRed', { folder })
            : // filed more than two days after its own date: that date's briefings do not read the folder
              folder > addDays(date, 2)
              ? t('validate.farFromFolderAfter', {
                  id: r.id,
                  date,
                  folder,
                  days: Math.abs(daysBetween(folder, date)),
                  last: addDays(date, 2),
                })
              : t('validate.farFromFolder', { id: r.id, date, folder, days: Math.abs(daysBetween(folder, date)) }),
      });
    }
  }
  // a deployment's day against its folder's day and the days either side, compared as YYYY-MM-DD text
  const days = new Map<string, { folder: string; from: string; to: string } | null>();
  for (const d of records.deployments) {
    let b = days.get(d.source.file);
    if (b === undefined) {
      const f = FOLDER.exec(d.source.file)?.[1];
      b = f ? { folder: f, from: addDays(f, -1), to: addDays(f, 1) } : null;
      days.set(d.source.file, b);
    }
    if (!b || (d.date >= b.from && d.date <= b.to)) continue;
    const folder = b.folder;
    out.push({
      file: d.source.file,
      ...(d.source.sheet !== undefined && { sheet: d.source.sheet }),
      line: d.source.line,
      message:
        d.tlp === 'RED'
          ? t('validate.farFromFolderRed', { folder })
          : t('validate.deploymentFarFromFolder', {
              date: d.date,
              folder,
              days: Math.abs(daysBetween(folder, d.date)),
            }),
    });
  }
  return sortByPlace(out);
}

/** Warnings in the order of their places: file, sheet, line. */
export function sortByPlace(warnings: Problem[]): Problem[] {
  return warnings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.sheet ?? '').localeCompare(b.sheet ?? '') || (a.line ?? 0) - (b.line ?? 0),
  );
}
