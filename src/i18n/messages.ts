// The command line's own messages, from the `cli` namespace of the catalogues
// (templates/i18n/fr.json and en.json), in the language cli-lang.ts decided.
// Placeholders are `{name}`; values are filled in here, never written into a catalogue.

import { interpolate, message } from '../render/i18n.js';
import type { Lang } from '../i18n/lang.js';
import { cliLang } from './cli-lang.js';

export type Params = Readonly<Record<string, string | number>>;

/** The message at `cli.<key>` in the language of messages, placeholders filled. */
export function t(key: string, params: Params = {}, lang: Lang = cliLang()): string {
  const msg = message(lang, `cli.${key}`);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) values[k] = String(v);
  return interpolate(msg, values);
}

/**
 * A message about a number of things: `cli.<key>.one` for 0 or 1 (both languages write
 * "0 problème", "1 problem"), `cli.<key>.other` above; `{n}` is the number.
 */
export function tn(key: string, n: number, params: Params = {}, lang: Lang = cliLang()): string {
  return t(`${key}.${n > 1 ? 'other' : 'one'}`, { ...params, n }, lang);
}
