// The lines `npm run setup` (scripts/setup.sh) says, from cci's command-line catalogues
// (src/i18n/cli/en.json and fr.json, `setup.*`), in the language of cci's messages. It runs
// before `npm ci` has built cci, so it reads the catalogues' source and chooses the language
// by the rule of src/i18n/cli-lang.ts (CCI_LANG, else LC_ALL, LC_MESSAGES, LANG: French for a
// locale starting with "fr"), which test/setup/setup-say.test.ts holds it to.
// scripts/setup-say.mjs prints them.

import { readFileSync } from 'node:fs';

/** The language of messages for an environment: src/i18n/cli-lang.ts's rule. */
export function setupLangOf(env) {
  const chosen = (env.CCI_LANG ?? '').trim().toLowerCase();
  if (chosen.startsWith('fr')) return 'fr';
  if (chosen.startsWith('en')) return 'en';
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** `message` with each {name} replaced by its value, control characters of the values escaped. */
export function setupMessage(lang, key, params) {
  const catalogue = JSON.parse(readFileSync(new URL(`../src/i18n/cli/${lang}.json`, import.meta.url), 'utf8'));
  const message = key.split('.').reduce((node, part) => node?.[part], catalogue);
  if (typeof message !== 'string') return undefined;
  const safe = (v) =>
    v.replace(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  return message.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? safe(params[name]) : whole));
}
