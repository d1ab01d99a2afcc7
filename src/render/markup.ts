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

/** Unique ids of a document's elements (`l1`, `l2`, …). */
export type IdSource = () => string;

/**
 * The attributes of an inline element in another language than the document's. The id gives
 * the span a structure element of its own in Chromium's tagged PDF (a span with neither id nor
 * role has none), which carries its /Lang; without it the language would be lost there.
 */
function otherLang(lang: Lang, id: IdSource | undefined): string {
  return id ? `lang="${lang}" id="${id()}"` : `lang="${lang}"`;
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
export function labelHtml(mode: DocLang, text: (lang: Lang) => string, id?: IdSource): string {
  if (mode !== 'both') return esc(text(mode));
  const fr = text('fr');
  const en = text('en');
  if (fr === en) return esc(fr);
  return `<span class="bi"><span class="fr">${esc(fr)}</span><span class="en" ${otherLang('en', id)}>${esc(en)}</span></span>`;
}

/**
 * A record's text: each language of the document, the missing ones shown as pending, never
 * replaced by the other language. `block` makes each language a paragraph of its own
 * (summaries, bodies, key messages: a P in the tagged PDF, the English one with its /Lang);
 * otherwise the text is inline (names, titles).
 */
export function textHtml(mode: DocLang, b: Bilingual | undefined, block: boolean, id?: IdSource): string {
  const one = (lang: Lang): string => {
    const s = textIn(b, lang);
    return s === undefined ? pendingHtml(lang) : esc(s);
  };
  if (block) {
    if (mode !== 'both') return `<p class="txt">${one(mode)}</p>`;
    return `<p class="txt fr">${one('fr')}</p><p class="txt en" lang="en">${one('en')}</p>`;
  }
  if (mode !== 'both') return one(mode);
  // A name that reads the same in both languages (Paris, Drone) is written once.
  if (textIn(b, 'fr') !== undefined && textIn(b, 'fr') === textIn(b, 'en')) return one('fr');
  return (
    `<span class="bi"><span class="fr">${one('fr')}</span>` +
    `<span class="en" ${otherLang('en', id)}>${one('en')}</span></span>`
  );
}

/** A small badge; `label` is already markup built by the functions above. */
export function badgeHtml(cls: string, label: string): string {
  return `<span class="badge ${esc(cls)}">${label}</span>`;
}
