import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorText, oneLine } from '../../src/text/one-line.js';

describe('a foreign text on one line of a message', () => {
  it("openssl's error, with its trailing line break, becomes one trimmed line", () => {
    const openssl =
      '80ACA5E1AF7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n';
    expect(oneLine(openssl)).toBe(openssl.trimEnd());
    expect(errorText(new Error('first\r\n  second\u2028third\u0085fourth\tfifth'))).toBe(
      'first second third fourth fifth',
    );
    expect(errorText('a\u001b[31mred')).toBe('a\\u001b[31mred');
  });

  it('any text gives one line: no line break, control or separator character, no run of spaces, nothing to trim', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const line = oneLine(s);
        // eslint-disable-next-line no-control-regex
        expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        expect(line).not.toMatch(/\s\s|^\s|\s$/);
      }),
      { numRuns: 500 },
    );
  });
});
