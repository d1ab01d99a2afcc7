// Reading one file of a data folder, safely: only regular files inside the data folder, each
// under a size limit. A symbolic link is followed only when it resolves inside the data folder
// (a link to /etc/passwd is refused before anything is read); a FIFO, a device or a socket is
// refused without blocking (opened with O_NONBLOCK, then checked); a file over the limit is
// refused before it is read in full (and reading stops at the limit if it grows meanwhile).

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { t } from '../i18n/messages.js';
import { formatMiB } from '../i18n/units.js';

/** The largest data file cci reads: 32 MiB (a day of a large event is well under 2 MiB a file). */
export const MAX_DATA_FILE_BYTES = 32 * 1024 * 1024;

/** The bytes, or the problem said as the end of a sentence about the file (`code`: the system's error code, when it is one). */
export type DataFileRead = { bytes: Uint8Array; identity?: FileIdentity } | { problem: string; code?: string };

/**
 * What says that a file is unchanged without reading it, as git's index does: device, inode,
 * size, and the modification and status-change times in nanoseconds (`id`), taken before its
 * bytes are read. Any write to the file changes its status-change time, which no user can set
 * back. `changedMs` is the later of the two times (epoch ms): an identity is trusted only once
 * the file has not changed for a while after it was taken (tally-cache-file.ts), since a
 * file system with coarse times could give two versions written within one tick the same one.
 */
export interface FileIdentity {
  id: string;
  changedMs: number;
}

function identityOf(s: BigIntStats): FileIdentity {
  const changed = s.mtimeNs > s.ctimeNs ? s.mtimeNs : s.ctimeNs;
  return {
    id: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`,
    changedMs: Number(changed / 1_000_000n),
  };
}

/** The data folder's real path (links resolved), against which links inside it are checked. */
export async function dataRoot(dataDir: string): Promise<string> {
  try {
    return await realpath(dataDir);
  } catch {
    return path.resolve(dataDir);
  }
}

/** Whether `file` (a real path) is `root` or inside it. */
export function isInside(file: string, root: string): boolean {
  return file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

function kindOf(s: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isDirectory(): boolean;
}): string {
  if (s.isFIFO()) return t('dataFile.kind.fifo');
  if (s.isCharacterDevice() || s.isBlockDevice()) return t('dataFile.kind.device');
  if (s.isSocket()) return t('dataFile.kind.socket');
  if (s.isDirectory()) return t('dataFile.kind.folder');
  return t('dataFile.kind.other');
}

function tooLarge(size: number, limit: number): string {
  return t('dataFile.tooLarge', { size: formatMiB(size), limit: formatMiB(limit) });
}

/** Why a file could not be opened or read: its error code, said as a problem. */
function unreadable(error: unknown): { problem: string; code: string } {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return { problem: t('data.fileUnreadable', { reason: code }), code };
}

/**
 * Why `target` could not be opened: what it is when it is not a regular file (a socket cannot be
 * opened at all, ENXIO, so it is never reached by the check after opening), else the error code.
 */
function notOpened(target: string, error: unknown): { problem: string; code?: string } {
  try {
    const s = statSync(target);
    if (!s.isFile()) return { problem: t('dataFile.notRegular', { what: kindOf(s) }) };
  } catch {
    // said by the error of opening it
  }
  return unreadable(error);
}

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/**
 * The bytes of `file` (absolute), or the problem that kept it from being read: a link out of
 * `root` (the data folder's real path), not a regular file, larger than `limit`, unreadable.
 */
export async function readDataFile(file: string, root: string, limit = MAX_DATA_FILE_BYTES): Promise<DataFileRead> {
  let target = file;
  try {
    if ((await lstat(file)).isSymbolicLink()) {
      try {
        target = await realpath(file);
      } catch {
        return { problem: t('dataFile.danglingLink') };
      }
      if (!isInside(target, root)) return { problem: t('dataFile.outside') };
    }
  } catch (error) {
    return unreadable(error);
  }
  let handle;
  try {
    handle = await open(target, OPEN_FLAGS);
  } catch (error) {
    return notOpened(target, error);
  }
  try {
    const s = await handle.stat();
    if (!s.isFile()) return { problem: t('dataFile.notRegular', { what: kindOf(s) }) };
    if (s.size > limit) return { problem: tooLarge(s.size, limit) };
    // Read to the end, never past the limit: its size first (one byte more tells that it grew
    // meanwhile), then any more in pieces.
    const chunks: Buffer[] = [];
    let total = 0;
    for (let want = s.size + 1; ; want = 65536) {
      const buffer = Buffer.allocUnsafe(Math.min(want, limit + 1 - total));
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      total += filled;
      if (total > limit) return { problem: tooLarge(total, limit) };
      chunks.push(buffer.subarray(0, filled));
      if (filled < buffer.length) break; // the end of the file
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (error) {
    return unreadable(error);
  } finally {
    await handle.close();
  }
}

/**
 * readDataFile, synchronously: for the files event.yaml names (its area list), read while
 * event.yaml is parsed. The same rules, the same problems.
 */
export function readDataFileSync(file: string, root: string, limit = MAX_DATA_FILE_BYTES): DataFileRead {
  let target = file;
  try {
    if (lstatSync(file).isSymbolicLink()) {
      try {
        target = realpathSync(file);
      } catch {
        return { problem: t('dataFile.danglingLink') };
      }
      if (!isInside(target, root)) return { problem: t('dataFile.outside') };
    }
  } catch (error) {
    return unreadable(error);
  }
  let fd: number | undefined;
  try {
    fd = openSync(target, OPEN_FLAGS);
  } catch (error) {
    return notOpened(target, error);
  }
  try {
    const s = fstatSync(fd, { bigint: true });
    if (!s.isFile()) return { problem: t('dataFile.notRegular', { what: kindOf(s) }) };
    const size = Number(s.size);
    if (size > limit) return { problem: tooLarge(size, limit) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (let want = size + 1; ; want = 65536) {
      const buffer = Buffer.allocUnsafe(Math.min(want, limit + 1 - total));
      let filled = 0;
      while (filled < buffer.length) {
        const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      total += filled;
      if (total > limit) return { problem: tooLarge(total, limit) };
      chunks.push(buffer.subarray(0, filled));
      if (filled < buffer.length) break;
    }
    // the identity taken before reading: a write meanwhile changes it, so the next run reads again
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total), identity: identityOf(s) };
  } catch (error) {
    return unreadable(error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The identity of `file` (absolute) without reading it, when readDataFileSync would read it:
 * a regular file inside `root` (links followed as there), within `limit`. Undefined otherwise
 * (reading it then says why).
 */
export function dataFileIdentitySync(
  file: string,
  root: string,
  limit = MAX_DATA_FILE_BYTES,
): FileIdentity | undefined {
  try {
    let target = file;
    if (lstatSync(file).isSymbolicLink()) {
      target = realpathSync(file);
      if (!isInside(target, root)) return undefined;
    }
    const s = statSync(target, { bigint: true });
    return s.isFile() && s.size <= BigInt(limit) ? identityOf(s) : undefined;
  } catch {
    return undefined;
  }
}
