// One run at a time per briefing: an exclusive lock file in the output folder
// (`.cci-<key>.lock`, created with O_EXCL, holding the pid and start time). A second run fails
// at once with LockedError (exit 7); a lock whose process is gone (crash, kill -9) is taken over.
// The lock is removed on release, and on process exit if the run did not release it.

import { hostname } from 'node:os';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { LockedError } from '../errors.js';
import { t } from '../i18n/messages.js';

export type Release = () => Promise<void>;

interface LockInfo {
  pid: number;
  started: string;
  host: string;
  key: string;
}

export function lockPath(dir: string, key: string): string {
  return join(dir, `.cci-${key.replace(/[^A-Za-z0-9_.-]+/g, '-')}.lock`);
}

export async function acquireLock(dir: string, key: string): Promise<Release> {
  await mkdir(dir, { recursive: true });
  const path = lockPath(dir, key);
  const info: LockInfo = { pid: process.pid, started: new Date().toISOString(), host: hostname(), key };
  const content = `${JSON.stringify(info)}\n`;
  for (let tries = 0; tries < 3; tries++) {
    try {
      const handle = await open(path, 'wx', 0o644);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return holdLock(path, content);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (holder === 'gone') continue; // released meanwhile: try again
    if (holder && holder.host === info.host && !isAlive(holder.pid)) {
      if (await takeOverStale(path, holder)) continue;
    }
    if (!holder && (await isOldUnreadable(path))) {
      // Left empty or torn by a crash between its creation and its writing.
      await rm(path, { force: true });
      continue;
    }
    throw lockedError(path, key, holder);
  }
  throw lockedError(path, key, await readHolder(path).then((h) => (h === 'gone' ? undefined : h)));
}

/** Locks this process holds (path → content), removed on exit by one listener for them all. */
const held = new Map<string, string>();

function removeHeldLocks(): void {
  // Synchronous: the process is ending. Remove each file only if it is still ours.
  for (const [path, content] of held) {
    try {
      if (readFileSync(path, 'utf8') === content) unlinkSync(path);
    } catch {
      // already gone
    }
  }
}

function holdLock(path: string, content: string): Release {
  let released = false;
  if (held.size === 0) process.on('exit', removeHeldLocks);
  held.set(path, content);
  return async () => {
    if (released) return;
    released = true;
    held.delete(path);
    if (held.size === 0) process.off('exit', removeHeldLocks);
    try {
      if ((await readFile(path, 'utf8')) === content) await rm(path, { force: true });
    } catch {
      // already gone
    }
  };
}

/** The lock file's holder; undefined when unreadable (being written, or not ours to judge). */
async function readHolder(path: string): Promise<LockInfo | 'gone' | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return undefined;
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || v.pid <= 0) return undefined;
    return { pid: v.pid, started: String(v.started ?? ''), host: String(v.host ?? ''), key: String(v.key ?? '') };
  } catch {
    return undefined;
  }
}

const UNREADABLE_GRACE_MS = 60_000;

async function isOldUnreadable(path: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > UNREADABLE_GRACE_MS;
  } catch {
    return false;
  }
}

/** Whether a process with this pid exists (EPERM: it exists, owned by someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
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
    throw error;
  }
  const moved = await readHolder(aside);
  if (moved !== 'gone' && moved && moved.pid === stale.pid && moved.started === stale.started) {
    await rm(aside, { force: true });
    return true;
  }
  await rename(aside, path).catch(() => undefined);
  return false;
}

function lockedError(path: string, key: string, holder: LockInfo | undefined): LockedError {
  const pid = holder ? (holder.host ? t('lock.pidOnHost', { pid: holder.pid, host: holder.host }) : t('lock.pid', { pid: holder.pid })) : '';
  const who = holder
    ? (holder.started ? t('lock.holderStarted', { pid, started: holder.started }) : t('lock.holderUnknownStart', { pid }))
    : t('lock.unknownHolder');
  return new LockedError(t('lock.locked', { key, who, path }));
}
