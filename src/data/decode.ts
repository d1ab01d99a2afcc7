// Turns the bytes of a data file into text, as spreadsheets and editors really save it:
// - UTF-16, little- or big-endian, with its byte-order mark (Excel's "Unicode text", tab-
//   separated), or without one when the text is plainly UTF-16 (ASCII letters with a zero byte
//   beside each);
// - UTF-8, with or without byte-order mark;
// - else Windows-1252 (what French Excel writes as "CSV"), through iconv-lite because
//   TextDecoder('windows-1252') maps 0x80–0x9F wrongly in some runtimes.
// A file that mixes UTF-8 and Windows-1252 lines (one row pasted from elsewhere) is refused,
// naming the first line that is not in the encoding of the rest: read either way, some of its
// text would come out garbled ("Ã©" for "é"). So is a file with a UTF-8 byte-order mark and
// lines that are not UTF-8, a UTF-32 file, a file holding NUL bytes (not text), a file read as
// Windows-1252 holding a byte it does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D: another encoding)
// and a UTF-16 file cut short or holding an unpaired surrogate. The problems quote no text of the file.

import { isAscii, isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import type IconvLite from 'iconv-lite';
import { t } from '../i18n/messages.js';

type Iconv = typeof IconvLite;
let iconvLib: Iconv | undefined;
/** iconv-lite, loaded the first time a file is not UTF-8 (about 10 ms that most runs never need). */
function iconv(): Iconv {
  iconvLib ??= createRequire(import.meta.url)('iconv-lite') as Iconv;
  return iconvLib;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: Encoding;
  bom: boolean;
}

/** Why a file cannot be read as text, and the first line concerned when there is one. */
export interface DecodeFailure {
  problem: string;
  line?: number;
}

/** Decodes a data file's bytes (BOM removed), or says why it cannot (see the module comment). */
export function decodeData(bytes: Uint8Array): DecodedText | DecodeFailure {
  const b0 = bytes[0],
    b1 = bytes[1],
    b2 = bytes[2],
    b3 = bytes[3];
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    return { problem: t('data.encoding.utf32') };
  }
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes.subarray(2), 'utf-16le', true);
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes.subarray(2), 'utf-16be', true);
  const bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const sniffed = bom ? undefined : sniffUtf16(body);
  if (sniffed !== undefined) return decodeUtf16(body, sniffed, false);
  // validated first (no text made of a file that is not UTF-8), then decoded
  if (isUtf8(body)) {
    const text = utf8.decode(body);
    const nul = text.indexOf('\0');
    if (nul !== -1) return { problem: t('data.encoding.nul'), line: lineAt(text, nul) };
    return { text, encoding: 'utf-8', bom };
  }
  // Not UTF-8 as a whole: Windows-1252, unless some lines are UTF-8 (then the file mixes both).
  const mixed = mixedLines(body);
  if (bom) {
    return { problem: t('data.encoding.bomNotUtf8'), line: mixed.firstNotUtf8 };
  }
  if (mixed.utf8 > 0) {
    // the encoding most non-ASCII lines use is the file's; the first line in the other is named
    const utf8Wins = mixed.utf8 >= mixed.notUtf8;
    return utf8Wins
      ? { problem: t('data.encoding.mixedNotUtf8', { utf8: mixed.utf8 }), line: mixed.firstNotUtf8 }
      : { problem: t('data.encoding.mixedUtf8', { cp1252: mixed.notUtf8 }), line: mixed.firstUtf8 };
  }
  const cp = iconv().decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'win1252');
  const nul = cp.indexOf('\0');
  if (nul !== -1) return { problem: t('data.encoding.nul'), line: lineAt(cp, nul) };
  // a byte Windows-1252 leaves undefined would become U+FFFD (a box in the briefing): the file is
  // most likely in another encoding, and its other accents are wrong too
  // (iconv-lite decodes exactly those bytes to U+FFFD, which no other byte gives: one native search)
  const undefinedByte = cp.indexOf('\ufffd');
  if (undefinedByte !== -1) return { problem: t('data.encoding.cp1252Undefined'), line: lineAt(cp, undefinedByte) };
  return { text: cp, encoding: 'windows-1252', bom: false };
}

/** Decodes and reports which encoding was used; throws an Error (with `line`) when the bytes are not readable text. */
export function decodeTextInfo(bytes: Uint8Array): DecodedText {
  const d = decodeData(bytes);
  if ('problem' in d) throw Object.assign(new Error(d.problem), d.line === undefined ? {} : { line: d.line });
  return d;
}

/** The text of a data file (see decodeTextInfo). */
export function decodeText(bytes: Uint8Array): string {
  return decodeTextInfo(bytes).text;
}

/**
 * UTF-16 without a byte-order mark: the first bytes (up to 400) hold zero bytes, all of them at
 * odd offsets (little-endian ASCII) or all at even ones (big-endian), at least one every other
 * unit. Anything less clear is not taken for UTF-16.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 400) & ~1;
  if (n < 4) return undefined;
  let oddZeros = 0;
  let evenZeros = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 1) oddZeros++;
      else evenZeros++;
    }
  }
  const units = n / 2;
  if (evenZeros === 0 && oddZeros * 2 >= units) return 'utf-16le';
  if (oddZeros === 0 && evenZeros * 2 >= units) return 'utf-16be';
  return undefined;
}

function decodeUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be', bom: boolean): DecodedText | DecodeFailure {
  if (body.length % 2 === 1) return { problem: t('data.encoding.utf16Odd') };
  const buf = Buffer.from(body); // a copy: swapped in place for big-endian
  if (encoding === 'utf-16be') buf.swap16();
  const text = buf.toString('utf16le');
  const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(text);
  if (lone) return { problem: t('data.encoding.utf16Surrogate'), line: lineAt(text, lone.index) };
  const nul = text.indexOf('\0');
  if (nul !== -1) return { problem: t('data.encoding.nul'), line: lineAt(text, nul) };
  return { text, encoding, bom };
}

/** The 1-based line of a UTF-16 index of a text. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The lines holding non-ASCII bytes, counted as valid UTF-8 or not (a UTF-8 sequence never
 * holds a line feed byte, so lines can be judged one by one), with the first of each.
 */
function mixedLines(bytes: Uint8Array): { utf8: number; notUtf8: number; firstUtf8?: number; firstNotUtf8?: number } {
  const out: { utf8: number; notUtf8: number; firstUtf8?: number; firstNotUtf8?: number } = { utf8: 0, notUtf8: 0 };
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    const lineBytes = bytes.subarray(start, end);
    if (!isAscii(lineBytes)) {
      // isUtf8: the same validation as the fatal TextDecoder, without making the text or
      // throwing (a Windows-1252 file has a line of this kind every row)
      if (isUtf8(lineBytes)) {
        out.utf8++;
        out.firstUtf8 ??= line;
      } else {
        out.notUtf8++;
        out.firstNotUtf8 ??= line;
      }
    }
    start = end + 1;
    line++;
  }
  return out;
}

/**
 * Whether a name looks garbled by an encoding mix-up: a byte-order mark read as Windows-1252
 * (`ï»¿`) or left in the text, UTF-16 read as 8-bit text (zero bytes, `ÿþ`), UTF-8 read as
 * Windows-1252 (`Ã©` for é, `Â` before a symbol) or a replacement character.
 */
export function looksGarbled(name: string): boolean {
  return /ï»¿|\ufeff|\0|ÿþ|þÿ|\ufffd|[ÃÂ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/.test(
    name,
  );
}
