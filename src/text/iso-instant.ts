// An instant as cci writes it in its logs and register: ISO 8601 with a date, a time and a zone
// (`2024-08-05T09:31:12.345Z`). A log line whose time is anything else (a line edited by hand, or
// forged to put a line break or an escape sequence into messages) is not taken.

import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `v` is such an instant, of a day that exists (Date.parse would take 31 February for 2 March; parseISO does not). */
export function isIsoInstant(v: unknown): v is string {
  return typeof v === 'string' && ISO_INSTANT.test(v) && isValid(parseISO(v));
}
