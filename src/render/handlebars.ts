// Handlebars, as cci loads it: its runtime, which is all the templates precompiled by
// `npm run build` need, and the compiler only when templates/ has changed since the build
// (engine.ts). Both share the runtime's classes (SafeString) and escaping.

import { createRequire } from 'node:module';
import type HandlebarsLib from 'handlebars';

export type Handlebars = typeof HandlebarsLib;

const require = createRequire(import.meta.url);

/** The runtime: template(), helpers, partials, SafeString, escapeExpression (about 7 ms less to load than the whole library). */
export const runtime = require('handlebars/runtime') as Handlebars;

/** The whole library, compiler included, loaded on first call. */
export function withCompiler(): Handlebars {
  return require('handlebars') as Handlebars;
}
