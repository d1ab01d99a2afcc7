// Where cci's own files are at run time: src/ (vitest) and dist/ (tsc) both sit directly under
// the package root, beside package.json and templates/.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the package root, with a trailing separator. */
export function packageRoot(): string {
  return fileURLToPath(new URL('../', import.meta.url));
}

/** Absolute path of the templates folder (templates, stylesheet, document catalogues), with a trailing separator. */
export function templatesDir(): string {
  return fileURLToPath(new URL('../templates/', import.meta.url));
}

let version: string | undefined;

/** The `version` of cci's package.json (read once). */
export function packageVersion(): string {
  if (version === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    if (typeof pkg.version !== 'string') throw new Error('package.json has no version');
    version = pkg.version;
  }
  return version;
}
