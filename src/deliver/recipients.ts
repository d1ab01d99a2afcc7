// Who receives a document: distribution.<division>.<partners|national> of event.yaml, or for a
// country audience distribution.countries.<XXX> only (never the partners list).

import type { BriefingModel } from '../aggregate/model.js';
import type { Distribution } from '../model/types.js';

export type RecipientsResult =
  | { ok: true; addresses: string[] }
  | { ok: false; missing: string };

/** The addresses of a document, de-duplicated, or what event.yaml lacks for it. */
export function recipientsFor(
  distribution: Distribution | undefined,
  model: Pick<BriefingModel, 'division' | 'audience' | 'audienceCountry'>,
): RecipientsResult {
  const where = distributionKey(model);
  if (!distribution) {
    return { ok: false, missing: `event.yaml has no distribution section (needed: ${where})` };
  }
  let list: readonly string[] | undefined;
  if (model.audience === 'partners' || model.audience === 'national') {
    list = distribution.divisions[model.division]?.[model.audience];
  } else {
    const country = model.audienceCountry ?? model.audience.replace(/^country:/, '');
    list = distribution.countries[country];
  }
  const addresses = unique(list ?? []);
  if (addresses.length === 0) return { ok: false, missing: `event.yaml has no address at ${where}` };
  return { ok: true, addresses };
}

/** Where a document's list sits in event.yaml, e.g. `distribution.securite.partners`. */
export function distributionKey(model: Pick<BriefingModel, 'division' | 'audience' | 'audienceCountry'>): string {
  if (model.audience === 'partners' || model.audience === 'national') {
    return `distribution.${model.division}.${model.audience}`;
  }
  const country = model.audienceCountry ?? model.audience.replace(/^country:/, '');
  return `distribution.countries.${country}`;
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
