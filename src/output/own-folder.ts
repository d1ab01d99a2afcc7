// What cci asks of a folder of its own (the tally cache, the state folder of the register): a
// folder, of this user, private. One judgement for the runs that make and use it and for
// `cci doctor`, which only looks.

import { lstat, stat } from 'node:fs/promises';

/** Why an existing folder is not as a folder of cci's own must be: `notPrivate` can be mended (chmod 0700). */
export type OwnFolderProblem = 'notFolder' | 'notOurs' | 'notPrivate';

/** What is wrong with `s` (a stat of the folder, links followed) for a folder of this user; undefined: nothing. */
export function ownFolderProblem(
  s: { isDirectory(): boolean; uid: number; mode: number },
  uid: number | undefined = process.getuid?.(),
): OwnFolderProblem | undefined {
  if (!s.isDirectory()) return 'notFolder';
  if (uid !== undefined && s.uid !== uid) return 'notOurs';
  if ((s.mode & 0o077) !== 0) return 'notPrivate';
  return undefined;
}

/**
 * ownFolderProblem of `dir`, without making or changing anything: undefined as well when it does
 * not exist (a run makes it); the system's error code when it cannot be looked at (a link to
 * nothing: ENOENT).
 */
export async function inspectOwnFolder(dir: string): Promise<OwnFolderProblem | string | undefined> {
  let s;
  try {
    s = await stat(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ENOENT' && (await lstat(dir).catch(() => undefined)) === undefined) return undefined;
    return code;
  }
  return ownFolderProblem(s);
}
