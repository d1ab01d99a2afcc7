// An issued file is never replaced by a run of `cci brief` (SPEC §6: the original stays as
// issued). The register's decisions already keep an issued version's files and write a
// corrigendum under its own names; this guard covers what they cannot see, just before the
// staged files replace the output folder's:
//   - a file on disk whose SHA-256 the register records as a file of a version issued, or whose
//     delivery is uncertain (whatever document the run thinks it is writing);
//   - a file on disk whose name and SHA-256 the output folder's hand-out log
//     (.cci-handed-out.jsonl, src/output/handout-log.ts) records as handed out with --issue,
//     under whatever register;
//   - a file the output folder's send log (.cci-sent.jsonl) says was emailed, or possibly
//     emailed (a run that stopped while sending it), that the register in use does not record
//     as delivered: issued with another --state or CCI_STATE_DIR, or not recorded yet.
// A file is refused only when the run would change its bytes. A log that exists but cannot be
// read (a folder, a named pipe or a link in its place, no permission, an I/O error; never waited
// on, output/read-regular-file.ts) does not count as empty: a file it
// would have to be asked about is refused, the log and the error named. What it does not cover: a file
// issued by a cci older than these logs under a register this run cannot see, a log removed or
// edited, and anything done to the folder by other programs.

import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { findFile, type RegisterView } from '../register/view.js';
import type { ProducedDocument } from './run.js';

export interface ProtectedFile {
  path: string;
  /**
   * `register`: its bytes are an issued (or possibly delivered) version's; `handOutLog`: the
   * output folder's hand-out log records these bytes under its name; `sendLog`: the output
   * folder's send log names it.
   */
  why: 'register' | 'handOutLog' | 'sendLog' | 'logUnreadable';
  /** For `logUnreadable`: which log, and the read error's code (EISDIR, EACCES, EIO...). */
  log?: { which: 'handOutLog' | 'sendLog'; code: string };
}

/** What the output folder itself says was issued from it, read only when needed. */
export interface OutputFolderLogs {
  /** The file names of its send log (emailed or possibly emailed); none without a log. Rejects when the log cannot be read. */
  sentFiles(): Promise<ReadonlySet<string>>;
  /** The files of its hand-out log (--issue): name and SHA-256; none without a log. Rejects when the log cannot be read. */
  handedOut(): Promise<readonly { file: string; sha256: string }[]>;
}

/** A log read once, or the reason it could not be. */
type Read<T> = { value: T } | { code: string };

async function readOnce<T>(read: () => Promise<T>): Promise<Read<T>> {
  try {
    return { value: await read() };
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

/** The files of `documents` that would replace an issued file with other bytes. */
export async function issuedFilesReplaced(
  documents: readonly ProducedDocument[],
  view: RegisterView,
  logs: OutputFolderLogs,
): Promise<ProtectedFile[]> {
  const out: ProtectedFile[] = [];
  let sent: Read<ReadonlySet<string>> | undefined;
  let handed: Read<ReadonlySet<string>> | undefined;
  for (const doc of documents) {
    for (const file of doc.files) {
      const onDisk = await sha256OfFile(file.path);
      if (onDisk === undefined || onDisk === file.sha256) continue;
      if (findFile(view, onDisk).some(({ record }) => record.held)) {
        out.push({ path: file.path, why: 'register' });
        continue;
      }
      handed ??= await readOnce(async () => new Set((await logs.handedOut()).map((h) => `${h.file}\u0000${h.sha256}`)));
      if (!('value' in handed)) {
        out.push({ path: file.path, why: 'logUnreadable', log: { which: 'handOutLog', code: handed.code } });
      } else if (handed.value.has(`${basename(file.path)}\u0000${onDisk}`)) {
        out.push({ path: file.path, why: 'handOutLog' });
      } else {
        // emailed or possibly emailed from this folder, though the register has no delivery of
        // it: a run that stopped while sending, or one under another register
        sent ??= await readOnce(() => logs.sentFiles());
        if (!('value' in sent)) {
          out.push({ path: file.path, why: 'logUnreadable', log: { which: 'sendLog', code: sent.code } });
        } else if (sent.value.has(basename(file.path))) out.push({ path: file.path, why: 'sendLog' });
      }
    }
  }
  return out;
}

async function sha256OfFile(path: string): Promise<string | undefined> {
  try {
    if (!(await lstat(path)).isFile()) return undefined;
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  } catch {
    return undefined;
  }
}
