// Replacing a run's files all or nothing.
//
// Every new file is already complete and flushed in the run's private folder (run-folder.ts).
// The commit then, synchronously (so no signal handler can run in the middle of it):
//   1. refuses at once a folder at an output name;
//   2. keeps each file about to be replaced: a hard link to it in the private folder (a copy
//      where it cannot be linked); a file that cannot be kept fails the run before any change;
//   3. writes the journal (journal.json: each final name, its staged and kept file, whether it
//      existed, the staged file's inode), flushed;
//   4. renames each staged file over its final name; when one rename fails, the renamed ones
//      are put back (kept file renamed back, or the new file removed), in reverse order;
//   5. flushes the output folders and removes the journal.
// A run killed during 4 leaves the journal; the next run that opens the output folder rolls
// the files back the same way (recoverRunFolderSync). A final name whose file is no longer the
// one this run renamed there (someone replaced it since) is left alone.

import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { WriteError, writeErrorOf } from './write-error.js';
import { readRegularFileSync } from './read-regular-file.js';

const { O_WRONLY, O_RDONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = constants;
const O_DIRECTORY = constants.O_DIRECTORY ?? 0;

export const JOURNAL_FILE = 'journal.json';

export interface StagedFile {
  /** Final name. */
  path: string;
  /** The complete new file in the run's private folder. */
  staged: string;
  /** Its inode, to recognise it at its final name later. */
  dev: number;
  ino: number;
}

interface JournalEntry extends StagedFile {
  /** Where the replaced file is kept, when there was one. */
  kept?: string | undefined;
}

interface Journal {
  /** The run folder the journal was written in (a recovering run has renamed it since). */
  runDir: string;
  files: JournalEntry[];
}

/** Flushes a folder's entries; a no-op where the file system cannot. */
export function fsyncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, O_RDONLY | O_DIRECTORY);
    fsyncSync(fd);
  } catch {
    // unsupported here: nothing more can be done
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeJournalSync(runDir: string, journal: Journal): void {
  const temp = join(runDir, `${JOURNAL_FILE}.tmp`);
  const fd = openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  try {
    writeSync(fd, JSON.stringify(journal));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, join(runDir, JOURNAL_FILE));
  fsyncDirSync(runDir);
}

/** Keeps the file at `path` as `kept` (hard link, else copy); false when there is none. */
function keepOld(path: string, kept: string): boolean {
  let s;
  try {
    s = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw writeErrorOf(path, error);
  }
  if (s.isDirectory()) throw new WriteError(path, 'EISDIR');
  try {
    linkSync(path, kept);
  } catch {
    try {
      // not linkable here (another user's file, a file system without hard links): a copy
      copyFileSync(path, kept, constants.COPYFILE_EXCL);
    } catch (error) {
      throw writeErrorOf(path, error);
    }
  }
  return true;
}

/** Puts back what the commit replaced, last first; what cannot be put back is left. */
function rollBack(entries: readonly JournalEntry[]): void {
  for (const e of [...entries].reverse()) {
    if (existsSync(e.staged)) continue; // never renamed: its final name is untouched
    let s;
    try {
      s = lstatSync(e.path);
    } catch {
      s = undefined;
    }
    if (s && (s.ino !== e.ino || s.dev !== e.dev)) continue; // replaced since by someone else
    try {
      if (e.kept !== undefined && existsSync(e.kept)) renameSync(e.kept, e.path);
      else if (s) unlinkSync(e.path);
    } catch {
      // left as it is; nothing better can be done here
    }
  }
  for (const dir of new Set(entries.map((e) => dirname(e.path)))) fsyncDirSync(dir);
}

/** The file-system operation the commit's step 4 uses; tests replace it to fail or crash there. */
export interface CommitOps {
  renameSync(from: string, to: string): void;
}

/**
 * Renames every staged file over its final name, or none: on any failure, every file replaced
 * so far is put back and a WriteError names the file and the cause.
 */
export function commitSync(runDir: string, files: readonly StagedFile[], ops: CommitOps = { renameSync }): void {
  for (const f of files) {
    const s = (() => {
      try {
        return lstatSync(f.path);
      } catch {
        return undefined;
      }
    })();
    if (s?.isDirectory()) throw new WriteError(f.path, 'EISDIR');
  }
  const entries: JournalEntry[] = files.map((f, i) => ({ ...f, kept: join(runDir, `kept-${i}`) }));
  for (const e of entries) if (!keepOld(e.path, e.kept!)) e.kept = undefined;
  try {
    writeJournalSync(runDir, { runDir, files: entries });
  } catch (error) {
    throw writeErrorOf(join(runDir, JOURNAL_FILE), error);
  }
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    try {
      ops.renameSync(e.staged, e.path);
    } catch (error) {
      rollBack(entries.slice(0, i));
      unlinkQuietSync(join(runDir, JOURNAL_FILE));
      throw writeErrorOf(e.path, error);
    }
  }
  for (const dir of new Set(entries.map((e) => dirname(e.path)))) fsyncDirSync(dir);
  unlinkQuietSync(join(runDir, JOURNAL_FILE));
}

function unlinkQuietSync(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // gone
  }
}

/** Rolls back the unfinished commit of a dead run's folder, if it has one. Never throws. */
export function recoverRunFolderSync(runDir: string): void {
  let journal: Journal;
  try {
    journal = JSON.parse(readRegularFileSync(join(runDir, JOURNAL_FILE)).toString('utf8')) as Journal;
  } catch {
    return; // no commit had started (or its journal never became complete): nothing was replaced
  }
  if (!Array.isArray(journal.files)) return;
  const valid = journal.files.filter(
    (e) =>
      e &&
      typeof e.path === 'string' &&
      typeof e.staged === 'string' &&
      typeof e.ino === 'number' &&
      typeof e.dev === 'number' &&
      (e.kept === undefined || typeof e.kept === 'string'),
  );
  // files of the folder the journal was written in are now in the folder it was found in
  const moved = (p: string) =>
    typeof journal.runDir === 'string' && dirname(p) === journal.runDir ? join(runDir, basename(p)) : p;
  const rebased = valid.map((e) => ({
    ...e,
    staged: moved(e.staged),
    ...(e.kept !== undefined && { kept: moved(e.kept) }),
  }));
  rollBack(rebased);
}
