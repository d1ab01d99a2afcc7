// A print that fails on a full temporary disk says only "Protocol error (IO.read): Read failed":
// Chromium writes each PDF into its private folder (under TMPDIR) before cci reads it. When a
// print fails, the free space there is looked at, and a full disk is named.

import { statfsSync, type StatsFs } from 'node:fs';
import { MAX_TEMP_DIR_LENGTH } from './browser-dirs.js';

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
  const full = `The disk of the temporary folder ${dir} is full or nearly (${Math.floor(free / 1024)} KB free)`;
  if (opts.preferred !== undefined && opts.preferred !== dir) {
    return `${full}; the browser works there because TMPDIR (${opts.preferred}) is longer than ${MAX_TEMP_DIR_LENGTH} characters, too long for its socket: free some space there, or set TMPDIR to a shorter folder on a disk with room.`;
  }
  return `${full}: free some space, or set TMPDIR to a folder on a disk with room.`;
}
