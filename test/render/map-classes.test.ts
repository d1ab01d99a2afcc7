import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classBreaks, classOf, classRanges } from '../../src/render/map-classes.js';

describe('class breaks of the map', () => {
  it('gives each count its own class up to four, and round bounds above', () => {
    expect(classBreaks(0)).toEqual([]);
    expect(classBreaks(1)).toEqual([1]);
    expect(classBreaks(3)).toEqual([1, 2, 3]);
    expect(classBreaks(4)).toEqual([1, 2, 3, 4]);
    expect(classBreaks(9)).toEqual([2, 3, 5, 9]);
    expect(classBreaks(100)).toEqual([3, 10, 30, 100]);
    expect(classBreaks(2000)).toEqual([5, 50, 300, 2000]);
  });

  it('names each class by the counts it holds', () => {
    expect(classRanges([2, 3, 5, 9])).toEqual([
      [1, 2],
      [3, 3],
      [4, 5],
      [6, 9],
    ]);
  });

  it('puts every count from 1 to the maximum in exactly one of at most four classes, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (max) => {
        const breaks = classBreaks(max);
        expect(breaks.length).toBeGreaterThan(0);
        expect(breaks.length).toBeLessThanOrEqual(4);
        expect(breaks.at(-1)).toBe(max);
        for (let i = 1; i < breaks.length; i++) expect(breaks[i]!).toBeGreaterThan(breaks[i - 1]!);
        const ranges = classRanges(breaks);
        for (const n of [1, 2, Math.ceil(max / 3), Math.ceil(max / 2), max].filter((x) => x <= max)) {
          const k = classOf(n, breaks);
          expect(n).toBeGreaterThanOrEqual(ranges[k]![0]);
          expect(n).toBeLessThanOrEqual(ranges[k]![1]);
        }
        expect(classOf(0, breaks)).toBe(-1);
      }),
    );
  });
});
