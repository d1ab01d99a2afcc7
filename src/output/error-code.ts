// A file system error of a read, for a message, in the language of messages: the common ones in
// words (no such file, permission denied, a folder, a link), and EFTYPE, which cci gives to what
// is not a regular file (read-regular-file.ts) and no manual explains, with EDANGLING and
// ELINKLOOP for a followed link to nothing or in a cycle (or a chain too long); others by their code.

import { t } from '../i18n/messages.js';
import { errorText } from '../text/one-line.js';

/** `EACCES`, `not a regular file`…; the error's text when it has no code. */
export function errorCodeText(error: unknown): string {
  return codeText((error as NodeJS.ErrnoException | undefined)?.code ?? errorText(error));
}

/** Read errors said in words (fs.cause.<code>); any other code is shown as the system gives it. */
export const READ_CAUSES: readonly string[] = ['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ELOOP', 'EIO'];

/** errorCodeText for a code already taken from its error. */
export function codeText(code: string): string {
  if (code === 'EFTYPE') return t('fs.notRegular');
  if (code === 'EDANGLING') return t('fs.danglingLink');
  if (code === 'ELINKLOOP') return t('fs.linkLoop');
  return READ_CAUSES.includes(code) ? t(`fs.cause.${code}`) : code;
}
