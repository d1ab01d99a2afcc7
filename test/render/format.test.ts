import { afterEach, describe, expect, it } from 'vitest';
import { formatter } from '../../src/render/index.js';

const NNBSP = '\u202F';
const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('formatting per language', () => {
  it('writes numbers the French and the English way', () => {
    expect(formatter('fr', 'Europe/Paris').num(12345)).toBe(`12${NNBSP}345`);
    expect(formatter('en', 'Europe/Paris').num(12345)).toBe('12,345');
  });

  it('writes signed changes with a true minus sign and = for no change', () => {
    const f = formatter('fr', 'Europe/Paris');
    expect(f.signed(12)).toBe('+12');
    expect(f.signed(-3)).toBe('\u22123');
    expect(f.signed(0)).toBe('=');
    expect(f.signed(1500)).toBe(`+1${NNBSP}500`);
  });

  it('writes calendar dates in full in each language', () => {
    expect(formatter('fr', 'Europe/Paris').date('2024-08-05')).toBe('lundi 5 août 2024');
    expect(formatter('en', 'Europe/Paris').date('2024-08-05')).toBe('Monday 5 August 2024');
  });

  it('writes times as 11 h 30 in French and 11:30 in English', () => {
    expect(formatter('fr', 'Europe/Paris').time('2024-08-05T09:30:00Z')).toBe(`11${NNBSP}h${NNBSP}30`);
    expect(formatter('en', 'Europe/Paris').time('2024-08-05T09:30:00Z')).toBe('11:30');
    expect(formatter('en', 'Europe/Paris').time('2024-08-05T07:05:00Z')).toBe('09:05');
    expect(formatter('fr', 'Europe/Paris').clockTime('09:30')).toBe(`9${NNBSP}h${NNBSP}30`);
  });

  it('says the offset of a time the clocks show twice (the hour repeated when they go back), and of no other', () => {
    const en = formatter('en', 'America/New_York');
    // 01:45 happens at −4, then again at −5, on 5 November 2028
    expect(en.time('2028-11-05T05:45:00Z')).toBe('01:45\u00a0(UTC\u22124)');
    expect(en.time('2028-11-05T06:45:00Z')).toBe('01:45\u00a0(UTC\u22125)');
    expect(en.time('2028-11-05T07:45:00Z')).toBe('02:45');
    expect(en.time('2028-11-05T04:45:00Z')).toBe('00:45');
    expect(formatter('fr', 'Europe/Paris').time('2024-10-27T00:30:00Z')).toBe(`2${NNBSP}h${NNBSP}30\u00a0(UTC+2)`);
    expect(formatter('fr', 'Europe/Paris').time('2024-10-27T01:30:00Z')).toBe(`2${NNBSP}h${NNBSP}30\u00a0(UTC+1)`);
    // the spring change, and every time of an ordinary day: the clock alone
    expect(formatter('en', 'Europe/Paris').time('2024-03-31T01:30:00Z')).toBe('03:30');
    expect(formatter('en', 'Australia/Lord_Howe').time('2030-04-06T14:45:00Z')).toBe('01:45\u00a0(UTC+11)');
  });

  it('formats instants in the event time zone whatever the machine time zone', () => {
    for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      // 23:30 UTC on the 4th is 01:30 on the 5th in Paris, 13:30 on the 4th in Tahiti.
      expect(formatter('fr', 'Europe/Paris').dateTime('2024-08-04T23:30:00Z')).toBe(
        `lundi 5 août 2024, 1${NNBSP}h${NNBSP}30`,
      );
      expect(formatter('en', 'Pacific/Tahiti').dateTime('2024-08-04T23:30:00Z')).toBe('Sunday 4 August 2024, 13:30');
      expect(formatter('en', 'Pacific/Tahiti').date('2024-08-05')).toBe('Monday 5 August 2024');
    }
  });

  it('writes short days for tables and charts', () => {
    expect(formatter('fr', 'Europe/Paris').dayShort('2024-08-05')).toBe('lun. 5 août');
    expect(formatter('en', 'Europe/Paris').dayShort('2024-08-05')).toBe('Mon 5 Aug');
  });

  it('reuses one formatter per language and time zone', () => {
    expect(formatter('fr', 'Europe/Paris')).toBe(formatter('fr', 'Europe/Paris'));
    expect(formatter('fr', 'Europe/Paris')).not.toBe(formatter('en', 'Europe/Paris'));
  });

  it('refuses a value that is not a date', () => {
    expect(() => formatter('fr', 'Europe/Paris').time('yesterday')).toThrow(/not a date/);
  });
});
