// Where the templates, the stylesheet and the message catalogues live. The folder sits at the
// package root, two levels above this module both in src/render (vitest) and dist/render (tsc).

import { fileURLToPath } from 'node:url';

/** Absolute path of the templates folder, with a trailing separator. */
export function templatesDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}
