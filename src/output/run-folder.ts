// The output folder and each run's private folder inside it.
//
// A run stages its files in `<out>/.cci-staging/<run>/` (0700, owned by the user: nobody else
// can read a staged national briefing, whatever its own mode), on the same file system as their
// final names so that they can be renamed there. The folder records its owner (owner.json,
// process-identity.ts) and, while the run commits, its journal (commit.ts). The run's folder is
// removed when the run ends, by any exit path (exit-cleanup.ts); one left by a killed run is
// rolled back and removed by the next run that opens the same output folder.

import { randomBytes } from 'node:crypto';
import { rmdirSync, rmSync, statSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir, rename } from 'node:fs/promises';
import { readRegularFileSync } from './read-regular-file.js';
import { dirname, join, resolve } from 'node:path';
import { recoverRunFolderSync } from './commit.js';
import { createExclusive, removeStaleTemps, writeAndClose } from './durable-write.js';
import { onEarlyExit } from './exit-cleanup.js';
import { currentIdentity, keepFresh, ownerState, parseIdentity, STALE_AFTER_MS } from './process-identity.js';
import { ensureFolder } from './ensure-folder.js';
import { WriteError, writeErrorOf } from './write-error.js';

export { ensureFolder };

export const STAGING_DIR = '.cci-staging';
export const OWNER_FILE = 'owner.json';

/** Makes `dir` a private folder of this user (0700), refusing a link or another user's folder. */
async function privateFolder(dir: string): Promise<void> {
  let s;
  for (let tries = 0; ; tries++) {
    try {
      await mkdir(dir, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeErrorOf(dir, error);
    }
    try {
      s = await lstat(dir);
      break;
    } catch (error) {
      // another run, ending, removed the shared folder between our mkdir and lstat: make it again
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && tries < 5) continue;
      throw writeErrorOf(dir, error);
    }
  }
  const uid = process.getuid?.();
  if (!s.isDirectory() || (uid !== undefined && s.uid !== uid)) throw new WriteError(dir, 'NOTOURS');
  if ((s.mode & 0o077) !== 0)
    await chmod(dir, 0o700).catch((error: unknown) => {
      throw writeErrorOf(dir, error);
    });
}

export interface RunFolder {
  /** The output folder (absolute). */
  readonly outDir: string;
  /** This run's private folder in it. */
  readonly dir: string;
  /** Gives up one use; the folder is removed when the last use ends. */
  release(): void;
}

interface OpenFolder {
  dir: string;
  /** The output folder and parents this run made (parents first): removed again if left empty. */
  made: string[];
  uses: number;
  stopFresh: () => void;
  unregister: () => void;
}

const open = new Map<string, OpenFolder>();

function removeRunFolderSync(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // best effort
  }
  try {
    rmdirSync(dirname(dir)); // the staging folder, once no run uses it
  } catch {
    // not empty (another run), or gone
  }
}

/** Removes the folders this run made (deepest first) that are still empty; never one with anything in it. */
function removeEmptyFoldersSync(made: readonly string[]): void {
  for (const m of [...made].reverse()) {
    try {
      rmdirSync(m);
    } catch {
      return; // not empty (a document, another run's lock), or gone
    }
  }
}

/**
 * This run's private folder in `outDir` (one per output folder and process, shared by its
 * locks and staged files; each `openRunFolder` is one use). The first opening creates the
 * output folder, removes temporary files of dead runs and rolls back their unfinished commits.
 * Throws WriteError.
 */
export async function openRunFolder(outDir: string): Promise<RunFolder> {
  const out = resolve(outDir);
  let f = open.get(out);
  if (!f) {
    const made = await ensureFolder(out);
    const area = join(out, STAGING_DIR);
    let dir: string;
    try {
      await removeStaleTemps(out); // `.cci-tmp-*` left beside the documents by earlier versions
      dir = await createRunFolder(area);
    } catch (error) {
      removeEmptyFoldersSync(made);
      throw error;
    }
    await recoverDeadRuns(area, dir);
    f = {
      dir,
      made,
      uses: 0,
      stopFresh: keepFresh(join(dir, OWNER_FILE)),
      unregister: onEarlyExit(() => {
        removeRunFolderSync(dir);
        removeEmptyFoldersSync(made);
      }),
    };
    open.set(out, f);
  }
  f.uses++;
  const folder = f;
  let released = false;
  return {
    outDir: out,
    dir: folder.dir,
    release() {
      if (released) return;
      released = true;
      if (--folder.uses > 0) return;
      open.delete(out);
      folder.stopFresh();
      folder.unregister();
      removeRunFolderSync(folder.dir);
      // a run that wrote nothing (it failed, or had nothing to write) leaves no new empty folder
      removeEmptyFoldersSync(folder.made);
    },
  };
}

async function createRunFolder(area: string): Promise<string> {
  const me = currentIdentity();
  for (let tries = 0; ; tries++) {
    await privateFolder(area);
    const dir = join(area, `${me.pid}-${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(dir, { mode: 0o700 });
    } catch (error) {
      // another run removed the staging folder as it ended: make it again
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && tries < 3) continue;
      throw writeErrorOf(dir, error);
    }
    try {
      await writeAndClose(await createExclusive(join(dir, OWNER_FILE)), `${JSON.stringify(me)}\n`);
    } catch (error) {
      removeRunFolderSync(dir);
      throw writeErrorOf(join(dir, OWNER_FILE), error);
    }
    return dir;
  }
}

/** Whether the run that made `dir` has provably ended (or stopped touching its folder long ago). */
function isDead(dir: string): boolean {
  const ownerFile = join(dir, OWNER_FILE);
  let owner;
  try {
    // never waited on: a named pipe in its place would block the sweep of every later run
    owner = parseIdentity(JSON.parse(readRegularFileSync(ownerFile).toString('utf8')));
  } catch {
    owner = undefined;
  }
  const state = owner ? ownerState(owner) : 'unknown';
  if (state !== 'unknown') return state === 'gone';
  try {
    const s = statSync(owner ? ownerFile : dir);
    return Date.now() - s.mtimeMs > STALE_AFTER_MS;
  } catch {
    return false;
  }
}

/**
 * Rolls back and removes the folders of runs that died (SIGKILL, a crash, a power cut). Each
 * is first renamed to a name of ours, so that of two runs recovering it only one does.
 */
async function recoverDeadRuns(area: string, mine: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(area);
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(area, name);
    if (dir === mine) continue;
    const s = await lstat(dir).catch(() => undefined);
    if (!s?.isDirectory() || !isDead(dir)) continue;
    const claimed = `${dir}.r${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await rename(dir, claimed);
    } catch {
      continue; // another run claimed it first
    }
    recoverRunFolderSync(claimed);
    rmSync(claimed, { recursive: true, force: true });
  }
}
