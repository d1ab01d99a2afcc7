// Who receives a document: distribution.<division>.<partners|national> of event.yaml, or for a
// country audience distribution.countries.<XXX> only (never the partners list).

import type { BriefingModel } from '../aggregate/model.js';
import type { Distribution } from '../model/types.js';

export type RecipientsResult =
  | { ok: true; addresses: string[] }
  /** `where`: the key of event.yaml that lacks addresses, e.g. `distribution.countries.USA`. */
  | { ok: false; why: 'noDistribution' | 'noAddress'; where: string };

type Addressed = Pick<BriefingModel, 'division' | 'audience' | 'audienceCountry'>;

/** The addresses of a document, de-duplicated, or what event.yaml lacks for it. */
export function recipientsFor(distribution: Distribution | undefined, model: Addressed): RecipientsResult {
  const where = distributionKey(model);
  if (!distribution) return { ok: false, why: 'noDistribution', where };
  let list: readonly string[] | undefined;
  const country = countryOf(model);
  if (country === undefined) {
    list = distribution.divisions[model.division]?.[model.audience as 'partners' | 'national'];
  } else {
    list = distribution.countries[country];
  }
  const addresses = unique(list ?? []);
  if (addresses.length === 0) return { ok: false, why: 'noAddress', where };
  return { ok: true, addresses };
}

/** The country of a country audience (alpha-3), undefined for partners and national. */
export function countryOf(model: Addressed): string | undefined {
  if (model.audience === 'partners' || model.audience === 'national') return undefined;
  return model.audienceCountry ?? model.audience.replace(/^country:/, '');
}

/** Where a document's list sits in event.yaml, e.g. `distribution.securite.partners`. */
export function distributionKey(model: Addressed): string {
  const country = countryOf(model);
  return country === undefined
    ? `distribution.${model.division}.${model.audience}`
    : `distribution.countries.${country}`;
}

/** The partner countries that have no address at distribution.countries, in partners order. */
export function countriesWithoutList(distribution: Distribution | undefined, partners: readonly string[]): string[] {
  return partners.filter((c) => unique(distribution?.countries[c] ?? []).length === 0);
}

/** `AFG, ALB, … DZA` for at most `max` codes, and how many more there are. */
export function shortList(codes: readonly string[], max = 10): { list: string; more: number } {
  return { list: codes.slice(0, max).join(', '), more: Math.max(0, codes.length - max) };
}

function unique(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const address = raw.trim();
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push(address);
  }
  return out;
}
