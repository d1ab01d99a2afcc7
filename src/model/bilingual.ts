// A text in both languages, apart from types.ts so that the map's model (area-geometry.ts),
// which types.ts holds in the event's areas, can name it without an import cycle.

/** A text in both languages; a missing language is undefined ("translation pending"). */
export interface Bilingual {
  fr?: string;
  en?: string;
}
