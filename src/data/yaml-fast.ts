// A fast path for the YAML record files people and exports actually write: a top-level block
// list of flat mappings, one `key: value` a line, values plain, quoted on one line, or a flow
// list of plain words (`[ DEU, FRA ]`). It builds exactly the nodes parseYaml() would (same
// text, value, quoting and positions) at a fraction of the cost, and gives up (undefined) on
// anything else — comments after values, multi-line values, anchors, tags, nested
// collections, escapes, duplicate keys, tabs — so that the full parser reads those files and
// reports their problems. Never a second opinion: either this or parseYaml(), same result.

import type { YNode } from './yaml.js';

type MapNode = YNode & { kind: 'map' };
type Entry = { key: { line: number; column: number }; value: YNode };

const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INF = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;
/** A key the fast path takes: a plain word (never null, never a number). */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Tabs, control characters, a byte-order mark: left to the full parser. */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\ufeff]/;
/** A flow-list item the fast path takes. */
const WORD = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

/** YAML 1.2 core schema value of a plain scalar (as the `yaml` package resolves it). */
function plainValue(s: string): unknown {
  if (s === '' || NULLS.has(s)) return null;
  const c = s.charCodeAt(0);
  // only digits, signs, dots and the letters of true/false start a non-string
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  if (INT.test(s)) return Number(s); // yaml's default: numbers, not BigInt
  if (OCT.test(s)) return parseInt(s.slice(2), 8);
  if (HEX.test(s)) return parseInt(s.slice(2), 16);
  if (FLOAT.test(s)) return parseFloat(s);
  if (INF.test(s)) return s.charCodeAt(0) === 45 ? -Infinity : Infinity;
  if (NAN.test(s)) return NaN;
  return s;
}

/**
 * The root node of a record file in the simple form, or undefined when the file needs the full
 * parser. The file must be syntactically valid YAML whenever a node is returned.
 */
export function fastRecordList(text: string): YNode | undefined {
  const n = text.length;
  if (n === 0 || text.includes('\\') || SPECIAL.test(text)) return undefined;
  const hasCr = text.includes('\r');
  const items: YNode[] = [];
  let map: MapNode | undefined;
  let keys: Map<string, Entry> | undefined;
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
      if (map) items.push(map);
      indent = k - pos;
      keys = new Map();
      map = { kind: 'map', entries: keys, line, column: indent + 1 };
      keyAt = k;
    } else {
      if (!map || i - pos !== indent) return undefined; // deeper (a continuation) or shallower
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
    const keyPos = { line, column: keyAt - pos + 1 };
    const column = v - pos + 1;

    let value: YNode;
    if (v === stop) {
      // `key:` and nothing: null, unless a deeper line holds its value (then: full parser).
      // Records drop empty values, so where the parser would place this one does not matter.
      const next = nextContentIndent(text, end + 1);
      if (next !== undefined && next > indent) return undefined;
      value = { kind: 'scalar', text: '', value: null, quoted: false, ...keyPos };
    } else {
      const c = text.charCodeAt(v);
      if (c === 34 /* " */) {
        const close = text.indexOf('"', v + 1);
        if (close < 0 || close >= stop || !onlySpaces(text, close + 1, stop)) return undefined;
        const s = text.slice(v + 1, close);
        value = { kind: 'scalar', text: s, value: s, quoted: true, line, column };
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
        value = { kind: 'scalar', text: s, value: s, quoted: true, line, column };
      } else if (c === 91 /* [ */) {
        const close = text.indexOf(']', v + 1);
        if (close < 0 || close >= stop || !onlySpaces(text, close + 1, stop)) return undefined;
        const inner = text.slice(v + 1, close);
        const list: YNode[] = [];
        if (inner.trim() !== '') {
          let at = v + 1;
          for (const part of inner.split(',')) {
            const lead = part.length - part.trimStart().length;
            const word = part.trim();
            if (!WORD.test(word) || NULLS.has(word)) return undefined;
            list.push({ kind: 'scalar', text: word, value: plainValue(word), quoted: false, line, column: at + lead - pos + 1 });
            at += part.length + 1;
          }
        }
        value = { kind: 'seq', items: list, line, column };
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
        value = { kind: 'scalar', text: s, value: plainValue(s), quoted: false, line, column };
      }
    }
    keys!.set(key, { key: keyPos, value });
    pos = end + 1;
  }
  if (!map) return undefined;
  items.push(map);
  return { kind: 'seq', items, line: 1, column: 1 };
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
