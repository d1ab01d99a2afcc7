import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fastLocalTimeMs, parseLocalTimeByPattern } from '../../src/data/time.js';
import {
  isValidTimeZone,
  parseClock,
  parseDate,
  parseLocalTime,
  resolveLocal,
  zoneOffsetMs,
} from '../../src/data/index.js';

const iso = (text: string, zone = 'Europe/Paris') => {
  const r = parseLocalTime(text, zone);
  if (!r.ok) throw new Error(r.message);
  return r.value.toISOString();
};
const fail = (text: string, zone = 'Europe/Paris') => {
  const r = parseLocalTime(text, zone);
  if (r.ok) throw new Error(`expected a failure, got ${r.value.toISOString()}`);
  return r.message;
};

describe('parseLocalTime', () => {
  it('refuses a year before 1000 (a mistyped year) in every written form, and a date of one', () => {
    for (const text of ['0999-08-05 14:30', '0000-08-05T14:30', '0100-01-01T00:00Z', '05/08/0999 14h30'])
      expect(fail(text)).toMatch(/before 1000/);
    expect(iso('1000-01-01T00:00Z')).toBe('1000-01-01T00:00:00.000Z');
    expect(parseDate('0999-08-05')).toMatchObject({ ok: false, message: expect.stringMatching(/before 1000/) });
  });

  it('takes a time with an offset or Z as written', () => {
    expect(iso('2024-08-05T14:10:00+02:00')).toBe('2024-08-05T12:10:00.000Z');
    expect(iso('2024-08-05T14:10:00Z')).toBe('2024-08-05T14:10:00.000Z');
    expect(iso('2024-08-05T14:10-0930')).toBe('2024-08-05T23:40:00.000Z');
    expect(iso('2024-08-05 14:10:00.250+02')).toBe('2024-08-05T12:10:00.250Z');
    // the offset wins over the zone
    expect(iso('2024-08-05T14:10:00+02:00', 'Pacific/Tahiti')).toBe('2024-08-05T12:10:00.000Z');
  });

  it('reads a time without offset as wall-clock time of the given zone, in every written form', () => {
    expect(iso('2024-08-05T14:10')).toBe('2024-08-05T12:10:00.000Z');
    expect(iso('2024-08-05 14:10')).toBe('2024-08-05T12:10:00.000Z');
    expect(iso('2024-08-05 14:10:30')).toBe('2024-08-05T12:10:30.000Z');
    expect(iso('2024-01-15 14:10')).toBe('2024-01-15T13:10:00.000Z');
  });

  it('reads French day/month/year as spreadsheets write it', () => {
    expect(iso('05/08/2024 14:10')).toBe('2024-08-05T12:10:00.000Z');
    expect(iso('5/8/2024 9:05')).toBe('2024-08-05T07:05:00.000Z');
    expect(iso('05/08/2024 14h10')).toBe('2024-08-05T12:10:00.000Z');
    expect(iso('31/12/2024 23:59:59')).toBe('2024-12-31T22:59:59.000Z');
  });

  it('reads month/day/year instead where the event says its dates start with the month (date_order: month_first)', () => {
    const us = (text: string) => {
      const p = parseLocalTime(text, 'America/New_York', true);
      return p.ok ? p.value.toISOString() : p.message;
    };
    expect(us('11/05/2028 13:30')).toBe('2028-11-05T18:30:00.000Z');
    expect(us('8/5/2028 9:05')).toBe('2028-08-05T13:05:00.000Z');
    expect(fastLocalTimeMs('07/21/2028 10:00', 'America/New_York', true)).toBe(Date.UTC(2028, 6, 21, 14, 0));
    // the 13th month is not a date; ISO text reads the same either way
    expect(us('13/05/2028 13:30')).toMatch(/is not a real date and time/);
    expect(us('2028-11-05T13:30')).toBe('2028-11-05T18:30:00.000Z');
    expect(us('Nov 5 2028')).toContain('08/05/2024 14:10 (month first');
  });

  it('reads local time of a venue in Pacific/Tahiti (UTC−10, no daylight saving)', () => {
    expect(iso('2024-07-29 07:00', 'Pacific/Tahiti')).toBe('2024-07-29T17:00:00.000Z');
    expect(iso('2024-03-31 02:30', 'Pacific/Tahiti')).toBe('2024-03-31T12:30:00.000Z');
  });

  it('refuses a time in the Europe/Paris spring-forward gap (2024-03-31 02:30) instead of guessing', () => {
    expect(fail('2024-03-31 02:30')).toMatch(/2024-03-31 02:30 does not exist in Europe\/Paris/);
    expect(fail('31/03/2024 02:00')).toMatch(/does not exist/);
    expect(iso('2024-03-31 01:59')).toBe('2024-03-31T00:59:00.000Z');
    expect(iso('2024-03-31 03:00')).toBe('2024-03-31T01:00:00.000Z');
  });

  it('refuses a time in the Europe/Paris autumn overlap (2024-10-27 02:30) and offers both offsets', () => {
    const m = fail('2024-10-27 02:30');
    expect(m).toMatch(/happens twice in Europe\/Paris/);
    expect(m).toContain('2024-10-27T02:30+02:00');
    expect(m).toContain('2024-10-27T02:30+01:00');
    expect(iso('2024-10-27T02:30+02:00')).toBe('2024-10-27T00:30:00.000Z');
    expect(iso('2024-10-27T02:30+01:00')).toBe('2024-10-27T01:30:00.000Z');
    expect(iso('2024-10-27 01:59')).toBe('2024-10-26T23:59:00.000Z');
    expect(iso('2024-10-27 03:00')).toBe('2024-10-27T02:00:00.000Z');
  });

  it('handles gaps and overlaps of other zones too (America/New_York)', () => {
    expect(fail('2024-03-10 02:30', 'America/New_York')).toMatch(/does not exist/);
    expect(fail('2024-11-03 01:30', 'America/New_York')).toMatch(/happens twice/);
    expect(iso('2024-11-03 03:00', 'America/New_York')).toBe('2024-11-03T08:00:00.000Z');
  });

  it('refuses impossible dates and clock times', () => {
    expect(fail('2024-02-30 10:00')).toMatch(/day 30 does not exist in 2024-02/);
    expect(fail('2023-02-29 10:00')).toMatch(/day 29 does not exist/);
    expect(iso('2024-02-29 10:00')).toBe('2024-02-29T09:00:00.000Z');
    expect(fail('2024-08-05 25:00')).toMatch(/hour 25 does not exist/);
    expect(fail('2024-08-05 24:00')).toMatch(/hour 24/);
    expect(fail('2024-08-05 10:60')).toMatch(/minute 60/);
    expect(fail('2024-13-05 10:00')).toMatch(/month 13/);
    expect(fail('32/08/2024 10:00')).toMatch(/day 32/);
    expect(fail('2024-08-05T10:00+15:00')).toMatch(/offset/);
  });

  it('refuses text that is not a date and time, saying what is expected', () => {
    expect(fail('yesterday')).toMatch(/expected a date and time such as 2024-08-05T14:10/);
    expect(fail('2024-08-05')).toMatch(/not a date and time/);
    expect(fail('08/05/2024')).toMatch(/not a date and time/);
  });

  it('round-trips every minute of 2024 in Europe/Paris except the gap, whatever the machine zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 366 * 24 * 60 - 1 }), (minute) => {
        const instant = Date.UTC(2024, 0, 1) + minute * 60_000;
        const off = zoneOffsetMs('Europe/Paris', instant);
        const wall = new Date(instant + off);
        const text = wall.toISOString().slice(0, 16);
        const r = parseLocalTime(text, 'Europe/Paris');
        // every wall time read back is either that instant or refused as ambiguous
        if (r.ok) expect(r.value.getTime()).toBe(instant);
        else expect(r.message).toMatch(/happens twice/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fastLocalTimeMs', () => {
  // texts near the shapes it reads: digits (real and not), the separators of both patterns,
  // offsets, fractions, spaces; in zones with and without clock changes, across their days
  const digits = (n: number) =>
    fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const real = fc
    .date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString());
  const part = fc.oneof(
    digits(1),
    digits(2),
    digits(4),
    fc.constantFrom(
      '-',
      '/',
      ':',
      'T',
      't',
      ' ',
      '  ',
      'h',
      'H',
      'Z',
      'z',
      '+',
      '.',
      ',',
      '+02:00',
      '-09:30',
      '+14:60',
      '+15:00',
      '\u00a0',
      'x',
    ),
  );
  const near = fc.oneof(
    real.map((s) => s.slice(0, 16)),
    real.map((s) => s.slice(0, 19)),
    real.map((s) => s.slice(0, 19) + 'Z'),
    real.map((s) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)} ${s.slice(11, 16)}`),
    fc.tuple(real, fc.integer({ min: 0, max: 25 }), part).map(([s, i, p]) => s.slice(0, i) + p + s.slice(i + p.length)),
    fc.array(part, { maxLength: 12 }).map((a) => a.join('')),
  );
  const zone = fc.constantFrom(
    'Europe/Paris',
    'America/New_York',
    'Pacific/Chatham',
    'Asia/Kathmandu',
    'UTC',
    'Australia/Lord_Howe',
  );

  it('gives exactly the instant of the full patterns wherever it gives one, and leaves every other text to them', () => {
    fc.assert(
      fc.property(near, zone, fc.boolean(), (text, z, monthFirst) => {
        const ms = fastLocalTimeMs(text, z, monthFirst);
        const slow = parseLocalTimeByPattern(text, z, monthFirst);
        if (Number.isNaN(ms)) {
          expect(parseLocalTime(text, z, monthFirst)).toEqual(slow);
        } else {
          expect(slow.ok && slow.value.getTime()).toBe(ms);
        }
      }),
      { numRuns: 20000 },
    );
  });

  it('reads the usual shapes itself (so that the comparison above is not empty)', () => {
    expect(fastLocalTimeMs('2024-08-05T14:10', 'Europe/Paris')).toBe(Date.UTC(2024, 7, 5, 12, 10));
    expect(fastLocalTimeMs('2024-08-05 14:10:30+02:00', 'UTC')).toBe(Date.UTC(2024, 7, 5, 12, 10, 30));
    expect(fastLocalTimeMs('05/08/2024 14h10', 'Europe/Paris')).toBe(Date.UTC(2024, 7, 5, 12, 10));
    // a day with a clock change, a date that is not real: the full patterns decide
    expect(fastLocalTimeMs('2024-10-27T02:30', 'Europe/Paris')).toBeNaN();
    expect(fastLocalTimeMs('2024-02-30T02:30', 'Europe/Paris')).toBeNaN();
  });
});

describe('resolveLocal', () => {
  it('finds zero, one or two instants for a wall-clock time', () => {
    const at = (h: number, m: number, day: number, month: number) =>
      resolveLocal({ year: 2024, month, day, hour: h, minute: m, second: 0, millisecond: 0 }, 'Europe/Paris').kind;
    expect(at(2, 30, 31, 3)).toBe('gap');
    expect(at(2, 30, 27, 10)).toBe('overlap');
    expect(at(2, 30, 28, 10)).toBe('ok');
  });
});

describe('dates, clock times and zones', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(parseDate('2024-08-05')).toEqual({ ok: true, value: '2024-08-05' });
    expect(parseDate('2024-02-30').ok).toBe(false);
    expect(parseDate('05/08/2024').ok).toBe(false);
    expect(parseDate('2024-8-5').ok).toBe(false);
  });

  it('accepts HH:MM clock times and pads a one-digit hour', () => {
    expect(parseClock('09:30')).toEqual({ ok: true, value: '09:30' });
    expect(parseClock('9:30')).toEqual({ ok: true, value: '09:30' });
    expect(parseClock('25:00').ok).toBe(false);
    expect(parseClock('09:75').ok).toBe(false);
    expect(parseClock('0930').ok).toBe(false);
  });

  it('knows IANA zones and refuses unknown names and bare offsets', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Pacific/Tahiti')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Pariss')).toBe(false);
    expect(isValidTimeZone('+02:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
