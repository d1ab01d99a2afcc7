import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, dateInZone, daysBetween } from '../../src/window/calendar.js';
import { isDateString, zoneOffsetMs } from '../../src/data/time.js';
import { briefingWindow, inWindow, isoInZone, zonedInstant } from '../../src/window/window.js';

describe('briefing windows', () => {
  it('ends at the division time on the date and starts at the same time the day before', () => {
    const w = briefingWindow('2024-08-05', '11:30', 'Europe/Paris');
    expect(isoInZone(w.start, 'Europe/Paris')).toBe('2024-08-04T11:30:00+02:00');
    expect(isoInZone(w.end, 'Europe/Paris')).toBe('2024-08-05T11:30:00+02:00');
    expect(w.hours).toBe(24);
  });

  it('is 23 hours long across the spring-forward change', () => {
    const w = briefingWindow('2024-03-31', '09:30', 'Europe/Paris');
    expect(isoInZone(w.start, 'Europe/Paris')).toBe('2024-03-30T09:30:00+01:00');
    expect(isoInZone(w.end, 'Europe/Paris')).toBe('2024-03-31T09:30:00+02:00');
    expect(w.hours).toBe(23);
  });

  it('is 25 hours long across the autumn change', () => {
    const w = briefingWindow('2024-10-27', '11:30', 'Europe/Paris');
    expect(w.hours).toBe(25);
    expect(w.end.toISOString()).toBe('2024-10-27T10:30:00.000Z');
  });

  it('tiles consecutive briefings with no gap and no overlap across a whole year', () => {
    let date = '2024-01-01';
    for (let i = 0; i < 366; i++) {
      const next = addDays(date, 1);
      expect(briefingWindow(next, '11:30', 'Europe/Paris').start.getTime()).toBe(
        briefingWindow(date, '11:30', 'Europe/Paris').end.getTime(),
      );
      date = next;
    }
  });

  it('puts a record at exactly the briefing time in the next window, not this one', () => {
    const today = briefingWindow('2024-08-05', '11:30', 'Europe/Paris');
    const tomorrow = briefingWindow('2024-08-06', '11:30', 'Europe/Paris');
    const atEdge = new Date('2024-08-05T09:30:00Z');
    expect(inWindow(atEdge, today)).toBe(false);
    expect(inWindow(atEdge, tomorrow)).toBe(true);
    expect(inWindow(new Date(atEdge.getTime() - 1), today)).toBe(true);
  });

  it('computes instants in the event zone whatever the machine zone', () => {
    expect(zonedInstant('2024-08-05', '11:30', 'Pacific/Tahiti').toISOString()).toBe('2024-08-05T21:30:00.000Z');
    expect(zonedInstant('2024-08-05', '11:30', 'Asia/Tokyo').toISOString()).toBe('2024-08-05T02:30:00.000Z');
  });
});

describe('briefing times on the days the clocks change', () => {
  const machineZone = process.env.TZ;
  afterEach(() => {
    if (machineZone === undefined) delete process.env.TZ;
    else process.env.TZ = machineZone;
  });
  // machine zones whose own clock changes fall on other nights than the events' (and some on the same)
  const MACHINES = [
    'UTC',
    'America/Chicago',
    'America/Adak',
    'Asia/Tokyo',
    'Europe/Paris',
    'Australia/Sydney',
    'America/New_York',
  ];

  it('takes the first of a time the clocks show twice, whatever the machine’s zone', () => {
    for (const tz of MACHINES) {
      process.env.TZ = tz;
      // 01:30 happens at −04:00, then again at −05:00
      expect(zonedInstant('2028-11-05', '01:30', 'America/New_York').toISOString(), tz).toBe(
        '2028-11-05T05:30:00.000Z',
      );
      expect(zonedInstant('2030-10-27', '02:30', 'Europe/Berlin').toISOString(), tz).toBe('2030-10-27T00:30:00.000Z');
      expect(zonedInstant('2032-04-04', '02:30', 'Australia/Sydney').toISOString(), tz).toBe(
        '2032-04-03T15:30:00.000Z',
      );
      const w = briefingWindow('2028-11-05', '01:30', 'America/New_York');
      expect([isoInZone(w.start, 'America/New_York'), isoInZone(w.end, 'America/New_York'), w.hours], tz).toEqual([
        '2028-11-04T01:30:00-04:00',
        '2028-11-05T01:30:00-04:00',
        24,
      ]);
      expect(briefingWindow('2028-11-06', '01:30', 'America/New_York').hours, tz).toBe(25);
    }
  });

  it('puts a time the clocks skip as many minutes after the change as it is after the hour skipped, whatever the machine’s zone', () => {
    for (const tz of MACHINES) {
      process.env.TZ = tz;
      expect(isoInZone(zonedInstant('2030-03-31', '02:30', 'Europe/Berlin'), 'Europe/Berlin'), tz).toBe(
        '2030-03-31T03:30:00+02:00',
      );
      expect(isoInZone(zonedInstant('2028-03-12', '02:00', 'America/New_York'), 'America/New_York'), tz).toBe(
        '2028-03-12T03:00:00-04:00',
      );
      // Lord Howe Island moves its clocks by half an hour
      expect(isoInZone(zonedInstant('2030-10-06', '02:15', 'Australia/Lord_Howe'), 'Australia/Lord_Howe'), tz).toBe(
        '2030-10-06T02:45:00+11:00',
      );
    }
  });

  it('gives every window the same bounds on any machine, tiling day after day, most of all on the days the clocks change', () => {
    const zones = [
      'Europe/Paris',
      'America/New_York',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Tokyo',
    ];
    // the days each zone changes its clocks in 2028–2030 (found with Intl), and the day either side
    const changeDays = (zone: string) => {
      const out: string[] = [];
      for (let n = 0, date = '2028-01-01'; n < 3 * 366; n++, date = addDays(date, 1)) {
        const at = (d: string) => zoneOffsetMs(zone, Date.parse(`${d}T12:00:00Z`));
        if (at(date) !== at(addDays(date, 1))) out.push(date, addDays(date, 1), addDays(date, 2));
      }
      return out;
    };
    const days = new Map(zones.map((z) => [z, changeDays(z)]));
    expect(days.get('Asia/Tokyo')).toEqual([]);
    const any = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2028-01-01', n));
    const clock = fc
      .tuple(
        fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })),
        fc.constantFrom(0, 15, 30, 45, 59),
      )
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const zoneAndDay = fc
      .constantFrom(...zones)
      .chain((zone) =>
        fc.tuple(
          fc.constant(zone),
          days.get(zone)!.length > 0 ? fc.oneof(fc.constantFrom(...days.get(zone)!), any) : any,
        ),
      );
    fc.assert(
      fc.property(zoneAndDay, clock, fc.constantFrom(...MACHINES), ([zone, date], time, machine) => {
        process.env.TZ = 'UTC';
        const here = briefingWindow(date, time, zone);
        process.env.TZ = machine;
        const there = briefingWindow(date, time, zone);
        expect([there.start.getTime(), there.end.getTime()]).toEqual([here.start.getTime(), here.end.getTime()]);
        expect(briefingWindow(addDays(date, 1), time, zone).start.getTime()).toBe(there.end.getTime());
        expect(there.hours).toBeGreaterThanOrEqual(22);
        expect(there.hours).toBeLessThanOrEqual(26);
      }),
      { numRuns: 600 },
    );
  });
});

describe('calendar days', () => {
  it('adds days and counts days between dates across month and year ends', () => {
    expect(addDays('2024-07-31', 1)).toBe('2024-08-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2024-07-22', '2024-08-05')).toBe(14);
  });

  it('refuses impossible dates', () => {
    expect(isDateString('2024-02-29')).toBe(true);
    expect(isDateString('2023-02-29')).toBe(false);
    expect(isDateString('2024-13-01')).toBe(false);
    expect(isDateString('5/8/2024')).toBe(false);
  });

  it('gives the calendar date of an instant in a zone', () => {
    const instant = new Date('2024-08-05T22:30:00Z');
    expect(dateInZone(instant, 'Europe/Paris')).toBe('2024-08-06');
    expect(dateInZone(instant, 'Pacific/Tahiti')).toBe('2024-08-05');
  });
});

describe('the calendar date of an instant', () => {
  it('is written with four digits of year, even before the year 1000', async () => {
    const { dateInZone } = await import('../../src/window/calendar.js');
    expect(dateInZone(new Date('0999-08-05T12:00:00Z'), 'Europe/Paris')).toBe('0999-08-05');
    expect(dateInZone(new Date('2024-08-05T23:30:00Z'), 'Europe/Paris')).toBe('2024-08-06');
  });
});
