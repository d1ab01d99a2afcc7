// Small builders of escaped markup. Every string that comes from outside (record text, labels,
// numbers) goes through `esc`; these functions only wrap it in markup they write themselves.

import { runtime } from './handlebars.js';
import type { Bilingual } from '../model/types.js';
import type { DocLang, Lang } from '../i18n/lang.js';
import { message } from '../i18n/document-messages.js';

export const esc: (s: string) => string = runtime.escapeExpression;

/** A text of a record in one language, or undefined when that language is missing or blank. */
export function textIn(b: Bilingual | undefined, lang: Lang): string | undefined {
  const s = b?.[lang];
  return typeof s === 'string' && s.trim() !== '' ? s : undefined;
}

/** The visible « traduction en attente » / "translation pending" marker. */
export function pendingHtml(lang: Lang): string {
  return `<span class="pending" lang="${lang}">${esc(message(lang, 'common.translationPending'))}</span>`;
}

/**
 * A label that exists in every language (catalogue message, enum label): plain text in a
 * one-language document; French then English spans in a bilingual one (CSS puts them side by
 * side or one above the other).
 */
export function labelHtml(mode: DocLang, text: (lang: Lang) => string): string {
  if (mode !== 'both') return esc(text(mode));
  const fr = text('fr');
  const en = text('en');
  if (fr === en) return esc(fr);
  return `<span class="bi"><span class="fr">${esc(fr)}</span><span class="en" lang="en">${esc(en)}</span></span>`;
}

/**
 * A record's text: each language of the document, the missing ones shown as pending, never
 * replaced by the other language. `block` puts each language on its own line (summaries).
 */
export function textHtml(mode: DocLang, b: Bilingual | undefined, block: boolean): string {
  const one = (lang: Lang): string => {
    const s = textIn(b, lang);
    return s === undefined ? pendingHtml(lang) : esc(s);
  };
  if (mode !== 'both') return one(mode);
  // A name that reads the same in both languages (Paris, Drone) is written once on a line.
  if (!block && textIn(b, 'fr') !== undefined && textIn(b, 'fr') === textIn(b, 'en')) return one('fr');
  const cls = block ? 'bitext' : 'bi';
  return `<span class="${cls}"><span class="fr">${one('fr')}</span>`
    + `<span class="en" lang="en">${one('en')}</span></span>`;
}

/** A small badge; `label` is already markup built by the functions above. */
export function badgeHtml(cls: string, label: string): string {
  return `<span class="badge ${esc(cls)}">${label}</span>`;
}
