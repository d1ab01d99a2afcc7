// The import graph of src/: every relative import of every module, type-only imports included
// (a type cycle still ties two modules together), read with the TypeScript compiler's own
// pre-processor. Used by the architecture tests.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const SRC = resolve(import.meta.dirname, '../../src');

/** Every .ts module under src/, as paths relative to src/ with forward slashes. */
export function modules(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.split('\\').join('/'))
    .sort();
}

/** module → the modules of src/ it imports (relative specifiers only; `.js` written for `.ts`). */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const mod of modules()) {
    const source = readFileSync(join(SRC, mod), 'utf8');
    const info = ts.preProcessFile(source, true, true);
    const deps = new Set<string>();
    for (const ref of info.importedFiles) {
      const spec = ref.fileName;
      if (!spec.startsWith('.')) continue;
      const target = relative(SRC, resolve(dirname(join(SRC, mod)), spec))
        .split('\\')
        .join('/')
        .replace(/\.js$/, '.ts');
      if (target.endsWith('.ts')) deps.add(target);
    }
    graph.set(mod, [...deps].sort());
  }
  return graph;
}

/** Every elementary cycle found by a depth-first search, each once, as a list of modules. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (m: string): void => {
    state.set(m, 'open');
    stack.push(m);
    for (const d of graph.get(m) ?? []) {
      if (state.get(d) === 'open') {
        const cycle = stack.slice(stack.indexOf(d));
        const key = [...cycle].sort().join(' ');
        if (!found.has(key)) found.set(key, [...cycle, d]);
      } else if (!state.has(d)) {
        visit(d);
      }
    }
    stack.pop();
    state.set(m, 'done');
  };
  for (const m of graph.keys()) if (!state.has(m)) visit(m);
  return [...found.values()];
}
