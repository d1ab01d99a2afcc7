// The email's words, from the `email` namespace of the French and English message catalogues
// (templates/i18n/<lang>.json), read through src/i18n/document-messages.ts.

import type { Lang } from '../i18n/lang.js';
import { interpolate } from '../i18n/catalogue.js';
import { message } from '../i18n/document-messages.js';

/** The message `email.<key>` in a language, with its `{name}` placeholders filled. */
export function emailLabel(lang: Lang, key: string, params: Readonly<Record<string, string>> = {}): string {
  return interpolate(message(lang, `email.${key}`), params);
}
