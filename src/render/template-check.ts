// The templates an analyst edits (templates/*.hbs, partials, briefing.css) are checked before a
// briefing is made with them, and every problem is said at its place (file:line:column), all in
// one run, instead of a Handlebars stack trace:
// - Handlebars syntax, blocks and helpers, found by compiling each template now (Handlebars
//   compiles lazily, at the first document, and its parse errors carry no column);
// - what a template would load. A briefing embeds everything it shows (data: URLs, inline SVG):
//   its PDF is printed in a page that refuses every request, where a file: URL or a relative
//   path is not even asked for (Chromium blocks it before any request), so the image would be
//   missing without a word, and the HTML would send its reader's browser looking for it.
// - a stylesheet that could close the document's <style> element.
// A template's own errors at render time (a field the model does not have, in strict mode) are
// said at their place too (templateRuntimeError).

import { t } from '../i18n/messages.js';
import { displayName } from '../text/control-chars.js';
import type { Handlebars } from './handlebars.js';
import { DocumentCatalogueError, MissingMessageError } from '../i18n/document-messages.js';

/** Where in the edited templates an error of a render came from: the file, and the helper call's line and 1-based column when a helper threw it. */
export interface TemplatePlace {
  path: string;
  line?: number;
  column?: number;
}

/** A template's source and the path it is said at. */
export interface TemplateFile {
  path: string;
  text: string;
}

/** 1-based line and column of a 0-based offset in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

function where(path: string, line: number, column: number): string {
  return `${displayName(path)}:${line}:${column}`;
}

/** Quoted for a message: at most 80 characters on one line. */
function quote(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return displayName(one.length > 80 ? `${one.slice(0, 80)}…` : one);
}

interface ParseFailure extends Error {
  hash?: { token?: string | number | null; text?: string; expected?: string[] };
  at?: { first_line: number; first_column: number };
}

/** Jison's token names in a parse error, as a template's author writes them. */
const TOKENS: Readonly<Record<string, string>> = {
  "'CLOSE'": '}}',
  "'CLOSE_UNESCAPED'": '}}}',
  "'CLOSE_RAW_BLOCK'": '}}}}',
  "'OPEN_ENDBLOCK'": '{{/…}}',
  "'CLOSE_SEXPR'": ')',
  "'INVERSE'": '{{else}}',
};

/**
 * Handlebars' parser reports a syntax error through `parser.yy.parseError` (Jison's hook for it),
 * with the token's place in its lexer; Handlebars' own message has a line but no column.
 */
function parseWithPlace(hb: Handlebars, text: string): unknown {
  const parser = (hb as unknown as { Parser: { yy?: Record<string, unknown>; lexer: { yylloc: ParseFailure['at'] } } })
    .Parser;
  if (!parser.yy) hb.parse(''); // Handlebars puts its shared yy in place on the first parse
  parser.yy!.parseError = (message: string, hash: ParseFailure['hash']) => {
    const error: ParseFailure = new Error(message);
    error.hash = hash;
    const at = parser.lexer.yylloc;
    if (at) error.at = { first_line: at.first_line, first_column: at.first_column };
    throw error;
  };
  return hb.parse(text);
}

/** What a Handlebars error says, as a problem at its place in `file`. */
function handlebarsProblem(file: TemplateFile, error: unknown): string {
  const e = error as ParseFailure & { lineNumber?: number; column?: number; message?: string };
  if (e.at) {
    const token = e.hash?.token;
    const found =
      token === 'EOF'
        ? t('template.endOfFile')
        : t('template.token', {
            text: quote(e.hash?.text || file.text.split('\n')[e.at.first_line - 1]?.[e.at.first_column] || ''),
          });
    const wanted = e.hash?.expected ?? [];
    // a tag not closed: "}}" says it, whatever else the grammar would take there
    const expected = wanted.includes("'CLOSE'")
      ? [t('template.token', { text: '}}' })]
      : [...new Set(wanted.flatMap((x) => (TOKENS[x] ? [t('template.token', { text: TOKENS[x] })] : [])))];
    return t(expected.length > 0 ? 'template.syntaxExpected' : 'template.syntax', {
      where: where(file.path, e.at.first_line, e.at.first_column + 1),
      found,
      expected: expected.join(t('template.or')),
    });
  }
  const line = typeof e.lineNumber === 'number' ? e.lineNumber : 1;
  const column = typeof e.column === 'number' ? e.column + 1 : 1;
  const detail = String(e.message ?? error).replace(/ - \d+:\d+$/, '');
  const helper = /unknown helper (\S+)/.exec(detail);
  if (helper) return t('template.unknownHelper', { where: where(file.path, line, column), name: quote(helper[1]!) });
  return t('template.handlebars', { where: where(file.path, line, column), detail: quote(detail) });
}

/**
 * Compiles every template now, with the options it is used with, and returns the problems found
 * (file:line:column, words for people); none when every template compiles.
 */
export function templateProblems(hb: Handlebars, files: readonly TemplateFile[], options: CompileOptions): string[] {
  const problems: string[] = [];
  for (const file of files) {
    try {
      hb.precompile(file.text, options);
    } catch (error) {
      // a syntax error: parsed again to find its column
      let placed = error;
      if (/^(Parse|Lexical) error/.test(String((error as Error).message)))
        try {
          parseWithPlace(hb, file.text);
        } catch (again) {
          placed = again;
        }
      problems.push(handlebarsProblem(file, placed));
    }
  }
  return problems;
}

/** Attributes that make a page load what they name (a link's href does not). */
const LOADING_ATTRIBUTES =
  /(?<=[\s"'/])(src|srcset|poster|data|background|xlink:href|href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;
/** Elements whose href is loaded: a stylesheet, an icon, an SVG image or use. */
const HREF_LOADS = new Set(['link', 'image', 'use', 'feimage', 'script']);

/** Whether a value, once its Handlebars expressions are set aside, loads only what the document embeds. */
function embedsOnly(value: string): boolean {
  const literal = value.replace(/\{\{[^}]*\}\}/g, '').trim();
  if (literal === '') return true; // made by a helper of cci's, or empty
  return /^(data:|#)/i.test(value.trim());
}

/** The resources a template's HTML or CSS would load: every one must be embedded in the document. */
export function resourceProblems(file: TemplateFile, kind: 'html' | 'css'): string[] {
  const found: { offset: number; problem: string }[] = [];
  const text = file.text;
  const say = (offset: number, what: string): void => {
    const { line, column } = lineColumn(text, offset);
    found.push({ offset, problem: t('template.loads', { where: where(file.path, line, column), what: quote(what) }) });
  };
  if (kind === 'html') {
    for (const m of text.matchAll(LOADING_ATTRIBUTES)) {
      const attribute = m[1]!.toLowerCase();
      const value = m[2]!.replace(/^["']|["']$/g, '');
      if (attribute === 'href') {
        // the element the attribute is in: its quoted values may hold a "<" (title="a<b")
        const tag = /<([a-zA-Z][\w:-]*)(?:[^<>"']|"[^"]*"|'[^']*')*$/.exec(text.slice(0, m.index))?.[1]?.toLowerCase();
        if (!tag || !HREF_LOADS.has(tag.replace(/^svg:/, ''))) continue;
      }
      if (attribute === 'srcset' ? value.split(',').every((c) => embedsOnly(c)) : embedsOnly(value)) continue;
      say(m.index, m[0]);
    }
  }
  // CSS: a stylesheet, a <style> element or a style attribute of a template
  for (const m of text.matchAll(/url\(\s*("[^"]*"|'[^']*'|[^)]*)\s*\)|@import\b[^;]*/gi)) {
    if (m[0].startsWith('@')) say(m.index, m[0]);
    else if (!embedsOnly(m[1]!.replace(/^["']|["']$/g, ''))) say(m.index, m[0]);
  }
  // image-set("bg.png" 1x, url(x.png) 2x): its plain strings are addresses too (its url()s are above)
  for (const m of text.matchAll(/image-set\(([^)]*(?:\([^)]*\)[^)]*)*)\)/gi))
    for (const q of m[1]!.matchAll(/"([^"]*)"|'([^']*)'/g))
      if (!embedsOnly(q[1] ?? q[2] ?? '')) say(m.index + m[0].indexOf(q[0]), `image-set(${q[0]})`);
  // a CSS escape standing for a letter (\75rl( for url(): nothing needs it but hiding a word
  for (const m of text.matchAll(/\\(0{0,4}(?:4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a]))(?![0-9a-f])\s?/gi))
    found.push({
      offset: m.index,
      problem: t('template.letterEscape', {
        where: where(file.path, lineColumn(text, m.index).line, lineColumn(text, m.index).column),
        escape: quote(m[0].trim()),
        letter: String.fromCodePoint(parseInt(m[1]!, 16)),
      }),
    });
  if (kind === 'css') {
    const close = text.indexOf('</');
    if (close >= 0) {
      const { line, column } = lineColumn(text, close);
      found.push({ offset: close, problem: t('template.closesStyle', { where: where(file.path, line, column) }) });
    }
  }
  // in the order of the file
  return found.sort((a, b) => a.offset - b.offset).map((f) => f.problem);
}

/**
 * An error while a briefing is rendered with edited templates, said at its place in them
 * (engine.ts TemplatePlace): a field the model does not have (strict mode), a message the
 * catalogues do not have, a helper given what it cannot use. Undefined without a place.
 */
export function templateRuntimeError(error: unknown, place: TemplatePlace | undefined): string | undefined {
  if (place === undefined || error === null || typeof error !== 'object') return undefined;
  // the catalogues' own problems, said at their places in them
  if (error instanceof DocumentCatalogueError) return undefined;
  const e = error as { lineNumber?: unknown; column?: unknown; message?: unknown };
  if (typeof e.lineNumber === 'number' && typeof e.message === 'string') {
    const detail = e.message.replace(/ - \d+:\d+$/, '');
    const field = /^"([^"]+)" not defined in /.exec(detail);
    const at = where(place.path, e.lineNumber, (typeof e.column === 'number' ? e.column : 0) + 1);
    return field
      ? t('template.noField', { where: at, name: quote(field[1]!) })
      : t('template.handlebars', { where: at, detail: quote(detail) });
  }
  const at = place.line !== undefined ? where(place.path, place.line, place.column ?? 1) : displayName(place.path);
  if (error instanceof MissingMessageError)
    return t('template.noMessage', { where: at, key: quote(error.key), lang: error.lang });
  return t('template.helperFailed', { where: at, detail: quote(String(e.message ?? error)) });
}
