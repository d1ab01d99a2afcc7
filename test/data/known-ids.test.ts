// The sorted id prefixes of cached files: every id of the set is found, and a set read back
// out of order is refused.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownIds, knownIdsKey, knownIdsOf, mayBeKnown } from '../../src/data/known-ids.js';

const word = fc.integer({ min: 0, max: 0xffffffff });
const ids = fc.array(fc.tuple(word, word, word, word), { maxLength: 60 }).map((xs) => Uint32Array.from(xs.flat()));

describe('the ids known unique of cached files', () => {
  it('finds every id of the files, and an id differing in its first 64 bits from all of them is not found', () => {
    fc.assert(
      fc.property(fc.array(ids, { maxLength: 5 }), fc.tuple(word, word, word, word), (lists, other) => {
        const known = knownIdsOf(lists);
        expect(isKnownIds(known)).toBe(true);
        for (const list of lists)
          for (let i = 0; i < list.length; i += 4) expect(mayBeKnown(known, list, i)).toBe(true);
        const q = Uint32Array.from(other);
        const present = lists.some((l) => {
          for (let i = 0; i < l.length; i += 4) if (l[i] === q[0] && l[i + 1] === q[1]) return true;
          return false;
        });
        expect(mayBeKnown(known, q, 0)).toBe(present);
      }),
      { numRuns: 300 },
    );
  });

  it('is keyed by the entries in their order', () => {
    expect(knownIdsKey(['a', 'b'])).not.toBe(knownIdsKey(['b', 'a']));
    expect(knownIdsKey(['ab'])).not.toBe(knownIdsKey(['a', 'b']));
    expect(knownIdsKey([])).toBe(knownIdsKey([]));
  });

  it('refuses a set that is not sorted, or not 64-bit numbers', () => {
    expect(isKnownIds(BigUint64Array.from([1n, 3n, 2n]))).toBe(false);
    expect(isKnownIds(new Uint32Array(4))).toBe(false);
    expect(isKnownIds([1n, 2n])).toBe(false);
  });
});
