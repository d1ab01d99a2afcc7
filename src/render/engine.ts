// The private Handlebars instance: helpers, partials and the main template, compiled once per
// process (or ahead, by npm run build, when templates/ is unchanged) and shared by every
// document rendered. Strict mode (a misspelt field is an error),
// known helpers only, partials registered statically from templates/partials/*.hbs.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type { TemplateDelegate } from 'handlebars';
import { runtime, withCompiler } from './handlebars.js';
import { HELPER_NAMES, registerHelpers } from './helpers.js';
import { templatesDir } from '../package-files.js';
import { RenderError } from '../errors.js';
import { resourceProblems, templateProblems, type TemplatePlace } from './template-check.js';

export interface Engine {
  briefing: TemplateDelegate;
  /**
   * The template file an error of the last render came from (a partial's, or briefing.hbs), when
   * templates/ was compiled now; undefined for the build's precompiled templates.
   */
  templateOf?: (error: unknown) => TemplatePlace | undefined;
  css: string;
  /** Whether the build's precompiled templates were used, or templates/ was compiled now. */
  from: 'precompiled' | 'compiled';
}

let engine: Engine | undefined;

/** The options every template is compiled with (at run time, or ahead by npm run build). */
export function compileOptions(): CompileOptions {
  return {
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: Object.fromEntries(HELPER_NAMES.map((n) => [n, true])),
    preventIndent: true,
  };
}

/**
 * The stylesheet, checked: it goes unescaped into <style>, so it must not be able to close that
 * element, and it may load nothing the document does not embed (template-check.ts). Throws
 * RenderError with every problem at its place.
 */
function loadStylesheet(dir: string): string {
  const path = join(dir, 'briefing.css');
  const css = readFileSync(path, 'utf8');
  const problems = resourceProblems({ path, text: css }, 'css');
  if (problems.length > 0) throw new RenderError(problems.join('\n'));
  return css;
}

export interface TemplateSources {
  briefing: string;
  /** [name, source] of each partial, by name. */
  partials: [string, string][];
  /** Of every name and source: what precompiled templates must have been made from. */
  digest: string;
}

export function readTemplateSources(dir: string): TemplateSources {
  const partialsDir = join(dir, 'partials');
  const partials = readdirSync(partialsDir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()
    .map((file): [string, string] => [basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8')]);
  const briefing = readFileSync(join(dir, 'briefing.hbs'), 'utf8');
  const hash = createHash('sha256').update(JSON.stringify(compileOptions())).update('\0').update(briefing);
  for (const [name, src] of partials) hash.update('\0').update(name).update('\0').update(src);
  return { briefing, partials, digest: hash.digest('hex') };
}

interface Precompiled {
  digest: string;
  briefing: TemplateSpecification;
  partials: Record<string, TemplateSpecification>;
}

/** The templates precompiled by the build, if there are some (dist only; not under vitest). */
function precompiled(): Precompiled | undefined {
  try {
    return createRequire(import.meta.url)('./precompiled-templates.cjs') as Precompiled;
  } catch {
    return undefined;
  }
}

/** The compiled templates, built on first use: precompiled when they match templates/, else compiled now. */
export function getEngine(): Engine {
  if (engine) return engine;
  const dir = templatesDir();
  const sources = readTemplateSources(dir);
  const ahead = precompiled();
  if (ahead && ahead.digest === sources.digest) {
    const hb = runtime.create();
    registerHelpers(hb);
    for (const [name] of sources.partials) hb.registerPartial(name, hb.template(ahead.partials[name]!));
    engine = { briefing: hb.template(ahead.briefing), css: loadStylesheet(dir), from: 'precompiled' };
    return engine;
  }
  // templates/ edited since the build: every template checked and compiled now, every problem
  // said at its place (template-check.ts)
  const hb = withCompiler().create();
  registerHelpers(hb);
  const opts = compileOptions();
  const briefingPath = join(dir, 'briefing.hbs');
  const partialPath = (name: string): string => join(dir, 'partials', `${name}.hbs`);
  const files = [
    { path: briefingPath, text: sources.briefing },
    ...sources.partials.map(([name, text]) => ({ path: partialPath(name), text })),
  ];
  const problems = [...templateProblems(hb, files, opts), ...files.flatMap((f) => resourceProblems(f, 'html'))];
  let css: string;
  try {
    css = loadStylesheet(dir);
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    problems.push(error.message);
  }
  if (problems.length > 0) throw new RenderError(problems.join('\n'));
  // an error at render time is said in the innermost partial it came from, at the helper call
  // that threw it (Handlebars gives a helper its call's place in options.loc)
  const origin = new WeakMap<object, string>();
  const helperAt = new WeakMap<object, { line: number; column: number }>();
  const tag = (error: unknown, path: string): void => {
    if (error !== null && typeof error === 'object' && !origin.has(error)) origin.set(error, path);
  };
  for (const name of HELPER_NAMES) {
    const helper = hb.helpers[name] as (...args: unknown[]) => unknown;
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      try {
        return helper.apply(this, args);
      } catch (error) {
        const loc = (args.at(-1) as { loc?: { start?: { line: number; column: number } } } | undefined)?.loc?.start;
        if (loc && error !== null && typeof error === 'object' && !helperAt.has(error))
          helperAt.set(error, { line: loc.line, column: loc.column + 1 });
        throw error;
      }
    });
  }
  for (const [name, src] of sources.partials) {
    const partial = hb.compile(src, opts);
    hb.registerPartial(name, ((context: unknown, options: unknown) => {
      try {
        return partial(context, options as never);
      } catch (error) {
        tag(error, partialPath(name));
        throw error;
      }
    }) as TemplateDelegate);
  }
  engine = {
    briefing: hb.compile(sources.briefing, opts),
    css: css!,
    from: 'compiled',
    templateOf: (error) =>
      error !== null && typeof error === 'object'
        ? { path: origin.get(error) ?? briefingPath, ...helperAt.get(error) }
        : undefined,
  };
  return engine;
}

/** Forgets the compiled templates: the next render reads templates/ again (preview). */
export function resetEngine(): void {
  engine = undefined;
}
