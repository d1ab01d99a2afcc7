import { describe, expect, it } from 'vitest';
import { closest, parseBoolean, parseCount, parseTlp, toAlpha3 } from '../../src/data/index.js';

describe('value parsers', () => {
  it('reads whole numbers with a space, no-break space or narrow no-break space as thousands separator', () => {
    expect(parseCount('1234')).toBe(1234);
    expect(parseCount('1 234')).toBe(1234);
    expect(parseCount('1\u00a0234')).toBe(1234);
    expect(parseCount('1\u202f234')).toBe(1234);
    expect(parseCount('12 345 678')).toBe(12345678);
    expect(parseCount('0')).toBe(0);
  });

  it('refuses negative, decimal, badly grouped or non-numeric counts', () => {
    for (const bad of ['-1', '1.5', '1,5', '12 34', '1  234', 'abc', '1e3', '0x10', '']) {
      expect(parseCount(bad), bad).toBeUndefined();
    }
  });

  it('reads booleans as true/false, yes/no, oui/non, 1/0 in any case', () => {
    for (const t of ['true', 'TRUE', 'yes', 'Yes', 'oui', 'OUI', '1']) expect(parseBoolean(t), t).toBe(true);
    for (const f of ['false', 'False', 'no', 'NO', 'non', 'Non', '0']) expect(parseBoolean(f), f).toBe(false);
    expect(parseBoolean('maybe')).toBeUndefined();
  });

  it('turns alpha-2 and alpha-3 country codes of any case into alpha-3 capitals', () => {
    expect(toAlpha3('DEU')).toBe('DEU');
    expect(toAlpha3('deu')).toBe('DEU');
    expect(toAlpha3('de')).toBe('DEU');
    expect(toAlpha3('Br')).toBe('BRA');
    expect(toAlpha3('gb')).toBe('GBR');
    expect(toAlpha3('XYZ')).toBeUndefined();
    expect(toAlpha3('XX')).toBeUndefined();
    expect(toAlpha3('EUROPOL')).toBeUndefined();
  });

  it('reads TLP markings with or without the TLP: prefix, in any case, WHITE meaning CLEAR', () => {
    expect(parseTlp('TLP:AMBER')).toBe('AMBER');
    expect(parseTlp('tlp:amber+strict')).toBe('AMBER+STRICT');
    expect(parseTlp('TLP: Green')).toBe('GREEN');
    expect(parseTlp('white')).toBe('CLEAR');
    expect(parseTlp('TLP:WHITE')).toBe('CLEAR');
    expect(parseTlp('red')).toBe('RED');
    expect(parseTlp('orange')).toBeUndefined();
  });

  it('suggests the closest known name for a typo, and nothing for something unrelated', () => {
    expect(closest('sumary_fr', ['summary_fr', 'summary_en', 'severity'])).toBe('summary_fr');
    expect(closest('hgih', ['low', 'medium', 'high', 'critical'])).toBe('high');
    expect(closest('banana', ['low', 'medium', 'high', 'critical'])).toBeUndefined();
  });
});
