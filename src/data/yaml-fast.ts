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
  let keys: Set<string> | undefined; // as written, for YAML's unique keys
  let written: Map<string, { name: string; line: number }> | undefined; // lower-cased, as mapToRecord()
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
    if (i === stop) { pos = end + 1; continue; } // blank line
    const first = text.charCodeAt(i);
    if (first === 35 /* # */) { pos = end + 1; continue; } // comment line

    let keyAt: number;
    if (i === pos && first === 45) {
      // "- key: value": a new record
      let k = i + 1;
      if (k >= stop || text.charCodeAt(k) !== 32) return undefined;
      while (k < stop && text.charCodeAt(k) === 32) k++;
      if (k === stop) return undefined;
      indent = k - pos;
      keys = new Set();
      written = new Map();
      fields = new Map();
      record = { file, format: 'yaml', line, column: indent + 1, fields };
      records.push(record);
      keyAt = k;
    } else {
      if (!fields || i - pos !== indent) return undefined; // deeper (a continuation) or shallower
      keyAt = i;
    }

    // key
    const colon = text.indexOf(':', keyAt);
    if (colon < 0 || colon >= stop) return undefined;
    const key = text.slice(keyAt, colon);
    if (!KEY.test(key) || NULLS.has(key) || TRUE.has(key) || FALSE.has(key)) return undefined;
    if (keys!.has(key)) return undefined; // the parser reports duplicate keys
    let v = colon + 1;
    if (v < stop && text.charCodeAt(v) !== 32) return undefined;
    while (v < stop && text.charCodeAt(v) === 32) v++;
    keys!.add(key);
    const keyPos: Pos = { line, column: keyAt - pos + 1 };
    const column = v - pos + 1;
    // as mapToRecord(): lower-cased names, empty values left out, a name written twice (in
    // another case) recorded as a duplicate, its value checked as YAML but not kept
    const name = key.toLowerCase();
    const earlier = written!.get(name);
    if (earlier) (record!.duplicates ??= []).push({ name: key, key: keyPos, first: earlier });
    else written!.set(name, { name: key, line });
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
          if (q + 1 < stop && text.charCodeAt(q + 1) === 39) { s += "'"; j = q + 2; continue; }
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
          c === 123 || c === 125 || c === 93 || c === 44 || c === 38 || c === 42 || c === 33 || c === 124 ||
          c === 62 || c === 37 || c === 64 || c === 96 || c === 35 || c === 45 || c === 63 || c === 58
        ) return undefined;
        let e = stop;
        while (e > v && text.charCodeAt(e - 1) === 32) e--;
        const s = text.slice(v, e);
        if (s.includes(': ') || s.includes(' #') || s.charCodeAt(s.length - 1) === 58) return undefined;
        // a plain null (~, null) is left out like an empty value
        if (!NULLS.has(s)) sink.set(name, { kind: 'text', text: s, name, line, column, key: keyPos });
      }
    }
    pos = end + 1;
  }
  return records.length > 0 ? records : undefined;
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
