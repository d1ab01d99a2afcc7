// ISO 3166-1 country codes: alpha-2 or alpha-3, any case, to alpha-3 in capitals; and the short
// name of each country in French and English.
//
// Names come from i18n-iso-countries. Its first English name is often the formal one ("Taiwan,
// Province of China", "Moldova, Republic of", "People's Republic of China") while its French one
// is the short common name ("Taïwan", "Moldavie", "Chine"): a briefing would name the same country
// two ways. SHORT_NAMES below, reviewed by hand, gives the short common name where the library's
// is not one, in both languages; test/data/countries.test.ts checks every code: no comma-inverted
// form, no parentheses, no "Republic of" / "République de".
//
// Kosovo has no ISO 3166-1 code. XK is the user-assigned code the European Commission and most
// systems use, XKX its alpha-3 in EU systems (and ISO's user-assigned range), XKK the library's:
// all three are accepted, and XKX is the one cci writes (documents, JSON, file names).

import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries/index.js';

// The library without its entry point, which registers all 78 languages it ships (724 KB of
// JSON, about 15 ms of every run): cci names countries in French and English only.
const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/fr.json') as countries.LocaleData);
countries.registerLocale(require('i18n-iso-countries/langs/en.json') as countries.LocaleData);

/** Kosovo's alpha-3 code as cci writes it. */
export const KOSOVO = 'XKX';
const KOSOVO_CODES = new Set(['XK', 'XKX', 'XKK']);

const ALPHA3 = new Set(Object.keys(countries.getAlpha3Codes()).map((c) => (KOSOVO_CODES.has(c) ? KOSOVO : c)));
const FROM_ALPHA2 = new Map(
  Object.entries(countries.getAlpha2Codes()).map(([a2, a3]) => [
    a2.toUpperCase(),
    KOSOVO_CODES.has(a3) ? KOSOVO : a3.toUpperCase(),
  ]),
);

/** The alpha-3 code of an alpha-2 or alpha-3 code, any case; undefined when unknown. */
export function toAlpha3(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  if (KOSOVO_CODES.has(c)) return KOSOVO;
  if (c.length === 3) return ALPHA3.has(c) ? c : undefined;
  if (c.length === 2) return FROM_ALPHA2.get(c);
  return undefined;
}

/** The alpha-2 code of an alpha-3 code cci wrote (XK for Kosovo); undefined when unknown. */
export function toAlpha2(alpha3: string): string | undefined {
  if (alpha3 === KOSOVO) return 'XK';
  return countries.alpha3ToAlpha2(alpha3);
}

/**
 * Short common names where i18n-iso-countries' first name is a formal, inverted or qualified
 * one (or a French capital out of place); reviewed by hand. A language left out keeps the
 * library's name.
 */
export const SHORT_NAMES: Readonly<Record<string, { en?: string; fr?: string }>> = {
  ARE: { fr: 'Émirats arabes unis' },
  BES: { en: 'Caribbean Netherlands', fr: 'Pays-Bas caribéens' },
  BRN: { en: 'Brunei', fr: 'Brunei' },
  CAF: { fr: 'République centrafricaine' },
  CCK: { en: 'Cocos Islands', fr: 'Îles Cocos' },
  CHN: { en: 'China' },
  CIV: { en: "Côte d'Ivoire", fr: "Côte d'Ivoire" },
  COD: { en: 'DR Congo', fr: 'RD Congo' },
  COG: { en: 'Congo', fr: 'Congo' },
  CZE: { en: 'Czechia', fr: 'Tchéquie' },
  DOM: { fr: 'République dominicaine' },
  FLK: { en: 'Falkland Islands', fr: 'Îles Malouines' },
  FSM: { en: 'Micronesia', fr: 'Micronésie' },
  GMB: { en: 'Gambia' },
  IOT: { en: 'British Indian Ocean Territory', fr: "Territoire britannique de l'océan Indien" },
  IRN: { en: 'Iran' },
  LAO: { en: 'Laos' },
  MAF: { en: 'Saint Martin', fr: 'Saint-Martin' },
  MDA: { en: 'Moldova', fr: 'Moldavie' },
  MKD: { en: 'North Macedonia', fr: 'Macédoine du Nord' },
  PCN: { en: 'Pitcairn Islands' },
  PSE: { en: 'Palestine' },
  REU: { en: 'Réunion' },
  RUS: { en: 'Russia' },
  SWZ: { fr: 'Eswatini' },
  SXM: { en: 'Sint Maarten', fr: 'Sint Maarten' },
  SYR: { en: 'Syria' },
  TWN: { en: 'Taiwan', fr: 'Taïwan' },
  TZA: { en: 'Tanzania', fr: 'Tanzanie' },
  USA: { en: 'United States', fr: 'États-Unis' },
  VAT: { en: 'Vatican', fr: 'Vatican' },
  VGB: { en: 'British Virgin Islands', fr: 'Îles Vierges britanniques' },
  VIR: { en: 'US Virgin Islands', fr: 'Îles Vierges des États-Unis' },
  [KOSOVO]: { en: 'Kosovo', fr: 'Kosovo' },
};

/**
 * A country's short common name in French and English (SHORT_NAMES, else i18n-iso-countries'
 * first name); the code itself when unknown.
 */
export function countryName(alpha3: string): { fr: string; en: string } {
  const own = SHORT_NAMES[alpha3];
  const code = alpha3 === KOSOVO ? 'XKK' : alpha3;
  return {
    fr: own?.fr ?? countries.getName(code, 'fr') ?? alpha3,
    en: own?.en ?? countries.getName(code, 'en') ?? alpha3,
  };
}
