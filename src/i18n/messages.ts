// The command line's own messages (stderr, `cci validate` problem lines, `cci doctor`, --help,
// the preview's own pages), from src/i18n/cli/<lang>.json, in the language cli-lang.ts decided.
// Placeholders are `{name}`; values are filled in here, never written into a catalogue.

import en from './cli/en.json' with { type: 'json' };
import fr from './cli/fr.json' with { type: 'json' };
import { interpolate, lookup, type Catalogue } from './catalogue.js';
import { cliLang } from './cli-lang.js';
import type { Lang } from './lang.js';
import { escapeUnsafe } from '../text/control-chars.js';

export type Params = Readonly<Record<string, string | number>>;

/** The command line's catalogues, by language. */
export const cliCatalogues: Readonly<Record<Lang, Catalogue>> = { fr, en };

/** The message at `key` in the language of messages, placeholders filled; a missing key throws (a bug). */
export function t(key: string, params: Params = {}, lang: Lang = cliLang()): string {
  const msg = lookup(cliCatalogues[lang], key);
  if (msg === undefined) throw new Error(`command-line catalogue ${lang}: no message "${key}"`);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) values[k] = PLACE_PARAMS.has(k) ? escapeUnsafe(String(v)) : String(v);
  return interpolate(msg, values);
}

/**
 * Parameters that name a place (a file, a folder, a program, a list of them): whatever the caller did, a control,
 * line-break or bidi character in them is written `\u001b`, so that a path given on the command
 * line or found on disk cannot break a message's line or forge another (escapeUnsafe: a value
 * already made display-safe is left as it is).
 */
const PLACE_PARAMS: ReadonlySet<string> = new Set([
  'path',
  'dir',
  'file',
  'folder',
  'cache',
  'out',
  'exe',
  'state',
  'log',
  'where',
  // who issued or approved (a name from the register, the environment or an older cci)
  'by',
  // lists of places, joined on one line
  'files',
  'list',
]);

/**
 * A message about a number of things: `<key>.one` for 0 or 1 (both languages write
 * "0 problème", "1 problem"), `<key>.other` above; `{n}` is the number, grouped as the language writes it (1,234 / 1 234).
 */
export function tn(key: string, n: number, params: Params = {}, lang: Lang = cliLang()): string {
  return t(`${key}.${n > 1 ? 'other' : 'one'}`, { ...params, n: formatCount(n, lang) }, lang);
}

/** A whole number for a message, grouped as the language of messages writes it (100,000 / 100 000). */
export function formatCount(n: number, lang: Lang = cliLang()): string {
  return n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');
}

/** A decimal number for a message (seconds, sizes), as the language of messages writes it (1.5 / 1,5), at most 3 decimals. */
export function formatDecimal(n: number, lang: Lang = cliLang()): string {
  return n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 3 });
}
