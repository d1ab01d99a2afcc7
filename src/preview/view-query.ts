// A preview's view, read from the query string: which briefing (division, date, audience) in
// which language. Every value is checked against the event; a bad one is a 400 with a message.

import { audienceId, type Audience } from '../audience/audience.js';
import { parseAudience } from '../audience/parse-audience.js';
import { parseBriefingDate, parseDivision, parseDocLang } from '../config/options.js';
import { UsageError } from '../errors.js';
import type { DocLang } from '../i18n/lang.js';
import { t } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';

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

const KNOWN_PARAMS = ['division', 'date', 'audience', 'lang'];

export interface ViewDefaults {
  /** The date shown when the query names none: the latest the data holds, or today. */
  date: string;
}

/**
 * Reads a view with the command line's own parsers (src/config/options.ts); a missing value
 * takes its default (first division, default date, partners, both).
 */
export function parseView(params: URLSearchParams, event: EventConfig, defaults: ViewDefaults): PreviewView {
  for (const name of KNOWN_PARAMS) {
    if (params.getAll(name).length > 1) throw new QueryError(t('preview.query.repeated', { name }));
  }
  const get = (name: string) => {
    const v = params.get(name)?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  try {
    const rawDivision = get('division');
    const first = event.divisions[0]?.id;
    if (rawDivision === undefined && first === undefined) throw new QueryError(t('preview.query.noDivision'));
    const division = rawDivision === undefined ? first! : parseDivision(rawDivision, event, 'division');
    const date = parseBriefingDate(get('date') ?? defaults.date, event, new Date(0), 'date');
    const rawAudience = get('audience') ?? 'partners';
    const audiences = parseAudience(rawAudience, event.partners, 'audience');
    const audience = audiences[0];
    if (audiences.length !== 1 || !audience) {
      throw new QueryError(
        t('preview.query.severalAudiences', { value: rawAudience, example: `country:${event.partners[0] ?? 'DEU'}` }),
      );
    }
    const lang = parseDocLang(get('lang') ?? 'both', 'lang');
    return { division, date, audience, lang };
  } catch (error) {
    if (error instanceof UsageError) throw new QueryError(error.message);
    throw error;
  }
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
