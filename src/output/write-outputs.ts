// Writes a run's files all or nothing: every file goes to a temporary name in the output folder
// first (flushed to disk), and only when all of them are written are they renamed over their
// final names. A failure removes the temporaries and leaves earlier files exactly as they were.
// (write-file-atomic does the temporary-and-rename for one file; a run needs it for all its
// files at once, hence the two phases here.)

import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface OutputFile {
  path: string;
  content: string | Uint8Array;
}

/**
 * The files of a run, each written to a temporary name beside its final one as soon as it is
 * ready (so a long batch does not hold them all in memory), renamed together by commit(), or
 * all removed by discard().
 */
export class StagedFiles {
  readonly #staged: { temp: string; path: string }[] = [];

  async add(path: string, content: string | Uint8Array): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temp = join(dirname(path), `.cci-tmp-${process.pid}-${this.#staged.length}-${baseName(path)}`);
    this.#staged.push({ temp, path });
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Renames every staged file over its final name; returns the final paths in order. */
  async commit(): Promise<string[]> {
    for (const s of this.#staged) await rename(s.temp, s.path);
    return this.#staged.map((s) => s.path);
  }

  async discard(): Promise<void> {
    await Promise.all(this.#staged.map((s) => rm(s.temp, { force: true })));
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

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
