// The folder of the scheduled runs' log: private to the user (0700), its log file 0600, so that
// the messages of the runs (file names, counts, what was sent to whom) are read by no one else.
// It is never the output folder, which partners' files are taken from.

import { constants } from 'node:fs';
import { chmod, lstat, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { ensureFolder } from './ensure-folder.js';
import { WriteError, writeErrorOf } from './write-error.js';

/**
 * Makes `dir` (and its missing parents) with `dir` itself 0700, and the log file `name` in it
 * 0600 when missing (created exclusively, never through a link). An existing folder or file of
 * this user that others could read is made private. Throws WriteError when `dir` or the file is
 * not ours to use: not a folder, a link, another user's.
 */
export async function preparePrivateLog(dir: string, name: string): Promise<string> {
  await ensureFolder(path.dirname(dir));
  await mkdir(dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw writeErrorOf(dir, error);
  });
  const uid = process.getuid?.();
  const d = await lstat(dir).catch((error: unknown) => {
    throw writeErrorOf(dir, error);
  });
  if (!d.isDirectory() || (uid !== undefined && d.uid !== uid)) throw new WriteError(dir, 'NOTOURS');
  if ((d.mode & 0o077) !== 0)
    await chmod(dir, 0o700).catch((error: unknown) => {
      throw writeErrorOf(dir, error);
    });
  const file = path.join(dir, name);
  let handle;
  try {
    handle = await open(
      file,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK,
      0o600,
    );
    const s = await handle.stat();
    if (!s.isFile() || (uid !== undefined && s.uid !== uid)) throw new WriteError(file, 'NOTOURS');
    if ((s.mode & 0o077) !== 0) await handle.chmod(0o600);
  } catch (error) {
    if (error instanceof WriteError) throw error;
    throw writeErrorOf(file, error);
  } finally {
    await handle?.close();
  }
  return file;
}
