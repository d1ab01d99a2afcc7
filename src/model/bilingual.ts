// A text in both languages, apart from types.ts so that the map's model (area-geometry.ts),
// which types.ts holds in the event's areas, can name it without an import cycle.

/** A text in both languages; a missing language is undefined ("translation pending"). */
export interface Bilingual {
  fr?: string;
  en?: string;
}

/**
 * A name the event gives (its name, its centre's, a division's title) in both languages: a
 * language it leaves out takes the other's text, so that the title block, the running header,
 * the PDF's title, the email and the exchange formats all say the same (event.yaml requires at
 * least one of the two for a division's title and the event's name). A record's text is not a
 * name: its missing language shows as "translation pending".
 */
export function nameInBoth(b: Bilingual): Bilingual {
  const has = (s: string | undefined): s is string => typeof s === 'string' && s.trim() !== '';
  const fr = has(b.fr) ? b.fr : has(b.en) ? b.en : undefined;
  const en = has(b.en) ? b.en : has(b.fr) ? b.fr : undefined;
  return { ...(fr !== undefined && { fr }), ...(en !== undefined && { en }) };
}
