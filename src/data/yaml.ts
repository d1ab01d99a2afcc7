// YAML reading: YAML 1.2 core schema (no 1.1 surprises: `no` stays text, `08` is not octal),
// unique keys, aliases bounded by the size of what they expand to, every node with its line and
// column.

import { createRequire } from 'node:module';
import type * as YamlLibrary from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { Problem } from '../errors.js';
import type { DuplicateField, Pos, RawField, RawItem, RawRecord, RawValue } from './raw.js';
import { fastYamlRecords } from './yaml-fast.js';
import { formatCount, t } from '../i18n/messages.js';
import { quote } from './excerpt.js';
import { errorText } from '../text/one-line.js';

/**
 * Nodes that aliases (*name) may add to a document, all aliases together: records sharing a list
 * (`nationalities: *fans` in 2,000 records) stay far below it; an alias bomb (each level naming
 * the one before nine times) reaches it after a fraction of a second and is refused.
 */
export const MAX_ALIAS_NODES = 100_000;
/** How deeply nodes may nest, aliases expanded (record files are two levels deep). */
export const MAX_DEPTH = 100;

const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';
/** The tags of the core schema, which say what a value already is (`!!str 08`). */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((n) => YAML_TAG_PREFIX + n));
/** Other tags of YAML's own, named in messages (a tag of the file's own is not quoted: it may be anything). */
const KNOWN_YAML_TAGS = new Set(['omap', 'set', 'pairs', 'binary', 'timestamp', 'merge', 'value', 'yaml']);

export type YNode =
  | (Pos & { kind: 'scalar'; text: string; value: unknown; quoted: boolean })
  | (Pos & { kind: 'seq'; items: YNode[] })
  | (Pos & { kind: 'map'; entries: Map<string, { key: Pos; value: YNode }> });

export interface YamlResult {
  root: YNode | undefined;
  problems: Problem[];
}

let yamlLibrary: typeof YamlLibrary | undefined;
/**
 * The yaml library, loaded the first time a file needs it (required as CommonJS, which it is):
 * the record files most runs read take the fast path (yaml-fast.ts), and event.yaml is kept in
 * the event cache, so a run may not need it at all (about 30 ms of loading).
 */
function yamlLib(): typeof YamlLibrary {
  yamlLibrary ??= createRequire(import.meta.url)('yaml') as typeof YamlLibrary;
  return yamlLibrary;
}

/** Parses one YAML document into position-carrying nodes. Problems are syntax errors. */
export function parseYaml(text: string, file: string): YamlResult {
  const { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar } = yamlLib();
  const lc = new LineCounter();
  const problems: Problem[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter: lc,
      version: '1.2',
      schema: 'core',
      uniqueKeys: true,
      prettyErrors: true,
      merge: false,
      strict: true,
    });
  } catch (e) {
    // the parser's own recursion (values nested thousands deep) is said as such, not as an engine message
    const message =
      e instanceof RangeError
        ? t('data.yaml.tooDeep', { max: MAX_DEPTH })
        : t('data.yaml.unreadable', { reason: errorText(e) });
    problems.push({ file, message });
    return { root: undefined, problems };
  }
  // a tag the value cannot take (!!int abc) is only a warning to the library; to cci it is a problem
  // (a tag of the file's own, !name, is said where the value is converted, without quoting it)
  const errors = [
    ...doc.errors,
    ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED' && w.message.includes(YAML_TAG_PREFIX)),
  ];
  if (errors.length > 0) return { root: undefined, problems: syntaxProblems(errors, text, file) };

  const pos = (offset: number | undefined): Pos => {
    const p = lc.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  /** Where the tag of the value at `offset` is written (`!!omap [`, `!x &a text`): the value's place when not found. */
  const tagPos = (offset: number): Pos => {
    const before = text.slice(Math.max(0, offset - 2048), offset);
    const m = /!\S*(?:\s+&\S+)?\s+$/.exec(before);
    return pos(m ? offset - before.length + m.index : offset);
  };
  // Aliases are expanded as the document is walked in order, each to the latest anchor of its
  // name before it (as YAML says); every node an expansion adds counts towards MAX_ALIAS_NODES.
  const anchors = new Map<string, unknown>();
  const expanding = new Set<unknown>();
  let inAlias = 0;
  let aliasNodes = 0;
  /** Where the outermost alias being expanded is written (problems are reported there). */
  let aliasAt: Pos = { line: 1, column: 1 };
  let refused = false;
  const refuse = (at: Pos, message: string): undefined => {
    if (!refused) {
      refused = true;
      problems.push({ file, ...at, message });
    }
    return undefined;
  };

  const convert = (node: unknown, fallback: Pos, depth: number): YNode | undefined => {
    if (refused) return undefined;
    if (depth > MAX_DEPTH) return refuse(fallback, t('data.yaml.tooDeep', { max: MAX_DEPTH }));
    if (inAlias > 0 && ++aliasNodes > MAX_ALIAS_NODES) {
      return refuse(aliasAt, t('data.yaml.aliasesTooLarge', { max: formatCount(MAX_ALIAS_NODES) }));
    }
    if (node === null || node === undefined) {
      return { kind: 'scalar', text: '', value: null, quoted: false, ...fallback };
    }
    if (isAlias(node)) {
      const here = pos(node.range?.[0]);
      const target = anchors.get(node.source);
      if (target === undefined) {
        problems.push({ file, ...here, message: t('data.yaml.noAnchor', { alias: node.source }) });
        return undefined;
      }
      if (expanding.has(target)) return refuse(here, t('data.yaml.aliasLoop', { alias: node.source }));
      expanding.add(target);
      if (inAlias++ === 0) aliasAt = here;
      try {
        return convert(target, here, depth);
      } finally {
        inAlias--;
        expanding.delete(target);
      }
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (typeof anchor === 'string' && anchor !== '' && inAlias === 0) anchors.set(anchor, node);
    const range = (node as YamlNode).range;
    const at = range ? pos(range[0]) : fallback;
    const tag = (node as { tag?: string }).tag;
    if (tag !== undefined && !CORE_TAGS.has(tag)) {
      // !!omap, !!set, !!binary, a local !tag (an unquoted value starting with "!"): not read as written
      const name = tag.startsWith(YAML_TAG_PREFIX) ? tag.slice(YAML_TAG_PREFIX.length) : undefined;
      problems.push({
        file,
        ...(range ? tagPos(range[0]) : at),
        message:
          name !== undefined && KNOWN_YAML_TAGS.has(name)
            ? t('data.yaml.tag', { tag: `!!${name}` })
            : t('data.yaml.tagOther'),
      });
      return undefined;
    }
    if (isScalar(node)) {
      const quoted = node.type !== Scalar.PLAIN;
      const value = node.value;
      let text: string;
      if (value === null) text = '';
      else if (!quoted && typeof node.source === 'string') text = node.source;
      else text = String(value);
      return { kind: 'scalar', text, value, quoted, ...at };
    }
    if (isSeq(node)) {
      const items: YNode[] = [];
      for (const it of node.items) {
        const c = convert(it, at, depth + 1);
        if (c) items.push(c);
      }
      return { kind: 'seq', items, ...at };
    }
    if (isMap(node)) {
      const entries = new Map<string, { key: Pos; value: YNode }>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key;
        const kpos = pos((k as YamlNode | null)?.range?.[0] ?? (pair.value as YamlNode | null)?.range?.[0]);
        if (!isScalar(k) || k.value === null || typeof k.value === 'object') {
          problems.push({ file, ...kpos, message: t('data.yaml.keyNotPlain') });
          continue;
        }
        const key = typeof k.source === 'string' && k.type === Scalar.PLAIN ? k.source : String(k.value);
        const v = convert(pair.value, kpos, depth + 1);
        if (v) entries.set(key, { key: kpos, value: v });
      }
      return { kind: 'map', entries, ...at };
    }
    problems.push({ file, ...at, message: t('data.yaml.unsupported') });
    return undefined;
  };

  const root = doc.contents === null ? undefined : convert(doc.contents, { line: 1, column: 1 }, 0);
  // After an alias bomb the document is not used at all: its shape would only mislead.
  return { root: refused ? undefined : root, problems };
}

/**
 * The yaml library's errors as problems for people: what to do, from the catalogues (its own
 * messages are English and name its API), one per line of the file (the errors that follow
 * the first on a line are its consequences).
 */
function syntaxProblems(errors: readonly YamlLibrary.YAMLError[], text: string, file: string): Problem[] {
  const problems: Problem[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  const said = new Set<number>();
  for (const err of errors) {
    const at = err.linePos?.[0];
    const line = at?.line ?? 1;
    if (said.has(line)) continue;
    said.add(line);
    // a tab in the indentation of the line, whatever the library makes of it (often "unexpected")
    const indent = /^[ \t]*/.exec(lines[line - 1] ?? '')![0];
    const tab = indent.indexOf('\t');
    if (tab >= 0) {
      problems.push({
        file,
        line,
        column: tab + 1,
        message: t('data.yaml.syntax', { reason: t('data.yaml.error.tabIndent') }),
      });
      continue;
    }
    // a key written twice: named, from the line at the error's place (the library does not say which)
    const key =
      err.code === 'DUPLICATE_KEY'
        ? /^\s*(?:-\s+)?["']?([^"':#]+?)["']?\s*:/.exec((lines[line - 1] ?? '').slice((at?.col ?? 1) - 1))?.[1]
        : undefined;
    const message =
      err.code === 'RESOURCE_EXHAUSTION'
        ? t('data.yaml.tooDeep', { max: MAX_DEPTH })
        : key !== undefined
          ? t('data.yaml.syntax', { reason: t('data.yaml.duplicateKeyNamed', { key: quote(key) }) })
          : t('data.yaml.syntax', { reason: yamlErrorReason(err) });
    problems.push({ file, line, column: at?.col ?? 1, message });
  }
  return problems;
}

/** What a yaml library error means, said from the catalogues. */
function yamlErrorReason(err: YamlLibrary.YAMLError): string {
  switch (err.code) {
    case 'DUPLICATE_KEY':
      return t('data.yaml.duplicateKey');
    case 'BLOCK_AS_IMPLICIT_KEY':
      return t('data.yaml.error.blockAsKey');
    case 'TAB_AS_INDENT':
      return t('data.yaml.error.tabIndent');
    case 'MULTIPLE_DOCS':
      return t('data.yaml.error.multipleDocs');
    case 'BAD_INDENT':
      return t('data.yaml.error.badIndent');
    case 'MISSING_CHAR':
      // the one code covers three characters; the library's message tells which
      if (/quote/i.test(err.message)) return t('data.yaml.error.unclosedQuote');
      if (/followed by map values/i.test(err.message)) return t('data.yaml.error.missingColon');
      if (/missing ,/i.test(err.message)) return t('data.yaml.error.missingComma');
      return t('data.yaml.error.missingChar');
    case 'MULTILINE_IMPLICIT_KEY':
      return t('data.yaml.error.multilineKey');
    case 'UNEXPECTED_TOKEN':
      return t('data.yaml.error.unexpected');
    case 'BAD_DQ_ESCAPE':
      return t('data.yaml.error.badEscape');
    case 'BAD_SCALAR_START':
      return t('data.yaml.error.badStart');
    case 'BAD_ALIAS':
      return t('data.yaml.error.badAlias');
    case 'ALIAS_PROPS':
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
    case 'BAD_PROP_ORDER':
      return t('data.yaml.error.properties');
    case 'BAD_DIRECTIVE':
      return t('data.yaml.error.directive');
    case 'BLOCK_IN_FLOW':
      return t('data.yaml.error.blockInFlow');
    case 'KEY_OVER_1024_CHARS':
      return t('data.yaml.error.longKey');
    case 'NON_STRING_KEY':
      return t('data.yaml.keyNotPlain');
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_COLLECTION_TYPE':
      return t('data.yaml.error.tagFailed');
    default:
      return t('data.yaml.error.other');
  }
}

/** What a node is, for messages. */
export function describeNode(n: YNode): string {
  if (n.kind === 'map') return t('data.yaml.aMapping');
  if (n.kind === 'seq') return t('data.yaml.aList');
  return quote(n.text);
}

/** A node as a field value: scalars as text, sequences of scalars as lists; empty → undefined. */
export function toRawValue(n: YNode): Exclude<RawValue, { kind: 'refused' }> | undefined {
  if (n.kind === 'scalar') {
    if (n.value === null || n.text.trim() === '') return undefined;
    return { kind: 'text', text: n.text.trim() };
  }
  if (n.kind === 'seq') {
    const items: RawItem[] = [];
    for (const it of n.items) {
      if (it.kind !== 'scalar') return { kind: 'other', what: t('data.yaml.aNestedList') };
      if (it.value === null || it.text.trim() === '') continue;
      items.push({ text: it.text.trim(), line: it.line, column: it.column });
    }
    return items.length === 0 ? undefined : { kind: 'list', items };
  }
  return { kind: 'other', what: t('data.yaml.aMapping') };
}

/** A mapping node as a raw record (keys lower-cased). */
export function mapToRecord(n: YNode & { kind: 'map' }, file: string): RawRecord {
  const fields = new Map<string, RawField>();
  const written = new Map<string, { name: string; line: number }>();
  let duplicates: DuplicateField[] | undefined;
  for (const [name, e] of n.entries) {
    const lname = name.trim().toLowerCase();
    const first = written.get(lname);
    if (first) {
      (duplicates ??= []).push({ name, key: e.key, first });
      continue;
    }
    written.set(lname, { name, line: e.key.line });
    const value = toRawValue(e.value);
    if (value === undefined) continue;
    const { line, column } = e.value;
    // one literal per kind (not a spread): many rows stay cheap
    fields.set(
      lname,
      value.kind === 'text'
        ? { kind: 'text', text: value.text, name: lname, line, column, key: e.key }
        : value.kind === 'list'
          ? { kind: 'list', items: value.items, name: lname, line, column, key: e.key }
          : { kind: 'other', what: value.what, name: lname, line, column, key: e.key },
    );
  }
  const record: RawRecord = { file, format: 'yaml', line: n.line, column: n.column, fields };
  if (duplicates) record.duplicates = duplicates;
  return record;
}

/** A YAML record file: a top-level list of mappings. */
export function yamlRecords(text: string, file: string): { records: RawRecord[]; problems: Problem[] } {
  // the usual flat form is read without the full parser (same records, a tenth of the time)
  const fast = fastYamlRecords(text, file);
  if (fast) return { records: fast, problems: [] };
  const { root, problems } = parseYaml(text, file);
  const records: RawRecord[] = [];
  if (!root) return { records, problems };
  if (root.kind === 'scalar' && root.value === null) return { records, problems };
  if (root.kind !== 'seq') {
    problems.push({
      file,
      line: root.line,
      column: root.column,
      message: t('data.yaml.notRecordList', { found: describeNode(root) }),
    });
    return { records, problems };
  }
  for (const item of root.items) {
    if (item.kind !== 'map') {
      if (item.kind === 'scalar' && item.value === null) continue;
      problems.push({
        file,
        line: item.line,
        column: item.column,
        message: t('data.yaml.notRecord', { found: describeNode(item) }),
      });
      continue;
    }
    records.push(mapToRecord(item, file));
  }
  return { records, problems };
}
