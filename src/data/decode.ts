// Turns the bytes of a data file into text: UTF-8 (with or without BOM) when the bytes are
// valid UTF-8, else Windows-1252 (what French Excel writes). iconv-lite is used for
// Windows-1252 because TextDecoder('windows-1252') maps 0x80–0x9F wrongly in some runtimes.

import iconv from 'iconv-lite';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type Encoding = 'utf-8' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: Encoding;
  bom: boolean;
}

/** Decodes and reports which encoding was used. The BOM, if any, is removed. */
export function decodeTextInfo(bytes: Uint8Array): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: 'utf-8', bom };
  } catch {
    // Not UTF-8: a BOM followed by invalid UTF-8 is unlikely; decode everything as cp1252.
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252'), encoding: 'windows-1252', bom: false };
  }
}

/**
 * The text of a data file. `file` names it for messages (kept for symmetry with the other
 * readers; decoding itself cannot fail: every byte sequence is valid Windows-1252).
 */
export function decodeText(bytes: Uint8Array, _file?: string): string {
  return decodeTextInfo(bytes).text;
}
