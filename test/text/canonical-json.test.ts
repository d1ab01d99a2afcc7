import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/text/canonical-json.js';

describe('canonical JSON', () => {
  it('writes keys in code-unit order at every depth, without whitespace, and leaves undefined out', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null, true], c: 'é' }, z: undefined })).toBe(
      '{"a":{"c":"é","d":[1,"x",null,true]},"b":1}',
    );
  });

  it('gives the same text for the same value whatever the order its keys were made in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
        expect(JSON.parse(canonicalJson(o))).toEqual(JSON.parse(JSON.stringify(o)));
      }),
    );
  });

  it('refuses what JSON cannot say the same way everywhere', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
  });
});
