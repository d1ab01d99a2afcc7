// Writes a run's files all or nothing: every file is written complete and flushed to the run's
// private folder in the output folder (run-folder.ts) as soon as it is ready, and only when all
// of them are written are they renamed over their final names, together (commit.ts): a failed
// rename puts back every file replaced before it, and a run killed in the middle is rolled back
// by the next one. A failure leaves earlier files exactly as they were, and no temporary file.
// Every file-system failure is a WriteError (exit 4) naming the path and the cause.

import { basename, dirname, join, resolve } from 'node:path';
import { commitSync, type StagedFile } from './commit.js';
import { createExclusive, writeAndClose } from './durable-write.js';
import { openRunFolder, type RunFolder } from './run-folder.js';
import { writeErrorOf } from './write-error.js';

export interface OutputFile {
  path: string;
  content: string | Uint8Array;
}

/** The mode of a published file: 0644 less the umask, as a file created the usual way. */
function publishedMode(): number {
  return 0o644 & ~process.umask();
}

/**
 * The files of a run, each written to the run's private folder as soon as it is ready (so a
 * long batch does not hold them all in memory), renamed together by commit(), or all removed
 * by discard(). Throws WriteError.
 */
export class StagedFiles {
  readonly #staged: (StagedFile & { folder: RunFolder })[] = [];
  readonly #folders = new Map<string, Promise<RunFolder>>();
  #count = 0;

  async add(path: string, content: string | Uint8Array): Promise<void> {
    const final = resolve(path);
    const folder = await this.#folder(dirname(final));
    const staged = join(folder.dir, `${this.#count++}-${basename(final)}`);
    try {
      // created 0600 in a 0700 folder; given its published mode only once complete
      const handle = await createExclusive(staged);
      const { dev, ino } = await handle.stat();
      await writeAndClose(handle, content, publishedMode());
      this.#staged.push({ path: final, staged, dev, ino, folder });
    } catch (error) {
      throw writeErrorOf(final, error);
    }
  }

  /** Renames every staged file over its final name; returns the final paths in order. */
  async commit(): Promise<string[]> {
    try {
      const first = this.#staged[0];
      // one journal, in the first file's run folder, for the files of every folder
      if (first)
        commitSync(
          first.folder.dir,
          this.#staged.map(({ path, staged, dev, ino }) => ({ path, staged, dev, ino })),
        );
      return this.#staged.map((s) => s.path);
    } finally {
      await this.discard();
    }
  }

  /** Removes every staged file (and the run's private folder once nothing else uses it). */
  async discard(): Promise<void> {
    const folders = await Promise.all(this.#folders.values());
    this.#folders.clear();
    this.#staged.length = 0;
    for (const folder of folders) folder.release();
  }

  async #folder(dir: string): Promise<RunFolder> {
    let f = this.#folders.get(dir);
    if (!f) {
      f = openRunFolder(dir);
      this.#folders.set(dir, f);
      f.catch(() => this.#folders.delete(dir));
    }
    return f;
  }
}

export async function writeOutputs(files: readonly OutputFile[]): Promise<string[]> {
  const staged = new StagedFiles();
  try {
    for (const f of files) await staged.add(f.path, f.content);
  } catch (error) {
    await staged.discard();
    throw error;
  }
  return staged.commit();
}
