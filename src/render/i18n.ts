// The French and English message catalogues (templates/i18n/<lang>.json): nested objects whose
// leaves are strings, with `{name}` placeholders. Loaded once per process.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../i18n/lang.js';
import { templatesDir } from './templates-dir.js';

export interface Catalogue {
  [key: string]: string | Catalogue;
}

const cache = new Map<Lang, Catalogue>();

/** The catalogue of one language, read from templates/i18n/<lang>.json on first use. */
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

function isCatalogue(v: unknown): v is Catalogue {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.values(v).every((x) => typeof x === 'string' || isCatalogue(x));
}

/** Both catalogues, each loaded on first access. */
export const catalogues: Readonly<Record<Lang, Catalogue>> = Object.freeze({
  get fr() { return loadCatalogue('fr'); },
  get en() { return loadCatalogue('en'); },
});

/** The message at a dotted key, or undefined when the key is absent or not a leaf. */
export function lookup(cat: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = cat;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The message at a dotted key; a missing key is a bug in a template, so it throws. */
export function message(lang: Lang, key: string): string {
  const m = lookup(loadCatalogue(lang), key);
  if (m === undefined) throw new Error(`message catalogue ${lang}: no message "${key}"`);
  return m;
}

/** Replaces `{name}` placeholders; an unknown placeholder is a bug, so it throws. */
export function interpolate(msg: string, params: Readonly<Record<string, string>>): string {
  return msg.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`message "${msg}": no value for {${name}}`);
    return v;
  });
}

/** Every leaf key of a catalogue, dotted, sorted. */
export function catalogueKeys(cat: Catalogue, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(cat)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') keys.push(key);
    else keys.push(...catalogueKeys(v, key));
  }
  return keys.sort();
}

/** Forgets the loaded catalogues: the next lookup reads templates/i18n/ again (preview). */
export function resetCatalogues(): void {
  cache.clear();
}
