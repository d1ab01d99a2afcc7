// One parser for each value a person names on the command line or in the preview's address:
// division (with its aliases), document language, date and output format (audiences:
// src/audience/parse-audience.ts). Each throws a UsageError naming the option as written
// (`--division` on the command line, `division` in the preview) and what was expected.

import { UsageError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { DOC_LANGS, type DocLang } from '../i18n/lang.js';
import type { EventConfig } from '../model/types.js';
import { parseDate } from '../data/time.js';
import { dateInZone } from '../window/calendar.js';

/**
 * Other names a person may type for a division id: English and accented spellings. An alias
 * applies only when the event has a division of that id and none named like the alias.
 */
export const DIVISION_ALIASES: Readonly<Record<string, string>> = {
  security: 'securite',
  sécurité: 'securite',
  intelligence: 'renseignement',
};

/** One division id of the event, by id (any case) or alias. */
export function parseDivision(text: string, event: EventConfig, option = '--division'): string {
  const known = event.divisions.map((d) => d.id);
  const lower = text.trim().toLowerCase();
  if (known.includes(lower)) return lower;
  const alias = Object.hasOwn(DIVISION_ALIASES, lower) ? DIVISION_ALIASES[lower]! : undefined;
  if (alias !== undefined && known.includes(alias)) return alias;
  throw new UsageError(t('config.badDivision', { option, value: text.trim(), known: known.join(', ') }));
}

/** `all`, one division, or several comma-separated; each once, in the order given. */
export function parseDivisions(text: string, event: EventConfig, option = '--division'): string[] {
  if (text.trim().toLowerCase() === 'all') return event.divisions.map((d) => d.id);
  const ids = text
    .split(',')
    .filter((s) => s.trim() !== '')
    .map((raw) => parseDivision(raw, event, option));
  if (ids.length === 0) throw new UsageError(t('config.emptyDivision', { option }));
  // Once each: the same division twice would take its own lock twice (exit 7).
  return [...new Set(ids)];
}

/** fr, en or both (the bilingual document). */
export function parseDocLang(text: string, option = '--lang'): DocLang {
  const lower = text.trim().toLowerCase();
  const lang = DOC_LANGS.find((l) => l === lower);
  if (!lang) throw new UsageError(t('config.badLang', { option, value: text.trim() }));
  return lang;
}

/** Comma-separated languages; absent: the bilingual document alone. */
export function parseDocLangs(text: string | undefined, option = '--lang'): DocLang[] {
  if (text === undefined) return ['both'];
  const langs = text.split(',').map((l) => parseDocLang(l, option));
  return [...new Set(langs)];
}

/** A calendar date YYYY-MM-DD; absent: today in the event's time zone. */
export function parseBriefingDate(text: string | undefined, event: EventConfig, now: Date, option = '--date'): string {
  if (text === undefined) return dateInZone(now, event.timezone);
  return parseDateOption(text, option);
}

/** A calendar date YYYY-MM-DD as written (no event needed: `cci history` without --data). */
export function parseDateOption(text: string, option = '--date'): string {
  const read = parseDate(text.trim());
  if (!read.ok) throw new UsageError(t('config.badDate', { option, value: text }));
  return read.value;
}

/** The briefing (html, pdf), its model (json), and the exchange formats (src/export): a STIX 2.1 bundle, figure tables. */
export type Format = 'html' | 'pdf' | 'json' | 'stix' | 'csv';
const FORMATS: readonly Format[] = ['html', 'pdf', 'json', 'stix', 'csv'];

/** Comma-separated output formats; absent: html and pdf. */
export function parseFormats(text: string | undefined, option = '--format'): Format[] {
  const formats = (text ?? 'html,pdf')
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  for (const f of formats) {
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(t('config.badFormat', { option, value: f }));
  }
  if (formats.length === 0) throw new UsageError(t('config.emptyFormat', { option }));
  return [...new Set(formats)] as Format[];
}
