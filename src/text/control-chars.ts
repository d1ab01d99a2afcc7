// Characters that must never reach a terminal, an HTML page, a PDF, a JSON file or an email as
// they are: the C0 controls (NUL, ESC, ...), DEL and the C1 controls (U+0080–U+009F, among them
// CSI, which 8-bit terminals obey like ESC [), and unpaired UTF-16 surrogates (not text at all).
// Tab, line feed and carriage return are not in the set: in a multi-line text they mean something.
//
// Also, for names shown in messages only (file names), the characters that reorder or break a
// line when displayed: the bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069,
// U+200E, U+200F, U+061C) and the line and paragraph separators (U+2028, U+2029).

/**
 * A control character of a record text (C0 but tab, LF and CR; DEL; C1), or any surrogate: a
 * plain character class, which V8 scans fast (every text field of every record goes through
 * it); a surrogate found is then checked for its pair by hand.
 */
const TEXT_CONTROL_OR_SURROGATE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\u202a-\u202e\u2066-\u2069]/g;

/** The bidirectional embeddings, overrides and isolates (UAX #9): they reorder the text after them until closed. */
const isBidiFormat = (c: number): boolean => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

/** What may not be printed as is in a one-line message: every control character, line breaks and tab included, and bidi and separator characters. */
const DISPLAY_UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * What one scan of a record text finds: its first control character (see
 * TEXT_CONTROL_OR_SURROGATE) or unpaired surrogate, with its index (UTF-16) and code point; and
 * whether it holds a bidirectional embedding, override or isolate (closeBidi). Undefined when
 * it holds neither, as nearly every text does (nothing allocated: every text field of every
 * record goes through it).
 */
export function scanText(text: string): { control?: { index: number; codePoint: number }; bidi: boolean } | undefined {
  TEXT_CONTROL_OR_SURROGATE.lastIndex = 0;
  if (!TEXT_CONTROL_OR_SURROGATE.test(text)) return undefined;
  let bidi = false;
  TEXT_CONTROL_OR_SURROGATE.lastIndex = 0;
  for (let m = TEXT_CONTROL_OR_SURROGATE.exec(text); m !== null; m = TEXT_CONTROL_OR_SURROGATE.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (isBidiFormat(c)) {
      bidi = true;
      continue;
    }
    if (c < 0xd800 || c > 0xdfff) return { control: { index: i, codePoint: c }, bidi };
    if (c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        TEXT_CONTROL_OR_SURROGATE.lastIndex = i + 2; // a pair: one character, go on after it
        continue;
      }
    }
    return { control: { index: i, codePoint: c }, bidi }; // a low surrogate alone, or a high one without its low
  }
  return bidi ? { bidi } : undefined;
}

/**
 * A text holding a bidirectional embedding, override or isolate, made an isolate of its own:
 * what it opens closed at its end (U+202C POP DIRECTIONAL FORMATTING, U+2069 POP DIRECTIONAL
 * ISOLATE, innermost first), the whole between U+2068 FIRST STRONG ISOLATE and U+2069 (UAX #9,
 * as HTML's <bdi>). As written, a U+202E in a commune's name reversed what cci prints after it
 * ("(93)" read as "(39)"): even closed, the reversed letters count as right-to-left for the
 * digits after them; isolated, they count as one neutral character. Other texts as they are.
 */
export function closeBidi(text: string): string {
  const open: number[] = [];
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isBidiFormat(c)) continue;
    any = true;
    if (c === 0x202c) {
      // PDF closes the innermost embedding or override, not across an isolate
      if (open.length > 0 && open[open.length - 1] !== 0x2066) open.pop();
    } else if (c === 0x2069) {
      // PDI closes the innermost isolate and whatever was opened within it
      const at = open.lastIndexOf(0x2066);
      if (at >= 0) open.length = at;
    } else open.push(c >= 0x2066 ? 0x2066 : 0x202a);
  }
  if (!any) return text;
  const closers = open
    .reverse()
    .map((c) => (c === 0x2066 ? '\u2069' : '\u202c'))
    .join('');
  return `\u2068${text}${closers}\u2069`;
}

/** The first control character of a text (see TEXT_CONTROL_OR_SURROGATE), or unpaired surrogate: its index (UTF-16) and code point; undefined when there is none. */
export function firstControlChar(text: string): { index: number; codePoint: number } | undefined {
  return scanText(text)?.control;
}

/** `U+001B` (with the usual name of the commonest ones: `U+001B ESC`). */
export function describeCodePoint(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = CONTROL_NAMES[cp];
  return name === undefined ? hex : `${hex} ${name}`;
}

const CONTROL_NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BS',
  0x09: 'TAB',
  0x0a: 'LF',
  0x0b: 'VT',
  0x0c: 'FF',
  0x0d: 'CR',
  0x1b: 'ESC',
  0x7f: 'DEL',
  0x85: 'NEL',
  0x9b: 'CSI',
};

/** Whether a name can be printed as is in a one-line message (no control, line break, bidi or separator character). */
export function isDisplaySafe(text: string): boolean {
  DISPLAY_UNSAFE.lastIndex = 0;
  return !DISPLAY_UNSAFE.test(text);
}

/** The text with every character that is not display-safe written `\u001b` (backslashes kept as they are). */
export function escapeUnsafe(text: string): string {
  return text.replace(DISPLAY_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A name (a file name, a sheet name) for a one-line message: as it is when display-safe and it
 * does not start with a double quote; otherwise in double quotes, with `"` and `\` escaped and
 * every unsafe character written `\u001b`. So a quoted name never looks like a plain one, and a
 * file named `a\nb.csv` or holding ESC cannot break or colour the `file:line:column:` form.
 */
export function displayName(name: string): string {
  if (isDisplaySafe(name) && !name.startsWith('"')) return name;
  return `"${escapeUnsafe(name.replace(/[\\"]/g, (c) => `\\${c}`))}"`;
}

/**
 * The first character of a name or an id that does not show, or reorders what follows it (the
 * format characters: soft hyphen, zero-width characters, bidi marks, embeddings, overrides and
 * isolates, word joiners, invisible operators, tags), as a code point: a name holding one looks
 * like another (EX-0001 and EX-\u200b0001, alice and ali\u200bce) or reads backwards. Undefined
 * when there is none.
 */
export function firstInvisibleChar(t: string): number | undefined {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0xad) continue;
    if (
      c === 0xad ||
      c === 0x61c ||
      c === 0x180e ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2060 && c <= 0x206f) ||
      (c >= 0xfff9 && c <= 0xfffb)
    )
      return c;
    // the tags, U+E0000–U+E007F: high surrogate U+DB40, low U+DC00–U+DC7F
    if (c === 0xdb40) {
      const low = t.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdc7f) return 0xe0000 + (low - 0xdc00);
    }
  }
  return undefined;
}
