// Numbers, dates and times per language, always in the event's time zone (never the machine's).
// Intl formatters are costly to build, so one Formatter per (language, time zone) is cached.

import type { Lang } from '../i18n/lang.js';
import { constantDayOffset, DAY, resolveLocal, zoneOffsetMs } from '../window/zone.js';

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
const MINUS = '\u2212';
const NNBSP = '\u202F'; // narrow no-break space, as Intl puts in French numbers
const NBSP = '\u00A0';

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

const LONG: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const SHORT: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };

export class Formatter {
  // Each Intl object is made on first use (about 0.3 ms each): a document uses some of them only.
  private numberFmt?: Intl.NumberFormat;
  private percentFmt?: Intl.NumberFormat;
  private longDateFmt?: Intl.DateTimeFormat;
  private longDateUtcFmt?: Intl.DateTimeFormat;
  private shortDateFmt?: Intl.DateTimeFormat;
  private shortDateUtcFmt?: Intl.DateTimeFormat;
  private clockFmt?: Intl.DateTimeFormat;
  private readonly locale: string;

  constructor(
    readonly lang: Lang,
    readonly timeZone: string,
  ) {
    this.locale = LOCALES[lang];
  }

  private get number(): Intl.NumberFormat {
    return (this.numberFmt ??= new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1 }));
  }

  private get percentage(): Intl.NumberFormat {
    return (this.percentFmt ??= new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 0 }));
  }

  private get longDate(): Intl.DateTimeFormat {
    return (this.longDateFmt ??= new Intl.DateTimeFormat(this.locale, { ...LONG, timeZone: this.timeZone }));
  }

  private get longDateUtc(): Intl.DateTimeFormat {
    return (this.longDateUtcFmt ??= new Intl.DateTimeFormat(this.locale, { ...LONG, timeZone: 'UTC' }));
  }

  private get shortDate(): Intl.DateTimeFormat {
    return (this.shortDateFmt ??= new Intl.DateTimeFormat(this.locale, { ...SHORT, timeZone: this.timeZone }));
  }

  private get shortDateUtc(): Intl.DateTimeFormat {
    return (this.shortDateUtcFmt ??= new Intl.DateTimeFormat(this.locale, { ...SHORT, timeZone: 'UTC' }));
  }

  private get clock(): Intl.DateTimeFormat {
    return (this.clockFmt ??= new Intl.DateTimeFormat(this.locale, {
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: this.timeZone,
    }));
  }

  /** `12 345` (fr, narrow no-break space) or `12,345` (en). */
  num(n: number): string {
    return this.number.format(n);
  }

  /** `+12`, `−3` (minus sign) or `=` for no change. */
  signed(n: number): string {
    if (n === 0) return '=';
    return n > 0 ? `+${this.num(n)}` : `${MINUS}${this.num(-n)}`;
  }

  /** `45 %` (fr) or `45%` (en), from a ratio. */
  percent(ratio: number): string {
    return this.percentage.format(ratio);
  }

  /** `lundi 5 août 2024` / `Monday 5 August 2024`, from a calendar date or an instant. */
  date(value: string): string {
    const p = this.parts(value, true);
    return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
  }

  /** `lun. 5 août` / `Mon 5 Aug`, from a calendar date or an instant. */
  dayShort(value: string): string {
    const p = this.parts(value, false);
    return `${p.weekday} ${p.day} ${p.month}`;
  }

  /**
   * `11 h 30` (fr, French typographic usage, unbreakable) or `11:30` (en); a time the clocks show
   * twice that night (the hour repeated when they go back) says which: `1 h 45 (UTC−5)`.
   */
  time(iso: string): string {
    const { clock, offset } = this.timeParts(iso);
    return offset === undefined ? clock : `${clock}${NBSP}${offset}`;
  }

  /** time() in its parts: the clock, and `(UTC−5)` for a time the clocks show twice that night. */
  timeParts(iso: string): { clock: string; offset?: string } {
    const at = instant(iso);
    const p = partsOf(this.clock, at);
    const clock =
      this.lang === 'fr' ? `${p.hour}${NNBSP}h${NNBSP}${p.minute}` : `${(p.hour ?? '').padStart(2, '0')}:${p.minute}`;
    const twice = repeatedOffset(at.getTime(), this.timeZone);
    return twice === undefined ? { clock } : { clock, offset: `(UTC${twice})` };
  }

  /** A wall-clock `HH:MM` (e.g. a division's time) in this language's usage. */
  clockTime(hhmm: string): string {
    const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
    if (!m) return hhmm;
    const h = Number(m[1]);
    return this.lang === 'fr' ? `${h}${NNBSP}h${NNBSP}${m[2]}` : `${String(h).padStart(2, '0')}:${m[2]}`;
  }

  /** `lundi 5 août 2024, 11 h 30` / `Monday 5 August 2024, 11:30`. */
  dateTime(iso: string): string {
    return `${this.date(iso)}, ${this.time(iso)}`;
  }

  /** `lun. 5 août, 11 h 30` / `Mon 5 Aug, 11:30`. */
  dayTime(iso: string): string {
    return `${this.dayShort(iso)}, ${this.time(iso)}`;
  }

  private parts(value: string, long: boolean): Parts {
    // A calendar date names a day, not an instant: format it as that day, whatever the zone.
    if (DATE_ONLY.test(value))
      return partsOf(long ? this.longDateUtc : this.shortDateUtc, new Date(`${value}T12:00:00Z`));
    return partsOf(long ? this.longDate : this.shortDate, instant(value));
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function instant(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: "${iso}"`);
  return d;
}

// The same instants are formatted for every audience of a run: parts are remembered per format.
const partsCache = new WeakMap<Intl.DateTimeFormat, Map<number, Parts>>();
const PARTS_CACHE_LIMIT = 100_000;

function partsOf(fmt: Intl.DateTimeFormat, d: Date): Parts {
  let cache = partsCache.get(fmt);
  if (!cache) partsCache.set(fmt, (cache = new Map()));
  const ms = d.getTime();
  let out = cache.get(ms);
  if (!out) {
    out = {};
    for (const p of fmt.formatToParts(d)) if (p.type !== 'literal') out[p.type] = p.value;
    if (cache.size >= PARTS_CACHE_LIMIT) cache.clear();
    cache.set(ms, out);
  }
  return out;
}

const formatters = new Map<string, Formatter>();

/** The cached formatter of a language in a time zone. */
export function formatter(lang: Lang, timeZone: string): Formatter {
  const key = `${lang} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Formatter(lang, timeZone);
    formatters.set(key, f);
  }
  return f;
}

/**
 * The UTC offset (`−5`, `+1`, `+10:30`) of an instant whose wall-clock time its zone shows twice
 * (the repeated hour when the clocks go back); undefined for every other instant. Days without a
 * clock change (nearly all) are known from zone.ts's cache without formatting anything.
 */
function repeatedOffset(ms: number, zone: string): string | undefined {
  const utcDay = ms - (((ms % DAY) + DAY) % DAY);
  if (constantDayOffset(zone, utcDay) !== null) return undefined;
  const offset = zoneOffsetMs(zone, ms);
  const w = new Date(ms + offset);
  const local = {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
    millisecond: w.getUTCMilliseconds(),
  };
  if (resolveLocal(local, zone).kind !== 'overlap') return undefined;
  const mins = Math.round(offset / 60_000);
  const abs = Math.abs(mins);
  const hm = abs % 60 === 0 ? String(abs / 60) : `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
  return `${mins < 0 ? MINUS : '+'}${hm}`;
}
