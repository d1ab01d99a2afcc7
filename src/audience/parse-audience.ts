// Reading --audience: partners | national | country:XXX | country:all.

import { toAlpha3 } from '../data/countries.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/messages.js';
import type { Audience } from './audience.js';

/**
 * One audience, `country:all` (every partner), or several of them comma-separated
 * (`partners,national,country:all`): the documents of one run, printed with one browser.
 * `partners`: the event's (event.yaml partners); null when the event is not known (a register
 * read without its data folder): any ISO 3166-1 country is then accepted and `country:all`
 * refused. Throws UsageError naming `option`.
 */
export function parseAudience(text: string, partners: readonly string[] | null, option = '--audience'): Audience[] {
  const seen = new Set<string>();
  const out: Audience[] = [];
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    for (const a of parseOneAudience(part, partners, option)) {
      const key = a.kind === 'country' ? a.country : a.kind;
      if (!seen.has(key)) out.push(a);
      seen.add(key);
    }
  }
  if (out.length === 0) throw new UsageError(t('audience.empty', { option }));
  return out;
}

function parseOneAudience(text: string, partners: readonly string[] | null, option: string): Audience[] {
  const value = text.trim();
  const lower = value.toLowerCase();
  if (lower === 'partners' || lower === 'partenaires') return [{ kind: 'partners' }];
  if (lower === 'national') return [{ kind: 'national' }];
  const m = /^(?:country|pays):(.+)$/i.exec(value);
  if (m) {
    const code = m[1]!.trim();
    if (code.toLowerCase() === 'all') {
      if (partners === null) throw new UsageError(t('audience.partnersUnknown', { option }));
      if (partners.length === 0) throw new UsageError(t('audience.noPartners', { option }));
      return partners.map((country) => ({ kind: 'country', country }));
    }
    const alpha3 = toAlpha3(code);
    if (!alpha3) {
      throw new UsageError(t('audience.badCountry', { option, value, code }));
    }
    if (partners !== null && !partners.includes(alpha3)) {
      throw new UsageError(t('audience.notPartner', { option, value, country: alpha3, partners: partners.join(', ') }));
    }
    return [{ kind: 'country', country: alpha3 }];
  }
  throw new UsageError(t('audience.unknown', { option, value }));
}
