// fast-check generators shared by the property tests.

import fc from 'fast-check';
import { TLP_ORDER, type Markings } from '../../src/model/types.js';

/** Any marking a record may carry, over three partner countries. */
export const markingsArb: fc.Arbitrary<Markings> = fc.record({
  tlp: fc.constantFrom(...TLP_ORDER),
  releasableTo: fc.subarray(['DEU', 'BRA', 'USA']),
  exclude: fc.subarray(['DEU', 'BRA', 'USA']),
  specialFrance: fc.boolean(),
  status: fc.constantFrom('validated' as const, 'draft' as const),
});
