import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeData, decodeText, decodeTextInfo } from '../../src/data/index.js';
import { looksGarbled } from '../../src/data/decode.js';

/** Whether the strict (fatal) UTF-8 decoder reads these bytes: the rule decode.ts's checks must agree with. */
function readsAsUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

describe('decodeText', () => {
  it('reads plain UTF-8 text unchanged', () => {
    const bytes = new TextEncoder().encode('Vol à la tire – œuvre 5 €');
    expect(decodeText(bytes)).toBe('Vol à la tire – œuvre 5 €');
    expect(decodeTextInfo(bytes)).toMatchObject({ encoding: 'utf-8', bom: false });
  });

  it('removes a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('id,time')]);
    expect(decodeText(bytes)).toBe('id,time');
    expect(decodeTextInfo(bytes).bom).toBe(true);
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8, including the 0x80–0x9F range', () => {
    // "5 € l’œuf à Noël" as French Excel writes it: € = 0x80, ’ = 0x92, œ = 0x9C, à = 0xE0, ë = 0xEB
    const bytes = new Uint8Array([
      0x35, 0x20, 0x80, 0x20, 0x6c, 0x92, 0x9c, 0x75, 0x66, 0x20, 0xe0, 0x20, 0x4e, 0x6f, 0xeb, 0x6c,
    ]);
    expect(decodeText(bytes)).toBe('5 € l’œuf à Noël');
    expect(decodeTextInfo(bytes).encoding).toBe('windows-1252');
  });

  it('keeps a Windows-1252 no-break space (0xA0) as U+00A0', () => {
    expect(decodeText(new Uint8Array([0x31, 0xa0, 0x32, 0x33, 0x34]))).toBe('1\u00a0234');
  });
});

describe('decodeData', () => {
  const utf16le = (s: string, bom = true) =>
    Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(s, 'utf16le')]);
  const utf16be = (s: string, bom = true) => {
    const b = Buffer.from(s, 'utf16le').swap16();
    return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), b]);
  };
  const TSV =
    'id\ttime\tcategory\tvenue\tsummary_fr\nU16-1\t2026-11-29T10:30\ttheft\tmain-stadium\tVol à l’étalage 🚨\n';

  it('reads UTF-16 little- and big-endian with their byte-order mark (Excel\'s "Unicode text")', () => {
    expect(decodeData(utf16le(TSV))).toEqual({ text: TSV, encoding: 'utf-16le', bom: true });
    expect(decodeData(utf16be(TSV))).toEqual({ text: TSV, encoding: 'utf-16be', bom: true });
  });

  it('reads UTF-16 without a byte-order mark when it is plainly UTF-16, and takes nothing else for it', () => {
    expect(decodeData(utf16le(TSV, false))).toMatchObject({ text: TSV, encoding: 'utf-16le', bom: false });
    expect(decodeData(utf16be(TSV, false))).toMatchObject({ text: TSV, encoding: 'utf-16be', bom: false });
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }).filter((s) => !s.includes('\0')),
        (s) => {
          const d = decodeData(new TextEncoder().encode(s));
          expect(d).toMatchObject({ encoding: 'utf-8' });
        },
      ),
    );
  });

  it('refuses a UTF-16 file cut short or holding a broken character, naming the line', () => {
    expect(decodeData(utf16le(TSV).subarray(0, 11))).toEqual({
      problem: expect.stringContaining('odd number of bytes: it was cut short'),
    });
    expect(decodeData(utf16le('a\nb\n\ud800x\n'))).toEqual({
      line: 3,
      problem: expect.stringContaining('unpaired surrogate'),
    });
  });

  it('names the first line that is not in the encoding of the rest of a file mixing UTF-8 and Windows-1252', () => {
    const utf8 = (s: string) => Buffer.from(s, 'utf8');
    const cp = (s: string) => Buffer.from(s, 'latin1'); // à, é: the same bytes in Windows-1252
    // the case of the issue: one UTF-8 row, then one Windows-1252 row
    const mixed = Buffer.concat([
      utf8('id,summary_fr\nMIX-1,Escroquerie à la revente\n'),
      cp('MIX-2,Escroquerie à la sécurité\n'),
    ]);
    expect(decodeData(mixed)).toEqual({
      line: 3,
      problem: expect.stringMatching(
        /^this line is not in the encoding of the rest of the file: the other lines with accents \(1\) are UTF-8/,
      ),
    });
    // mostly Windows-1252, one UTF-8 line: that line is named
    const mostlyCp = Buffer.concat([cp('id,summary_fr\nA,été\nB,à\n'), utf8('C,déjà\n'), cp('D,où\n')]);
    expect(decodeData(mostlyCp)).toEqual({
      line: 4,
      problem: expect.stringMatching(/^this line is UTF-8 while the other lines with accents \(3\) are Windows-1252/),
    });
  });

  it('judges each line of a file mixing encodings as the fatal UTF-8 decoder does (counts and first lines)', () => {
    // the rule as it was first written: a line is UTF-8 when TextDecoder (fatal) reads it
    // lines of ASCII letters and bytes ≥ 0x80 (valid, overlong, surrogate, cut short sequences)
    const byte = fc.oneof(fc.constantFrom(0x61, 0x20, 0x2c), fc.integer({ min: 0x80, max: 0xff }));
    const utf8Line = fc
      .string({ unit: 'binary', maxLength: 8 })
      .map((s) => [...Buffer.from(s.replace(/[\n\0]/g, 'x'))]);
    const line = fc.oneof(fc.array(byte, { maxLength: 8 }), utf8Line);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => {
        const bytes = Uint8Array.from(lines.flatMap((l, i) => (i === 0 ? l : [0x0a, ...l])));
        // a file starting with a byte-order mark is another case (UTF-16, or UTF-8 with a mark)
        const [b0, b1, b2] = bytes;
        if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe) || (b0 === 0xef && b1 === 0xbb && b2 === 0xbf))
          return;
        if (readsAsUtf8(bytes)) return;
        let utf8 = 0,
          notUtf8 = 0,
          firstUtf8: number | undefined,
          firstNotUtf8: number | undefined;
        lines.forEach((l, i) => {
          if (l.every((b) => b < 0x80)) return;
          if (readsAsUtf8(Uint8Array.from(l))) {
            utf8++;
            firstUtf8 ??= i + 1;
          } else {
            notUtf8++;
            firstNotUtf8 ??= i + 1;
          }
        });
        const d = decodeData(bytes);
        // a byte Windows-1252 does not define: refused at the first line holding one
        const undefinedAt = lines.findIndex((l) => l.some((b) => [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b)));
        if (utf8 === 0 && undefinedAt !== -1)
          expect(d).toMatchObject({ line: undefinedAt + 1, problem: expect.stringContaining('does not define') });
        else if (utf8 === 0) expect(d).toMatchObject({ encoding: 'windows-1252' });
        else if (utf8 >= notUtf8)
          expect(d).toMatchObject({ line: firstNotUtf8, problem: expect.stringContaining(`(${utf8})`) });
        else expect(d).toMatchObject({ line: firstUtf8, problem: expect.stringContaining(`(${notUtf8})`) });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a file with a UTF-8 byte-order mark and lines that are not UTF-8, instead of reading "ï»¿id"', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('id,summary_fr\nA,'),
      Buffer.from('sécurité\n', 'latin1'),
    ]);
    expect(decodeData(bytes)).toEqual({
      line: 2,
      problem: expect.stringContaining('not UTF-8 although the file starts with a UTF-8 byte-order mark'),
    });
  });

  it('refuses a byte Windows-1252 does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D) at its line, instead of a replacement character', () => {
    for (const byte of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) {
      // "café" in Windows-1252 on line 2, the undefined byte on line 3
      const bytes = Buffer.concat([
        Buffer.from('id;summary\r\nA;caf'),
        Buffer.from([0xe9]),
        Buffer.from('\r\nB;x '),
        Buffer.from([byte]),
        Buffer.from(' y\r\n'),
      ]);
      const d = decodeData(bytes);
      expect(d, byte.toString(16)).toEqual({
        line: 3,
        problem: expect.stringContaining('a byte that Windows-1252 does not define'),
      });
      expect(JSON.stringify(d)).not.toContain('\ufffd');
    }
    // the bytes it defines in 0x80–0x9F are read
    expect(decodeText(new Uint8Array([0x41, 0x80, 0x8a, 0x9f]))).toBe('A€ŠŸ');
  });

  it('refuses NUL bytes and UTF-32 in one sentence each', () => {
    expect(decodeData(Buffer.from('id,x\nA,b\0c\n'))).toEqual({
      line: 2,
      problem: expect.stringContaining('NUL byte'),
    });
    expect(decodeData(Buffer.from([0xff, 0xfe, 0, 0, 0x69, 0, 0, 0]))).toEqual({
      problem: expect.stringContaining('UTF-32'),
    });
  });
});

describe('looksGarbled', () => {
  it('sees the usual marks of an encoding mix-up in a name, and nothing in ordinary names', () => {
    for (const name of ['ï»¿id', '\ufeffid', 'ÿþi\u0000d', 'catÃ©gorie', 'sommaireÂ', 'r\ufffdsum\ufffd'])
      expect(looksGarbled(name), name).toBe(name !== 'sommaireÂ');
    for (const name of ['id', 'summary_fr', 'catégorie', 'département', 'Ã'])
      expect(looksGarbled(name), name).toBe(false);
  });
});

describe('the UTF-8 check', () => {
  it('accepts exactly the bytes a strict UTF-8 decoder accepts', () => {
    // bytes near the encoding's edges: continuation bytes, overlong and surrogate lead bytes, beyond U+10FFFF
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), (xs) => {
        const b = Uint8Array.from(xs);
        expect(isUtf8(b)).toBe(readsAsUtf8(b));
      }),
      { numRuns: 5000 },
    );
  });
});
