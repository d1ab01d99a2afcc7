// Values quoted in problem messages: a short excerpt of one line, whatever the value.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXCERPT_CHARS, excerpt, quote } from '../../src/data/excerpt.js';
import { isDisplaySafe } from '../../src/text/control-chars.js';

describe('quoting a value in a message', () => {
  it('quotes a short value whole', () => {
    expect(quote('theft')).toBe('"theft"');
    expect(excerpt('2024-08-05T25:00')).toBe('2024-08-05T25:00');
  });

  it('never quotes more than one line of at most 60 characters, and marks what was left out', () => {
    // characters a terminal shows as they are; the others are escaped (the next property)
    const shown = fc.string({ unit: 'grapheme', maxLength: 500 }).filter(isDisplaySafe);
    fc.assert(
      fc.property(shown, (text) => {
        const e = excerpt(text);
        expect(e).not.toMatch(/[\r\n]/);
        expect(Array.from(e).length).toBeLessThanOrEqual(EXCERPT_CHARS + 1);
        const whole = !/[\r\n]/.test(text) && Array.from(text).length <= EXCERPT_CHARS;
        expect(e === text).toBe(whole);
        if (!whole) expect(e.endsWith('…')).toBe(true);
        expect(JSON.parse(quote(text))).toBe(e);
      }),
    );
  });

  it('never quotes a line break or a control character as it is, whatever the text, and keeps at most 60 of its characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        for (const e of [excerpt(text), quote(text)]) {
          expect(e).not.toMatch(/[\r\n]/);
          expect(isDisplaySafe(e)).toBe(true);
        }
        // every escape stands for one character of the text
        const kept = Array.from(
          excerpt(text)
            .replace(/\\u[0-9a-f]{4}/g, '?')
            .replace(/…$/, ''),
        );
        expect(kept.length).toBeLessThanOrEqual(EXCERPT_CHARS);
      }),
    );
  });

  it('cuts a line of /etc/passwd-like text after its first line', () => {
    expect(quote('root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1')).toBe('"root:x:0:0:root:/root:/bin/bash…"');
  });

  it('writes control and bidi characters escaped, never as they are (an ESC or a CSI would drive the terminal)', () => {
    expect(quote('a\u001b[31mb')).toBe('"a\\u001b[31mb"');
    expect(quote('a\u009b31mb')).toBe('"a\\u009b31mb"');
    expect(excerpt('x\u202ey')).toBe('x\\u202ey');
    expect(quote('tab\there')).toBe('"tab\\there"');
  });
});
