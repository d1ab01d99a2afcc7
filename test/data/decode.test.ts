import { describe, expect, it } from 'vitest';
import { decodeText, decodeTextInfo } from '../../src/data/index.js';

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
    const bytes = new Uint8Array([0x35, 0x20, 0x80, 0x20, 0x6c, 0x92, 0x9c, 0x75, 0x66, 0x20, 0xe0, 0x20, 0x4e, 0x6f, 0xeb, 0x6c]);
    expect(decodeText(bytes)).toBe('5 € l’œuf à Noël');
    expect(decodeTextInfo(bytes).encoding).toBe('windows-1252');
  });

  it('keeps a Windows-1252 no-break space (0xA0) as U+00A0', () => {
    expect(decodeText(new Uint8Array([0x31, 0xa0, 0x32, 0x33, 0x34]))).toBe('1\u00a0234');
  });
});
