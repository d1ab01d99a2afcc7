import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, daysBetween } from '../../src/window/calendar.js';
import { isDateString } from '../../src/data/time.js';
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
