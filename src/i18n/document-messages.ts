// The catalogues of the documents cci writes (the briefing, its PDF header and footer, the
// email): templates/i18n/<lang>.json, beside the templates, so that an analyst editing a label
// sees it in the preview at once. Loaded once per process, dropped by resetDocumentCatalogues.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../package-files.js';
import { lookup, type Catalogue } from './catalogue.js';
import { catalogueProblems, type CatalogueFile, type CatalogueShape } from './catalogue-check.js';
import type { Lang } from './lang.js';

let cache: Record<Lang, Catalogue> | undefined;

/** What `npm run build` recorded of the catalogues it shipped (scripts/precompile-templates.mjs); absent under vitest. */
interface ShippedCatalogues {
  /** SHA-256 of fr.json's bytes, a NUL, en.json's bytes. */
  digest: string;
  shape: CatalogueShape;
}

function shipped(): ShippedCatalogues | undefined {
  try {
    return JSON.parse(
      readFileSync(new URL('./document-catalogues.json', import.meta.url), 'utf8'),
    ) as ShippedCatalogues;
  } catch {
    return undefined;
  }
}

/** SHA-256 of the catalogue files as the build records it. */
export function cataloguesDigest(fr: string, en: string): string {
  return createHash('sha256').update(fr).update('\0').update(en).digest('hex');
}

/**
 * Both document catalogues, read from templates/i18n/ on first use. Edited since the build, they
 * are checked first (catalogue-check.ts): DocumentCatalogueError with every problem at its place.
 */
function loadBoth(): Record<Lang, Catalogue> {
  if (cache) return cache;
  const dir = join(templatesDir(), 'i18n');
  const files: CatalogueFile[] = (['fr', 'en'] as const).map((lang) => {
    const path = join(dir, `${lang}.json`);
    return { lang, path, text: readFileSync(path, 'utf8') };
  });
  const ahead = shipped();
  if (ahead && ahead.digest === cataloguesDigest(files[0]!.text, files[1]!.text)) {
    cache = { fr: JSON.parse(files[0]!.text) as Catalogue, en: JSON.parse(files[1]!.text) as Catalogue };
    return cache;
  }
  const { problems, catalogues } = catalogueProblems(files, ahead?.shape);
  if (!catalogues) throw new DocumentCatalogueError(problems);
  cache = catalogues;
  return cache;
}

/** The document catalogue of one language (both are read, and checked, on first use). */
export function loadCatalogue(lang: Lang): Catalogue {
  return loadBoth()[lang];
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

/**
 * The documents' catalogues, edited, have problems: each `file:line:column: words` (a user's
 * mistake, exit 4 as a render error: cli/main.ts reportError).
 */
export class DocumentCatalogueError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'DocumentCatalogueError';
  }
}

/** A message the documents ask for is not in the catalogue: a bug, or a template edited to name one that is not there. */
export class MissingMessageError extends Error {
  constructor(
    readonly lang: Lang,
    readonly key: string,
  ) {
    super(`message catalogue ${lang}: no message "${key}"`);
    this.name = 'MissingMessageError';
  }
}

/** The document message at a dotted key; a missing key is a bug in a template, so it throws. */
export function message(lang: Lang, key: string): string {
  const m = lookup(loadCatalogue(lang), key);
  if (m === undefined) throw new MissingMessageError(lang, key);
  return m;
}

/** Forgets the loaded catalogues: the next lookup reads templates/i18n/ again (preview). */
export function resetDocumentCatalogues(): void {
  cache = undefined;
}
