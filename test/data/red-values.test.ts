// A problem in a record marked RED — or whose TLP cannot be read, so that it may be RED — names
// the file, line, column and field, never a value of the record: RED reaches no file and no log
// (SPEC §3), and validate, brief, the preview and the cron log all print these problems.

import { describe, expect, it } from 'vitest';
import { parseDayText } from '../../src/data/day.js';
import { emptyCollected, makeReadContext, readRecordText, schemasFor } from '../../src/data/index.js';
import type { RecordKind } from '../../src/data/index.js';
import type { EventConfig } from '../../src/model/types.js';
import { basicEvent, lines, read } from './helpers.js';

const CANARY = 'QZXCANARY';

/** A valid record of each kind (YAML fields), to which one field is then set. */
const VALID: Record<Exclude<RecordKind, never>, Record<string, string>> = {
  incidents: { id: 'I-1', time: '2024-08-05 10:00', category: 'theft', departement: '75', summary_fr: 'Vol' },
  deployments: { date: '2024-08-05', force: 'police', departement: '75', count: '12' },
  assessments: { id: 'A-1', time: '2024-08-05 08:00', theme: 'cyber', level: 'high', title_fr: 'Titre' },
  agenda: { id: 'G-1', start: '2024-08-05 19:00', kind: 'ceremony', departement: '75', title_fr: 'Cérémonie' },
};

/** Values that make any field wrong, each holding the canary. */
const BAD_VALUES = [
  CANARY,
  `${CANARY} with spaces`,
  `${CANARY}\u001b[31m`,
  `${CANARY}${'x'.repeat(20_000)}`,
  `-${CANARY}`,
];

function yamlRecord(fields: Record<string, string | string[]>): string {
  return `- ${Object.entries(fields)
    .map(
      ([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v)}`,
    )
    .join('\n  ')}\n`;
}

function readWith(kind: RecordKind, text: string, format: 'yaml' | 'csv' = 'yaml', event: EventConfig = basicEvent()) {
  const out = emptyCollected();
  readRecordText(text, `2024-08-05/${kind}.${format}`, format, kind, makeReadContext(event), out);
  return out;
}

describe('problems in a record marked RED', () => {
  it('never quote a value of it, whatever field is wrong and however, for every record type', () => {
    let problems = 0;
    for (const kind of Object.keys(VALID) as RecordKind[]) {
      for (const field of schemasFor('departement')[kind].fields) {
        if (field === 'tlp') continue;
        for (const bad of BAD_VALUES) {
          for (const value of [bad, [bad, 'DEU']] as const) {
            const out = read(
              kind,
              yamlRecord({ ...VALID[kind], [field]: value as string | string[], tlp: 'RED' }),
              'yaml',
            );
            problems += out.problems.length;
            for (const line of lines(out.problems)) {
              expect(line, `${kind}.${field}`).not.toContain('QZX');
              expect(line).toMatch(/^2024-08-05\/\w+\.yaml:\d+:\d+: /);
            }
          }
        }
      }
    }
    expect(problems).toBeGreaterThan(200); // the values above were wrong, and said so
  });

  it('say why the value is not shown, and still name the field and what was expected', () => {
    const out = read(
      'incidents',
      yamlRecord({ ...VALID.incidents, category: `${CANARY}-theft`, tlp: 'TLP:RED' }),
      'yaml',
    );
    expect(lines(out.problems)).toEqual([
      '2024-08-05/incidents.yaml:3:13: category (value not shown: the record is marked RED) is not known; expected one of terrorism, public_order, demonstration, drone, cyber, sabotage, transport, theft, assault, fraud, suspicious_item, intrusion, consular, road, other, doping (or a category added in event.yaml)',
    ]);
  });

  it('quote nothing of a time that does not exist or exists twice (the time is a value too)', () => {
    const out = read('incidents', yamlRecord({ ...VALID.incidents, time: '2024-03-31 02:30', tlp: 'RED' }), 'yaml');
    expect(lines(out.problems)).toEqual([
      expect.stringMatching(
        /^2024-08-05\/incidents\.yaml:2:9: time \(value not shown: the record is marked RED\) is not a valid date and time/,
      ),
    ]);
    expect(lines(out.problems)[0]).not.toContain('02:30');
  });

  it('hold for a record without tlp when event.yaml makes RED the default', () => {
    const event = { ...basicEvent(), defaultTlp: 'RED' as const };
    const out = readWith('incidents', yamlRecord({ ...VALID.incidents, category: CANARY }), 'yaml', event);
    expect(lines(out.problems)).toEqual([
      expect.stringContaining('category (value not shown: the record is marked RED)'),
    ]);
  });

  it('hold for a record whose tlp cannot be read: not a TLP, a list, or written twice', () => {
    const cases = [
      yamlRecord({ ...VALID.incidents, category: CANARY, tlp: `RED-${CANARY}` }),
      yamlRecord({ ...VALID.incidents, category: CANARY, tlp: ['RED'] }),
      `${yamlRecord({ ...VALID.incidents, category: CANARY, tlp: 'CLEAR' })}  TLP: RED\n`,
    ];
    for (const text of cases) {
      const out = read('incidents', text, 'yaml');
      expect(out.problems.length).toBeGreaterThan(0);
      for (const line of lines(out.problems)) expect(line).not.toContain('QZX');
      expect(lines(out.problems).join('\n')).toContain(
        "(value not shown: the record's tlp cannot be read, so it may be RED)",
      );
    }
  });

  it('do not quote an id used twice when either use is RED, and still say where the other is', () => {
    const red = yamlRecord({ ...VALID.incidents, id: `${CANARY}-1`, tlp: 'RED' });
    const clear = yamlRecord({ ...VALID.incidents, id: `${CANARY}-1`, tlp: 'CLEAR' });
    for (const text of [red + clear, clear + red, red + red]) {
      expect(lines(read('incidents', text, 'yaml').problems)).toEqual([
        '2024-08-05/incidents.yaml:7:7: this id is already used at 2024-08-05/incidents.yaml:1:7; ids must be unique across the whole data folder',
      ]);
    }
    // two records that are not RED: the id is quoted, as before
    expect(lines(read('incidents', clear + clear, 'yaml').problems)[0]).toContain(`id "${CANARY}-1" is already used`);
  });

  it('hold in CSV: a value outside the named columns, and a header naming tlp twice', () => {
    const csv = read(
      'incidents',
      `id,time,category,departement,summary_fr,tlp\nI-1,2024-08-05 10:00,theft,75,Vol,RED,${CANARY}\n`,
    );
    expect(lines(csv.problems)).toEqual([
      expect.stringMatching(
        /^2024-08-05\/incidents\.csv:2:7: value \(value not shown: the record is marked RED\) is in column 7/,
      ),
    ]);
    const twice = read(
      'incidents',
      `id,time,category,departement,summary_fr,tlp,tlp\nI-1,2024-08-05 10:00,${CANARY},75,Vol,CLEAR,RED\n`,
    );
    expect(lines(twice.problems).join('\n')).not.toContain('QZX');
    expect(lines(twice.problems).join('\n')).toContain('may be RED');
  });

  it('say nothing taken from its values in problems that join two fields or measure one: venue and area, length, items, control character', () => {
    const red = (fields: Record<string, string | string[]>) =>
      lines(read('incidents', yamlRecord({ ...VALID.incidents, ...fields, tlp: 'RED' }), 'yaml').problems);
    // the venue, its area, and the area written: none said (the venue's area tells the record's place)
    const mismatch = red({ venue: 'stade-de-france', departement: '75' });
    expect(mismatch).toEqual([
      expect.stringMatching(
        /^2024-08-05\/incidents\.yaml:4:16: departement \(value not shown: the record is marked RED\) does not match the area of the record's venue; leave departement out or correct it$/,
      ),
    ]);
    expect(mismatch.join('\n')).not.toMatch(/stade|93|75/);
    // how long a text is, how many items a list has, which control character and where
    const long = red({ summary_fr: 'a'.repeat(6789) })[0]!;
    expect(long).toMatch(
      /summary_fr \(value not shown: the record is marked RED\) is too long: more than [\d,]+ characters/,
    );
    expect(long).not.toMatch(/6,?789/);
    const items = red({ nationalities: Array.from({ length: 321 }, () => 'DEU') })[0]!;
    expect(items).toMatch(/nationalities \(value not shown: the record is marked RED\) has more than \d+ items/);
    expect(items).not.toContain('321');
    const control = red({ summary_fr: 'abc\u0007def' })[0]!;
    expect(control).toMatch(
      /summary_fr \(value not shown: the record is marked RED\) holds a control character; remove it/,
    );
    expect(control).not.toMatch(/U\+0007|character 4/);
    // a record that is not RED: all said
    expect(
      lines(
        read(
          'incidents',
          yamlRecord({ ...VALID.incidents, venue: 'stade-de-france', departement: '75', tlp: 'AMBER' }),
          'yaml',
        ).problems,
      ),
    ).toEqual([expect.stringContaining('does not match venue stade-de-france, which is in 93')]);
  });

  it('hold for the key messages of day.yaml', () => {
    const r = parseDayText(
      `key_messages:\n  securite:\n    - fr: ${CANARY}\n      tlp: RED\n      releasable_to: [${CANARY}]\n`,
      '2024-08-05/day.yaml',
      '2024-08-05',
      basicEvent(),
    );
    expect(lines(r.problems)).toEqual([
      expect.stringMatching(
        /^2024-08-05\/day\.yaml:5:23: releasable_to: \(value not shown: the record is marked RED\) is not a known ISO 3166-1 country code/,
      ),
    ]);
  });

  it('do not quote an unknown or repeated field name of it (it is written in the record too), still listing the fields expected', () => {
    const unknown = read(
      'incidents',
      yamlRecord({ ...VALID.incidents, [`${CANARY.toLowerCase()}_note`]: 'x', tlp: 'RED' }),
      'yaml',
    );
    expect(lines(unknown.problems)).toEqual([
      expect.stringMatching(
        /^2024-08-05\/incidents\.yaml:6:3: unknown field \(name not shown: the record is marked RED\); expected fields: id, time, /,
      ),
    ]);
    const twice = read(
      'incidents',
      `- id: I-1\n  time: 2024-08-05 10:00\n  category: theft\n  departement: "75"\n  summary_fr: Vol\n  ${CANARY}: a\n  ${CANARY.toLowerCase()}: b\n  tlp: RED\n`,
      'yaml',
    );
    expect(lines(twice.problems).join('\n')).not.toMatch(/qzx/i);
    expect(lines(twice.problems).join('\n')).toContain('(name not shown: the record is marked RED)');
    const message = parseDayText(
      `key_messages:\n  securite:\n    - fr: Texte\n      ${CANARY}: x\n      tlp: RED\n`,
      '2024-08-05/day.yaml',
      '2024-08-05',
      basicEvent(),
    );
    expect(lines(message.problems)).toEqual([
      expect.stringMatching(
        /^2024-08-05\/day\.yaml:4:7: unknown field \(name not shown: the record is marked RED\); expected fields: fr, en, /,
      ),
    ]);
    // a known field's name is the schema's, not the record's: named even when written twice in a RED record
    const known = read(
      'incidents',
      `- id: I-1\n  time: 2024-08-05 10:00\n  category: theft\n  departement: "75"\n  summary_fr: Vol\n  Summary_FR: ${CANARY}\n  tlp: RED\n`,
      'yaml',
    );
    expect(lines(known.problems).join('\n')).not.toMatch(/qzx/i);
    expect(lines(known.problems)).toEqual([
      expect.stringContaining('field "Summary_FR" is written twice (also as "summary_fr" at line 5'),
    ]);
    // a record that is not RED: the name is quoted, with its did-you-mean
    expect(
      lines(read('incidents', yamlRecord({ ...VALID.incidents, sumary_fr: 'x', tlp: 'AMBER' }), 'yaml').problems)[0],
    ).toContain('unknown field "sumary_fr"; did you mean "summary_fr"?');
  });

  it('quote the values of records that are not RED, as before', () => {
    const out = read('incidents', yamlRecord({ ...VALID.incidents, category: 'thef', tlp: 'AMBER' }), 'yaml');
    expect(lines(out.problems)[0]).toContain('category "thef" is not known');
    expect(lines(out.problems)[0]).toContain('did you mean "theft"?');
  });
});
