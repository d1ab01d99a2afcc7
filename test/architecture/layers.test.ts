import { describe, expect, it } from 'vitest';
import { importGraph } from './import-graph.js';

/**
 * One direction of flow: each folder of src/ imports only from its own rank or below. Language,
 * model and text at the bottom; loading and selecting; aggregation and configuration; the
 * writers (render, export, pdf, output, deliver); the pipeline; the commands and the preview; the
 * command line on top. In particular no bottom-layer module imports from render/.
 */
const RANK: Record<string, number> = {
  model: 0,
  text: 0,
  'package-files': 0,
  i18n: 1,
  errors: 2,
  window: 3,
  data: 3,
  audience: 3,
  aggregate: 4,
  config: 4,
  render: 5,
  export: 5,
  pdf: 5,
  output: 5,
  deliver: 5,
  register: 5,
  pipeline: 6,
  commands: 7,
  preview: 7,
  cli: 8,
};

const folderOf = (mod: string): string => mod.split('/')[0]!.replace(/\.ts$/, '');

describe('the layers of src/', () => {
  it('name every folder and top-level module', () => {
    const unknown = [...new Set([...importGraph().keys()].map(folderOf))].filter((f) => !(f in RANK));
    expect(unknown).toEqual([]);
  });

  it('import only from their own rank or below', () => {
    const upward: string[] = [];
    for (const [mod, deps] of importGraph()) {
      for (const dep of deps) {
        const a = folderOf(mod);
        const b = folderOf(dep);
        if (a !== b && RANK[b]! > RANK[a]!) upward.push(`${mod} → ${dep}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keep the bottom layers away from rendering', () => {
    for (const [mod, deps] of importGraph()) {
      if (RANK[folderOf(mod)]! < RANK.render!)
        expect(
          deps.filter((d) => d.startsWith('render/')),
          mod,
        ).toEqual([]);
    }
  });
});
