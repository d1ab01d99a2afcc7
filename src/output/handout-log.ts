// The hand-out log beside the output (<outDir>/.cci-handed-out.jsonl): one JSON line per file of
// a briefing handed out with `cci brief --issue` — its name, its SHA-256 and when — so that a
// later run under another register (another --state or CCI_STATE_DIR) does not replace it
// (src/pipeline/issued-guard.ts). The send log (src/deliver/send-log.ts) is its counterpart for
// emailed briefings.
//
// It holds no content: no audience, marking, figure or record id, only the names of files the
// folder already holds (or held) and their hashes. Appended like the send log: 0600, never
// through a symbolic link, one write, flushed (durable-write.ts); a line torn by a crash, or not
// of this shape, is skipped on reading.

import { join } from 'node:path';
import { appendDurably } from './durable-write.js';
import { readRegularFile } from './read-regular-file.js';
import { isDisplaySafe } from '../text/control-chars.js';
import { isIsoInstant } from '../text/iso-instant.js';

export const HANDOUT_LOG_NAME = '.cci-handed-out.jsonl';

export interface HandedOutFile {
  /** The file's name in the output folder (no folder). */
  file: string;
  /** SHA-256 of its bytes as handed out, 64 lowercase hex digits. */
  sha256: string;
  /** ISO 8601 instant it was handed out. */
  at: string;
  /**
   * The event and the register entry (seq and hash) of the version handed out: a witness, outside
   * the state folder, of what the register held (pipeline/register-witness.ts). Absent in the
   * lines of an earlier cci, and in those of files handed out before.
   */
  event?: string;
  entry?: { seq: number; hash: string };
}

export function handOutLogPath(outDir: string): string {
  return join(outDir, HANDOUT_LOG_NAME);
}

/** The files the log of `outDir` says were handed out; none when there is no log. Throws the read error otherwise. */
export async function readHandOutLog(outDir: string): Promise<HandedOutFile[]> {
  let text: string;
  try {
    text = (await readRegularFile(handOutLogPath(outDir))).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: HandedOutFile[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const v: unknown = JSON.parse(line);
      if (isHandedOut(v)) out.push({ file: v.file, sha256: v.sha256, at: v.at, ...witnessOf(v) });
    } catch {
      // a line torn by a crash
    }
  }
  return out;
}

/**
 * Appends the files not yet in the log (same name and SHA-256), with one write, flushed; the
 * output folder exists (the files were just written there). Throws the write error.
 */
export async function appendHandOutLog(outDir: string, files: readonly HandedOutFile[]): Promise<void> {
  const known = new Set((await readHandOutLog(outDir)).map(keyOf));
  const fresh = files.filter((f, i) => !known.has(keyOf(f)) && files.findIndex((g) => keyOf(g) === keyOf(f)) === i);
  if (fresh.length === 0) return;
  const path = handOutLogPath(outDir);
  // after a torn last line, start on a new line so that this entry stays readable
  const torn = await readRegularFile(path).then(
    (bytes) => bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a,
    () => false,
  );
  const lines = fresh
    .map((f) => `${JSON.stringify({ file: f.file, sha256: f.sha256, at: f.at, ...witnessOf(f) })}\n`)
    .join('');
  await appendDurably(path, `${torn ? '\n' : ''}${lines}`);
}

/** The event and register entry of a line, when both are there and of their shape. */
function witnessOf(v: { event?: unknown; entry?: unknown }): Pick<HandedOutFile, 'event' | 'entry'> {
  const e = v.entry as Record<string, unknown> | undefined;
  if (typeof v.event !== 'string' || typeof e !== 'object' || e === null) return {};
  if (!Number.isSafeInteger(e.seq) || typeof e.hash !== 'string') return {};
  return { event: v.event, entry: { seq: e.seq as number, hash: e.hash } };
}

function keyOf(f: { file: string; sha256: string }): string {
  return `${f.file}\u0000${f.sha256}`;
}

function isHandedOut(v: unknown): v is HandedOutFile {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.file === 'string' &&
    // a file name of the folder: no folder, no control character (it is printed in messages)
    !/[/\\]/.test(o.file) &&
    isDisplaySafe(o.file) &&
    typeof o.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(o.sha256) &&
    isIsoInstant(o.at)
  );
}
