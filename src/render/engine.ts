// The private Handlebars instance: helpers, partials and the main template, compiled once per
// process and shared by every document rendered. Strict mode (a misspelt field is an error),
// known helpers only, partials registered statically from templates/partials/*.hbs.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { HELPER_NAMES, registerHelpers } from './helpers.js';
import { templatesDir } from './templates-dir.js';

export interface Engine {
  briefing: Handlebars.TemplateDelegate;
  css: string;
}

let engine: Engine | undefined;

function compileOptions(): CompileOptions {
  return {
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: Object.fromEntries(HELPER_NAMES.map((n) => [n, true])),
    preventIndent: true,
  };
}

function loadStylesheet(dir: string): string {
  const css = readFileSync(join(dir, 'briefing.css'), 'utf8');
  // The stylesheet goes unescaped into <style>: it must not be able to close that element.
  if (/<\//.test(css)) throw new Error('templates/briefing.css must not contain "</"');
  return css;
}

/** The compiled templates, built on first use. */
export function getEngine(): Engine {
  if (engine) return engine;
  const dir = templatesDir();
  const hb = Handlebars.create();
  registerHelpers(hb);
  const opts = compileOptions();
  const partialsDir = join(dir, 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
    const src = readFileSync(join(partialsDir, file), 'utf8');
    hb.registerPartial(basename(file, '.hbs'), hb.compile(src, opts));
  }
  const briefing = hb.compile(readFileSync(join(dir, 'briefing.hbs'), 'utf8'), opts);
  engine = { briefing, css: loadStylesheet(dir) };
  return engine;
}

/** Forgets the compiled templates: the next render reads templates/ again (preview). */
export function resetEngine(): void {
  engine = undefined;
}
