import { describe, expect, it } from 'vitest';
import { parseAudience } from '../../src/audience/parse-audience.js';
import { lockKeys, planDocuments } from '../../src/pipeline/plan.js';
import { event } from '../helpers/dataset.js';

describe('the documents of a run', () => {
  it('are every division × audience × language, named as the files they are written to', () => {
    const plans = planDocuments({
      divisions: ['securite', 'renseignement'],
      audiences: parseAudience('partners,country:DEU', event().partners),
      langs: ['both', 'en'],
      date: '2024-08-05',
      draft: true,
    });
    expect(plans.map((p) => p.baseName)).toEqual([
      'cci-2024-08-05-securite-partners-draft',
      'cci-2024-08-05-securite-partners-en-draft',
      'cci-2024-08-05-securite-country-DEU-draft',
      'cci-2024-08-05-securite-country-DEU-en-draft',
      'cci-2024-08-05-renseignement-partners-draft',
      'cci-2024-08-05-renseignement-partners-en-draft',
      'cci-2024-08-05-renseignement-country-DEU-draft',
      'cci-2024-08-05-renseignement-country-DEU-en-draft',
    ]);
    expect(plans.every((p) => p.date === '2024-08-05' && p.draft)).toBe(true);
  });
});

describe('the locks of a run', () => {
  const keys = (audience: string, o: { divisions?: string[]; langs?: ('fr' | 'en' | 'both')[] } = {}) =>
    lockKeys(
      planDocuments({
        divisions: o.divisions ?? ['securite'],
        audiences: parseAudience(audience, event().partners),
        langs: o.langs ?? ['both'],
        date: '2024-08-05',
        draft: false,
      }),
    );

  it('are the same for the same documents however the audiences are spelt or ordered', () => {
    // Two runs writing (and emailing) the same briefing must not overlap.
    expect(keys('country:de')).toEqual(keys('Country:DEU'));
    expect(keys('partners,national')).toEqual(keys('national, partners'));
    expect(keys('country:all')).toEqual(keys('country:usa,country:bra,country:deu'));
    expect(keys('partners')).toEqual(['2024-08-05-securite-partners']);
  });

  it('share the lock of every document two runs would both write, and only those', () => {
    expect(keys('country:all')).toContain(keys('country:DEU')[0]);
    expect(keys('partners,national')).toContain(keys('partners')[0]);
    expect(keys('country:DEU')).not.toEqual(keys('country:BRA'));
    expect(keys('partners', { langs: ['fr'] })).not.toEqual(keys('partners'));
    expect(keys('partners', { divisions: ['renseignement', 'securite'] })).toHaveLength(2);
  });
});
