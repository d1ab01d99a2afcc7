// A preview's view, read from the query string: which briefing (division, date, audience) in
// which language. Every value is checked against the event; a bad one is a 400 with a message.

import { audienceId, type Audience } from '../audience/audience.js';
import { parseAudience } from '../audience/parse-audience.js';
import { CciError } from '../errors.js';
import { DOC_LANGS, type DocLang } from '../i18n/lang.js';
import { t } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';
import { parseDate } from '../data/time.js';


export interface PreviewView {
  division: string;
  date: string; // YYYY-MM-DD
  audience: Audience;
  lang: DocLang;
}

/** A query value the preview cannot show. */
export class QueryError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

const DIVISION_ALIASES: Record<string, string> = { security: 'securite', intelligence: 'renseignement' };
const KNOWN_PARAMS = ['division', 'date', 'audience', 'lang'];

export interface ViewDefaults {
  /** The date shown when the query names none: the latest the data holds, or today. */
  date: string;
}

/** Reads a view; a missing value takes its default (first division, default date, partners, both). */
export function parseView(params: URLSearchParams, event: EventConfig, defaults: ViewDefaults): PreviewView {
  for (const name of KNOWN_PARAMS) {
    if (params.getAll(name).length > 1) throw new QueryError(t('preview.query.repeated', { name }));
  }
  const get = (name: string) => {
    const v = params.get(name)?.trim();
    return v === undefined || v === '' ? undefined : v;
  };

  const known = event.divisions.map((d) => d.id);
  const rawDivision = get('division');
  let division = known[0];
  if (rawDivision !== undefined) {
    const lower = rawDivision.toLowerCase();
    const id = Object.hasOwn(DIVISION_ALIASES, lower) ? DIVISION_ALIASES[lower] : lower;
    division = known.find((k) => k === id);
    if (!division) throw new QueryError(t('preview.query.badDivision', { value: rawDivision, known: known.join(', ') }));
  }
  if (!division) throw new QueryError(t('preview.query.noDivision'));

  const rawDate = get('date') ?? defaults.date;
  const read = parseDate(rawDate);
  if (!read.ok) throw new QueryError(t('preview.query.badDate', { value: rawDate }));
  const date = read.value;

  const rawAudience = get('audience') ?? 'partners';
  let audiences: Audience[];
  try {
    audiences = parseAudience(rawAudience, event.partners);
  } catch (error) {
    if (error instanceof CciError) throw new QueryError(error.message.replace(/^--audience /, 'audience '));
    throw error;
  }
  const audience = audiences[0];
  if (audiences.length !== 1 || !audience) {
    throw new QueryError(t('preview.query.severalAudiences', { value: rawAudience, example: `country:${event.partners[0] ?? 'DEU'}` }));
  }

  const rawLang = (get('lang') ?? 'both').toLowerCase();
  const lang = DOC_LANGS.find((l) => l === rawLang);
  if (!lang) throw new QueryError(t('preview.query.badLang', { value: rawLang }));

  return { division, date, audience, lang };
}

/** The query string of a view, e.g. `division=securite&date=2024-08-05&audience=partners&lang=both`. */
export function viewQuery(view: PreviewView, change: Partial<PreviewView> = {}): string {
  const v = { ...view, ...change };
  return new URLSearchParams({
    division: v.division,
    date: v.date,
    audience: audienceId(v.audience),
    lang: v.lang,
  }).toString();
}
