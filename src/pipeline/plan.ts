// The documents of a run: each division × audience × language, with the file name they are
// written under, and the locks that keep two runs from writing the same document.

import { audienceId, type Audience } from '../audience/audience.js';
import type { DocLang } from '../i18n/lang.js';
import { documentBaseName } from '../output/file-names.js';

/** One document to produce. */
export interface DocumentPlan {
  division: string;
  date: string; // YYYY-MM-DD
  audience: Audience;
  lang: DocLang;
  draft: boolean;
  /** File name without extension, e.g. cci-2024-08-05-securite-country-DEU. */
  baseName: string;
}

/** Every document of a run, division by division, then audience, then language. */
export function planDocuments(o: {
  divisions: readonly string[];
  audiences: readonly Audience[];
  langs: readonly DocLang[];
  date: string;
  draft: boolean;
}): DocumentPlan[] {
  return o.divisions.flatMap((division) =>
    o.audiences.flatMap((audience) =>
      o.langs.map((lang) => ({
        division,
        date: o.date,
        audience,
        lang,
        draft: o.draft,
        baseName: documentBaseName({ division, date: o.date, lang, draft: o.draft, audience: audienceId(audience) }),
      })),
    ),
  );
}

/**
 * The locks of a run: one per document it writes, named after the document, so two runs that
 * would write the same file cannot overlap however their options were spelt (`country:all`
 * and `country:DEU` share DEU's), and runs writing different documents do not wait.
 */
export function lockKeys(plans: readonly DocumentPlan[]): string[] {
  return [...new Set(plans.map((p) => p.baseName.replace(/^cci-/, '')))].sort();
}
