// Country names: the short common name in both languages, for every code; Kosovo under XK, XKX
// and XKK, written XKX.

import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { countryName, KOSOVO, SHORT_NAMES, toAlpha2, toAlpha3 } from '../../src/data/countries.js';
import { parseEventText } from '../../src/data/event.js';
import { lines } from './helpers.js';

const ALL = [...new Set(Object.keys(countries.getAlpha3Codes()).map((c) => toAlpha3(c)!))];

/** Forms that are not the short common name: inverted with a comma, qualified in parentheses, "Republic of …". */
const NOT_SHORT = {
  en: [
    /,/,
    /\(/,
    /\bRepublic of\b/i,
    /^The /,
    /\bState of\b/,
    /\bFederated States\b/,
    /\bPeople's\b/,
    /\bPlurinational\b/,
    /\bIslamic Republic\b/,
    /\bFederation\b/,
    /\bDarussalam\b/,
    /\bArab Republic\b/,
    /\bof America\b/,
    /\bKingdom of\b/,
  ],
  fr: [
    /,/,
    /\(/,
    /\bRépublique (de|du|d'|d’|des|unie|populaire|islamique|fédérale)\b/i,
    /\bÉtat de\b/,
    /\bRoyaume d/,
    /\bd'Amérique\b/,
    /\bDarussalam\b/,
  ],
};

describe('country names', () => {
  it('are short common names in both languages for every ISO 3166-1 code (no comma-inverted, parenthesised or "Republic of" form)', () => {
    const bad: string[] = [];
    for (const code of ALL) {
      const name = countryName(code);
      for (const lang of ['en', 'fr'] as const) {
        if (name[lang] === code || NOT_SHORT[lang].some((re) => re.test(name[lang])))
          bad.push(`${code} ${lang}: ${name[lang]}`);
      }
    }
    expect(bad).toEqual([]);
    expect(ALL.length).toBeGreaterThan(245);
  });

  it('name the countries of the issue as a reader expects', () => {
    const expected: Record<string, [string, string]> = {
      TWN: ['Taiwan', 'Taïwan'],
      MDA: ['Moldova', 'Moldavie'],
      FSM: ['Micronesia', 'Micronésie'],
      MKD: ['North Macedonia', 'Macédoine du Nord'],
      CIV: ["Côte d'Ivoire", "Côte d'Ivoire"],
      VAT: ['Vatican', 'Vatican'],
      CHN: ['China', 'Chine'],
      USA: ['United States', 'États-Unis'],
      RUS: ['Russia', 'Russie'],
      GBR: ['United Kingdom', 'Royaume-Uni'],
      DEU: ['Germany', 'Allemagne'],
      XKX: ['Kosovo', 'Kosovo'],
    };
    for (const [code, [en, fr]] of Object.entries(expected)) expect(countryName(code), code).toEqual({ en, fr });
  });

  it('override the library only where reviewed: each entry of the table names a known code and changes something', () => {
    for (const [code, names] of Object.entries(SHORT_NAMES)) {
      expect(ALL, code).toContain(code);
      const library = {
        en: countries.getName(code === KOSOVO ? 'XKK' : code, 'en'),
        fr: countries.getName(code === KOSOVO ? 'XKK' : code, 'fr'),
      };
      expect(
        (names.en !== undefined && names.en !== library.en) ||
          (names.fr !== undefined && names.fr !== library.fr) ||
          code === KOSOVO,
        code,
      ).toBe(true);
    }
  });
});

describe('Kosovo', () => {
  it('is accepted as XK, XKX and XKK, any case, and written XKX (alpha-2 XK)', () => {
    for (const code of ['XK', 'xk', 'XKX', 'xkx', 'XKK']) expect(toAlpha3(code), code).toBe('XKX');
    expect(toAlpha2('XKX')).toBe('XK');
    expect(toAlpha2('DEU')).toBe('DE');
  });
});

describe('partners in event.yaml', () => {
  it('one bad code is one problem: the good codes are kept, so their distribution lists raise no false "not in partners"', () => {
    const yaml = `event: { id: e, name_en: E, timezone: Europe/Paris, opens: 2024-07-22, closes: 2024-07-30 }
divisions: { securite: { time: "11:30", title_en: Security } }
partners: [XKQ, DEU, XK]
distribution:
  from: cci@example.org
  countries: { DEU: [lo-deu@example.org], XKX: [lo-xkx@example.org] }
`;
    const r = parseEventText(yaml);
    expect(lines(r.problems)).toEqual([
      'event.yaml:3:12: partners: "XKQ" is not a known ISO 3166-1 country code; expected alpha-3 or alpha-2, e.g. DEU or DE',
    ]);
    expect(r.event?.partners).toEqual(['DEU', 'XKX']);
  });
});
