// The index of ids by keyed hash: what a Map from hash to first place would say, at any size.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../src/data/id-index.js';
import { ID_WORDS } from '../../src/data/tally-cache.js';

/** A hash of ID_WORDS words from a number; `clash`: first words (the table's bucket) that collide. */
function hashOf(n: number, clash = true): Uint32Array {
  return Uint32Array.of(clash ? n % 7 : Math.imul(n, 2654435761) >>> 0, n, n * 31 + 1, 0xffffffff - n);
}

describe('the id index', () => {
  it('finds the first use of every id seen again, and only those, as a map would', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(300), { maxLength: 400 }), (ids) => {
        const index = new IdIndex();
        const lines = ids.map((_, i) => i + 2);
        const columns = ids.map((_, i) => (i % 5) + 1);
        const source = index.addSource({ file: 'a.csv', lines, columns });
        const first = new Map<number, number>();
        ids.forEach((id, i) => {
          const prev = index.add(hashOf(id), 0, source, i);
          if (first.has(id)) {
            expect(prev).toBeGreaterThanOrEqual(0);
            expect(index.placeOf(prev)).toEqual({
              file: 'a.csv',
              line: first.get(id)! + 2,
              column: (first.get(id)! % 5) + 1,
            });
          } else {
            expect(prev).toBe(-1);
            first.set(id, i);
          }
        });
      }),
    );
  });

  it('grows past its first size and still finds every id', () => {
    const index = new IdIndex();
    const n = 200_000;
    const words = new Uint32Array(n * ID_WORDS);
    for (let i = 0; i < n; i++) words.set(hashOf(i, false), i * ID_WORDS);
    const source = index.addSource({
      file: 'big.csv',
      sheet: 'incidents',
      lines: Uint32Array.from({ length: n }, (_, i) => i + 1),
      columns: new Uint32Array(n).fill(3),
    });
    for (let i = 0; i < n; i++) expect(index.add(words, i * ID_WORDS, source, i)).toBe(-1);
    expect(index.placeOf(index.add(hashOf(123_456, false), 0, source, 0))).toEqual({
      file: 'big.csv',
      sheet: 'incidents',
      line: 123_457,
      column: 3,
    });
    expect(index.add(Uint32Array.of(1, 2, 3, 4), 0, source, 0)).toBe(-1);
  });

  it('quotes the first use only when it was read in full and is not RED', () => {
    const index = new IdIndex();
    const cached = index.addSource({ file: 'cached.csv', lines: [4], columns: [1] });
    const read = index.addSource({
      file: 'read.yaml',
      lines: [1, 9],
      columns: [7, 7],
      ids: ['INC-1', 'INC-2'],
      hidden: [false, true],
    });
    index.add(hashOf(1), 0, cached, 0);
    index.add(hashOf(2), 0, read, 0);
    index.add(hashOf(3), 0, read, 1);
    expect(index.quotableId(index.add(hashOf(1), 0, read, 0))).toBeUndefined();
    expect(index.quotableId(index.add(hashOf(2), 0, read, 0))).toBe('INC-1');
    const red = index.add(hashOf(3), 0, read, 0);
    expect(index.quotableId(red)).toBeUndefined();
    expect(index.isHidden(red)).toBe(true);
  });
});
