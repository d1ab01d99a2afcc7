// A print that fails on a full temporary disk says only "Protocol error (IO.read): Read failed":
// Chromium writes each PDF into its private folder (under TMPDIR) before cci reads it. When a
// print fails, the free space there is looked at, and a full disk is named.

import { statfsSync, type StatsFs } from 'node:fs';

/** Below this, a failed print is blamed on the disk (bytes): a briefing's PDF is a few MB. */
export const LOW_SPACE = 64 * 1024 * 1024;

/**
 * A sentence saying that `dir`'s disk is (nearly) full, to add to a failed print's message, or
 * '' when it has room or cannot be looked at. `statfs` is injected for tests.
 */
export function lowTempSpaceNote(
  dir: string,
  statfs: (d: string) => Pick<StatsFs, 'bavail' | 'bsize'> = statfsSync,
): string {
  let free: number;
  try {
    const s = statfs(dir);
    free = Number(s.bavail) * Number(s.bsize);
  } catch {
    return '';
  }
  if (free >= LOW_SPACE) return '';
  return `The disk of the temporary folder ${dir} is full or nearly (${Math.floor(free / 1024)} KB free): free some space, or set TMPDIR to a folder on a disk with room.`;
}
