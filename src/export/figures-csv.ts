// A briefing's figures as one tidy CSV table (one row per figure), for spreadsheets and other
// tools: the key figures, incidents by category, by area, incidents involving foreign nationals
// by country, and the 7-day trend. Built from one document's model alone, so it holds only
// figures computed from what that document's audience may see, and carries its marking. A table
// is there when the document shows it: the key figures its division has (model.keyFigures:
// incidents, Games impact, arrests and custody when it covers incidents, forces when
// deployments), and the other tables when its division has their section (by_category or
// intelligence_incidents, by_area or map, nationals, trend).
//
// Columns (RFC 4180, UTF-8 with a byte-order mark so that Excel reads the accents, CRLF):
//   table         key_figures | by_category | by_area | nationals_by_country | trend
//   key           what the row counts: incidents, games_impact, arrests, custody, forces; a
//                 category id; an area code; an ISO 3166-1 alpha-3 code; a trend day
//   label_fr      the key's name in French (empty when it has none)
//   label_en      the key's name in English
//   measure       incidents | games_impact | arrests | custody | forces
//   period        window | previous_window | since_opening | figures_day | previous_day
//   value         a whole number ≥ 0
//   window_start  the period's start, ISO 8601 with the event's offset
//   window_end    its end (excluded)
//   marking       the document's marking (TLP:AMBER ...), the most restrictive of what it holds
//
// Text cells beginning with =, +, -, @, tab or carriage return are written with a leading
// apostrophe, so that no spreadsheet runs them as formulas (OWASP, "CSV injection").

import type { BriefingModel } from '../aggregate/model.js';
import type { Bilingual } from '../model/types.js';
import { message } from '../i18n/document-messages.js';
import { eventWord } from '../i18n/event-words.js';
import { addDays } from '../window/calendar.js';
import { briefingWindow, isoInZone, zonedInstant } from '../window/window.js';

export const FIGURE_COLUMNS = [
  'table',
  'key',
  'label_fr',
  'label_en',
  'measure',
  'period',
  'value',
  'window_start',
  'window_end',
  'marking',
] as const;

export interface FigureRow {
  table: 'key_figures' | 'by_category' | 'by_area' | 'nationals_by_country' | 'trend';
  key: string;
  label: Bilingual;
  measure: 'incidents' | 'games_impact' | 'arrests' | 'custody' | 'forces';
  period: 'window' | 'previous_window' | 'since_opening' | 'figures_day' | 'previous_day';
  value: number;
  windowStart: string;
  windowEnd: string;
}

/** The figure rows of a document, in table order. */
export function figureRows(model: BriefingModel): FigureRow[] {
  const label = (k: string): Bilingual => ({
    fr: eventWord(model.words, 'fr', `figures.${k}`) ?? message('fr', `figures.${k}`),
    en: eventWord(model.words, 'en', `figures.${k}`) ?? message('en', `figures.${k}`),
  });
  const labels = {
    figures: {
      incidents: label('incidents'),
      gamesImpact: label('gamesImpact'),
      arrests: label('arrests'),
      custody: label('custody'),
      forces: label('forces'),
    },
  };
  const rows: FigureRow[] = [];
  const tz = model.event.timezone;
  const w = model.window;
  const pw = model.previousWindow;
  const opens = addDays(model.date, -(model.serial - 1));
  const sinceOpening = isoInZone(zonedInstant(opens, '00:00', tz), tz);
  const day = (date: string) => ({
    start: isoInZone(zonedInstant(date, '00:00', tz), tz),
    end: isoInZone(zonedInstant(addDays(date, 1), '00:00', tz), tz),
  });

  const keys = new Set(model.keyFigures);
  const key = (measure: 'incidents' | 'gamesImpact' | 'arrests' | 'custody', name: FigureRow['measure']) => {
    if (!keys.has(measure)) return;
    rows.push({
      table: 'key_figures',
      key: name,
      label: labels.figures[measure],
      measure: name,
      period: 'window',
      value: model.figures[measure],
      windowStart: w.start,
      windowEnd: w.end,
    });
    rows.push({
      table: 'key_figures',
      key: name,
      label: labels.figures[measure],
      measure: name,
      period: 'previous_window',
      value: model.previous[measure],
      windowStart: pw.start,
      windowEnd: pw.end,
    });
    rows.push({
      table: 'key_figures',
      key: name,
      label: labels.figures[measure],
      measure: name,
      period: 'since_opening',
      value: model.cumulative[measure],
      windowStart: sinceOpening,
      windowEnd: w.end,
    });
  };
  key('incidents', 'incidents');
  key('gamesImpact', 'games_impact');
  key('arrests', 'arrests');
  key('custody', 'custody');
  const f = model.forces;
  if (keys.has('forces') && f?.date !== undefined) {
    const d = day(f.date);
    rows.push({
      table: 'key_figures',
      key: 'forces',
      label: labels.figures.forces,
      measure: 'forces',
      period: 'figures_day',
      value: f.total,
      windowStart: d.start,
      windowEnd: d.end,
    });
    if (f.previousTotal !== undefined && f.previousDate !== undefined) {
      const p = day(f.previousDate);
      rows.push({
        table: 'key_figures',
        key: 'forces',
        label: labels.figures.forces,
        measure: 'forces',
        period: 'previous_day',
        value: f.previousTotal,
        windowStart: p.start,
        windowEnd: p.end,
      });
    }
  }
  for (const c of model.byCategory ?? []) {
    rows.push({
      table: 'by_category',
      key: c.key,
      label: c.label,
      measure: 'incidents',
      period: 'window',
      value: c.count,
      windowStart: w.start,
      windowEnd: w.end,
    });
  }
  for (const a of model.byArea ?? []) {
    rows.push({
      table: 'by_area',
      key: a.key,
      label: a.label,
      measure: 'incidents',
      period: 'window',
      value: a.count,
      windowStart: w.start,
      windowEnd: w.end,
    });
  }
  for (const c of model.foreignNationals ?? []) {
    for (const [measure, value] of [
      ['incidents', c.count],
      ['arrests', c.arrests],
      ['custody', c.custody],
    ] as const) {
      rows.push({
        table: 'nationals_by_country',
        key: c.country,
        label: c.name,
        measure,
        period: 'window',
        value,
        windowStart: w.start,
        windowEnd: w.end,
      });
    }
  }
  // A trend day without figures (before the opening, or no data folder) has no row: it is not a zero.
  for (const p of (model.trend ?? []).filter((t) => t.applicable)) {
    const tw = briefingWindow(p.date, model.divisionTime, tz);
    const start = isoInZone(tw.start, tz);
    const end = isoInZone(tw.end, tz);
    for (const [measure, value] of [
      ['incidents', p.incidents],
      ['arrests', p.arrests],
      ['custody', p.custody],
    ] as const) {
      rows.push({
        table: 'trend',
        key: p.date,
        label: {},
        measure,
        period: 'window',
        value,
        windowStart: start,
        windowEnd: end,
      });
    }
  }
  return rows;
}

/**
 * A text cell as a spreadsheet must not run it: a leading =, +, -, @, tab or carriage return
 * gets an apostrophe before it (OWASP); then RFC 4180 quoting where needed.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The document's figures as CSV text (byte-order mark, header row, CRLF line ends). */
export function figuresCsv(model: BriefingModel): string {
  const lines = [FIGURE_COLUMNS.join(',')];
  for (const r of figureRows(model)) {
    lines.push(
      [
        r.table,
        r.key,
        r.label.fr ?? '',
        r.label.en ?? '',
        r.measure,
        r.period,
        r.value,
        r.windowStart,
        r.windowEnd,
        model.marking,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
