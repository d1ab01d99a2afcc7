// Foreign texts (a library's, the system's or a server's error message) put into one of cci's
// messages. Each message is one line, whatever the foreign text holds: openssl's errors, a
// browser's stderr or a YAML parser's excerpt come with line breaks, which would split a line of
// stderr or of the cron log into lines that look like separate messages.

import { escapeUnsafe } from './control-chars.js';

/**
 * `text` on one line: every run of white space (line feed, carriage return, tab, U+0085 NEL,
 * U+2028, U+2029, no-break and other Unicode spaces) becomes one space, the ends are trimmed,
 * and any other control, bidi or separator character is written `\u001b` (control-chars.ts).
 */
export function oneLine(text: string): string {
  return escapeUnsafe(text.replace(/[\s\u0085]+/g, ' ').trim());
}

/** The message of anything thrown (an Error's `message`, else its string form), on one line. */
export function errorText(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}
