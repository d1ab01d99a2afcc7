// Calendar-day arithmetic on YYYY-MM-DD strings. Pure, and independent of the machine's zone:
// a calendar day is a label, so it is computed in UTC where days are always 24 hours long.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new TypeError(`not a YYYY-MM-DD date: ${date}`);
  // setUTCFullYear, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999
  return new Date(0).setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/** The calendar date of an instant in a time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  const f = zoneDateFormatter(timeZone);
  const text = f.format(instant);
  if (DATE_RE.test(text)) return text;
  // a year before 1000 (record times never are: src/data/time.ts): Intl writes it without zeros
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${(parts.year ?? '').padStart(4, '0')}-${parts.month}-${parts.day}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function zoneDateFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}
