import { describe, expect, it } from 'vitest';
import { parseAudience } from '../../src/audience/parse-audience.js';
import { lockAudienceKey, parseDivisions } from '../../src/commands/brief.js';
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

describe('the lock of a run', () => {
  const key = (text: string) => lockAudienceKey(parseAudience(text, event().partners));

  it('is the same for the same documents however the audiences are spelt or ordered', () => {
    // Two runs writing (and emailing) the same briefing must not overlap.
    expect(key('country:de')).toBe(key('Country:DEU'));
    expect(key('partners,national')).toBe(key('national, partners'));
    expect(key('country:all')).toBe(key('country:usa,country:bra,country:deu'));
    expect(key('partners')).toBe('partners');
  });

  it('differs for different documents', () => {
    expect(key('country:DEU')).not.toBe(key('country:BRA'));
    expect(key('partners')).not.toBe(key('partners,national'));
  });
});
