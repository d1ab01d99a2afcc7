// Values quoted in problem messages: never more than a short excerpt of one line, so that a
// message can never carry a whole file (a long line, a file that is not data at all).

/** At most this many characters of a value are quoted. */
export const EXCERPT_CHARS = 60;

/**
 * `text` as a quoted string for a message: its first line, cut to EXCERPT_CHARS characters
 * (code points), with "…" where anything was left out.
 */
export function quote(text: string, max = EXCERPT_CHARS): string {
  return JSON.stringify(excerpt(text, max));
}

/** The same excerpt, unquoted (for messages whose catalogue text has the quotation marks). */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const nl = text.search(/[\r\n]/);
  const line = nl === -1 ? text : text.slice(0, nl);
  const chars = Array.from(line);
  const cut = chars.length > max || nl !== -1;
  return chars.slice(0, max).join('') + (cut ? '…' : '');
}
