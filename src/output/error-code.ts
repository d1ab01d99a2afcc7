// The code of a file system error, for a message: the system's own (ENOENT, EACCES, EISDIR...),
// except EFTYPE, which cci gives to what is not a regular file (read-regular-file.ts)
// and no manual explains: said in words, in the language of messages.

import { t } from '../i18n/messages.js';
import { errorText } from '../text/one-line.js';

/** `EACCES`, `not a regular file`…; the error's text when it has no code. */
export function errorCodeText(error: unknown): string {
  return codeText((error as NodeJS.ErrnoException | undefined)?.code ?? errorText(error));
}

/** errorCodeText for a code already taken from its error. */
export function codeText(code: string): string {
  return code === 'EFTYPE' ? t('fs.notRegular') : code;
}
