// Units in the command line's messages, as each language writes them.

import type { Lang } from './lang.js';
import { cliLang } from './cli-lang.js';
import { t } from './messages.js';

/** A size in mebibytes as the language of messages writes it: `1.5 MiB`, `1,5 Mio`, `33 Mio` (one decimal under 10). */
export function formatMiB(bytes: number, lang: Lang = cliLang()): string {
  const mib = bytes / 1024 / 1024;
  const digits = mib < 10 ? 1 : 0;
  const n = mib.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return t('units.mib', { n }, lang);
}
