// Control characters: found in record texts, and escaped in names printed on one line.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayName, firstControlChar, isDisplaySafe } from '../../src/text/control-chars.js';

describe('firstControlChar', () => {
  it('finds C0 (but tab, LF, CR), DEL, C1 and unpaired surrogates, and nothing in ordinary text', () => {
    expect(firstControlChar('ab\u001bc')).toEqual({ index: 2, codePoint: 0x1b });
    expect(firstControlChar('\u0000')).toEqual({ index: 0, codePoint: 0 });
    expect(firstControlChar('x\u009b')).toEqual({ index: 1, codePoint: 0x9b });
    expect(firstControlChar('x\u007f')).toEqual({ index: 1, codePoint: 0x7f });
    expect(firstControlChar('a\ud800')).toEqual({ index: 1, codePoint: 0xd800 });
    for (const ok of ['Vol à l’étalage', 'a\tb\nc\r\nd', '🚨 🇩🇪 👮‍♀️', '日本語', 'Teahupo\u2019o', 'e\u0301'])
      expect(firstControlChar(ok), ok).toBeUndefined();
  });
});

describe('displayName', () => {
  it('leaves an ordinary file name as it is', () => {
    for (const name of ['2024-08-05/incidents-pp.csv', 'Données/été.yaml', 'a b.csv', 'C:\\x\\y.csv'])
      expect(displayName(name)).toBe(name);
  });

  it('quotes and escapes a name holding ESC, a line break or a bidi control, so it stays one unambiguous line', () => {
    expect(displayName('incidents-\u001b[31mred.yaml')).toBe('"incidents-\\u001b[31mred.yaml"');
    expect(displayName('a\nb.csv')).toBe('"a\\u000ab.csv"');
    expect(displayName('x\u202eliam.csv')).toBe('"x\\u202eliam.csv"');
    expect(displayName('"quoted.csv')).toBe('"\\"quoted.csv"');
    expect(displayName('back\\slash\u001b')).toBe('"back\\\\slash\\u001b"');
  });

  it('never lets a control, line break or bidi character through, and quoted names never collide with plain ones', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        const shown = displayName(name);
        expect(isDisplaySafe(shown)).toBe(true);
        if (shown !== name) {
          expect(shown.startsWith('"')).toBe(true);
          expect(JSON.parse(shown)).toBe(name); // the name, recovered exactly
        }
      }),
    );
  });
});
