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

export async function writeOutputs(files: readonly OutputFile[]): Promise<string[]> {
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const f of files) {
      await mkdir(dirname(f.path), { recursive: true });
      const temp = join(dirname(f.path), `.cci-tmp-${process.pid}-${temps.length}-${baseName(f.path)}`);
      temps.push({ temp, path: f.path });
      const handle = await open(temp, 'w', 0o644);
      try {
        await handle.writeFile(f.content);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t.temp, { force: true })));
    throw error;
  }
  for (const t of temps) await rename(t.temp, t.path);
  return temps.map((t) => t.path);
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
