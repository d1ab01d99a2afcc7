// The send log beside the output (<outDir>/.cci-sent.jsonl): one JSON line per briefing sent to
// one address, or whose sending to it is uncertain (`"status":"uncertain"`: the server had taken
// the message when the session broke without its final answer). A rerun reads it to skip the
// addresses already served, or possibly served, for the same briefing; the last line about a
// briefing and an address wins.
// Written ahead: before a message leaves, a `"status":"sending"` line for each of its addresses;
// after, the outcome (accepted, uncertain, or `"status":"failed"`: it did not leave, or the server
// refused it). A `sending` line that is still the last word was written by a run that stopped
// (interrupted, killed, a machine that went down) while the message was on its way: read as
// uncertain (`interrupted`), so that no later run sends another version as if nothing had gone.
// Lines are appended with one write on a file opened for appending, then flushed to disk, so
// concurrent runs never interleave within a line; a torn last line (crash) is ignored on reading.

import { appendDurably } from '../output/durable-write.js';
import { ensureFolder } from '../output/ensure-folder.js';
import { readRegularFile } from '../output/read-regular-file.js';
import { join } from 'node:path';
import { isDisplaySafe } from '../text/control-chars.js';
import { isIsoInstant } from '../text/iso-instant.js';

export const SEND_LOG_NAME = '.cci-sent.jsonl';

/** What identifies one briefing email, without its recipient. */
export interface MessageKey {
  event: string;
  division: string;
  date: string;
  audience: string;
  lang: string;
  /** A corrigendum's number (absent: the original). */
  corrigendum?: number;
}

/** A register entry as a send-log line names it: its sequence number and hash (register/format.ts). */
export interface RegisterEntryRef {
  seq: number;
  hash: string;
}

export interface SentEntry extends MessageKey {
  address: string;
  /** ISO 8601 instant the server accepted it (uncertain: when the session broke; interrupted: when the sending began). */
  at: string;
  messageId: string;
  file: string;
  /** Absent: the server accepted the message for this address. */
  status?: 'uncertain';
  /** Uncertain because the run stopped while sending it (a `sending` line left as the last word). */
  interrupted?: true;
  /** The register entry of the version sent (absent in lines of an older cci). */
  entry?: RegisterEntryRef;
}

/** A line as written: a SentEntry, or the start of a sending, or its failure. */
export type SendLogLine = Omit<SentEntry, 'status' | 'interrupted'> & { status?: 'uncertain' | 'sending' | 'failed' };

export class SendLog {
  private readonly byKey = new Map<string, SentEntry>();
  /** The word on an address before the sending now in progress (or left interrupted). */
  private readonly before = new Map<string, SentEntry>();

  /** Every line read or appended, in order. */
  private readonly lines: SendLogLine[] = [];

  private constructor(
    readonly path: string,
    lines: readonly SendLogLine[],
    private tornEnd: boolean,
  ) {
    for (const l of lines) this.#take(l);
  }

  /**
   * The latest word on an address: a sending not followed by its outcome is uncertain; a failure
   * ends that sending only, the address as it stood before it (served, possibly served, or not).
   */
  #take(l: SendLogLine): void {
    this.lines.push(l);
    const key = entryKey(l, l.address);
    const current = this.byKey.get(key);
    if (l.status === 'failed') {
      if (current?.interrupted) {
        const before = this.before.get(key);
        if (before) this.byKey.set(key, before);
        else this.byKey.delete(key);
      }
      this.before.delete(key);
    } else if (l.status === 'sending') {
      if (current && !current.interrupted) this.before.set(key, current);
      this.byKey.set(key, { ...l, status: 'uncertain', interrupted: true });
    } else {
      this.before.delete(key);
      this.byKey.set(key, l as SentEntry);
    }
  }

  static async open(outDir: string): Promise<SendLog> {
    const path = join(outDir, SEND_LOG_NAME);
    let text = '';
    try {
      text = (await readRegularFile(path)).toString('utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new SendLog(path, parseLines(text), text.length > 0 && !text.endsWith('\n'));
  }

  /** Every line about a message (by its Message-ID), the latest word on each address. */
  byMessageId(messageId: string): SentEntry[] {
    return [...this.byKey.values()].filter((e) => e.messageId === messageId);
  }

  /**
   * Every register entry its lines name, for one event, with the first line naming each: what
   * the register must still hold (register-witness.ts).
   */
  registerEntries(event: string): (RegisterEntryRef & { file: string; at: string })[] {
    const out = new Map<number, RegisterEntryRef & { file: string; at: string }>();
    for (const l of this.lines)
      if (l.event === event && l.entry && !out.has(l.entry.seq))
        out.set(l.entry.seq, { ...l.entry, file: l.file, at: l.at });
    return [...out.values()];
  }

  /** The names of the files it says were emailed, or possibly emailed, from its folder. */
  files(): Set<string> {
    return new Set([...this.byKey.values()].map((e) => e.file));
  }

  /** The earlier sending of this briefing to this address, if any. */
  find(key: MessageKey, address: string): SentEntry | undefined {
    return this.byKey.get(entryKey(key, address));
  }

  /** Appends lines (flushed to disk before it resolves); rejects when they could not be written. */
  async append(entries: readonly SendLogLine[]): Promise<void> {
    if (entries.length === 0) return;
    // After a torn last line, start on a new line so this entry stays readable.
    const text = (this.tornEnd ? '\n' : '') + entries.map((e) => `${JSON.stringify(e)}\n`).join('');
    await ensureFolder(join(this.path, '..'));
    // 0600, never through a link, one write, flushed (durable-write.ts)
    await appendDurably(this.path, text);
    this.tornEnd = false;
    for (const e of entries) this.#take(e);
  }
}

function entryKey(k: MessageKey, address: string): string {
  const base = [k.event, k.division, k.date, k.audience, k.lang, address.trim().toLowerCase()];
  return JSON.stringify(k.corrigendum ? [...base, k.corrigendum] : base);
}

function parseLines(text: string): SendLogLine[] {
  const out: SendLogLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const v: unknown = JSON.parse(line);
      if (isEntry(v)) out.push(knownStatus(v));
    } catch {
      // A line torn by a crash: the `sending` line of a message that had not left yet (its
      // write is flushed before it leaves), or an outcome not recorded.
    }
  }
  return out;
}

/** A status this cci does not know (a newer one's) is read as uncertain: never as not sent. */
function knownStatus(l: SendLogLine): SendLogLine {
  const st = l.status as unknown;
  if (st === undefined || st === 'uncertain' || st === 'sending' || st === 'failed') return l;
  return { ...l, status: 'uncertain' };
}

function isEntry(v: unknown): v is SendLogLine {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (!['event', 'division', 'date', 'audience', 'lang', 'address', 'at'].every((k) => typeof o[k] === 'string'))
    return false;
  // what messages print: a real instant, and no control character (a line forged to put a line
  // break or an escape sequence into stderr, a cron log or the register is not taken)
  if (!isIsoInstant(o.at)) return false;
  for (const k of ['address', 'file', 'messageId'])
    if (o[k] !== undefined && (typeof o[k] !== 'string' || !isDisplaySafe(o[k]))) return false;
  // a register entry named in another shape is not one: the line is read without it
  const e = o.entry as Record<string, unknown> | undefined;
  if (
    e !== undefined &&
    !(typeof e === 'object' && e !== null && Number.isSafeInteger(e.seq) && typeof e.hash === 'string')
  )
    delete o.entry;
  return true;
}
