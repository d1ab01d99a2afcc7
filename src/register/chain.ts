// Reading and writing the register's lines (format.ts): each line is checked as it is read —
// valid JSON, a known format version, its sequence number, the hash of the line before, its own
// hash, the fields of its type — and the first line that fails stops the reading: everything
// after it cannot be trusted. Pure.

import { createHash } from 'node:crypto';
import { t } from '../i18n/messages.js';
import { GENESIS_PREV, REGISTER_FORMAT, type Entry, type EntryBody } from './format.js';

/** What can be wrong with a line (catalogue keys register.chain.*). */
export const CHAIN_PROBLEM_KEYS = [
  'truncated',
  'notJson',
  'notEntry',
  'newer',
  'badSeq',
  'badFirst',
  'badPrev',
  'badHash',
  'otherEvent',
  'notDocument',
  'missingField',
  'red',
  'unknownType',
] as const;
type ChainProblemKey = (typeof CHAIN_PROBLEM_KEYS)[number];

export interface ChainProblem {
  /** 1-based line of the register file. */
  line: number;
  message: string;
  /** Written by a newer cci: refused as a whole, not damaged. */
  newer?: boolean;
}

export type ChainRead = { ok: true; entries: Entry[] } | { ok: false; entries: Entry[]; problem: ChainProblem };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One line as cci writes it, and its hash (the next entry's `prev`). */
export function encodeEntry(body: EntryBody, seq: number, prev: string, at: string): { line: string; hash: string } {
  const rest = { v: REGISTER_FORMAT, seq, prev, at, ...body };
  const hash = sha256(JSON.stringify(rest));
  return { line: JSON.stringify({ ...rest, hash }), hash };
}

/** Reads a register's text; `event` is the event id it must belong to (undefined: any). */
export function readChain(text: string, event: string | undefined): ChainRead {
  const entries: Entry[] = [];
  if (text === '') return { ok: true, entries };
  const lines = text.split('\n');
  const truncated = !text.endsWith('\n');
  if (!truncated) lines.pop();
  let prev = GENESIS_PREV;
  const documents = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const n = i + 1;
    const fail = (key: ChainProblemKey, params: Record<string, string | number> = {}, newer = false): ChainRead => ({
      ok: false,
      entries,
      problem: { line: n, message: t(`register.chain.${key}`, params), ...(newer && { newer }) },
    });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return fail(truncated && i === lines.length - 1 ? 'truncated' : 'notJson');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('notEntry');
    const o = value as Record<string, unknown>;
    if (typeof o.v !== 'number' || !Number.isInteger(o.v) || o.v < 1) return fail('notEntry');
    if (o.v > REGISTER_FORMAT) return fail('newer', { format: o.v, ours: REGISTER_FORMAT }, true);
    if (truncated && i === lines.length - 1) return fail('truncated');
    if (o.seq !== n) return fail('badSeq', { seq: String(o.seq), expected: n });
    if (o.prev !== prev) return fail(n === 1 ? 'badFirst' : 'badPrev', { before: n - 1 });
    const { hash, ...rest } = o;
    // the line must be exactly what cci wrote: the entry's JSON, then its hash as the last field
    const text = JSON.stringify(rest);
    if (
      typeof hash !== 'string' ||
      sha256(text) !== hash ||
      line !== `${text.slice(0, -1)},"hash":${JSON.stringify(hash)}}`
    )
      return fail('badHash');
    const shape = shapeProblem(o, n);
    if (shape) return fail(shape.key, shape.params);
    if (n === 1 && event !== undefined && o.event !== event)
      return fail('otherEvent', { found: String(o.event), event: event ?? '' });
    if (o.type === 'document') documents.add(n);
    if (o.type === 'delivery' && !documents.has(o.document as number))
      return fail('notDocument', { line: String(o.document) });
    entries.push(o as unknown as Entry);
    prev = hash;
  }
  return { ok: true, entries };
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields an entry of each type must have (what later code relies on). */
function shapeProblem(
  o: Record<string, unknown>,
  n: number,
): { key: ChainProblemKey; params: Record<string, string> } | undefined {
  const missing = (field: string) => ({ key: 'missingField' as const, params: { type: String(o.type), field } });
  if (!isStr(o.at)) return missing('at');
  if (n === 1) return o.type === 'register' && isStr(o.event) ? undefined : { key: 'badFirst', params: {} };
  switch (o.type) {
    case 'document': {
      for (const f of ['event', 'division', 'date', 'audience', 'lang', 'marking', 'tlp', 'content', 'via', 'outDir'])
        if (!isStr(o[f])) return missing(f);
      for (const f of ['serial', 'version', 'corrigendum']) if (!isInt(o[f])) return missing(f);
      for (const f of ['window', 'figures', 'previous', 'cumulative', 'facts']) if (!isObj(o[f])) return missing(f);
      for (const f of ['files', 'shown', 'late', 'revisions', 'keyFigures'])
        if (!Array.isArray(o[f])) return missing(f);
      for (const ref of [...(o.shown as unknown[]), ...(o.late as unknown[])]) {
        if (
          !Array.isArray(ref) ||
          ref.length !== 5 ||
          !isStr(ref[0]) ||
          !isStr(ref[1]) ||
          !isStr(ref[2]) ||
          !isStr(ref[3])
        )
          return missing('shown');
        if (ref[3] === 'RED') return { key: 'red', params: { id: ref[0] } };
      }
      for (const f of o.files as unknown[])
        if (!isObj(f) || !isStr(f.name) || !isStr(f.sha256)) return missing('files');
      if (o.timezone !== undefined && !isStr(o.timezone)) return missing('timezone');
      if (o.basis !== undefined && (!isInt(o.basis) || o.basis < 1 || o.basis > n)) return missing('basis');
      return undefined;
    }
    case 'delivery': {
      if (!isInt(o.document) || o.document >= n) return missing('document');
      if (!isStr(o.via)) return missing('via');
      if (!Array.isArray(o.recipients)) return missing('recipients');
      for (const r of o.recipients as unknown[])
        if (!isObj(r) || !isStr(r.address) || !isStr(r.messageId) || !isStr(r.at)) return missing('recipients');
      return undefined;
    }
    case 'approval':
      for (const f of ['event', 'division', 'date', 'audience', 'content', 'marking', 'by'])
        if (!isStr(o[f])) return missing(f);
      if (!isInt(o.corrigendum)) return missing('corrigendum');
      return undefined;
    default:
      return { key: 'unknownType', params: { type: String(o.type) } };
  }
}
