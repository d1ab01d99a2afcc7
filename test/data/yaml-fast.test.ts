// The fast path of YAML record files must give exactly what the full parser gives, or give up.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/data/decode.js';
import { fastYamlRecords } from '../../src/data/yaml-fast.js';
import { mapToRecord, parseYaml } from '../../src/data/yaml.js';
import type { RawRecord } from '../../src/data/raw.js';
import { FIXTURES } from './helpers.js';

const DATA = path.resolve(FIXTURES, '../data');

/** What the full parser makes of the text, when it is a list of mappings without problems. */
function full(text: string): RawRecord[] | undefined {
  const { root, problems } = parseYaml(text, 'f.yaml');
  if (problems.length > 0 || !root || root.kind !== 'seq' || root.items.some((i) => i.kind !== 'map')) return undefined;
  return root.items.map((m) => mapToRecord(m as Parameters<typeof mapToRecord>[0], 'f.yaml'));
}

const plain = (records: RawRecord[]) => records.map((r) => ({ ...r, fields: [...r.fields] }));

/** Fast path either declines, or agrees with the full parser (which must then accept). */
function agrees(text: string): 'fast' | 'declined' {
  const fast = fastYamlRecords(text, 'f.yaml');
  if (fast === undefined) return 'declined';
  const slow = full(text);
  expect(slow, `the full parser refuses what the fast path took:\n${text}`).toBeDefined();
  expect(plain(fast)).toEqual(plain(slow!));
  return 'fast';
}

describe('fast YAML record files', () => {
  it('reads the flat form exactly as the full parser does', () => {
    const taken = [
      '- id: A\n  time: 2024-08-05\n',
      '- id: A\n  nationalities: [ USA, GBR ]\n  tlp: TLP:AMBER\n',
      '- id: A\n  nationalities: []\n  x: ~\n  y: null\n  z:\n',
      "-   id: A\n    Time: \"x\"\n    time: 'it''s'\n",
      '- id: A\r\n  summary_fr: "  padded  "\r\n  arrests: 08\r\n',
      '# head\n\n- id: A\n  # c\n  a: b\n\n- id: B\n',
      '- id: A\n  a: b:c\n',
      '- id: A\n  a: [A,B]\n  b: [ A , B ]   \n',
      '- id: A\n  a: 1.5e3\n  b: .inf\n  c: 0x1F\n',
      '- id: A\n  a: été “x” ’ «y»\n',
      '- id: A\n  b: ""\n  c: "  "\n',
      '- id: A\n  a: x\n  \n  b: y\n',
      '- id: A\n  tlp: RED\n  TLP: CLEAR\n  Tlp:\n  exclude: [BRA]\n  EXCLUDE: []\n', // duplicates recorded alike
    ];
    for (const t of taken) expect(agrees(t)).toBe('fast');
  });

  it('leaves everything else to the full parser', () => {
    const declined = [
      '- id: A\n  a: b # c\n', // comment after a value
      '- id: A\n  a: x\n  a: y\n', // duplicate key: the parser reports it
      '- id: A\n  a:\n  - x\n', // block list
      '- id: A\n  a: x\n   y\n', // multi-line plain value
      '- id: A\n  a: "multi\n    line"\n',
      '- id: A\n  a: |\n    text\n',
      '- id: A\n  a: {b: c}\n',
      '- id: A\n  a: "x"y\n',
      '- id: A\n  d: [ ~ ]\n',
      '- id: A\n  a: "\\u00e9"\n', // escapes
      '- id: &x A\n  b: *x\n',
      '- id: A\n\ta: b\n',
      '---\n- id: A\n',
      '- id: A\n  a: x\n...\n',
      '- id: A\n  true: x\n',
      'id: A\n',
      '',
    ];
    for (const t of declined) expect(agrees(t)).toBe('declined');
  });

  it('agrees with the full parser on every record file of the demo data', () => {
    let fast = 0;
    for (const day of readdirSync(DATA).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))) {
      for (const f of readdirSync(path.join(DATA, day)).filter((n) => /\.ya?ml$/.test(n) && n !== 'day.yaml')) {
        if (agrees(decodeText(readFileSync(path.join(DATA, day, f)))) === 'fast') fast++;
      }
    }
    expect(fast).toBeGreaterThan(50);
  });

  it('agrees with the full parser on generated files', () => {
    const key = fc.oneof(
      { arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{2,8}$/), weight: 8 },
      { arbitrary: fc.constantFrom('id', 'time', 'Time', 'a-b', 'null', 'true', 'é'), weight: 2 },
    );
    const word = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,5}$/);
    const often = <T>(usual: T, ...rare: T[]) =>
      fc.oneof(
        { arbitrary: fc.constant(usual), weight: 4 * rare.length },
        ...rare.map((r) => ({ arbitrary: fc.constant(r), weight: 1 })),
      );
    const safe = fc.string({
      unit: fc.constantFrom('a', 'é', ' ', 'B', '1', '.', '’', '-', ':'),
      minLength: 1,
      maxLength: 12,
    });
    const hostile = fc.string({
      unit: fc.constantFrom(
        'a',
        ' ',
        ':',
        '#',
        '"',
        "'",
        '[',
        ']',
        ',',
        '-',
        '~',
        '\\',
        '\t',
        '{',
        '&',
        '*',
        '!',
        '|',
        '>',
      ),
      maxLength: 8,
    });
    const value = fc.oneof(
      { arbitrary: safe, weight: 6 },
      { arbitrary: safe.map((t) => `"${t}"`), weight: 2 },
      { arbitrary: safe.map((t) => `'${t}'`), weight: 1 },
      { arbitrary: hostile, weight: 2 },
      { arbitrary: fc.array(word, { maxLength: 3 }).map((ws) => `[ ${ws.join(', ')} ]`), weight: 2 },
      { arbitrary: fc.array(word, { maxLength: 3 }).map((ws) => `[${ws.join(',')}]`), weight: 1 },
      { arbitrary: fc.constantFrom('~', 'null', '', '"  "', "''", '08', '1e3', 'TLP:AMBER', "'it''s'"), weight: 2 },
    );
    const line = fc.tuple(often('', ' ', '   '), key, often(': ', ':', ':  ', ' :'), value, often('', ' ', '\r'));
    const record = fc.tuple(often('- ', '-   ', '-'), fc.array(line, { minLength: 1, maxLength: 5 }));
    let taken = 0;
    const file = fc.array(
      fc.oneof({ arbitrary: record, weight: 6 }, fc.constant('comment' as const), fc.constant('blank' as const)),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(file, (parts) => {
        const out: string[] = [];
        for (const p of parts) {
          if (p === 'comment') {
            out.push('# note');
            continue;
          }
          if (p === 'blank') {
            out.push('');
            continue;
          }
          const [dash, lines] = p;
          const indent = ' '.repeat(dash.length);
          lines.forEach(([extra, k, colon, v, end], i) => {
            out.push(`${i === 0 ? dash : indent + extra}${k}${colon}${v}${end}`);
          });
        }
        if (agrees(`${out.join('\n')}\n`) === 'fast') taken++;
      }),
      { numRuns: 3000 },
    );
    expect(taken).toBeGreaterThan(150); // the comparison is not vacuous
  });
});
