// The language the command line speaks to the person running it (messages on stderr and stdout,
// `cci validate` problem lines, `cci doctor`, --help, the preview's own pages). It is not the
// language of a briefing (`cci brief --lang`): a French duty officer may write English briefings.
//
// CCI_LANG (fr or en) when set; else the POSIX locale of messages: LC_ALL, then LC_MESSAGES,
// then LANG. A locale starting with "fr" (fr_FR.UTF-8, fr_BE, fr) gives French; anything else
// (unset, C, C.UTF-8, POSIX, en_GB...) gives English. Decided once at start-up (cli/main.ts).

import type { Lang } from '../i18n/lang.js';

/** The language of messages for an environment. */
export function cliLangOf(env: Readonly<Record<string, string | undefined>>): Lang {
  const chosen = env.CCI_LANG?.trim().toLowerCase() ?? '';
  if (chosen.startsWith('fr')) return 'fr';
  if (chosen.startsWith('en')) return 'en';
  // The first of LC_ALL, LC_MESSAGES, LANG that is set and not empty, as POSIX reads them.
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

let current: Lang = 'en';

/** Sets the language of messages for the rest of the process (start-up; tests). */
export function setCliLang(lang: Lang): void {
  current = lang;
}

/** The language of messages: English until start-up has set it. */
export function cliLang(): Lang {
  return current;
}
