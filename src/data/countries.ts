// ISO 3166-1 country codes: alpha-2 or alpha-3, any case, to alpha-3 in capitals.

import countries from 'i18n-iso-countries';

const ALPHA3 = new Set(Object.keys(countries.getAlpha3Codes()));
const FROM_ALPHA2 = new Map(
  Object.entries(countries.getAlpha2Codes()).map(([a2, a3]) => [a2.toUpperCase(), a3.toUpperCase()]),
);

/** The alpha-3 code of an alpha-2 or alpha-3 code, any case; undefined when unknown. */
export function toAlpha3(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  if (c.length === 3) return ALPHA3.has(c) ? c : undefined;
  if (c.length === 2) return FROM_ALPHA2.get(c);
  return undefined;
}

/** A country's name in French and English (i18n-iso-countries), the code itself when unknown. */
export function countryName(alpha3: string): { fr: string; en: string } {
  return {
    fr: countries.getName(alpha3, 'fr') ?? alpha3,
    en: countries.getName(alpha3, 'en') ?? alpha3,
  };
}
