import { describe, expect, it } from 'vitest';
import { DataError, formatProblem } from '../../src/errors.js';
import { loadEvent, parseEventText } from '../../src/data/index.js';
import { fixture } from './helpers.js';

const MINIMAL = `event:
  id: ev
  name_fr: Évènement
  timezone: Europe/Paris
  opens: 2024-07-22
  closes: 2024-09-08
divisions:
  securite: { time: "11:30", title_fr: Sécurité }
`;

describe('loadEvent', () => {
  it('reads event.yaml into the normalised event', async () => {
    const ev = await loadEvent(fixture('basic'));
    expect(ev).toMatchObject({
      id: 'test-2024',
      name: { fr: 'Jeux de test 2024', en: 'Test Games 2024' },
      timezone: 'Europe/Paris',
      opens: '2024-07-22',
      closes: '2024-09-08',
      protectionMention: 'DIFFUSION RESTREINTE',
      defaultTlp: 'AMBER',
      partners: ['DEU', 'BRA', 'USA', 'GBR', 'FRA', 'NOR'],
    });
    expect(ev.divisions).toEqual([
      { id: 'renseignement', time: '09:30', title: { fr: 'Briefing Renseignement', en: 'Intelligence briefing' } },
      { id: 'securite', time: '11:30', title: { fr: 'Briefing Sécurité générale', en: 'General security briefing' } },
    ]);
    expect(ev.venues.find((v) => v.id === 'teahupoo')).toEqual({
      id: 'teahupoo',
      name: "Teahupo'o",
      commune: "Teahupo'o",
      departement: '987',
      timezone: 'Pacific/Tahiti',
    });
    // an unquoted 75 and a lower-case 2a are still département codes
    expect(ev.venues.map((v) => v.departement)).toEqual(['93', '75', '987', '2A']);
  });

  it('labels built-in categories in both languages, flags the intelligence ones, and merges event categories', async () => {
    const ev = await loadEvent(fixture('basic'));
    const cat = (id: string) => ev.categories.find((c) => c.id === id);
    expect(cat('terrorism')).toEqual({ id: 'terrorism', label: { fr: 'Terrorisme', en: 'Terrorism' }, intelligence: true });
    expect(cat('theft')).toEqual({ id: 'theft', label: { fr: 'Vol', en: 'Theft' }, intelligence: false });
    expect(cat('doping')).toEqual({ id: 'doping', label: { fr: 'Dopage', en: 'Doping' }, intelligence: false });
    // event.yaml marks a built-in category for the Renseignement briefing, keeping its labels
    expect(cat('public_order')).toEqual({ id: 'public_order', label: { fr: 'Ordre public', en: 'Public order' }, intelligence: true });
    expect(ev.categories).toHaveLength(16);
  });

  it('reads the distribution lists, country keys as alpha-3', async () => {
    const ev = await loadEvent(fixture('basic'));
    expect(ev.distribution).toEqual({
      from: 'cci-briefings@example.org',
      divisions: {
        securite: { partners: ['all-officers@example.org'], national: ['cabinet@example.org'] },
        renseignement: { partners: ['all-officers@example.org'], national: ['Cabinet <cabinet@example.org>'] },
      },
      countries: { DEU: ['lo-deu@example.org'], BRA: ['lo-bra@example.org', 'lo-bra2@example.org'] },
    });
  });

  it('defaults the TLP to AMBER and leaves optional parts out', () => {
    const r = parseEventText(MINIMAL);
    expect(r.problems).toEqual([]);
    expect(r.event).toMatchObject({ defaultTlp: 'AMBER', venues: [], partners: [], centre: {} });
    expect(r.event?.distribution).toBeUndefined();
    expect(r.event?.protectionMention).toBeUndefined();
  });

  it('throws a DataError listing every problem of a bad event.yaml, each at its line and column', async () => {
    const err = await loadEvent(fixture('bad-event')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    const messages = (err as DataError).problems.map(formatProblem);
    expect(messages).toEqual([
      'event.yaml:7:3: unknown field "sponsor"; expected fields: id, name_fr, name_en, centre_fr, centre_en, timezone, opens, closes, protection_mention',
      'event.yaml:4:13: timezone "Europe/Pariss" is not a known IANA time zone; expected e.g. Europe/Paris or Pacific/Tahiti',
      'event.yaml:5:10: opens "2024-09-31" is not a real date: day 31 does not exist in 2024-09',
      'event.yaml:9:8: tlp "orange" is not a TLP marking; expected one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED (TLP: prefix optional)',
      'event.yaml:11:21: time "25:30" is not a real time of day: hour 25 does not exist (00–23)',
      'event.yaml:12:18: division renseignement: title_fr and title_en are both missing; at least one is required',
      'event.yaml:14:44: departement "96" is not a French département code; expected an INSEE code such as 75, 93, 2A or 987',
      'event.yaml:15:11: venue id "stade" is used twice (first at line 14); venue ids must be unique',
      'event.yaml:16:61: timezone "Pacific/Atlantis" is not a known IANA time zone; expected e.g. Europe/Paris or Pacific/Tahiti',
      'event.yaml:17:17: partners: "XX" is not a known ISO 3166-1 country code; expected alpha-3 or alpha-2, e.g. DEU or DE',
      'event.yaml:17:21: partners: "EUROPOL" is not a known ISO 3166-1 country code; expected alpha-3 or alpha-2, e.g. DEU or DE',
      'event.yaml:19:51: intelligence "peut-être" is not a yes/no value; expected true/false, yes/no, oui/non or 1/0',
      'event.yaml:21:9: from "not-an-address" is not an email address; expected e.g. cci-briefings@example.org',
      'event.yaml:22:3: distribution "logistique" is not a division of event.yaml; expected from, countries, visible_recipients or one of securite, renseignement',
      'event.yaml:23:15: distribution securite: "everyone" is not an audience; expected partners or national',
      'event.yaml:23:53: national: "bad@" is not an email address; expected e.g. name@example.org',
      'event.yaml:24:16: "ZZZ" is not a known ISO 3166-1 country code; expected alpha-3 or alpha-2, e.g. DEU',
      'event.yaml:24:38: ITA has a distribution list but is not in partners; add it to partners or remove the list',
    ]);
  });

  it('refuses closes before opens, and missing required sections', () => {
    const r = parseEventText(MINIMAL.replace('closes: 2024-09-08', 'closes: 2024-07-01').replace(/divisions:\n.*\n/, ''));
    expect(r.problems.map((p) => p.message)).toEqual([
      'closes 2024-07-01 is before opens 2024-07-22; expected closes on or after opens',
      'the divisions: section is missing; it is required',
    ]);
  });

  it('says what it looked for when event.yaml or the data folder is missing', async () => {
    const noEvent = await loadEvent(fixture('no-event')).then(() => { throw new Error('loaded'); }, (e: unknown) => e as DataError);
    expect(noEvent).toBeInstanceOf(DataError);
    expect(noEvent.problems[0]?.message).toMatch(/^event\.yaml is missing: looked for .*fixtures\/no-event\/event\.yaml/);
    const noDir = await loadEvent(fixture('does-not-exist')).then(() => { throw new Error('loaded'); }, (e: unknown) => e as DataError);
    expect(noDir).toBeInstanceOf(DataError);
    expect(noDir.problems[0]?.message).toMatch(/the data folder .*does-not-exist does not exist/);
  });

  it('reports malformed YAML with its position instead of throwing a parser error', () => {
    const r = parseEventText('event:\n  id: [unclosed\n  name_fr: x\n');
    expect(r.event).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ file: 'event.yaml', line: expect.any(Number), message: expect.stringMatching(/^YAML syntax: /) });
  });

  it('reads distribution.visible_recipients as a yes/no value (absent: recipients in Bcc)', () => {
    const dist = (v: string) => parseEventText(`${MINIMAL}distribution:\n  from: a@example.org\n  visible_recipients: ${v}\n`);
    expect(dist('true').event?.distribution?.visibleRecipients).toBe(true);
    expect(dist('non').event?.distribution?.visibleRecipients).toBe(false);
    expect(parseEventText(`${MINIMAL}distribution:\n  from: a@example.org\n`).event?.distribution?.visibleRecipients).toBeUndefined();
    expect(dist('sometimes').problems.map(formatProblem)).toEqual([
      'event.yaml:11:23: visible_recipients "sometimes" is not a yes/no value; expected true/false, yes/no, oui/non or 1/0',
    ]);
  });

  it('refuses a field written twice in another case, such as the default TLP', () => {
    const r = parseEventText(MINIMAL + 'defaults:\n  tlp: AMBER+STRICT\n  TLP: CLEAR\n');
    expect(r.problems.map(formatProblem)).toEqual([
      'event.yaml:11:3: field "TLP" is written twice (also as "tlp" at line 10, field names ignore case); write each field once',
    ]);
  });

  it('refuses a key written twice', () => {
    const r = parseEventText(MINIMAL + 'partners: [DEU]\npartners: [BRA]\n');
    expect(r.problems).toMatchObject([{ line: 10, message: 'YAML syntax: a key is written twice in the same mapping (map keys must be unique)' }]);
  });
});
