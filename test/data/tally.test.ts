// Merging counting rows: runs in time order merged pairwise give the stable time order.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergedOrder } from '../../src/data/tally.js';

describe('the order of merged counting rows', () => {
  it('is the stable sort by time of runs each in time order, whatever their number, lengths and overlaps', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }), { maxLength: 9 }), (runs) => {
        const sortedRuns = runs.map((r) => [...r].sort((a, b) => a - b));
        const time = Float64Array.from(sortedRuns.flat());
        const bounds = [0];
        for (const r of sortedRuns) if (r.length > 0) bounds.push(bounds.at(-1)! + r.length);
        const expected = [...time.keys()].sort((a, b) => time[a]! - time[b]! || a - b);
        expect([...mergedOrder(time, bounds)]).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
