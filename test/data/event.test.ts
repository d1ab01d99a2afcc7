import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, formatProblem } from '../../src/errors.js';
import { setCliLang } from '../../src/i18n/cli-lang.js';
import { loadEvent, parseEventText, readEvent } from '../../src/data/index.js';
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
      {
        id: 'renseignement',
        time: '09:30',
        title: { fr: 'Briefing Renseignement', en: 'Intelligence briefing' },
        records: ['incidents', 'assessments', 'agenda'],
        categories: 'intelligence',
        sections: [
          'key_messages',
          'threat_level',
          'key_figures',
          'assessments',
          'intelligence_incidents',
          'trend',
          'outlook',
          'country_notes',
        ],
      },
      {
        id: 'securite',
        time: '11:30',
        title: { fr: 'Briefing Sécurité générale', en: 'General security briefing' },
        records: ['incidents', 'deployments', 'agenda'],
        categories: 'all',
        sections: [
          'key_messages',
          'threat_level',
          'key_figures',
          'forces',
          'trend',
          'notable_facts',
          'by_category',
          'by_area',
          'nationals',
          'outlook',
          'country_notes',
        ],
      },
    ]);
    expect(ev.areas).toMatchObject({
      field: 'departement',
      label: { fr: 'Département', en: 'Department' },
      source: 'fr-departements',
    });
    expect(ev.areas.codes?.get('2A')).toEqual({ fr: 'Corse-du-Sud', en: 'Corse-du-Sud' });
    expect(ev.threatScale?.levels.map((l) => l.id)).toEqual(['vigilance', 'securite_renforcee', 'urgence_attentat']);
    expect(ev.venues.find((v) => v.id === 'teahupoo')).toEqual({
      id: 'teahupoo',
      name: "Teahupo'o",
      commune: "Teahupo'o",
      area: '987',
      timezone: 'Pacific/Tahiti',
    });
    // an unquoted 75 and a lower-case 2a are still département codes
    expect(ev.venues.map((v) => v.area)).toEqual(['93', '75', '987', '2A']);
  });

  it('labels built-in categories in both languages, flags the intelligence ones, and merges event categories', async () => {
    const ev = await loadEvent(fixture('basic'));
    const cat = (id: string) => ev.categories.find((c) => c.id === id);
    expect(cat('terrorism')).toEqual({
      id: 'terrorism',
      label: { fr: 'Terrorisme', en: 'Terrorism' },
      intelligence: true,
    });
    expect(cat('theft')).toEqual({ id: 'theft', label: { fr: 'Vol', en: 'Theft' }, intelligence: false });
    expect(cat('doping')).toEqual({ id: 'doping', label: { fr: 'Dopage', en: 'Doping' }, intelligence: false });
    // event.yaml marks a built-in category for the Renseignement briefing, keeping its labels
    expect(cat('public_order')).toEqual({
      id: 'public_order',
      label: { fr: 'Ordre public', en: 'Public order' },
      intelligence: true,
    });
    expect(ev.categories).toHaveLength(16);
  });

  it('reads the distribution lists, country keys as alpha-3', async () => {
    const ev = await loadEvent(fixture('basic'));
    expect(ev.distribution).toEqual({
      from: 'cci-briefings@example.org',
      divisions: {
        securite: { partners: ['all-officers@example.org'], national: ['cabinet@example.org'] },
        // `Cabinet <cabinet@example.org>` in event.yaml: the bare address, as the envelope and the logs use it
        renseignement: { partners: ['all-officers@example.org'], national: ['cabinet@example.org'] },
      },
      countries: { DEU: ['lo-deu@example.org'], BRA: ['lo-bra@example.org', 'lo-bra2@example.org'] },
    });
  });

  it('keeps a recipient as its bare address, and refuses one holding a bidi mark or a control character (sent to, then lost to the send log)', () => {
    const with_ = (addr: string) =>
      parseEventText(
        `${MINIMAL}distribution:\n  from: cci@example.org\n  securite: { national: [${JSON.stringify(addr)}] }\n`,
      );
    expect(with_('Cabinet <cabinet@example.org>').event?.distribution?.divisions.securite?.national).toEqual([
      'cabinet@example.org',
    ]);
    for (const addr of [
      'cabinet@example.org\u200F',
      'cab\u202Einet@example.org',
      'Cabinet <cabinet@example.org\u2066>',
    ]) {
      const r = with_(addr);
      expect(r.problems.map((p) => p.message).join('\n'), addr).toMatch(/national: ".*" is not an email address/);
    }
    // the sender too (its display name may be written, not a mark that reorders it)
    const from = parseEventText(
      `${MINIMAL}distribution:\n  from: ${JSON.stringify('CCI \u202Egro.elpmaxe@ICC <cci@example.org>')}\n`,
    );
    expect(from.problems.map((p) => p.message).join('\n')).toMatch(/from ".*" is not an email address/);
    expect(from.event?.distribution?.from).toBeUndefined();
    expect(
      parseEventText(`${MINIMAL}distribution:\n  from: "CCI Paris <cci@example.org>"\n`).event?.distribution?.from,
    ).toBe('CCI Paris <cci@example.org>');
  });

  it('warns, at the division time, of each day of the event the clocks skip it or show it twice, and only then', () => {
    const berlin = (time: string, closes = '2030-11-10') =>
      parseEventText(
        MINIMAL.replace('Europe/Paris', 'Europe/Berlin')
          .replace('2024-07-22', '2030-03-20')
          .replace('2024-09-08', closes)
          .replace('"11:30"', `"${time}"`),
      );
    const night = berlin('02:30');
    expect(night.problems).toEqual([]);
    expect(night.warnings!.map(formatProblem)).toEqual([
      "event.yaml:8:21: warning: division securite: 02:30 does not exist on 2030-03-31 in Europe/Berlin (the clocks go forward over it): that day's briefing ends at 03:30 instead, and the next window is 23 h long",
      "event.yaml:8:21: warning: division securite: 02:30 happens twice on 2030-10-27 in Europe/Berlin (the clocks go back): that day's briefing ends at the first (02:30 +02:00), and the next window is 25 h long",
    ]);
    // the day after closing is briefed too: its window covers the last day
    expect(berlin('02:30', '2030-10-26').warnings!.map((w) => w.message)).toEqual([
      expect.stringContaining('2030-03-31'),
      expect.stringContaining('2030-10-27'),
    ]);
    expect(berlin('02:30', '2030-10-25').warnings).toHaveLength(1);
    for (const time of ['11:30', '03:00', '00:00', '01:59']) expect(berlin(time).warnings, time).toBeUndefined();
    // 02:00 is the first minute skipped, and the first shown twice
    expect(berlin('02:00').warnings).toHaveLength(2);
    // nothing said about an event.yaml that has problems
    expect(
      parseEventText(MINIMAL.replace('Europe/Paris', 'Europe/Berlin').replace('2024-07-22', 'soon')).warnings,
    ).toBeUndefined();
  });

  it('says a window of 23.5 hours as each language of messages writes its numbers', () => {
    // Lord Howe moves its clocks by 30 minutes: 02:15 does not exist on 6 October 2030
    const lordHowe = () =>
      parseEventText(
        MINIMAL.replace('Europe/Paris', 'Australia/Lord_Howe')
          .replace('2024-07-22', '2030-09-20')
          .replace('2024-09-08', '2030-10-20')
          .replace('"11:30"', '"02:15"'),
      ).warnings!.map((w) => w.message);
    expect(lordHowe()).toEqual([expect.stringContaining('the next window is 23.5 h long')]);
    try {
      setCliLang('fr');
      expect(lordHowe()).toEqual([expect.stringContaining('la fenêtre suivante dure 23,5 h')]);
    } finally {
      setCliLang('en');
    }
  });

  it('uses a category’s or a threat level’s name given in one language in both, as a division’s title', () => {
    const r = parseEventText(
      `${MINIMAL}categories:\n  - { id: yakuza, label_en: Organised crime group }\nthreat_scale:\n  name_en: Alert level\n  levels:\n    - { id: l2, label_fr: Niveau 2 }\n`,
    );
    expect(r.problems).toEqual([]);
    expect(r.event!.categories.find((c) => c.id === 'yakuza')!.label).toEqual({
      fr: 'Organised crime group',
      en: 'Organised crime group',
    });
    expect(r.event!.threatScale).toEqual({
      name: { fr: 'Alert level', en: 'Alert level' },
      levels: [{ id: 'l2', label: { fr: 'Niveau 2', en: 'Niveau 2' } }],
    });
  });

  it('reads date_order: day first by default, month first when it says so, and nothing else', () => {
    expect(parseEventText(MINIMAL).event!.dateOrder).toBeUndefined();
    const withOrder = (v: string) => parseEventText(MINIMAL.replace('  timezone:', `  date_order: ${v}\n  timezone:`));
    expect(withOrder('month_first').event!.dateOrder).toBe('month_first');
    expect(withOrder('day_first').event!.dateOrder).toBeUndefined();
    expect(withOrder('mdy').problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^event\.yaml:4:15: date_order .*day_first, month_first/),
    ]);
  });

  it('takes the SPÉCIAL FRANCE stamp in the event’s own words, in both languages from one, and at most 40 characters', () => {
    const r = parseEventText(`${MINIMAL}labels:\n  special_en: US ONLY\n`);
    expect(r.problems).toEqual([]);
    expect(r.event!.words!['marking.specialFrance']).toEqual({ fr: 'US ONLY', en: 'US ONLY' });
    expect(r.event!.words!['email.specialFrance']).toEqual({ fr: 'US ONLY', en: 'US ONLY' });
    const long = parseEventText(`${MINIMAL}labels:\n  special_fr: ${'X'.repeat(41)}\n`);
    expect(long.problems.map((p) => p.message)).toEqual([expect.stringMatching(/special_fr .*40/)]);
  });

  it('defaults the TLP to AMBER and leaves optional parts out', () => {
    const r = parseEventText(MINIMAL);
    expect(r.problems).toEqual([]);
    expect(r.event).toMatchObject({ defaultTlp: 'AMBER', venues: [], partners: [], centre: {} });
    expect(r.event?.distribution).toBeUndefined();
    expect(r.event?.protectionMention).toBeUndefined();
  });

  it('refuses a time zone written with other capitals than the zone files have (europe/paris): cron and systemd would not find it', () => {
    const r = parseEventText(MINIMAL.replace('Europe/Paris', 'europe/paris'));
    expect(r.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^event\.yaml:\d+:\d+: timezone "europe\/paris" is written in other capitals than the time zone database names it: write Europe\/Paris \(cron, systemd/,
      ),
    ]);
    // the names as the database writes them, and its other names, still do
    for (const zone of ['Europe/Paris', 'UTC', 'America/Los_Angeles', 'US/Pacific', 'Asia/Kolkata', 'Etc/GMT-3'])
      expect(parseEventText(MINIMAL.replace('Europe/Paris', zone)).problems, zone).toEqual([]);
  });

  it('throws a DataError listing every problem of a bad event.yaml, each at its line and column', async () => {
    const err = await loadEvent(fixture('bad-event')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    const messages = (err as DataError).problems.map(formatProblem);
    expect(messages).toEqual([
      'event.yaml:4:13: timezone "Europe/Pariss" is not a known IANA time zone; expected e.g. Europe/Paris or Pacific/Tahiti',
      'event.yaml:5:10: opens "2024-09-31" is not a real date: day 31 does not exist in 2024-09',
      'event.yaml:7:3: unknown field "sponsor"; expected fields: id, name_fr, name_en, centre_fr, centre_en, timezone, opens, closes, protection_mention, date_order, host',
      'event.yaml:9:8: tlp "orange" is not a TLP marking; expected one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED (TLP: prefix optional)',
      'event.yaml:11:21: time "25:30" is not a real time of day: hour 25 does not exist (00–23)',
      'event.yaml:12:18: division renseignement: title_fr and title_en are both missing; at least one is required',
      'event.yaml:14:44: departement "96" is not a code of this event\'s areas (fr-departements); expected a code such as 01, 02, 03; did you mean "06"?',
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
    const r = parseEventText(
      MINIMAL.replace('closes: 2024-09-08', 'closes: 2024-07-01').replace(/divisions:\n.*\n/, ''),
    );
    expect(r.problems.map((p) => p.message)).toEqual([
      'the divisions: section is missing; it is required',
      'closes 2024-07-01 is before opens 2024-07-22; expected closes on or after opens',
    ]);
  });

  it('says what it looked for when event.yaml or the data folder is missing', async () => {
    const noEvent = await loadEvent(fixture('no-event')).then(
      () => {
        throw new Error('loaded');
      },
      (e: unknown) => e as DataError,
    );
    expect(noEvent).toBeInstanceOf(DataError);
    expect(noEvent.problems[0]?.message).toMatch(
      /^event\.yaml is missing: looked for .*fixtures\/no-event\/event\.yaml/,
    );
    const noDir = await loadEvent(fixture('does-not-exist')).then(
      () => {
        throw new Error('loaded');
      },
      (e: unknown) => e as DataError,
    );
    expect(noDir).toBeInstanceOf(DataError);
    expect(noDir.problems[0]?.message).toMatch(/the data folder .*does-not-exist does not exist/);
  });

  it('reports malformed YAML with its position instead of throwing a parser error', () => {
    const r = parseEventText('event:\n  id: [unclosed\n  name_fr: x\n');
    expect(r.event).toBeUndefined();
    expect(r.problems[0]).toMatchObject({
      file: 'event.yaml',
      line: expect.any(Number),
      message: expect.stringMatching(/^YAML syntax: /),
    });
  });

  it('reads distribution.visible_recipients as a yes/no value (absent: recipients in Bcc)', () => {
    const dist = (v: string) =>
      parseEventText(`${MINIMAL}distribution:\n  from: a@example.org\n  visible_recipients: ${v}\n`);
    expect(dist('true').event?.distribution?.visibleRecipients).toBe(true);
    expect(dist('non').event?.distribution?.visibleRecipients).toBe(false);
    expect(
      parseEventText(`${MINIMAL}distribution:\n  from: a@example.org\n`).event?.distribution?.visibleRecipients,
    ).toBeUndefined();
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
    expect(r.problems).toMatchObject([
      {
        line: 10,
        message:
          'YAML syntax: the key "partners" is written twice in the same block: keep one (YAML would not say which one counts)',
      },
    ]);
  });

  it('reads a venue’s coordinates for the map, and refuses them out of range or one without the other', () => {
    const venues = (lines: string): string => `${MINIMAL}venues:\n${lines}`;
    const ok = parseEventText(
      venues('  - { id: sdf, name: Stade de France, area: "93", lon: 2.3601, lat: 48.9245 }\n'),
    );
    expect(ok.problems).toEqual([]);
    expect(ok.event!.venues[0]).toEqual({ id: 'sdf', name: 'Stade de France', area: '93', lon: 2.3601, lat: 48.9245 });
    const bad = parseEventText(
      venues(
        [
          '  - { id: a, name: A, area: "75", lon: 652000, lat: 6862000 }',
          '  - { id: b, name: B, area: "75", lon: 2.35 }',
          '  - { id: c, name: C, area: "75", lon: "2,35", lat: 48.85 }',
          '',
        ].join('\n'),
      ),
    );
    expect(bad.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '10:40: lon "652000" is not a number of decimal degrees between -180 and 180; expected e.g. 2.3601 (WGS 84)',
      '10:53: lat "6862000" is not a number of decimal degrees between -90 and 90; expected e.g. 48.9245 (WGS 84)',
      '11:40: lon and lat go together: give both (WGS 84 decimal degrees) or neither',
      '12:40: lon "2,35" is not a number of decimal degrees between -180 and 180; expected e.g. 2.3601 (WGS 84)',
    ]);
  });
});

describe('the event as data (SPEC §7)', () => {
  const problems = (text: string, files: Record<string, string> = {}) => {
    const r = parseEventText(text, 'event.yaml', {
      readFile: (rel) => (Object.hasOwn(files, rel) ? Buffer.from(files[rel]!) : { error: 'ENOENT' }),
    });
    return { event: r.event, lines: r.problems.map(formatProblem) };
  };

  it('gives a division without records, categories or sections every kind, every category and the sections they allow', () => {
    const { event, lines } = problems(MINIMAL);
    expect(lines).toEqual([]);
    expect(event!.divisions[0]).toMatchObject({
      records: ['incidents', 'deployments', 'assessments', 'agenda'],
      categories: 'all',
      sections: [
        'key_messages',
        'key_figures',
        'late_reports',
        'forces',
        'trend',
        'notable_facts',
        'by_category',
        'by_area',
        'nationals',
        'assessments',
        'outlook',
        'country_notes',
      ],
    });
    // nothing French assumed: codes in `area`, free text, no label, no threat scale, no host
    expect(event!.areas).toEqual({ field: 'area' });
    expect(event!.threatScale).toBeUndefined();
    expect(event!.host).toBeUndefined();
  });

  it('reads a third division with its own record kinds, categories and sections', () => {
    const { event, lines } = problems(`${MINIMAL}  cyber:
    time: "16:00"
    title_en: Cyber briefing
    records: [incidents, assessments]
    categories: [cyber, FRAUD]
    sections: [key_messages, intelligence_incidents, assessments]
`);
    expect(lines).toEqual([]);
    expect(event!.divisions[1]).toEqual({
      id: 'cyber',
      time: '16:00',
      title: { en: 'Cyber briefing' },
      records: ['incidents', 'assessments'],
      categories: ['cyber', 'fraud'],
      sections: ['key_messages', 'intelligence_incidents', 'assessments'],
    });
  });

  it('refuses unknown section ids, record kinds and categories with a hint, and sections a division cannot show', () => {
    const { lines } = problems(`${MINIMAL}  cyber:
    time: "16:00"
    title_en: Cyber
    records: [incidents, asessments]
    categories: [cyber, cybre]
    sections: [key_messages, by_aera, forces, threat_level, key_messages, weather_map]
`);
    expect(lines).toEqual(
      [
        'event.yaml:12:26: division cyber: records "asessments" is not a record kind; expected incidents, deployments, assessments, agenda; did you mean "assessments"?',
        'event.yaml:13:25: division cyber: categories "cybre" is not a category of this event; expected all, intelligence or a list of category ids; did you mean "cyber"?',
        'event.yaml:14:30: division cyber: by_aera is not a section; expected one of key_messages, threat_level, key_figures, late_reports, forces, trend, notable_facts, by_category, by_area, map, nationals, assessments, intelligence_incidents, outlook, country_notes; did you mean "by_area"?',
        'event.yaml:14:39: division cyber: section forces needs records of kind deployments, which the division does not cover; add it to records or remove the section',
        'event.yaml:14:47: division cyber: section threat_level needs a threat_scale in event.yaml; add one or remove the section',
        'event.yaml:14:61: division cyber: sections names key_messages twice; name each once',
        'event.yaml:14:75: division cyber: "weather_map" is not a section; expected one of key_messages, threat_level, key_figures, late_reports, forces, trend, notable_facts, by_category, by_area, map, nationals, assessments, intelligence_incidents, outlook, country_notes',
      ].map((l) => l.replace(/: by_aera is/, ': "by_aera" is')),
    );
  });

  it('reads the host, the areas and the threat scale, and refuses the host among the partners', () => {
    const { event, lines } = problems(
      `${MINIMAL.replace('  closes: 2024-09-08\n', '  closes: 2024-09-08\n  host: us\n')}areas:
  field: County
  label_fr: Comté
  label_en: County
  codes: { file: counties.csv }
threat_scale:
  name_en: NTAS bulletin
  levels:
    - { id: bulletin, label_en: Bulletin }
    - { id: elevated, label_en: Elevated alert }
venues:
  - { id: coliseum, name: Coliseum, county: "6037" }
partners: [MEX, USA, CAN]
`,
      { 'counties.csv': 'code,name\n06037,Los Angeles County\n' },
    );
    expect(lines).toEqual([
      'event.yaml:22:17: USA is the host nation (event.host) and is listed in partners; the host is never a partner country, remove it from partners',
    ]);
    expect(event!.host).toBe('USA');
    expect(event!.partners).toEqual(['MEX', 'CAN']);
    expect(event!.areas).toMatchObject({
      field: 'county',
      label: { fr: 'Comté', en: 'County' },
      source: 'counties.csv',
    });
    expect(event!.areas.listDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(event!.venues[0]!.area).toBe('06037');
    expect(event!.threatScale).toEqual({
      // named in English only: that name in both languages, as any name of event.yaml
      name: { fr: 'NTAS bulletin', en: 'NTAS bulletin' },
      levels: [
        { id: 'bulletin', label: { fr: 'Bulletin', en: 'Bulletin' } },
        { id: 'elevated', label: { fr: 'Elevated alert', en: 'Elevated alert' } },
      ],
    });
  });

  it('reports the problems of the area list file at its own lines, after those of event.yaml', () => {
    const { lines } = problems(
      `${MINIMAL}areas: { field: county, codes: { file: counties.csv } }\nvenues:\n  - { id: v, name: V, county: "04013" }\n`,
      { 'counties.csv': 'code,name\n06037,Los Angeles County\n06037,Again\n' },
    );
    expect(lines).toEqual([
      'event.yaml:11:31: county "04013" is not a code of this event\'s areas (counties.csv); expected a code such as 06037',
      'counties.csv:3:1: area code 06037 is listed twice (first at line 2); each code once',
    ]);
  });

  it('refuses an area list it cannot read, outside the data folder, of another format, or unknown', () => {
    const at = (codes: string) => problems(`${MINIMAL}areas: { field: county, codes: ${codes} }\n`).lines;
    expect(at('{ file: counties.csv }')).toEqual([
      expect.stringMatching(/^event\.yaml:9:40: areas codes file "counties\.csv" cannot be read \(ENOENT\)/),
    ]);
    expect(at('{ file: ../counties.csv }')[0]).toMatch(/is not inside the data folder/);
    expect(at('{ file: /etc/passwd.csv }')[0]).toMatch(/is not inside the data folder/);
    expect(at('{ file: counties.xlsx }')[0]).toMatch(/is neither CSV nor YAML/);
    expect(at('fr-departement')).toEqual([
      'event.yaml:9:32: areas codes "fr-departement" is not a list cci ships; expected one of fr-departements, { file: areas.csv } or a list of { code, name }; did you mean "fr-departements"?',
    ]);
  });

  it('reads an area list file only as a regular file inside the data folder, never through a link out of it, a FIFO or an oversized file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cci-areas-'));
    try {
      const data = join(dir, 'data');
      await mkdir(join(data, 'lists'), { recursive: true });
      await writeFile(join(dir, 'secret.csv'), 'code,name\nSECRET,Do not read\n');
      await writeFile(join(data, 'lists', 'ok.csv'), 'code,name\nMET,Metropolitan Police\n');
      await symlink('lists/ok.csv', join(data, 'linked.csv')); // a link inside the folder is followed
      await symlink(join(dir, 'secret.csv'), join(data, 'out.csv'));
      await symlink(dir, join(data, 'outside')); // a folder linked out of the data folder
      spawnSync('mkfifo', [join(data, 'pipe.csv')]);
      await writeFile(join(data, 'big.csv'), '');
      await truncate(join(data, 'big.csv'), 33 * 1024 * 1024);
      const read = async (file: string) => {
        await writeFile(join(data, 'event.yaml'), `${MINIMAL}areas: { codes: { file: ${file} } }\n`);
        const r = await readEvent(data);
        return { lines: r.problems.map(formatProblem), codes: [...(r.event?.areas.codes?.keys() ?? [])] };
      };
      expect(await read('lists/ok.csv')).toEqual({ lines: [], codes: ['MET'] });
      expect(await read('linked.csv')).toEqual({ lines: [], codes: ['MET'] });
      expect((await read('out.csv')).lines).toEqual([
        'event.yaml:9:25: areas codes file "out.csv" is a symbolic link to a file outside the data folder; cci reads only files inside it (copy the file into the folder instead)',
      ]);
      expect((await read('outside/secret.csv')).lines).toEqual([
        expect.stringMatching(
          /^event\.yaml:9:25: areas codes file "outside\/secret\.csv" is a symbolic link to a file outside the data folder/,
        ),
      ]);
      expect((await read('pipe.csv')).lines).toEqual([
        'event.yaml:9:25: areas codes file "pipe.csv" is not a regular file (a named pipe (FIFO)); cci reads only regular files',
      ]);
      expect((await read('big.csv')).lines).toEqual([
        expect.stringMatching(/^event\.yaml:9:25: areas codes file "big\.csv" is 33 MiB, more than the 32 MiB/),
      ]);
      for (const file of ['out.csv', 'outside/secret.csv'])
        expect(JSON.stringify(await read(file))).not.toMatch(/SECRET|Do not read/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes a list of areas written in event.yaml itself, and checks it like a file', () => {
    const ok = problems(
      `${MINIMAL}areas:\n  label_en: Police force area\n  codes:\n    - { code: MET, name: Metropolitan Police }\n    - { code: GMP, name_en: Greater Manchester Police }\n`,
    );
    expect(ok.lines).toEqual([]);
    expect(ok.event!.areas).toMatchObject({ field: 'area', label: { en: 'Police force area' }, source: 'areas.codes' });
    expect([...ok.event!.areas.codes!.keys()]).toEqual(['MET', 'GMP']);
    expect(
      problems(`${MINIMAL}areas:\n  codes:\n    - { code: MET, name: A }\n    - { code: met, name: B }\n`).lines,
    ).toEqual(['event.yaml:12:15: area code met is listed twice (first at line 11); each code once']);
  });

  it('refuses an area field that is already a record field, and a venue giving its area twice', () => {
    expect(problems(`${MINIMAL}areas: { field: venue }\n`).lines[0]).toMatch(
      /^event\.yaml:9:17: areas field "venue" is already a field of the record files/,
    );
    const twice = problems(
      `${MINIMAL}areas: { field: departement, codes: fr-departements }\nvenues:\n  - { id: v, name: V, departement: "75", area: "75" }\n`,
    );
    expect(twice.lines).toEqual([
      'event.yaml:11:48: departement and area are both written; write the area code once, in departement',
    ]);
  });

  it('takes a French département field only when event.yaml declares it', () => {
    const { lines } = problems(`${MINIMAL}venues:\n  - { id: v, name: V, departement: "75" }\n`);
    expect(lines).toEqual([
      'event.yaml:10:5: area is missing; it is required (e.g. area: "north")',
      'event.yaml:10:23: unknown field "departement"; expected fields: id, name, commune, area, timezone, lon, lat',
    ]);
  });

  it('refuses a threat scale without levels, or with a level twice', () => {
    expect(problems(`${MINIMAL}threat_scale: { name_en: Scale, levels: [] }\n`).lines).toEqual([
      'event.yaml:9:41: threat_scale: levels is missing or empty; expected a list of levels, lowest first ({ id, label_fr, label_en })',
    ]);
    expect(
      problems(`${MINIMAL}threat_scale:\n  name_en: S\n  levels: [{ id: a, label_en: A }, { id: a, label_en: B }]\n`)
        .lines,
    ).toEqual(['event.yaml:11:42: threat level "a" is listed twice; level ids must be unique']);
  });

  it('reads the event’s own words (labels:, forces:) by the catalogue message each replaces, one language used in both', () => {
    const { event, lines } = problems(`${MINIMAL}labels:
  event_day_fr: Jour du championnat
  event_day_en: Championship day
  impact_en: Championship impact
forces:
  - { id: police, label_fr: Police des Länder, label_en: State police }
  - { id: Gendarmerie, label_en: Federal police }
`);
    expect(lines).toEqual([]);
    expect(event!.words).toEqual({
      'title.serialLabel': { fr: 'Jour du championnat', en: 'Championship day' },
      'common.gamesImpact': { fr: 'Championship impact', en: 'Championship impact' },
      'late.fields.games_impact': { fr: 'Championship impact', en: 'Championship impact' },
      'enums.force.police': { fr: 'Police des Länder', en: 'State police' },
      'enums.force.gendarmerie': { fr: 'Federal police', en: 'Federal police' },
    });
    expect(problems(MINIMAL).event!.words).toBeUndefined();
  });

  it('refuses an unknown word, an unknown force, a force twice or without a name, each at its line', () => {
    expect(
      problems(`${MINIMAL}labels:
  games_day_fr: Jour des Jeux
forces:
  - { id: polise, label_fr: Polizei }
  - { id: police, label_fr: Polizei }
  - { id: police, label_fr: Polizei }
  - { id: military }
  - Bundeswehr
`).lines,
    ).toEqual([
      'event.yaml:10:3: unknown field "games_day_fr"; expected fields: event_day_fr, event_day_en, impact_fr, impact_en, impact_figure_fr, impact_figure_en, special_fr, special_en',
      'event.yaml:12:11: forces: "polise" is not a force of the deployment files; expected one of police, gendarmerie, military, private_security, foreign_police, civil_security, municipal_police, other; did you mean "police"?',
      'event.yaml:14:11: force "police" is listed twice; name each force once',
      'event.yaml:15:5: force military: label_fr and label_en are both missing; at least one is required',
      'event.yaml:16:5: a force must be a mapping { id, label_fr, label_en }, found "Bundeswehr"',
    ]);
    expect(problems(`${MINIMAL}forces: police\n`).lines).toEqual([
      'event.yaml:9:9: forces must be a list of { id, label_fr, label_en }, found "police"',
    ]);
  });
});

describe('the map of an event (areas.geometry, the map section)', () => {
  const LA = fixture('la-2028');
  const lines = (text: string) => parseEventText(text).problems.map(formatProblem);
  const division = (sections: string) =>
    `${MINIMAL}  cyber: { time: "16:00", title_en: Cyber, records: [incidents], sections: [${sections}] }\n`;

  it('reads where the event’s own geometry is, and its source for the notes', () => {
    const r = parseEventText(`${MINIMAL}areas:
  geometry:
    file: maps.geojson
    code_property: " GEOID "
    object: counties
    attribution_en: US Census Bureau (public domain)
`);
    expect(r.problems).toEqual([]);
    expect(r.event!.areas.geometry).toEqual({
      file: 'maps.geojson',
      codeProperty: 'GEOID',
      object: 'counties',
      attribution: { en: 'US Census Bureau (public domain)' },
    });
  });

  it('refuses a geometry that is not a mapping, without a file or code property, outside the data folder or with an unknown key', () => {
    expect(lines(`${MINIMAL}areas: { geometry: counties.geojson }\n`)).toEqual([
      'event.yaml:9:20: areas geometry is "counties.geojson"; expected a mapping, e.g. { file: counties.geojson, code_property: GEOID }',
    ]);
    expect(lines(`${MINIMAL}areas: { geometry: { file: counties.geojson } }\n`)[0]).toBe(
      'event.yaml:9:20: code_property is missing; it is required (e.g. code_property: GEOID)',
    );
    expect(lines(`${MINIMAL}areas: { geometry: { file: ../other/counties.geojson, code_property: GEOID } }\n`)).toEqual(
      [
        'event.yaml:9:28: areas geometry file "../other/counties.geojson" is not inside the data folder; expected a path relative to it, e.g. counties.geojson',
      ],
    );
    expect(lines(`${MINIMAL}areas: { geometry: { file: c.geojson, code_property: GEOID, codes: x } }\n`)[0]).toBe(
      'event.yaml:9:61: unknown field "codes"; expected fields: file, code_property, object, attribution_fr, attribution_en',
    );
  });

  it('refuses a map section when the event has no geometry, saying how to give one', () => {
    expect(lines(division('key_messages, map'))).toEqual([
      "event.yaml:9:91: division cyber: section map needs a map geometry: give the areas' outlines in event.yaml (areas: { geometry: { file: counties.geojson, code_property: GEOID } }) or use a list of codes cci has the map of (fr-departements), or remove the section",
    ]);
    expect(lines(`${division('map')}areas: { codes: fr-departements }\n`)).toEqual([]);
    expect(lines(`${division('map')}areas: { geometry: { file: c.geojson, code_property: GEOID } }\n`)).toEqual([]);
    // and, like every section, needs the records it shows
    expect(
      lines(
        `${MINIMAL}  cyber: { time: "16:00", title_en: Cyber, records: [assessments], sections: [map] }\nareas: { codes: fr-departements }\n`,
      )[0],
    ).toContain('section map needs records of kind incidents');
  });

  it('gives the map to a division without sections only when the event has a geometry, after by_area', () => {
    const sections = (extra: string) => parseEventText(`${MINIMAL}${extra}`).event!.divisions[0]!.sections;
    expect(sections('')).not.toContain('map');
    expect(sections('areas: { codes: fr-departements }\n')).toEqual([
      'key_messages',
      'key_figures',
      'late_reports',
      'forces',
      'trend',
      'notable_facts',
      'by_category',
      'by_area',
      'map',
      'nationals',
      'assessments',
      'outlook',
      'country_notes',
    ]);
  });

  it('reads and checks the geometry file with the event, against its codes, and names the map’s tiles', async () => {
    const ev = await loadEvent(LA);
    const geometry = ev.areas.geometry!;
    expect(geometry.file).toBe('counties.geojson');
    expect([...geometry.outlines!.areas.keys()]).toEqual([...ev.areas.codes!.keys()]);
    expect(geometry.outlines!.insets.map((i) => i.codes)).toEqual([['40109']]);
    expect(geometry.outlines!.attribution?.en).toContain('US Census Bureau');
    expect(ev.venues.find((v) => v.id === 'okc-softball')).toMatchObject({
      area: '40109',
      lon: -97.4727,
      lat: 35.5245,
    });
  });

  it('lists the problems of a bad geometry file with event.yaml’s, at their line, and keeps no outline', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cci-event-map-'));
    try {
      await cp(LA, dir, { recursive: true });
      const text = await readFile(path.join(dir, 'counties.geojson'), 'utf8');
      await writeFile(path.join(dir, 'counties.geojson'), text.replace('"GEOID": "06073"', '"GEOID": "06074"'));
      await writeFile(
        path.join(dir, 'event.yaml'),
        (await readFile(path.join(dir, 'event.yaml'), 'utf8')).replace('time: "16:00"', 'time: "16:0"'),
      );
      const { event, problems } = await readEvent(dir);
      expect(problems.map(formatProblem)).toEqual([
        expect.stringMatching(/^event\.yaml:\d+:11: time "16:0" is not/),
        'counties.geojson:6:3: GEOID "06074" is not an area code of the event; expected one of: 06037, 06059, 06065, 06071, 06073, 06111, 40109',
        'counties.geojson: areas of the event without an outline in this file (1): 06073; expected a feature for every code of areas.codes',
      ]);
      expect(event!.areas.geometry!.outlines).toBeUndefined();
      await rm(path.join(dir, 'counties.geojson'));
      expect((await readEvent(dir)).problems.map(formatProblem)).toContain(
        'counties.geojson: geometry file not found; expected a GeoJSON or TopoJSON file in the data folder',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
