import { describe, expect, it } from 'vitest';
import { parseAudience } from '../../src/audience/parse-audience.js';
import { lockKeys, parseDivisions, planDocuments } from '../../src/commands/brief.js';
import { event } from '../helpers/dataset.js';

describe('--division', () => {
  it('names each division once when the list repeats it under its id or its English name', () => {
    // Twice the same division would take its lock twice, and the run would fail saying another run holds it.
    expect(parseDivisions('securite,security', event())).toEqual(['securite']);
    expect(parseDivisions('renseignement,securite,intelligence', event())).toEqual(['renseignement', 'securite']);
  });

  it('finds a division whose id is also the name of an object property, such as constructor', () => {
    const ev = event({ divisions: [{ id: 'constructor', time: '10:00', title: { en: 'Builders' } }] });
    expect(parseDivisions('constructor', ev)).toEqual(['constructor']);
  });
});

describe('the locks of a run', () => {
  const keys = (audience: string, o: { divisions?: string[]; langs?: ('fr' | 'en' | 'both')[] } = {}) => lockKeys(planDocuments({
    divisions: o.divisions ?? ['securite'], audiences: parseAudience(audience, event().partners),
    langs: o.langs ?? ['both'], date: '2024-08-05', draft: false,
  }));

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
