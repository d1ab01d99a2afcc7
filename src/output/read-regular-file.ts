// Reading a file cci keeps beside its output or state (a log, a lock) or is pointed at (`cci
// verify FILE`) without ever blocking: a named pipe (FIFO) in its place would block open() and
// read() for as long as nothing writes into it, in a thread that no signal interrupts, so a cron
// run would hang for good. Opened with O_NONBLOCK, then refused unless it is a regular file
// (read-data-file.ts does the same for the data folder, register-file.ts for the register).

import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';

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

function flags(opts: ReadRegularOptions): number {
  return O_RDONLY | O_NONBLOCK | (opts.followLinks === true ? 0 : O_NOFOLLOW);
}

/**
 * The bytes of the regular file at `path`. Rejects with the system's error (ENOENT when there
 * is nothing there, EACCES, ELOOP for a link unless followed...) or EFTYPE for a FIFO, socket,
 * device or folder; never blocks.
 */
export async function readRegularFile(path: string, opts: ReadRegularOptions = {}): Promise<Buffer> {
  const handle = await open(path, flags(opts));
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
  const fd = openSync(path, flags(opts));
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw notRegular(path, s.isDirectory());
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
