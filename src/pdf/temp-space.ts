// A print that fails on a full temporary disk says only "Protocol error (IO.read): Read failed":
// Chromium writes each PDF into its private folder (under TMPDIR) before cci reads it. When a
// print fails, the free space there is looked at, and a full disk is named.

import { statfsSync, type StatsFs } from 'node:fs';
import { MAX_TEMP_DIR_LENGTH } from './browser-dirs.js';
import { formatCount, t } from '../i18n/messages.js';
import { displayName } from '../text/control-chars.js';

/** Below this, a failed print is blamed on the disk (bytes): a briefing's PDF is a few MB. */
export const LOW_SPACE = 64 * 1024 * 1024;

/**
 * A sentence saying that `dir`'s disk is (nearly) full, to add to a failed print's message, or
 * '' when it has room or cannot be looked at. `preferred`: the temporary folder cci was given
 * (TMPDIR), when the browser was put in `dir` instead because it is too long (browser-dirs.ts).
 * `statfs` is injected for tests.
 */
export function lowTempSpaceNote(
  dir: string,
  opts: { preferred?: string; statfs?: (d: string) => Pick<StatsFs, 'bavail' | 'bsize'> } = {},
): string {
  let free: number;
  try {
    const s = (opts.statfs ?? statfsSync)(dir);
    free = Number(s.bavail) * Number(s.bsize);
  } catch {
    return '';
  }
  if (free >= LOW_SPACE) return '';
  const params = { dir: displayName(dir), kb: formatCount(Math.floor(free / 1024)) };
  if (opts.preferred !== undefined && opts.preferred !== dir) {
    return t('pdf.tempSpace.longTmpdir', {
      ...params,
      preferred: displayName(opts.preferred),
      max: MAX_TEMP_DIR_LENGTH,
    });
  }
  return t('pdf.tempSpace.full', params);
}
