// Values quoted in problem messages: never more than a short excerpt of one line, so that a
// message can never carry a whole file (a long line, a file that is not data at all), and never
// a control character as it is (an ESC would colour or rewrite the terminal it is printed on).

import { escapeUnsafe } from '../text/control-chars.js';

/** At most this many characters of a value are quoted. */
export const EXCERPT_CHARS = 60;

/**
 * `text` as a quoted string for a message: its first line, cut to EXCERPT_CHARS characters
 * (code points), with "…" where anything was left out; quotes, backslashes and control
 * characters escaped as in JSON (C1 and bidi controls too, as `\u009b`).
 */
export function quote(text: string, max = EXCERPT_CHARS): string {
  return escapeUnsafe(JSON.stringify(cut(text, max)));
}

/** The same excerpt, unquoted (for messages whose catalogue text has the quotation marks); control characters written `\u001b`. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  return escapeUnsafe(cut(text, max));
}

function cut(text: string, max: number): string {
  const nl = text.search(/[\r\n]/);
  const line = nl === -1 ? text : text.slice(0, nl);
  const chars = Array.from(line);
  const cut = chars.length > max || nl !== -1;
  return chars.slice(0, max).join('') + (cut ? '…' : '');
}
