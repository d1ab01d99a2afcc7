// The email's words, from the `email` namespace of the French and English message catalogues
// (templates/i18n/<lang>.json), read through the render module's catalogue loader.

import type { Lang } from '../i18n/lang.js';
import { interpolate, message } from '../render/i18n.js';

/** The message `email.<key>` in a language, with its `{name}` placeholders filled. */
export function emailLabel(lang: Lang, key: string, params: Readonly<Record<string, string>> = {}): string {
  return interpolate(message(lang, `email.${key}`), params);
}
