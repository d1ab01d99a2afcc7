import { describe, expect, it } from 'vitest';
import { parseDayText } from '../../src/data/day.js';
import { basicEvent, lines, read } from './helpers.js';

const HEADER = 'id,time,category,departement,summary_fr';

describe('incident records', () => {
  it('applies the defaults of SPEC §1 and §3 to a minimal incident', () => {
    const out = read('incidents', `${HEADER}\nI-1,2024-08-05 14:10,theft,75,Vol\n`);
    expect(out.problems).toEqual([]);
    expect(out.incidents[0]).toEqual({
      kind: 'incident',
      id: 'I-1',
      time: new Date('2024-08-05T12:10:00Z'),
      category: 'theft',
      severity: 'medium',
      area: '75',
      summary: { fr: 'Vol' },
      arrests: 0,
      custody: 0,
      nationalities: [],
      gamesImpact: false,
      tlp: 'AMBER',
      releasableTo: [],
      exclude: [],
      specialFrance: false,
      status: 'validated',
      source: { file: '2024-08-05/incidents.csv', line: 2 },
    });
  });

  it('takes the département and the time zone from the venue', () => {
    const out = read(
      'incidents',
      'id,time,category,venue,summary_en\nI-1,2024-08-05 07:00,other,teahupoo,Surf\nI-2,2024-08-05 07:00,other,stade-de-france,Match\n',
    );
    expect(out.problems).toEqual([]);
    expect(out.incidents.map((i) => [i.area, i.time.toISOString()])).toEqual([
      ['987', '2024-08-05T17:00:00.000Z'],
      ['93', '2024-08-05T05:00:00.000Z'],
    ]);
  });

  it('reads list fields from YAML sequences and from text separated by | or spaces', () => {
    const yaml = read(
      'incidents',
      '- { id: I-1, time: 2024-08-05 10:00, category: theft, departement: "75", summary_fr: x, nationalities: [de, BRA], releasable_to: [usa], exclude: [] }\n',
      'yaml',
    );
    const csv = read(
      'incidents',
      `${HEADER},nationalities,releasable_to,exclude\nI-2,2024-08-05 10:00,theft,75,x,de|BRA,usa gb, ru | ua \n`,
    );
    expect(yaml.problems).toEqual([]);
    expect(csv.problems).toEqual([]);
    expect(yaml.incidents[0]).toMatchObject({ nationalities: ['DEU', 'BRA'], releasableTo: ['USA'], exclude: [] });
    expect(csv.incidents[0]).toMatchObject({
      nationalities: ['DEU', 'BRA'],
      releasableTo: ['USA', 'GBR'],
      exclude: ['RUS', 'UKR'],
    });
  });

  it('reads booleans written true/false, yes/no, oui/non and 1/0', () => {
    const rows = ['true', 'no', 'OUI', 'Non', '1', '0', 'Yes', 'FALSE'].map(
      (b, i) => `I-${i},2024-08-05 10:00,theft,75,x,${b}`,
    );
    const out = read('incidents', `${HEADER},games_impact\n${rows.join('\n')}\n`);
    expect(out.problems).toEqual([]);
    expect(out.incidents.map((i) => i.gamesImpact)).toEqual([true, false, true, false, true, false, true, false]);
  });

  it('normalises markings: TLP prefix and case, WHITE as CLEAR, draft status, special France', () => {
    const out = read(
      'incidents',
      `${HEADER},tlp,status,special_france\nI-1,2024-08-05 10:00,theft,75,x,TLP:amber+strict,Draft,oui\nI-2,2024-08-05 10:00,theft,75,x,white,,\n`,
    );
    expect(out.problems).toEqual([]);
    expect(out.incidents.map((i) => [i.tlp, i.status, i.specialFrance])).toEqual([
      ['AMBER+STRICT', 'draft', true],
      ['CLEAR', 'validated', false],
    ]);
  });

  it('reads integers with thousands separators and grading in any case', () => {
    const out = read(
      'incidents',
      `${HEADER},arrests,custody,grading\nI-1,2024-08-05 10:00,theft,75,x,1 234,"2\u00a0000",c3\n`,
    );
    expect(out.problems).toEqual([]);
    expect(out.incidents[0]).toMatchObject({ arrests: 1234, custody: 2000, grading: 'C3' });
  });

  it('accepts a category added by event.yaml and refuses an unknown one with a hint', () => {
    const out = read('incidents', `${HEADER}\nI-1,2024-08-05 10:00,doping,75,x\nI-2,2024-08-05 10:00,terorism,75,x\n`);
    expect(out.incidents.map((i) => i.category)).toEqual(['doping']);
    expect(lines(out.problems)).toEqual([
      expect.stringMatching(
        /^2024-08-05\/incidents\.csv:3:3: category "terorism" is not known; expected one of terrorism, .*doping.*; did you mean "terrorism"\?$/,
      ),
    ]);
  });

  it('refuses an unknown venue, suggesting the closest venue id', () => {
    const out = read('incidents', 'id,time,category,venue,summary_fr\nI-1,2024-08-05 10:00,theft,stade-de-frnace,x\n');
    expect(out.incidents).toEqual([]);
    expect(lines(out.problems)).toEqual([
      '2024-08-05/incidents.csv:2:4: venue "stade-de-frnace" is not a venue of event.yaml; did you mean "stade-de-france"?',
    ]);
  });

  it('refuses a département that contradicts the venue, and a missing département without a venue', () => {
    const out = read(
      'incidents',
      'id,time,category,venue,departement,summary_fr\nI-1,2024-08-05 10:00,theft,stade-de-france,75,x\nI-2,2024-08-05 10:00,theft,,,x\n',
    );
    expect(lines(out.problems)).toEqual([
      '2024-08-05/incidents.csv:2:5: departement "75" does not match venue stade-de-france, which is in 93; leave departement out or correct it',
      '2024-08-05/incidents.csv:3: departement is missing; it is required when there is no venue (e.g. departement: "01")',
    ]);
  });

  it('requires at least one of summary_fr and summary_en', () => {
    const out = read(
      'incidents',
      'id,time,category,departement,summary_fr,summary_en\nI-1,2024-08-05 10:00,theft,75,,\nI-2,2024-08-05 10:00,theft,75,,Theft\n',
    );
    expect(out.incidents.map((i) => i.summary)).toEqual([{ en: 'Theft' }]);
    expect(out.problems[0]?.message).toBe('summary_fr and summary_en are both missing; at least one is required');
  });

  it('refuses each bad value with the field, the value and what was expected', () => {
    const rows = [
      'severity;hgih',
      'arrests;-1',
      'custody;1.5',
      'nationalities;DEU XYZ',
      'games_impact;maybe',
      'grading;Z9',
      'tlp;PURPLE',
      'status;final',
      'departement;20',
      'time;2024-02-30 10:00',
      'time;2024-08-05 25:00',
    ];
    for (const row of rows) {
      const [field, value] = row.split(';') as [string, string];
      const base: Record<string, string> = {
        id: 'I-1',
        time: '2024-08-05 10:00',
        category: 'theft',
        departement: '75',
        summary_fr: 'x',
      };
      base[field] = value;
      const out = read('incidents', `${Object.keys(base).join(';')}\n${Object.values(base).join(';')}\n`);
      expect(out.incidents, row).toEqual([]);
      expect(out.problems, row).toHaveLength(1);
      const col = Object.keys(base).indexOf(field) + 1;
      expect(lines(out.problems)[0], row).toMatch(new RegExp(`^2024-08-05/incidents\\.csv:2:${col}: ${field}`));
    }
  });

  it('words enum problems with the list of accepted values', () => {
    const out = read('incidents', `${HEADER},severity\nI-1,2024-08-05 10:00,theft,75,x,hgih\n`);
    expect(lines(out.problems)).toEqual([
      '2024-08-05/incidents.csv:2:6: severity "hgih" is not known; expected one of low, medium, high, critical; did you mean "high"?',
    ]);
  });

  it('refuses an unknown YAML field with a did-you-mean hint at the key position', () => {
    const out = read(
      'incidents',
      '- id: I-1\n  time: 2024-08-05 10:00\n  category: theft\n  departement: "75"\n  summary_fr: x\n  sevrity: high\n',
      'yaml',
    );
    expect(lines(out.problems)).toEqual([
      '2024-08-05/incidents.yaml:6:3: unknown field "sevrity"; did you mean "severity"?',
    ]);
  });

  it('refuses an unknown CSV column once, on the header, with a hint', () => {
    const out = read(
      'incidents',
      'id,time,category,departement,sumary_fr,summary_en\nI-1,2024-08-05 10:00,theft,75,x,y\nI-2,2024-08-05 10:00,theft,75,x,y\n',
    );
    expect(lines(out.problems)).toEqual([
      '2024-08-05/incidents.csv:1:5: unknown column "sumary_fr"; did you mean "summary_fr"? (its values are not read)',
    ]);
  });

  it('reports a required column missing from the header once, not on every row', () => {
    const out = read('incidents', 'id,category,departement,summary_fr\nI-1,theft,75,x\nI-2,theft,75,x\n');
    expect(lines(out.problems)).toEqual([
      '2024-08-05/incidents.csv:1:1: the header has no time column; it is required (columns found: id, category, departement, summary_fr)',
    ]);
  });

  it('treats __proto__ and constructor as unknown fields without touching any prototype', () => {
    const out = read(
      'incidents',
      '- id: I-1\n  time: 2024-08-05 10:00\n  category: theft\n  departement: "75"\n  summary_fr: x\n  __proto__: { polluted: yes }\n  constructor: x\n',
      'yaml',
    );
    expect(out.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^unknown field "__proto__"/),
      expect.stringMatching(/^unknown field "constructor"/),
    ]);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps YAML 1.2 core scalars as written: no, yes, 08 and 0x10 are not booleans or numbers', () => {
    const out = read(
      'incidents',
      '- id: 0x10\n  time: 2024-08-05 10:00\n  category: theft\n  departement: 08\n  summary_fr: no\n  summary_en: yes\n  games_impact: no\n',
      'yaml',
    );
    expect(out.problems).toEqual([]);
    expect(out.incidents[0]).toMatchObject({
      id: '0x10',
      area: '08',
      summary: { fr: 'no', en: 'yes' },
      gamesImpact: false,
    });
  });

  it('refuses a YAML record that writes a marking field twice in another case, instead of keeping one of them', () => {
    const out = read(
      'incidents',
      '- id: I-1\n  time: 2024-08-05 10:00\n  category: theft\n  departement: "75"\n  summary_fr: x\n  tlp: RED\n  TLP: CLEAR\n' +
        '- id: I-2\n  time: 2024-08-05 10:00\n  category: theft\n  departement: "75"\n  summary_fr: x\n  exclude: [BRA]\n  Exclude: USA\n',
      'yaml',
    );
    expect(out.incidents).toEqual([]);
    expect(lines(out.problems)).toEqual([
      '2024-08-05/incidents.yaml:7:3: field "TLP" is written twice (also as "tlp" at line 6, field names ignore case); write each field once',
      '2024-08-05/incidents.yaml:14:3: field "Exclude" is written twice (also as "exclude" at line 13, field names ignore case); write each field once',
    ]);
  });

  it('refuses a key message of day.yaml that writes its marking twice in another case', () => {
    const text = 'key_messages:\n  securite:\n    - en: Reserved.\n      tlp: AMBER+STRICT\n      Tlp: green\n';
    const { day, problems } = parseDayText(text, '2024-08-05/day.yaml', '2024-08-05', basicEvent());
    expect(day?.keyMessages ?? []).toEqual([]);
    expect(lines(problems)).toEqual([
      '2024-08-05/day.yaml:5:7: field "Tlp" is written twice (also as "tlp" at line 4, field names ignore case); write each field once',
    ]);
  });

  it('reports every problem of a file in one run, in line order', () => {
    const out = read(
      'incidents',
      `${HEADER},severity,arrests\nI-1,2024-08-05 10:00,theft,75,x,hgih,-2\nI-2,2024-03-31 02:30,theft,75,x,,\nI-3,2024-08-05 10:00,thef,96,x,,\n`,
    );
    expect(out.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['2:6', '2:7', '3:2', '4:3', '4:4']);
  });
});

describe('deployment, assessment and agenda records', () => {
  it('reads deployments with grouped counts and refuses negative counts and unknown forces', () => {
    const out = read(
      'deployments',
      'date;force;departement;count\n2024-08-05;police;75;12\u202f500\n2024-08-05;polise;;10\n2024-08-05;military;;-5\n2024-08-32;other;;1\n',
    );
    expect(out.deployments).toMatchObject([{ date: '2024-08-05', force: 'police', area: '75', count: 12500 }]);
    expect(lines(out.problems)).toEqual([
      expect.stringMatching(
        /^2024-08-05\/deployments\.csv:3:2: force "polise" is not known; expected one of police, gendarmerie, .*; did you mean "police"\?$/,
      ),
      '2024-08-05/deployments.csv:4:4: count "-5" cannot be negative; expected a whole number 0 or more, e.g. 12 or 1 234',
      '2024-08-05/deployments.csv:5:1: date "2024-08-32" is not a real date: day 32 does not exist in 2024-08',
    ]);
  });

  it('reads assessments in the event time zone and checks theme and level', () => {
    const out = read(
      'assessments',
      '- { id: A-1, time: 2024-08-05 08:00, theme: cyber, level: very_high, title_en: Attacks, grading: b2 }\n- { id: A-2, time: 2024-08-05 08:00, theme: cyber, level: extreme, title_fr: x }\n- { id: A-3, time: 2024-08-05 08:00, theme: cyber, level: low }\n',
      'yaml',
    );
    expect(out.assessments).toMatchObject([
      {
        id: 'A-1',
        time: new Date('2024-08-05T06:00:00Z'),
        theme: 'cyber',
        level: 'very_high',
        title: { en: 'Attacks' },
        body: {},
        grading: 'B2',
      },
    ]);
    expect(out.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'level "extreme" is not known; expected one of low, moderate, high, very_high'],
      [3, 'title_fr and title_en are both missing; at least one is required'],
    ]);
  });

  it('reads agenda items, defaulting risk to medium and refusing an end before the start', () => {
    const out = read(
      'agenda',
      'id,start,end,kind,title_fr,venue,departement,risk\nG-1,2024-08-06 19:30,2024-08-06 23:00,competition,Finale,stade-de-france,,\nG-2,2024-08-06 19:30,2024-08-06 18:00,strike,Grève,,75,high\nG-3,2024-08-06 19:30,,parade,Défilé,,75,\n',
    );
    expect(out.agenda).toMatchObject([
      {
        id: 'G-1',
        agendaKind: 'competition',
        venue: 'stade-de-france',
        area: '93',
        risk: 'medium',
        end: new Date('2024-08-06T21:00:00Z'),
      },
    ]);
    expect(lines(out.problems)).toEqual([
      '2024-08-05/agenda.csv:3:3: end is before start; expected an end at or after the start',
      expect.stringMatching(
        /^2024-08-05\/agenda\.csv:4:4: kind "parade" is not known; expected one of ceremony, competition/,
      ),
    ]);
  });
});
