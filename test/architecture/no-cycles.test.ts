import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from './import-graph.js';

describe('the import graph of src/', () => {
  it('has no cycle, type-only imports included', () => {
    const found = cycles(importGraph()).map((c) => c.join(' → '));
    expect(found).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
