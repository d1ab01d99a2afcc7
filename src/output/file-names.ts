// Output file names: one briefing per division, date, audience and language variant.

export interface DocumentKey {
  division: string;
  date: string;
  audience: string; // partners | national | country:XXX
  lang: 'fr' | 'en' | 'both';
  draft: boolean;
}

/** e.g. cci-2024-08-05-securite-partners, cci-2024-08-05-securite-country-DEU-en-draft */
export function documentBaseName(k: DocumentKey): string {
  const parts = ['cci', k.date, k.division, k.audience.replace(':', '-')];
  if (k.lang !== 'both') parts.push(k.lang);
  if (k.draft) parts.push('draft');
  return parts.join('-');
}
