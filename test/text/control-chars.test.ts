// Control characters: found in record texts, and escaped in names printed on one line.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeBidi, displayName, firstControlChar, isDisplaySafe, scanText } from '../../src/text/control-chars.js';

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

describe('closeBidi', () => {
  it('isolates a text holding embeddings, overrides or isolates, closing what it opens, so that it cannot reorder what follows it', () => {
    expect(closeBidi('Saint\u202eDenis')).toBe('\u2068Saint\u202eDenis\u202c\u2069');
    expect(closeBidi('a\u2067b\u202bc')).toBe('\u2068a\u2067b\u202bc\u202c\u2069\u2069');
    // a PDI closes the embeddings opened within its isolate
    expect(closeBidi('a\u2068b\u202ac\u2069d')).toBe('\u2068a\u2068b\u202ac\u2069d\u2069');
    // a PDF does not close an isolate
    expect(closeBidi('a\u2066b\u202c')).toBe('\u2068a\u2066b\u202c\u2069\u2069');
    // balanced, still isolated: the reversed letters would count as right-to-left for what follows
    expect(closeBidi('a\u202eb\u202c')).toBe('\u2068a\u202eb\u202c\u2069');
    // without any, or with only marks (LRM, RLM, ALM), as it is
    for (const ok of ['Saint-Denis', '\u200fشارع\u200e', 'حي الأمل', 'a\u061cb']) expect(closeBidi(ok), ok).toBe(ok);
  });

  it('leaves nothing open, whatever the text (property)', () => {
    const piece = fc.constantFrom(
      'a',
      'ب',
      ' ',
      '(93)',
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    );
    /** Whether every embedding, override and isolate the text opens is closed by its end. */
    const balanced = (t: string): boolean => {
      const open: string[] = [];
      for (const ch of t) {
        if ('\u202a\u202b\u202d\u202e'.includes(ch)) open.push('e');
        else if ('\u2066\u2067\u2068'.includes(ch)) open.push('i');
        else if (ch === '\u202c' && open.at(-1) === 'e') open.pop();
        else if (ch === '\u2069' && open.includes('i')) open.length = open.lastIndexOf('i');
      }
      return open.length === 0;
    };
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const closed = closeBidi(text);
        const has = /[\u202a-\u202e\u2066-\u2069]/.test(text);
        expect(scanText(text)?.bidi ?? false).toBe(has);
        expect(closed === text).toBe(!has);
        expect(balanced(closed)).toBe(true);
        if (has) expect(closed.slice(1, 1 + text.length)).toBe(text);
      }),
    );
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
