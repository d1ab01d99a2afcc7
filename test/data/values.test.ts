import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { closest, parseBoolean, parseCount, parseTlp, toAlpha3 } from '../../src/data/index.js';
import type { RawField } from '../../src/data/raw.js';
import * as valueParsers from '../../src/data/values.js';
import { remembered, Reporter, type FieldParser, type HiddenValues } from '../../src/data/values.js';

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

describe('identifiers and texts', () => {
  const field = (text: string): RawField => ({
    kind: 'text',
    text,
    name: 'id',
    line: 2,
    column: 5,
    key: { line: 2, column: 1 },
  });

  it('refuses an id holding a character that does not show or reorders what follows (a lookalike of another id)', () => {
    for (const [id, char] of [
      ['EX-20261130\u200b-0001', 'U+200B'],
      ['PP-\u202e1234', 'U+202E'],
      ['A\u00adB', 'U+00AD'],
      ['A\u2060B', 'U+2060'],
      ['A\u{E0041}B', 'U+E0041'],
    ] as const) {
      const rep = new Reporter('f.yaml', []);
      expect(valueParsers.identifier(field(id), rep), id).toBeUndefined();
      expect(rep.problems.map((p) => p.message)).toEqual([
        `id holds ${char}, a character that does not show or reorders what follows it: an id holding one looks like another, or reads backwards; expected visible characters only, e.g. INC-0042`,
      ]);
    }
    for (const id of ['INC-0042', 'ÉVÉN-été-1', '事件-7', 'حادث-3']) {
      const rep = new Reporter('f.yaml', []);
      expect(valueParsers.identifier(field(id), rep), id).toBe(id);
      expect(rep.problems).toEqual([]);
    }
  });

  it('closes at its end a reordering a text opens, so that it cannot reverse what a document prints after it', () => {
    const rep = new Reporter('f.yaml', []);
    expect(valueParsers.text(field('Saint\u202eDenis'), rep)).toBe('\u2068Saint\u202eDenis\u202c\u2069');
    expect(valueParsers.text(field('Saint-Denis'), rep)).toBe('Saint-Denis');
    expect(rep.problems).toEqual([]);
  });
});

describe('remembered parsers', () => {
  const field = (text: string, line: number): RawField => ({
    kind: 'text',
    text,
    name: 'x',
    line,
    column: 3,
    key: { line, column: 1 },
  });

  it('read a text accepted before without the parser, and send every refused text through it again', () => {
    let calls = 0;
    const parse = remembered<string>((f, r) => {
      calls++;
      if (f.kind === 'text' && f.text.startsWith('ok')) return f.text.toUpperCase();
      r.at(f, 'wrong');
      return undefined;
    });
    const rep = new Reporter('f.csv', []);
    expect([1, 2, 3].map((l) => parse(field('ok-1', l), rep))).toEqual(['OK-1', 'OK-1', 'OK-1']);
    expect(calls).toBe(1);
    expect([4, 5].map((l) => parse(field('bad', l), rep))).toEqual([undefined, undefined]);
    expect(calls).toBe(3);
    expect(rep.problems.map((p) => p.line)).toEqual([4, 5]);
  });

  // the value parsers a record's columns go through, remembered, against the same parsers
  // freshly loaded (nothing remembered) for each text: the same values and the same problems
  const names = ['tlp', 'status', 'count', 'boolean', 'grading', 'countries', 'severity'] as const;
  type Values = typeof valueParsers;
  const pick = (m: Values, name: (typeof names)[number]): FieldParser<unknown> =>
    name === 'severity' ? m.oneOf(['low', 'medium', 'high']) : m[name];
  const TEXTS = [
    'amber',
    'TLP:RED',
    'REDD',
    'green ',
    'draft',
    'Validated',
    'validé',
    '0',
    '12',
    '1 200',
    '-3',
    '1.5',
    'oui',
    'NON',
    'peut-être',
    'b2',
    'Z9',
    'DEU',
    'deu|fr',
    'DEU;XXX',
    'fra, BEL',
    'high',
    'Medium',
    'x\u001b',
    'a\u0085b',
    'x'.repeat(300),
  ];
  const HIDDEN = [undefined, 'red'] as const;
  const read = (parse: FieldParser<unknown>, text: string, hidden: HiddenValues | undefined) => {
    const rep = new Reporter('f.csv', []);
    rep.hidden = hidden;
    const value = parse(field(text, 7), rep);
    return { value, problems: rep.problems };
  };

  it('give the values and problems of the parsers they remember for, whatever was read before', async () => {
    const fresh = new Map<string, ReturnType<typeof read>>();
    for (const text of TEXTS) {
      for (const hidden of HIDDEN) {
        vi.resetModules();
        const m = (await import('../../src/data/values.js')) as Values;
        for (const name of names) fresh.set(`${name}|${text}|${hidden}`, read(pick(m, name), text, hidden));
      }
    }
    const shared = Object.fromEntries(names.map((n) => [n, pick({ ...valueParsers }, n)]));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...TEXTS), fc.constantFrom(...HIDDEN)), {
          maxLength: 40,
        }),
        (rows) => {
          for (const [name, text, hidden] of rows) {
            expect(read(shared[name]!, text, hidden)).toEqual(fresh.get(`${name}|${text}|${hidden}`));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
