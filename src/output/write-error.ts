// A file or folder of a run that could not be written, said as a sentence that names the path
// and the cause (exit 4, like a document that could not be rendered).

import { RenderError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { displayName } from '../text/control-chars.js';

/** Causes with a sentence of their own (cli.write.cause.<code>); others are named by code. */
export const WRITE_CAUSES: readonly string[] = [
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'EISDIR',
  'ENOTDIR',
  'EEXIST',
  'ENOENT',
  'ELOOP',
  'EIO',
  'EBUSY',
  'EXDEV',
  'EMLINK',
  'ENAMETOOLONG',
  'EFBIG',
  'EMFILE',
  'ENFILE',
  'ENXIO',
  'NOTDIR',
  'NOTFILE',
  'NOTOURS',
  'NOTLOCK',
];
const KNOWN_CAUSES = new Set(WRITE_CAUSES);

export class WriteError extends RenderError {
  constructor(
    readonly path: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    // the path as a message may show it (an --out holding ESC or a line break cannot forge a line)
    super(t('write.failed', { path: displayName(path), cause: causeText(code) }), options);
    this.name = 'WriteError';
  }
}

export function causeText(code: string): string {
  return KNOWN_CAUSES.has(code) ? t(`write.cause.${code}`) : t('write.cause.other', { code });
}

/** `error` as a WriteError about `path` (kept as it is when it already is one). */
export function writeErrorOf(path: string, error: unknown): WriteError {
  if (error instanceof WriteError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
  return new WriteError(path, code, { cause: error });
}
