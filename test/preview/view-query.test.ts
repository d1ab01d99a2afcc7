import { describe, expect, it } from 'vitest';
import { parseView, QueryError, viewQuery } from '../../src/preview/view-query.js';
import { division, event } from '../helpers/dataset.js';

const ev = event();
const defaults = { date: '2024-08-05' };
const q = (s: string) => parseView(new URLSearchParams(s), ev, defaults);

describe('the view of a preview page', () => {
  it('reads division, date, audience and language from the query', () => {
    expect(q('division=securite&date=2024-08-04&audience=country:de&lang=fr')).toEqual({
      division: 'securite',
      date: '2024-08-04',
      audience: { kind: 'country', country: 'DEU' },
      lang: 'fr',
    });
    expect(q('division=intelligence&audience=national').division).toBe('renseignement');
  });

  it('finds a division whose id is also the name of an object property, such as constructor', () => {
    const ev2 = event({ divisions: [division('constructor', '10:00', { en: 'Builders' })] });
    expect(parseView(new URLSearchParams('division=constructor'), ev2, defaults).division).toBe('constructor');
  });

  it('gives every missing value its default', () => {
    expect(q('')).toEqual({
      division: 'renseignement',
      date: '2024-08-05',
      audience: { kind: 'partners' },
      lang: 'both',
    });
  });

  it('refuses an unknown division, a bad date, an unknown audience or language with a message', () => {
    const cases: [string, RegExp][] = [
      ['division=police', /division "police" is not a division of this event; expected one of renseignement, securite/],
      ['date=2024-02-30', /date "2024-02-30" is not a date; expected YYYY-MM-DD/],
      ['date=05/08/2024', /is not a date/],
      ['audience=everyone', /audience "everyone" is not known/],
      ['audience=country:FRA', /FRA is not a partner/],
      ['audience=country:all', /names several documents/],
      ['lang=de', /lang "de" is not known; expected fr, en or both/],
      ['lang=fr&lang=en', /lang is given more than once/],
    ];
    for (const [query, message] of cases) {
      expect(() => q(query), query).toThrow(QueryError);
      expect(() => q(query), query).toThrow(message);
    }
  });

  it('writes a view back as the query that reads it', () => {
    const view = q('division=securite&date=2024-08-04&audience=country:USA&lang=en');
    expect(viewQuery(view)).toBe('division=securite&date=2024-08-04&audience=country%3AUSA&lang=en');
    expect(q(viewQuery(view, { date: '2024-08-03' }))).toEqual({ ...view, date: '2024-08-03' });
  });
});
