// The one way cci writes a file it keeps: the briefings (through write-outputs.ts), the locks,
// the send log and the tally cache.
//
// - A temporary file is created under an unpredictable name with O_CREAT|O_EXCL|O_NOFOLLOW and
//   mode 0600: never an existing file, never through a symbolic link planted at its name.
// - Its bytes are flushed (fsync) before it is renamed over (or hard-linked to) its final name,
//   and the folder is flushed after, so a crash leaves the old file or the new one, whole.
// - Until it is renamed, the temporary file is removed if the process ends (exit-cleanup.ts);
//   one left by a killed run is removed by a later run (removeStaleTemps).
// - An append (the send log) opens with O_APPEND|O_NOFOLLOW|O_NONBLOCK, refuses anything but a
//   regular file, writes once and flushes.
//
// write-file-atomic does the temporary-and-rename for one file, but opens its temporary file
// without O_EXCL or O_NOFOLLOW and never flushes the folder; it has no exclusive creation (the
// locks) nor append (the send log). Hence this module, on node:fs alone.

import { randomBytes } from 'node:crypto';
import { constants, unlinkSync } from 'node:fs';
import { link, lstat, open, readdir, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { onEarlyExit } from './exit-cleanup.js';
import { currentIdentity, ownerState } from './process-identity.js';

const { O_WRONLY, O_RDONLY, O_CREAT, O_EXCL, O_APPEND, O_NOFOLLOW, O_NONBLOCK } = constants;
const O_DIRECTORY = constants.O_DIRECTORY ?? 0;

/** Every temporary file of cci starts with this. */
export const TEMP_PREFIX = '.cci-tmp-';
/** A temporary file whose owner cannot be checked is stale after this long. */
export const STALE_TEMP_MS = 60 * 60_000;

/** A new, unpredictable name for a temporary file of this process in `dir`. */
export function tempPath(dir: string, label = ''): string {
  const me = currentIdentity();
  const owner = me.start === undefined ? `${me.pid}` : `${me.pid}.${me.start}`;
  const tail = label.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(-60);
  return join(dir, `${TEMP_PREFIX}${owner}-${randomBytes(8).toString('hex')}${tail ? `-${tail}` : ''}`);
}

/** Creates `path` for writing: never an existing file, never through a symbolic link. */
export async function createExclusive(path: string, mode = 0o600): Promise<FileHandle> {
  return open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
}

/** Writes all of `content`, flushes it to disk, sets `mode` (the umask does not apply), closes. */
export async function writeAndClose(handle: FileHandle, content: string | Uint8Array, mode?: number): Promise<void> {
  try {
    await handle.writeFile(content);
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (renames, creations) to disk; a no-op where folders cannot be. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, O_RDONLY | O_DIRECTORY);
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM' && code !== 'EBADF' && code !== 'ENOTSUP')
      throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Writes `content` to a new temporary file in `dir` (0600 unless `mode`), flushed; the file is
 * removed if the process ends before `done()` is called (call it once the file is renamed).
 */
export async function writeTemp(
  dir: string,
  content: string | Uint8Array,
  opts: { label?: string; mode?: number } = {},
): Promise<{ path: string; done: () => void }> {
  const path = tempPath(dir, opts.label);
  const handle = await createExclusive(path);
  const done = onEarlyExit(() => unlinkQuiet(path));
  try {
    await writeAndClose(handle, content, opts.mode);
  } catch (error) {
    await rm(path, { force: true }).catch(() => undefined);
    done();
    throw error;
  }
  return { path, done };
}

/**
 * Replaces `path` with `content` durably: a temporary file beside it, flushed, renamed over it,
 * the folder flushed. Readers see the old file or the new one, never a part. `mode` defaults
 * to 0600. Throws the file system's error (the temporary file is removed).
 */
export async function replaceFileDurably(
  path: string,
  content: string | Uint8Array,
  opts: { mode?: number } = {},
): Promise<void> {
  const temp = await writeTemp(dirname(path), content, { label: basename(path), mode: opts.mode ?? 0o600 });
  try {
    await rename(temp.path, path);
  } catch (error) {
    await rm(temp.path, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    temp.done();
  }
  await fsyncDir(dirname(path));
}

/**
 * Creates `path` with `content` only when nothing is at that name, whole at once: the content
 * is written to a temporary file in `tempDir` (same file system) and hard-linked to `path`, so
 * no reader ever sees it empty or torn. Where hard links are not supported, the file is created
 * in place with O_EXCL. Throws EEXIST when something is at `path`.
 */
export async function createFileDurably(
  path: string,
  content: string | Uint8Array,
  opts: { tempDir?: string; mode?: number } = {},
): Promise<void> {
  const mode = opts.mode ?? 0o600;
  const temp = await writeTemp(opts.tempDir ?? dirname(path), content, { label: basename(path), mode });
  let linked = false;
  try {
    await link(temp.path, path);
    linked = true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'EMLINK')
      throw error;
  } finally {
    await unlink(temp.path).catch(() => undefined);
    temp.done();
  }
  if (!linked) await writeAndClose(await createExclusive(path, mode), content);
  await fsyncDir(dirname(path));
}

/**
 * Appends `text` to `path` (created 0600 when missing) with one write, flushed. Refuses a
 * symbolic link (ELOOP) and anything that is not a regular file (ENOTSUP with code NOTFILE).
 */
export async function appendDurably(path: string, text: string, opts: { mode?: number } = {}): Promise<void> {
  const existed = await lstat(path).then(
    () => true,
    () => false,
  );
  const handle = await open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NONBLOCK, opts.mode ?? 0o600);
  try {
    if (!(await handle.stat()).isFile()) {
      throw Object.assign(new Error(`${path} is not a regular file`), { code: 'NOTFILE', path });
    }
    await handle.write(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (!existed) await fsyncDir(dirname(path));
}

/** Removes a file, ignoring any error (used at exit). */
export function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** The owner written in a temporary file's name: `<pid>[.<start>]-…`. */
function tempOwner(name: string): { pid: number; start?: string } | undefined {
  const m = /^(\d+)(?:\.(\d+))?-/.exec(name.slice(TEMP_PREFIX.length));
  return m ? { pid: Number(m[1]), ...(m[2] !== undefined && { start: m[2] }) } : undefined;
}

/**
 * Removes the temporary files of runs that are gone from `dir` (their owner provably gone, or
 * older than STALE_TEMP_MS when it cannot be checked). Only regular files and symbolic links
 * named `.cci-tmp-*` are touched. Never throws.
 */
export async function removeStaleTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.startsWith(TEMP_PREFIX));
  } catch {
    return;
  }
  const me = currentIdentity();
  for (const name of names) {
    const path = join(dir, name);
    try {
      const s = await lstat(path);
      if (!s.isFile() && !s.isSymbolicLink()) continue;
      const owner = tempOwner(name);
      const state = owner ? ownerState({ ...me, pid: owner.pid, start: owner.start }) : 'unknown';
      if (state === 'alive' && owner?.pid === me.pid) continue;
      if (state === 'gone' || Date.now() - s.mtimeMs > STALE_TEMP_MS) await unlink(path);
    } catch {
      // raced with its owner or another cleaner
    }
  }
}
