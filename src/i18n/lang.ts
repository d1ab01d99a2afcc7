// The languages of cci: French and English, and the language choice of a document (one of
// them, or both: the default bilingual document with every section in both).

/** A language of the catalogues and of a record's texts. */
export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** The language of a document: French, English, or both (French first). */
export type DocLang = Lang | 'both';
/** In the order the preview offers them: the default first. */
export const DOC_LANGS: readonly DocLang[] = ['both', 'fr', 'en'];

/** The languages a document shows, French first. */
export function langsOf(lang: DocLang): Lang[] {
  return lang === 'both' ? ['fr', 'en'] : [lang];
}

/** The language of figures, dates in tables and attributes: French in bilingual documents. */
export function primaryLang(lang: DocLang): Lang {
  return lang === 'both' ? 'fr' : lang;
}
