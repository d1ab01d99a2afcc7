// Texts that validate also print: every text field of every record type, day.yaml's key messages
// and event.yaml's texts have a length limit stated in the problem, and no control character
// (NUL, ESC, DEL, C1) reaches a document: it is a problem naming the character, never the text.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDayText } from '../../src/data/day.js';
import { parseEventText } from '../../src/data/event.js';
import { codePoints, TEXT_LIMITS } from '../../src/data/limits.js';
import { basicEvent, lines, read } from './helpers.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './helpers.js';

const yamlString = (s: string) => JSON.stringify(s); // a YAML double-quoted scalar

/** The text fields of each record type, with their limit, and a record holding `value` in that field. */
const FIELDS: {
  kind: 'incidents' | 'assessments' | 'agenda';
  field: string;
  max: number;
  record: (field: string, value: string) => string;
}[] = [
  ...['summary_fr', 'summary_en'].map((field) => ({
    kind: 'incidents' as const,
    field,
    max: TEXT_LIMITS.summary,
    record: incident,
  })),
  ...['commune', 'source'].map((field) => ({
    kind: 'incidents' as const,
    field,
    max: TEXT_LIMITS.short,
    record: incident,
  })),
  ...['title_fr', 'title_en'].map((field) => ({
    kind: 'assessments' as const,
    field,
    max: TEXT_LIMITS.title,
    record: assessment,
  })),
  ...['body_fr', 'body_en'].map((field) => ({
    kind: 'assessments' as const,
    field,
    max: TEXT_LIMITS.body,
    record: assessment,
  })),
  { kind: 'assessments', field: 'source', max: TEXT_LIMITS.short, record: assessment },
  ...['title_fr', 'title_en'].map((field) => ({
    kind: 'agenda' as const,
    field,
    max: TEXT_LIMITS.title,
    record: agenda,
  })),
];

function incident(field: string, value: string): string {
  const base: Record<string, string> = {
    id: 'I-1',
    time: '2024-08-05 10:00',
    category: 'theft',
    departement: '75',
    summary_fr: 'Vol',
  };
  base[field] = value;
  return `- ${Object.entries(base)
    .map(([k, v]) => `${k}: ${yamlString(v)}`)
    .join('\n  ')}\n`;
}
function assessment(field: string, value: string): string {
  const base: Record<string, string> = {
    id: 'A-1',
    time: '2024-08-05 08:00',
    theme: 'cyber',
    level: 'high',
    title_fr: 'Titre',
  };
  base[field] = value;
  return `- ${Object.entries(base)
    .map(([k, v]) => `${k}: ${yamlString(v)}`)
    .join('\n  ')}\n`;
}
function agenda(field: string, value: string): string {
  const base: Record<string, string> = {
    id: 'G-1',
    start: '2024-08-05 19:00',
    kind: 'ceremony',
    departement: '75',
    title_fr: 'Cérémonie',
  };
  base[field] = value;
  return `- ${Object.entries(base)
    .map(([k, v]) => `${k}: ${yamlString(v)}`)
    .join('\n  ')}\n`;
}

describe('the length of a text', () => {
  it('is accepted up to its limit and refused one character above, for every text field of every record type', () => {
    for (const { kind, field, max, record } of FIELDS) {
      // words, as real text is, so that it wraps; é is one character of two bytes
      const atLimit = 'é'.repeat(max);
      const ok = read(kind, record(field, atLimit), 'yaml');
      expect(lines(ok.problems), `${kind}.${field}`).toEqual([]);
      const over = read(kind, record(field, `${atLimit}x`), 'yaml');
      expect(lines(over.problems), `${kind}.${field}`).toEqual([
        expect.stringMatching(
          new RegExp(
            `^2024-08-05/${kind}\\.yaml:\\d+:\\d+: ${field} is too long: ${(max + 1).toLocaleString('en-GB')} characters, at most ${max.toLocaleString('en-GB')}; `,
          ),
        ),
      ]);
    }
  });

  it('counts characters, not UTF-16 units: 5,000 emoji are 5,000 characters', () => {
    const emoji = '🚨'.repeat(TEXT_LIMITS.summary);
    expect(codePoints(emoji)).toBe(TEXT_LIMITS.summary);
    expect(read('incidents', incident('summary_en', emoji), 'yaml').problems).toEqual([]);
  });

  it('refuses the 1,000,000-character summary of the issue with the limit stated, quoting none of it', () => {
    const out = read(
      'incidents',
      `id,time,category,departement,summary_fr\nI-1,2024-08-05 10:00,theft,75,${'A'.repeat(1_000_000)}\n`,
    );
    expect(lines(out.problems)).toEqual([
      '2024-08-05/incidents.csv:2:5: summary_fr is too long: 1,000,000 characters, at most 5,000; shorten it (a longer text cannot be printed reliably)',
    ]);
    expect(out.incidents).toEqual([]);
  });

  it('bounds a list written as text, and a list of too many items', () => {
    const long = read(
      'incidents',
      `id,time,category,departement,summary_fr,nationalities\nI-1,2024-08-05 10:00,theft,75,x,${'DEU|'.repeat(600)}\n`,
    );
    expect(lines(long.problems)).toEqual([
      expect.stringMatching(/:2:6: nationalities is too long: 2,400 characters, at most 2,000/),
    ]);
    const many = read(
      'incidents',
      incident('summary_fr', 'x').replace(
        'summary_fr: "x"',
        `summary_fr: x\n  exclude: [${Array(301).fill('DEU').join(', ')}]`,
      ),
      'yaml',
    );
    expect(lines(many.problems)).toEqual([
      expect.stringMatching(/exclude has 301 items, at most 300; shorten the list$/),
    ]);
  });

  it('applies to day.yaml key messages', () => {
    const day = (text: string) =>
      parseDayText(
        `key_messages:\n  securite:\n    - fr: ${yamlString(text)}\n`,
        '2024-08-05/day.yaml',
        '2024-08-05',
        basicEvent(),
      );
    expect(day('é'.repeat(TEXT_LIMITS.keyMessage)).problems).toEqual([]);
    expect(lines(day('é'.repeat(TEXT_LIMITS.keyMessage + 1)).problems)).toEqual([
      expect.stringMatching(/^2024-08-05\/day\.yaml:3:11: fr is too long: 2,001 characters, at most 2,000/),
    ]);
  });

  it('applies to every text of event.yaml: names, centre, protection mention, venues, categories, divisions, threat scale', () => {
    const base = readFileSync(join(FIXTURES, 'basic/event.yaml'), 'utf8');
    const long = 'x'.repeat(TEXT_LIMITS.short + 1);
    const edits: [RegExp, string][] = [
      [/name_fr: Jeux de test 2024/, `name_fr: ${long}`],
      [/centre_en: International Cooperation Centre \(ICC\)/, `centre_en: ${long}`],
      [/name: Stade de France/, `name: ${long}`],
      [/label_fr: Dopage/, `label_fr: ${long}`],
      [/title_en: Intelligence briefing/, `title_en: ${long}`],
      [/label_en: Attack emergency/, `label_en: ${long}`],
    ];
    for (const [re, by] of edits) {
      const r = parseEventText(base.replace(re, by));
      expect(lines(r.problems), String(re)).toEqual([
        expect.stringMatching(/ is too long: 201 characters, at most 200; /),
      ]);
    }
  });

  it('holds the protection mention to the 160 characters the page header and footer fit, said once', () => {
    const base = readFileSync(join(FIXTURES, 'basic/event.yaml'), 'utf8');
    const mention = (s: string) =>
      parseEventText(base.replace(/protection_mention: DIFFUSION RESTREINTE/, `protection_mention: ${s}`));
    expect(TEXT_LIMITS.protectionMention).toBe(160);
    expect(mention('W'.repeat(160)).problems).toEqual([]);
    expect(mention('É'.repeat(160)).problems).toEqual([]);
    expect(lines(mention('W'.repeat(161)).problems)).toEqual([
      expect.stringMatching(/^event\.yaml:\d+:\d+: protection_mention is too long: 161 characters, at most 160; /),
    ]);
    // longer than every other short text too: still one problem, with this limit
    expect(lines(mention('x'.repeat(TEXT_LIMITS.short + 1)).problems)).toEqual([
      expect.stringMatching(/ protection_mention is too long: 201 characters, at most 160; /),
    ]);
  });
});

describe('a control character in a text', () => {
  it('is a problem naming the character and its place in the text, for any C0 or C1 control but tab and line breaks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x9f }).filter((c) => (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c >= 0x7f),
        fc.nat(20),
        (code, at) => {
          // between letters: a control at either end that is also white space (VT, FF, NEL) is trimmed away with the spaces
          const text = `${'a'.repeat(at + 1)}${String.fromCharCode(code)}b`;
          const out = read('incidents', incident('summary_en', text), 'yaml');
          const hex = code.toString(16).toUpperCase().padStart(4, '0');
          expect(lines(out.problems)).toEqual([
            expect.stringMatching(
              new RegExp(
                `summary_en holds the control character U\\+${hex}( \\w+)? \\(character ${at + 2} of the text\\); remove it`,
              ),
            ),
          ]);
          expect(out.incidents).toEqual([]);
        },
      ),
    );
  });

  it('keeps tabs and line breaks of a multi-line text', () => {
    const out = read(
      'incidents',
      '- id: I-1\n  time: 2024-08-05 10:00\n  category: theft\n  departement: "75"\n  summary_fr: |\n    Ligne 1\n    \tLigne 2\n',
      'yaml',
    );
    expect(out.problems).toEqual([]);
    expect(out.incidents[0]!.summary.fr).toBe('Ligne 1\n\tLigne 2');
  });

  it('refuses the ESC and NUL of the issue (YAML escapes \\e and \\0), whatever field holds them', () => {
    const out = read(
      'incidents',
      '- id: CTL-1\n  time: 2024-08-05 10:50\n  category: other\n  departement: "75"\n  summary_fr: "Texte avec \\e[31m échappement"\n  summary_en: "Text with \\0 null"\n  commune: "Pa\\x9bris"\n',
      'yaml',
    );
    expect(lines(out.problems)).toEqual([
      '2024-08-05/incidents.yaml:5:15: summary_fr holds the control character U+001B ESC (character 12 of the text); remove it: control characters cannot be printed',
      '2024-08-05/incidents.yaml:6:15: summary_en holds the control character U+0000 NUL (character 11 of the text); remove it: control characters cannot be printed',
      '2024-08-05/incidents.yaml:7:12: commune holds the control character U+009B CSI (character 3 of the text); remove it: control characters cannot be printed',
    ]);
  });

  it('refuses an unpaired surrogate, which is no text at all', () => {
    const out = read(
      'incidents',
      incident('summary_en', 'x').replace('summary_en: "x"', 'summary_en: "a\\ud800b"'),
      'yaml',
    );
    expect(lines(out.problems)).toEqual([
      expect.stringMatching(/summary_en holds the control character U\+D800 \(character 2 of the text\)/),
    ]);
  });
});
