// Reading a file cci keeps beside its output or state (a log, a lock) or is pointed at (`cci
// verify FILE`) without ever blocking: a named pipe (FIFO) in its place would block open() and
// read() for as long as nothing writes into it, in a thread that no signal interrupts, so a cron
// run would hang for good. Opened with O_NONBLOCK, then refused unless it is a regular file
// (read-data-file.ts does the same for the data folder, register-file.ts for the register).

import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { lstat, open } from 'node:fs/promises';

const { O_RDONLY, O_NONBLOCK, O_NOFOLLOW } = constants;

export interface ReadRegularOptions {
  /**
   * Follow a symbolic link (default false: a link, even to a regular file, fails with ELOOP,
   * as cci's own files are never links).
   */
  followLinks?: boolean;
}

/** The error for something that is not a regular file: EISDIR for a folder, else EFTYPE ("inappropriate file type"). */
function notRegular(path: string, isDirectory: boolean): NodeJS.ErrnoException {
  return Object.assign(new Error(`${path} is not a regular file`), { code: isDirectory ? 'EISDIR' : 'EFTYPE', path });
}

/**
 * A followed link's failure said as what it is: ENOENT for a link whose target is missing
 * becomes EDANGLING ("a link to nothing", not "no such file": the name is there), ELOOP (a
 * cycle of links, or a chain longer than the kernel follows, when links are followed) ELINKLOOP. `isLink` tells whether `path` itself is a link.
 */
function linkFailure(error: unknown, followLinks: boolean, isLink: () => boolean): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!followLinks || (code !== 'ENOENT' && code !== 'ELOOP')) return error;
  if (code === 'ELOOP') return Object.assign(error as Error, { code: 'ELINKLOOP' });
  let link = false;
  try {
    link = isLink();
  } catch {
    // nothing there at all: ENOENT stands
  }
  return link ? Object.assign(error as Error, { code: 'EDANGLING' }) : error;
}

function flags(opts: ReadRegularOptions): number {
  return O_RDONLY | O_NONBLOCK | (opts.followLinks === true ? 0 : O_NOFOLLOW);
}

/**
 * The bytes of the regular file at `path`. Rejects with the system's error (ENOENT when there
 * is nothing there, EACCES, ELOOP for a link unless followed...), EFTYPE for a FIFO, socket,
 * device or folder, and, links followed, EDANGLING for a link to nothing and ELINKLOOP for a
 * cycle of links; never blocks.
 */
export async function readRegularFile(path: string, opts: ReadRegularOptions = {}): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, flags(opts));
  } catch (error) {
    const isLink = (await lstat(path).catch(() => undefined))?.isSymbolicLink() === true;
    throw linkFailure(error, opts.followLinks === true, () => isLink);
  }
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw notRegular(path, s.isDirectory());
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** readRegularFile, synchronously (for exit handlers). */
export function readRegularFileSync(path: string, opts: ReadRegularOptions = {}): Buffer {
  let fd: number;
  try {
    fd = openSync(path, flags(opts));
  } catch (error) {
    throw linkFailure(error, opts.followLinks === true, () => lstatSync(path).isSymbolicLink());
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw notRegular(path, s.isDirectory());
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
