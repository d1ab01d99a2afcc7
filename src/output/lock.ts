// One run at a time per briefing: an exclusive lock file in the output folder
// (`.cci-<key>.lock`) recording its owner (process-identity.ts: pid, process start time, boot
// id, pid namespace, host) and when it was taken. It is created whole at once (durable-write.ts:
// a flushed temporary file hard-linked to its name), so it is never seen empty. A second run
// fails at once with LockedError (exit 7).
//
// A lock is taken over when its owner is provably gone: no process with its pid, or one that
// started at another time (the pid was reused: pid 1 in each new container), or the machine
// restarted since. An owner that cannot be checked from here (another container's pid
// namespace, another host sharing the folder) touches its lock every HEARTBEAT_MS; its lock is
// taken over once it has not been touched for STALE_AFTER_MS. The lock is removed on release,
// and when the process ends or is interrupted (exit-cleanup.ts). Locks cannot be created:
// WriteError (exit 4).

import { lstat, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LockedError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { createFileDurably, unlinkQuiet } from './durable-write.js';
import { onEarlyExit } from './exit-cleanup.js';
import {
  currentIdentity,
  keepFresh,
  ownerState,
  parseIdentity,
  pidExists,
  STALE_AFTER_MS,
  type ProcessIdentity,
} from './process-identity.js';
import { openRunFolder } from './run-folder.js';
import { readRegularFile, readRegularFileSync } from './read-regular-file.js';
import { WriteError, writeErrorOf } from './write-error.js';

export type Release = () => Promise<void>;

interface LockInfo extends ProcessIdentity {
  started: string;
  key: string;
}

export function lockPath(dir: string, key: string): string {
  return join(dir, `.cci-${key.replace(/[^A-Za-z0-9_.-]+/g, '-')}.lock`);
}

/** Output folders already swept of stale locks by this process. */
const swept = new Set<string>();

/**
 * Removes the locks of `dir` whose owner is stale (isStale), so that a run killed with
 * SIGKILL leaves no lock behind once another run has used the folder. Never throws.
 */
export async function removeStaleLocks(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const path = join(dir, name);
    // a stale lock moved aside by a run that died before deleting it
    const aside = /^\.cci-.+\.lock\.stale-(\d+)-\d+$/.exec(name);
    if (aside && (!pidExists(Number(aside[1])) || (await isOld(path, STALE_AFTER_MS))))
      await rm(path, { force: true }).catch(() => undefined);
    if (!/^\.cci-.+\.lock$/.test(name)) continue;
    const holder = await readHolder(path);
    if (holder && holder !== 'gone' && (await isStale(path, holder)))
      await takeOverStale(path, holder).catch(() => undefined);
  }
}

export async function acquireLock(dir: string, key: string): Promise<Release> {
  const folder = await openRunFolder(dir);
  const path = lockPath(folder.outDir, key);
  if (!swept.has(folder.outDir)) {
    swept.add(folder.outDir);
    await removeStaleLocks(folder.outDir);
  }
  const info: LockInfo = { ...currentIdentity(), started: new Date().toISOString(), key };
  const content = `${JSON.stringify(info)}\n`;
  try {
    for (let tries = 0; tries < 3; tries++) {
      try {
        await createFileDurably(path, content, { tempDir: folder.dir, mode: 0o644 });
        return holdLock(path, content, folder.release);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeErrorOf(path, error);
      }
      // a folder, a named pipe, a link (even to nothing) or a device under the lock's name is
      // not another run's lock: said as what it is, never waited on, never removed
      if (await notAFile(path)) throw new WriteError(path, 'NOTLOCK');
      const holder = await readHolder(path);
      if (holder === 'gone') continue; // released meanwhile: try again
      if (holder && (await isStale(path, holder))) {
        if (await takeOverStale(path, holder)) continue;
      }
      if (!holder && (await isOld(path, UNREADABLE_GRACE_MS))) {
        // Left empty or torn by a crash (only where hard links are not supported).
        await rm(path, { force: true });
        continue;
      }
      throw lockedError(path, key, holder);
    }
    throw lockedError(path, key, await readHolder(path).then((h) => (h === 'gone' ? undefined : h)));
  } catch (error) {
    folder.release();
    throw error;
  }
}

function holdLock(path: string, content: string, releaseFolder: () => void): Release {
  let released = false;
  const removeIfOurs = () => {
    try {
      if (readRegularFileSync(path).toString('utf8') === content) unlinkQuiet(path);
    } catch {
      // already gone
    }
  };
  const stopFresh = keepFresh(path);
  const unregister = onEarlyExit(removeIfOurs);
  return async () => {
    if (released) return;
    released = true;
    stopFresh();
    unregister();
    try {
      if ((await readRegularFile(path)).toString('utf8') === content) await rm(path, { force: true });
    } catch {
      // already gone
    }
    releaseFolder();
  };
}

/** The lock file's holder; undefined when unreadable (being written, or not ours to judge). */
async function readHolder(path: string): Promise<LockInfo | 'gone' | undefined> {
  let text: string;
  try {
    text = (await readRegularFile(path)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return undefined;
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    const id = parseIdentity(v);
    if (!id) return undefined;
    return { ...id, started: String(v.started ?? ''), key: String(v.key ?? '') };
  } catch {
    return undefined;
  }
}

/**
 * Throws the WriteError acquireLock would (exit 4, cause NOTLOCK) when something other than a
 * regular file has the name of lock `key` in `dir`: checked before a run writes anything, for a
 * lock it takes only later (the register's, once the documents are written).
 */
export async function checkLockName(dir: string, key: string): Promise<void> {
  const path = lockPath(dir, key);
  if (await notAFile(path)) throw new WriteError(path, 'NOTLOCK');
}

/** Whether `path` exists as something other than a regular file (not followed if a link). */
async function notAFile(path: string): Promise<boolean> {
  try {
    return !(await lstat(path)).isFile();
  } catch {
    return false; // gone meanwhile: the next try takes it
  }
}

const UNREADABLE_GRACE_MS = 60_000;

async function isOld(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch {
    return false;
  }
}

/** Whether the lock's owner is provably gone, or cannot be checked and stopped touching it. */
async function isStale(path: string, holder: LockInfo): Promise<boolean> {
  const state = ownerState(holder);
  if (state !== 'unknown') return state === 'gone';
  return isOld(path, STALE_AFTER_MS);
}

/** Whether a process with this pid exists (EPERM: it exists, owned by someone else). */
export function isAlive(pid: number): boolean {
  return pidExists(pid);
}

/**
 * Moves a stale lock aside and deletes it. The move is atomic, so of two runs taking over the
 * same stale lock only one moves it; if what was moved turns out not to be the stale lock (a
 * live run took it over in between), it is put back and the caller reports the lock as held.
 */
async function takeOverStale(path: string, stale: LockInfo): Promise<boolean> {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw writeErrorOf(path, error);
  }
  const moved = await readHolder(aside);
  if (
    moved !== 'gone' &&
    moved &&
    moved.pid === stale.pid &&
    moved.started === stale.started &&
    moved.start === stale.start
  ) {
    await rm(aside, { force: true });
    return true;
  }
  await rename(aside, path).catch(() => undefined);
  return false;
}

function lockedError(path: string, key: string, holder: LockInfo | undefined): LockedError {
  const pid = holder
    ? holder.host
      ? t('lock.pidOnHost', { pid: holder.pid, host: holder.host })
      : t('lock.pid', { pid: holder.pid })
    : '';
  const who = holder
    ? holder.started
      ? t('lock.holderStarted', { pid, started: holder.started })
      : t('lock.holderUnknownStart', { pid })
    : t('lock.unknownHolder');
  // the register's locks (register/index.ts issueLockKeys: `issue-<briefing>`, `register`) say what they guard
  if (key.startsWith('issue-')) return new LockedError(t('lock.lockedIssuing', { key: key.slice(6), who, path }));
  if (key === 'register') return new LockedError(t('lock.lockedRegister', { who, path }));
  return new LockedError(t('lock.locked', { key, who, path }));
}
