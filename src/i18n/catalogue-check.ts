// The documents' catalogues (templates/i18n/fr.json and en.json) are edited by analysts, who see
// their words in the preview at once. An edit that breaks them is said at its place
// (file:line:column), every problem of both files at once, instead of a stack trace in the middle
// of a render: JSON that does not parse, a message that is not a text, a message the documents
// use that is missing, a placeholder cci gives no value for (it would fail the render). What the
// documents use is the catalogues' shape as cci ships them (catalogueShape, recorded by `npm run
// build`); without it (tests run from src/), each language is checked against the other. A
// placeholder left out is not a problem: the analyst may drop a value from a sentence.

import { createRequire } from 'node:module';
import type * as JsoncParser from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { catalogueKeys, isCatalogue, lookup, type Catalogue } from './catalogue.js';
import type { Lang } from './lang.js';
import { t } from './messages.js';
import { displayName } from '../text/control-chars.js';

/** jsonc-parser, loaded only when edited catalogues are checked (every run reads the catalogues; few check them). */
function jsonc(): typeof JsoncParser {
  return createRequire(import.meta.url)('jsonc-parser') as typeof JsoncParser;
}

/** Every message key of a catalogue and the placeholders its message has, sorted. */
export type CatalogueShape = Readonly<Record<string, readonly string[]>>;

/** The placeholders of a message (`{name}`), sorted, each once. */
export function placeholdersOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/** The shape of a catalogue: its keys and each message's placeholders. */
export function catalogueShape(cat: Catalogue): CatalogueShape {
  return Object.fromEntries(catalogueKeys(cat).map((k) => [k, placeholdersOf(lookup(cat, k)!)]));
}

/** One catalogue file as read. */
export interface CatalogueFile {
  lang: Lang;
  path: string;
  text: string;
}

function lineColumn(text: string, offset: number): string {
  // 1-based line:column of a 0-based offset
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

/** The node at a dotted key, or the nearest of its parents the file has. */
function nearestNode(tree: Node | undefined, key: string): Node | undefined {
  if (!tree) return undefined;
  const { findNodeAtLocation } = jsonc();
  const parts = key.split('.');
  for (let n = parts.length; n > 0; n--) {
    const node = findNodeAtLocation(tree, parts.slice(0, n));
    if (node) return node;
  }
  return tree;
}

/**
 * The problems of the documents' catalogues, each `path:line:column: words`, in the order of the
 * files; and the catalogues, when there are none. `shape` is what the documents use (undefined:
 * each language is checked against the other).
 */
export function catalogueProblems(
  files: readonly CatalogueFile[],
  shape: CatalogueShape | undefined,
): { problems: string[]; catalogues?: Record<Lang, Catalogue> } {
  const { getNodePath, parseTree, printParseErrorCode } = jsonc();
  const found: { file: number; offset: number; problem: string }[] = [];
  const parsed = new Map<Lang, { file: CatalogueFile; cat: Catalogue; tree: Node | undefined; notText: Set<string> }>();
  files.forEach((file, index) => {
    const say = (offset: number, problem: (where: string) => string): void => {
      found.push({
        file: index,
        offset,
        problem: problem(`${displayName(file.path)}:${lineColumn(file.text, offset)}`),
      });
    };
    const errors: ParseError[] = [];
    const tree = parseTree(file.text, errors, { disallowComments: true, allowTrailingComma: false });
    if (errors.length > 0) {
      // the first only: the ones after it are most often its echo
      const e = errors[0]!;
      const reason = t(`data.geometry.json.${printParseErrorCode(e.error)}`);
      say(e.offset, (where) => t('template.catalogue.syntax', { where, reason }));
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(file.text);
    } catch {
      say(0, (where) => t('template.catalogue.syntax', { where, reason: 'JSON' }));
      return;
    }
    // the leaves that are not texts, at their places; the rest is still checked
    const notText = new Set<string>();
    if (!isCatalogue(value)) {
      if (tree?.type !== 'object') {
        say(tree?.offset ?? 0, (where) => t('template.catalogue.notText', { where }));
        return;
      }
      const walk = (n: Node | undefined): void => {
        if (!n) return;
        if (n.type === 'object') for (const p of n.children ?? []) walk(p.children?.[1]);
        else if (n.type !== 'string') {
          notText.add(getNodePath(n).join('.'));
          say(n.offset, (where) => t('template.catalogue.notText', { where }));
        }
      };
      walk(tree);
    }
    parsed.set(file.lang, { file, cat: value as Catalogue, tree, notText });
  });
  // what each language must hold: the shipped shape, or the other language's
  for (const [lang, { file, cat, tree, notText }] of parsed) {
    const index = files.indexOf(file);
    const other = [...parsed.values()].find((p) => p.file.lang !== lang);
    const expected = shape ?? (other ? catalogueShape(other.cat) : undefined);
    if (!expected) continue;
    const say = (key: string, problem: (where: string) => string): void => {
      const offset = nearestNode(tree, key)?.offset ?? 0;
      found.push({
        file: index,
        offset,
        problem: problem(`${displayName(file.path)}:${lineColumn(file.text, offset)}`),
      });
    };
    for (const [key, wanted] of Object.entries(expected)) {
      if (notText.has(key)) continue;
      const message = lookup(cat, key);
      if (message === undefined) {
        say(key, (where) => t('template.catalogue.missing', { where, key }));
        continue;
      }
      const unknown = placeholdersOf(message).filter((p) => !wanted.includes(p));
      if (unknown.length > 0)
        say(key, (where) =>
          t('template.catalogue.unknownPlaceholder', {
            where,
            key,
            placeholder: unknown.map((p) => `{${p}}`).join(', '),
            given: wanted.length > 0 ? wanted.map((p) => `{${p}}`).join(', ') : t('template.catalogue.none'),
          }),
        );
    }
  }
  // in the order of the files, and of each file
  const problems = found.sort((a, b) => a.file - b.file || a.offset - b.offset).map((f) => f.problem);
  if (problems.length > 0) return { problems };
  return {
    problems,
    catalogues: Object.fromEntries([...parsed].map(([l, p]) => [l, p.cat])) as Record<Lang, Catalogue>,
  };
}
