import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIVISION_ALIASES,
  parseBriefingDate,
  parseDateOption,
  parseDivision,
  parseDivisions,
  parseDocLang,
  parseDocLangs,
  parseFormats,
} from '../../src/config/options.js';
import { UsageError } from '../../src/errors.js';
import { parseView } from '../../src/preview/view-query.js';
import { division, event } from '../helpers/dataset.js';

describe('--division', () => {
  it('names each division once when the list repeats it under its id or its English name', () => {
    // Twice the same division would take its lock twice, and the run would fail saying another run holds it.
    expect(parseDivisions('securite,security', event())).toEqual(['securite']);
    expect(parseDivisions('renseignement,securite,intelligence', event())).toEqual(['renseignement', 'securite']);
    expect(parseDivisions('ALL', event())).toEqual(['renseignement', 'securite']);
  });

  it('finds a division whose id is also the name of an object property, such as constructor', () => {
    const ev = event({ divisions: [division('constructor', '10:00', { en: 'Builders' })] });
    expect(parseDivisions('constructor', ev)).toEqual(['constructor']);
  });

  it('takes an alias only for a division the event has, and an id before an alias', () => {
    const la = event({
      divisions: [division('security', '11:30', { en: 'Security' }), division('cyber', '16:00', { en: 'Cyber' })],
    });
    expect(parseDivision('security', la)).toBe('security');
    expect(() => parseDivision('intelligence', la)).toThrow(UsageError);
    expect(() => parseDivision('sécurité', la)).toThrow(
      /"sécurité" is not a division of this event; expected one of security, cyber/,
    );
  });

  it('is the same parser in the preview: every name the command line takes, the preview takes too', () => {
    const ev = event();
    const names = [...ev.divisions.map((d) => d.id), ...Object.keys(DIVISION_ALIASES), 'SECURITE', ' Sécurité '];
    for (const name of names) {
      const view = parseView(new URLSearchParams({ division: name }), ev, { date: '2024-08-05' });
      expect(view.division, name).toBe(parseDivision(name, ev));
    }
  });

  it('names the option as written in its message', () => {
    expect(() => parseDivision('police', event())).toThrow(/^--division "police"/);
    expect(() => parseDivision('police', event(), 'division')).toThrow(/^division "police"/);
  });
});

describe('--lang', () => {
  it('is fr, en or both, any case, several comma-separated; absent, the bilingual document', () => {
    expect(parseDocLangs(undefined)).toEqual(['both']);
    expect(parseDocLangs('FR,en,fr')).toEqual(['fr', 'en']);
    expect(parseDocLang(' Both ')).toBe('both');
    expect(() => parseDocLangs('fr,de')).toThrow(/--lang "de" is not known/);
  });
});

describe('--date', () => {
  it('is today in the event zone when absent, and a real calendar date otherwise', () => {
    const ev = event({ timezone: 'Pacific/Tahiti' });
    expect(parseBriefingDate(undefined, ev, new Date('2024-08-05T05:00:00Z'))).toBe('2024-08-04');
    expect(parseBriefingDate('2024-08-05', ev, new Date())).toBe('2024-08-05');
    expect(() => parseBriefingDate('2024-02-30', ev, new Date())).toThrow(/--date "2024-02-30" is not a date/);
  });

  it('accepts exactly the valid YYYY-MM-DD dates', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const text = d.toISOString().slice(0, 10);
        expect(parseBriefingDate(text, event(), new Date())).toBe(text);
      }),
    );
  });
});

describe('--date without an event (cci history --state alone)', () => {
  it('reads a date exactly as --date of cci brief does, with the same message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        let withEvent: string | Error;
        let without: string | Error;
        try {
          withEvent = parseBriefingDate(text, event(), new Date());
        } catch (error) {
          withEvent = error as Error;
        }
        try {
          without = parseDateOption(text);
        } catch (error) {
          without = error as Error;
        }
        expect(without).toEqual(withEvent);
      }),
    );
    expect(() => parseDateOption('2024-13-45')).toThrow(UsageError);
    expect(() => parseDateOption('2024-13-45')).toThrow('--date "2024-13-45" is not a date; expected YYYY-MM-DD');
  });
});

describe('--format', () => {
  it('is html, pdf and json, comma-separated, html and pdf by default', () => {
    expect(parseFormats(undefined)).toEqual(['html', 'pdf']);
    expect(parseFormats('JSON, html,json')).toEqual(['json', 'html']);
    expect(() => parseFormats('docx')).toThrow(/--format "docx" is not known/);
    expect(() => parseFormats(' , ')).toThrow(/--format is empty/);
  });
});
