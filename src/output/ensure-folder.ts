// Making a folder and its parents one at a time, so that every failure names the folder and
// its cause. (fs.mkdir with { recursive: true } spins forever on some paths, e.g. /proc/x/y.)

import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { WriteError, writeErrorOf } from './write-error.js';

/**
 * Creates `dir` and its missing parents (0755 less the umask) one by one, so that every
 * failure names the folder and the cause: a file in the way (NOTDIR), a read-only or full
 * disk, no permission, a place where folders cannot be made (/proc). Resolves with the folders
 * it made, parents first (none when `dir` was there). Throws WriteError.
 */
export async function ensureFolder(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let p = resolve(dir);
  for (;;) {
    let s;
    try {
      s = await stat(p);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(p) !== p) {
        missing.unshift(p);
        p = dirname(p);
        continue;
      }
      throw writeErrorOf(p, error);
    }
    if (!s.isDirectory()) throw new WriteError(p, 'NOTDIR');
    break;
  }
  const made: string[] = [];
  for (const m of missing) {
    try {
      await mkdir(m);
      made.push(m);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(m).catch(() => undefined))?.isDirectory())
        continue;
      throw writeErrorOf(m, error);
    }
  }
  return made;
}
