import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markingsArb } from '../helpers/arbitraries.js';
import { isVisible, type Audience } from '../../src/audience/audience.js';
import { markingOf } from '../../src/audience/marking.js';
import { parseAudience } from '../../src/audience/parse-audience.js';
import { toAlpha3 } from '../../src/data/countries.js';
import type { Markings, Tlp } from '../../src/model/types.js';

const base: Markings = { tlp: 'AMBER', releasableTo: [], exclude: [], specialFrance: false, status: 'validated' };
const partners: Audience = { kind: 'partners' };
const national: Audience = { kind: 'national' };
const deu: Audience = { kind: 'country', country: 'DEU' };
const bra: Audience = { kind: 'country', country: 'BRA' };
const all = [partners, national, deu, bra];
const seenBy = (m: Partial<Markings>, draft = false) =>
  all.filter((a) => isVisible({ ...base, ...m }, a, { draft })).map((a) => (a.kind === 'country' ? a.country : a.kind));

describe('which audience may see a record', () => {
  it('shows a validated AMBER record with no restriction to every audience', () => {
    expect(seenBy({})).toEqual(['partners', 'national', 'DEU', 'BRA']);
  });

  it('shows drafts only in draft output', () => {
    expect(seenBy({ status: 'draft' })).toEqual([]);
    expect(seenBy({ status: 'draft' }, true)).toEqual(['partners', 'national', 'DEU', 'BRA']);
  });

  it('never shows RED, not even in draft output', () => {
    expect(seenBy({ tlp: 'RED' })).toEqual([]);
    expect(seenBy({ tlp: 'RED' }, true)).toEqual([]);
  });

  it('shows AMBER+STRICT and Spécial France to the national audience only', () => {
    expect(seenBy({ tlp: 'AMBER+STRICT' })).toEqual(['national']);
    expect(seenBy({ specialFrance: true })).toEqual(['national']);
    expect(seenBy({ specialFrance: true, releasableTo: ['DEU'] })).toEqual(['national']);
  });

  it('shows a record releasable to some countries to national and those countries only', () => {
    expect(seenBy({ releasableTo: ['DEU', 'FRA'] })).toEqual(['national', 'DEU']);
  });

  it('never shows a record with exclusions to the partners room, nor to an excluded country', () => {
    expect(seenBy({ exclude: ['BRA'] })).toEqual(['national', 'DEU']);
    expect(seenBy({ exclude: ['BRA'], releasableTo: ['BRA', 'DEU'] })).toEqual(['national', 'DEU']);
  });

  it('agrees with the five rules of the specification for any marking and audience', () => {
    const markings = markingsArb;
    const audience = fc.constantFrom<Audience>(partners, national, deu, bra, { kind: 'country', country: 'USA' });
    fc.assert(
      fc.property(markings, audience, fc.boolean(), (m, a, draft) => {
        const shown = isVisible(m, a, { draft });
        const country = a.kind === 'country' ? a.country : undefined;
        const rules = [
          m.status === 'validated' || draft,
          m.tlp !== 'RED',
          !(m.tlp === 'AMBER+STRICT' || m.specialFrance) || a.kind === 'national',
          m.releasableTo.length === 0 ||
            a.kind === 'national' ||
            (country !== undefined && m.releasableTo.includes(country)),
          m.exclude.length === 0 || (a.kind !== 'partners' && !(country !== undefined && m.exclude.includes(country))),
        ];
        expect(shown).toBe(rules.every(Boolean));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('document marking', () => {
  const r = (tlp: Tlp, specialFrance = false) => ({ tlp, specialFrance });
  it('is the most restrictive TLP included, CLEAR when nothing is', () => {
    expect(markingOf([])).toEqual({ tlp: 'CLEAR', specialFrance: false });
    expect(markingOf([[r('GREEN'), r('AMBER')], [], [r('CLEAR')]]).tlp).toBe('AMBER');
    expect(markingOf([[r('AMBER+STRICT')], [r('AMBER')]]).tlp).toBe('AMBER+STRICT');
  });

  it('says Spécial France when any list holds such a record', () => {
    expect(markingOf([[r('GREEN')], [r('AMBER', true)]]).specialFrance).toBe(true);
    expect(markingOf([[r('GREEN')], [r('AMBER')]]).specialFrance).toBe(false);
  });
});

describe('--audience', () => {
  it('accepts partners, national, a partner country in alpha-2 or alpha-3, and all partners', () => {
    expect(parseAudience('partners', ['DEU'])).toEqual([partners]);
    expect(parseAudience('national', ['DEU'])).toEqual([national]);
    expect(parseAudience('country:de', ['DEU'])).toEqual([deu]);
    expect(parseAudience('country:DEU', ['DEU'])).toEqual([deu]);
    expect(parseAudience('country:all', ['DEU', 'BRA'])).toEqual([deu, bra]);
  });

  it('refuses an unknown country, a country that is not a partner and an unknown audience', () => {
    expect(() => parseAudience('country:XYZ', ['DEU'])).toThrow(/not an ISO 3166-1 country code/);
    expect(() => parseAudience('country:BRA', ['DEU'])).toThrow(/not a partner/);
    expect(() => parseAudience('everyone', ['DEU'])).toThrow(/expected partners, national/);
  });

  it('without the event (partners not known) accepts any real country, refuses country:all and everything else as with it', () => {
    expect(parseAudience('country:br', null)).toEqual([bra]);
    expect(parseAudience('partners', null)).toEqual([partners]);
    expect(() => parseAudience('country:XYZ', null)).toThrow(/not an ISO 3166-1 country code/);
    expect(() => parseAudience('everyone', null)).toThrow(/expected partners, national/);
    expect(() => parseAudience('', null)).toThrow(/is empty/);
    expect(() => parseAudience('country:all', null)).toThrow(/--audience country:all: the partners are not known/);
  });

  it('converts country codes of any case to alpha-3', () => {
    expect(toAlpha3('br')).toBe('BRA');
    expect(toAlpha3('usa')).toBe('USA');
    expect(toAlpha3('zz')).toBeUndefined();
  });
});
