// The catalogues of the documents cci writes (the briefing, its PDF header and footer, the
// email): templates/i18n/<lang>.json, beside the templates, so that an analyst editing a label
// sees it in the preview at once. Loaded once per process, dropped by resetDocumentCatalogues.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../package-files.js';
import { isCatalogue, lookup, type Catalogue } from './catalogue.js';
import type { Lang } from './lang.js';

const cache = new Map<Lang, Catalogue>();

/** The document catalogue of one language, read from templates/i18n/<lang>.json on first use. */
export function loadCatalogue(lang: Lang): Catalogue {
  let cat = cache.get(lang);
  if (!cat) {
    const file = join(templatesDir(), 'i18n', `${lang}.json`);
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isCatalogue(parsed)) throw new Error(`${file}: a catalogue must be nested objects of strings`);
    cat = parsed;
    cache.set(lang, cat);
  }
  return cat;
}

/** Both document catalogues, each loaded on first access. */
export const catalogues: Readonly<Record<Lang, Catalogue>> = Object.freeze({
  get fr() {
    return loadCatalogue('fr');
  },
  get en() {
    return loadCatalogue('en');
  },
});

/** The document message at a dotted key; a missing key is a bug in a template, so it throws. */
export function message(lang: Lang, key: string): string {
  const m = lookup(loadCatalogue(lang), key);
  if (m === undefined) throw new Error(`message catalogue ${lang}: no message "${key}"`);
  return m;
}

/** Forgets the loaded catalogues: the next lookup reads templates/i18n/ again (preview). */
export function resetDocumentCatalogues(): void {
  cache.clear();
}
