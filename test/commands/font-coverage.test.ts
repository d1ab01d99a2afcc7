import { describe, expect, it } from 'vitest';
import {
  charsetPattern,
  coverage,
  describeChar,
  scriptName,
  scriptsUsed,
  stringsIn,
} from '../../src/commands/font-coverage.js';

describe('the scripts of the data', () => {
  it('are found beyond plain ASCII, emoji apart, joiners and variation selectors left out', () => {
    const uses = scriptsUsed(['Sécurité', 'Алексей', 'محمد', '王小明', 'Alerte 🚨 🇩🇪 👮‍♀️', 'plain ascii', '\uE000']);
    expect(uses.map((u) => u.script)).toEqual(['Latn', 'Cyrl', 'Arab', 'Hani', 'Zsye', 'Zzzz']);
    const emoji = uses.find((u) => u.script === 'Zsye')!.chars;
    expect(emoji).toContain(0x1f6a8);
    expect(emoji).toContain(0x1f1e9);
    expect(emoji).not.toContain(0x200d);
    expect(emoji).not.toContain(0xfe0f);
  });

  it('are named in the reader’s language', () => {
    expect(scriptName('Arab', 'fr')).toBe('arabe');
    expect(scriptName('Arab', 'en')).toBe('Arabic');
  });

  it('keep at most 64 characters of a script for the lookup', () => {
    const han = Array.from({ length: 500 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    expect(scriptsUsed([han])[0]!.chars).toHaveLength(64);
  });

  it('are looked up as a whole, then character by character when no font has them all', async () => {
    const fonts: Record<number, string[]> = { 0xe9: ['Noto Sans'], 0x1f6a8: ['Noto Color Emoji'], 0xe000: [] };
    const asked: number[][] = [];
    const lookup = async (chars: readonly number[]) => {
      asked.push([...chars]);
      const sets = chars.map((c) => fonts[c] ?? []);
      return sets.reduce((a, b) => a.filter((f) => b.includes(f)));
    };
    const found = await coverage(scriptsUsed(['é', '🚨', '\uE000']), lookup);
    expect(found).toEqual([
      { script: 'Latn', chars: [0xe9], families: ['Noto Sans'], missing: [] },
      { script: 'Zsye', chars: [0x1f6a8], families: ['Noto Color Emoji'], missing: [] },
      { script: 'Zzzz', chars: [0xe000], families: [], missing: [0xe000] },
    ]);
    expect(asked).toEqual([[0xe9], [0x1f6a8], [0xe000], [0xe000]]);
  });

  it('are read from every string of the event and the records, maps, sets and arrays included', () => {
    const texts = stringsIn({
      a: 'x',
      b: [1, 'y', { c: 'z' }],
      d: new Map([['k', 'v']]),
      e: new Set(['s']),
      f: new Date(0),
    });
    expect(texts.sort()).toEqual(['k', 's', 'v', 'x', 'y', 'z']);
  });

  it('ask fontconfig for all the characters at once, and write them for people', () => {
    expect(charsetPattern([0x1f6a8, 0xe9])).toBe(':charset=1f6a8 e9');
    expect(describeChar(0xe9)).toBe('U+00E9 é');
  });
});
