// A fast path for the YAML record files people and exports actually write: a top-level block
// list of flat mappings, one `key: value` a line, values plain, quoted on one line, or a flow
// list of plain words (`[ DEU, FRA ]`). It builds exactly the records that parseYaml() then
// mapToRecord() would (same fields, text and positions) at a fraction of the cost, and gives
// up (undefined) on anything else — comments after values, multi-line values, anchors, tags,
// nested collections, escapes, duplicate keys, tabs — so that the full parser reads those
// files and reports their problems. Never a second opinion: either this or the full parser,
// same result (test/data/yaml-fast.test.ts compares the two).

import type { Pos, RawField, RawItem, RawRecord } from './raw.js';

const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
/** A key the fast path takes: a plain word (never null, never a number). */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Tabs, control characters, a byte-order mark: left to the full parser. */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\ufeff]/;
/** A flow-list item the fast path takes. */
const WORD = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

/** A key met before in the same file, with its lower-cased name and their numbers. */
interface InternedKey {
  key: string;
  name: string;
  keyId: number;
  nameId: number;
}

/**
 * The records of a YAML record file in the simple form, or undefined when the file needs the
 * full parser. Whenever records are returned, the file is valid YAML without problems.
 */
export function fastYamlRecords(text: string, file: string): RawRecord[] | undefined {
  const n = text.length;
  if (n === 0 || text.includes('\\') || SPECIAL.test(text)) return undefined;
  const hasCr = text.includes('\r');
  const records: RawRecord[] = [];
  let fields: Map<string, RawField> | undefined;
  // Keys are interned per file: a key already met is recognised in the text (no new strings,
  // no new checks), and what each record has written is stamped with the record's number in
  // arrays indexed by key (as written, for YAML's unique keys) and by lower-cased name (as
  // mapToRecord(), for duplicates in another case), rather than a Set and a Map per record.
  const interned = new Map<number, InternedKey[]>(); // by length and first character
  const nameIds = new Map<string, number>();
  const keyStamp: number[] = [];
  const nameStamp: number[] = [];
  const firstKey: string[] = [];
  const firstLine: number[] = [];
  const firstSeen: ({ name: string; line: number } | undefined)[] = [];
  let keyCount = 0;
  let recordNo = 0;
  // the first ':' and '#' at or after the place last looked at (n: none)
  let nextColon = -1;
  let nextHash = -1;
  let record: RawRecord | undefined;
  let indent = -1; // column (0-based) of the keys of the current mapping
  let line = 0;
  let pos = 0;
  while (pos < n) {
    line++;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    let stop = end;
    if (stop > pos && text.charCodeAt(stop - 1) === 13) stop--;
    // a lone CR is a line break to YAML but not to the line counter: leave it to the parser
    if (hasCr) {
      const cr = text.indexOf('\r', pos);
      if (cr >= 0 && cr < stop) return undefined;
    }

    let i = pos;
    while (i < stop && text.charCodeAt(i) === 32) i++;
    if (i === stop) {
      pos = end + 1;
      continue;
    } // blank line
    const first = text.charCodeAt(i);
    if (first === 35 /* # */) {
      pos = end + 1;
      continue;
    } // comment line

    let keyAt: number;
    if (i === pos && first === 45) {
      // "- key: value": a new record
      let k = i + 1;
      if (k >= stop || text.charCodeAt(k) !== 32) return undefined;
      while (k < stop && text.charCodeAt(k) === 32) k++;
      if (k === stop) return undefined;
      indent = k - pos;
      recordNo++;
      fields = new Map();
      record = { file, format: 'yaml', line, column: indent + 1, fields };
      records.push(record);
      keyAt = k;
    } else {
      if (!fields || i - pos !== indent) return undefined; // deeper (a continuation) or shallower
      keyAt = i;
    }

    // key
    if (nextColon < keyAt) nextColon = indexOrEnd(text, ':', keyAt);
    const colon = nextColon;
    if (colon >= stop) return undefined;
    const shape = (colon - keyAt) * 65536 + text.charCodeAt(keyAt);
    let same = interned.get(shape);
    let ik: InternedKey | undefined;
    if (same !== undefined) {
      for (let j = 0; j < same.length; j++) {
        if (text.startsWith(same[j]!.key, keyAt)) {
          ik = same[j]!;
          break;
        }
      }
    }
    if (ik === undefined) {
      const key = text.slice(keyAt, colon);
      if (!KEY.test(key) || NULLS.has(key) || TRUE.has(key) || FALSE.has(key)) return undefined;
      const lower = key.toLowerCase();
      let nameId = nameIds.get(lower);
      if (nameId === undefined) {
        nameId = nameIds.size;
        nameIds.set(lower, nameId);
        nameStamp.push(0);
        firstKey.push('');
        firstLine.push(0);
        firstSeen.push(undefined);
      }
      ik = { key, name: lower, keyId: keyCount++, nameId };
      keyStamp.push(0);
      if (same === undefined) interned.set(shape, (same = []));
      same.push(ik);
    }
    const key = ik.key;
    if (keyStamp[ik.keyId] === recordNo) return undefined; // the parser reports duplicate keys
    let v = colon + 1;
    if (v < stop && text.charCodeAt(v) !== 32) return undefined;
    while (v < stop && text.charCodeAt(v) === 32) v++;
    keyStamp[ik.keyId] = recordNo;
    const keyPos: Pos = { line, column: keyAt - pos + 1 };
    const column = v - pos + 1;
    // as mapToRecord(): lower-cased names, empty values left out, a name written twice (in
    // another case) recorded as a duplicate, its value checked as YAML but not kept
    const name = ik.name;
    const nameId = ik.nameId;
    const earlier = nameStamp[nameId] === recordNo;
    if (earlier) {
      const first = (firstSeen[nameId] ??= { name: firstKey[nameId]!, line: firstLine[nameId]! });
      (record!.duplicates ??= []).push({ name: key, key: keyPos, first });
    } else {
      nameStamp[nameId] = recordNo;
      firstKey[nameId] = key;
      firstLine[nameId] = line;
      firstSeen[nameId] = undefined;
    }
    const sink: Map<string, RawField> = earlier ? new Map() : fields!;

    if (v === stop) {
      // `key:` and nothing: null, left out; unless a deeper line holds its value (full parser)
      const next = nextContentIndent(text, end + 1);
      if (next !== undefined && next > indent) return undefined;
    } else {
      const c = text.charCodeAt(v);
      if (c === 34 /* " */) {
        const close = text.indexOf('"', v + 1);
        if (close < 0 || close >= stop || !onlySpaces(text, close + 1, stop)) return undefined;
        const s = text.slice(v + 1, close).trim();
        if (s !== '') sink.set(name, { kind: 'text', text: s, name, line, column, key: keyPos });
      } else if (c === 39 /* ' */) {
        let s = '';
        let j = v + 1;
        for (;;) {
          const q = text.indexOf("'", j);
          if (q < 0 || q >= stop) return undefined;
          s += text.slice(j, q);
          if (q + 1 < stop && text.charCodeAt(q + 1) === 39) {
            s += "'";
            j = q + 2;
            continue;
          }
          if (!onlySpaces(text, q + 1, stop)) return undefined;
          break;
        }
        s = s.trim();
        if (s !== '') sink.set(name, { kind: 'text', text: s, name, line, column, key: keyPos });
      } else if (c === 91 /* [ */) {
        const close = text.indexOf(']', v + 1);
        if (close < 0 || close >= stop || !onlySpaces(text, close + 1, stop)) return undefined;
        const inner = text.slice(v + 1, close);
        const list: RawItem[] = [];
        if (inner.trim() !== '') {
          let at = v + 1;
          for (const part of inner.split(',')) {
            const lead = part.length - part.trimStart().length;
            const word = part.trim();
            if (!WORD.test(word) || NULLS.has(word)) return undefined;
            list.push({ text: word, line, column: at + lead - pos + 1 });
            at += part.length + 1;
          }
        }
        if (list.length > 0) sink.set(name, { kind: 'list', items: list, name, line, column, key: keyPos });
      } else {
        // plain scalar: no indicator first, no ": " or " #" inside, no ":" last
        if (
          c === 123 ||
          c === 125 ||
          c === 93 ||
          c === 44 ||
          c === 38 ||
          c === 42 ||
          c === 33 ||
          c === 124 ||
          c === 62 ||
          c === 37 ||
          c === 64 ||
          c === 96 ||
          c === 35 ||
          c === 45 ||
          c === 63 ||
          c === 58
        )
          return undefined;
        let e = stop;
        while (e > v && text.charCodeAt(e - 1) === 32) e--;
        if (text.charCodeAt(e - 1) === 58) return undefined;
        // ": " or " #" inside, found from the next ':' and '#' of the text (kept ahead of v)
        if (nextColon < v) nextColon = indexOrEnd(text, ':', v);
        while (nextColon < e) {
          if (text.charCodeAt(nextColon + 1) === 32) return undefined;
          nextColon = indexOrEnd(text, ':', nextColon + 1);
        }
        if (nextHash < v) nextHash = indexOrEnd(text, '#', v);
        while (nextHash < e) {
          if (text.charCodeAt(nextHash - 1) === 32) return undefined;
          nextHash = indexOrEnd(text, '#', nextHash + 1);
        }
        const s = text.slice(v, e);
        // a plain null (~, null) is left out like an empty value
        if (s.length > 4 || !NULLS.has(s)) sink.set(name, { kind: 'text', text: s, name, line, column, key: keyPos });
      }
    }
    pos = end + 1;
  }
  return records.length > 0 ? records : undefined;
}

function indexOrEnd(text: string, c: string, from: number): number {
  const i = text.indexOf(c, from);
  return i < 0 ? text.length : i;
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

/** Indentation of the next line that is neither blank nor a comment (undefined at the end). */
function nextContentIndent(text: string, from: number): number | undefined {
  let pos = from;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    let i = pos;
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i < end && text.charCodeAt(i) !== 13 && text.charCodeAt(i) !== 35) return i - pos;
    pos = end + 1;
  }
  return undefined;
}
