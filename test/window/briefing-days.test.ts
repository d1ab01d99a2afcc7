import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { briefableDates, briefingDays, isLastBriefing } from '../../src/window/briefing-days.js';
import { addDays, daysBetween } from '../../src/window/calendar.js';
import { briefingWindow, zonedInstant } from '../../src/window/window.js';

const PARIS = { opens: '2024-07-22', closes: '2024-09-08' };

describe('briefingDays', () => {
  it('runs from opens to the closing briefing, the day after closes, across a month and a year', () => {
    expect(briefingDays(PARIS)).toEqual({ first: '2024-07-22', last: '2024-09-09' });
    expect(briefingDays({ opens: '2028-12-01', closes: '2028-12-31' })).toEqual({
      first: '2028-12-01',
      last: '2029-01-01',
    });
    expect(briefingDays({ opens: '2024-02-29', closes: '2024-02-29' })).toEqual({
      first: '2024-02-29',
      last: '2024-03-01',
    });
  });

  it('makes the closing briefing and any later one the last, never an earlier one', () => {
    expect(isLastBriefing(PARIS, '2024-09-08')).toBe(false);
    expect(isLastBriefing(PARIS, '2024-09-09')).toBe(true);
    expect(isLastBriefing(PARIS, '2024-09-10')).toBe(true);
    expect(isLastBriefing(PARIS, '2024-07-21')).toBe(false);
  });

  it('offers the closing briefing’s day beside the day folders once the closing day’s folder is there', () => {
    expect(briefableDates(['2024-09-07', '2024-09-08'], PARIS)).toEqual(['2024-09-07', '2024-09-08', '2024-09-09']);
    expect(briefableDates(['2024-09-07'], PARIS)).toEqual(['2024-09-07']);
    expect(briefableDates(['2024-09-08', '2024-09-09'], PARIS)).toEqual(['2024-09-08', '2024-09-09']);
  });

  it('leaves no instant of the event’s days, opens 00:00 to the end of closes, outside the windows of its briefing days, whatever the division’s time and zone', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Tahiti', 'Asia/Tokyo', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 0, max: 60 }),
        (zone, hour, minute, offset, length) => {
          const opens = addDays('2024-01-01', offset);
          const closes = addDays(opens, length);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const { first, last } = briefingDays({ opens, closes });
          expect(daysBetween(first, last)).toBe(length + 1);
          const start = briefingWindow(first, time, zone).start;
          const end = briefingWindow(last, time, zone).end;
          // the windows tile (SPEC §2): together they cover [first's start, last's end)
          const dayStart = zonedInstant(opens, '00:00', zone);
          const dayAfter = zonedInstant(addDays(closes, 1), '00:00', zone);
          expect(start.getTime()).toBeLessThanOrEqual(dayStart.getTime());
          expect(end.getTime()).toBeGreaterThanOrEqual(dayAfter.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});
