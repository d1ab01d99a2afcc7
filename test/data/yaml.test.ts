// YAML aliases are bounded by what they expand to, not by how often they are used: records
// sharing a list load; an alias bomb or a loop is refused at once.

import { afterEach, describe, expect, it } from 'vitest';
import { setCliLang } from '../../src/i18n/cli-lang.js';
import { fastYamlRecords } from '../../src/data/yaml-fast.js';
import { MAX_ALIAS_NODES, parseYaml } from '../../src/data/yaml.js';
import { lines, read } from './helpers.js';

/** The case of the issue (cases/build shared-aliases): 30 records sharing two anchored lists. */
function sharedAliases(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const nat = i === 0 ? '&fans [DEU, BEL]' : '*fans';
    const rel = i === 0 ? '&rel [DEU, BRA, USA]' : '*rel';
    out.push(
      `- id: AL-${i}\n  time: 2024-08-05T0${i % 10}:${String(i % 60).padStart(2, '0')}\n  category: public_order\n  departement: "75"\n  summary_fr: Supporters ${i}\n  nationalities: ${nat}\n  releasable_to: ${rel}\n`,
    );
  }
  return out.join('');
}

describe('YAML aliases', () => {
  it('load 30 records sharing *fans and *rel, each with the whole lists', () => {
    const out = read('incidents', sharedAliases(30), 'yaml');
    expect(lines(out.problems)).toEqual([]);
    expect(out.incidents).toHaveLength(30);
    for (const i of out.incidents)
      expect(i).toMatchObject({ nationalities: ['DEU', 'BEL'], releasableTo: ['DEU', 'BRA', 'USA'] });
  });

  it('load 2,000 records sharing them too (a day of a large event)', () => {
    const out = read('incidents', sharedAliases(2000), 'yaml');
    expect(out.problems).toEqual([]);
    expect(out.incidents).toHaveLength(2000);
  });

  it('are left to the full parser by the fast path, which never guesses at them', () => {
    expect(fastYamlRecords(sharedAliases(3), 'f.yaml')).toBeUndefined();
  });

  it('refuse an alias bomb (billion laughs) quickly, at the alias that crossed the bound, and use nothing of the file', () => {
    const levels = ['- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`- &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const t0 = Date.now();
    const r = parseYaml(`${levels.join('\n')}\n`, 'bomb.yaml');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.root).toBeUndefined();
    expect(r.problems).toEqual([
      {
        file: 'bomb.yaml',
        line: 6,
        column: 7,
        message: expect.stringContaining(`expand to more than ${MAX_ALIAS_NODES.toLocaleString('en-GB')} values`),
      },
    ]);
  });

  it('refuse an alias to the value it is written in, and an alias to no anchor', () => {
    expect(parseYaml('- &a [x, *a]\n', 'loop.yaml').problems).toEqual([
      { file: 'loop.yaml', line: 1, column: 10, message: expect.stringContaining('(a loop)') },
    ]);
    expect(parseYaml('- [x, *nowhere]\n', 'none.yaml').problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/\*nowhere|nowhere/) }),
    ]);
  });

  it('expand to the latest anchor of their name before them', () => {
    const r = parseYaml('- &x [A]\n- *x\n- &x [B]\n- *x\n', 'f.yaml');
    expect(r.problems).toEqual([]);
    expect(
      r.root?.kind === 'seq' &&
        r.root.items.map((i) => (i.kind === 'seq' ? i.items.map((s) => (s.kind === 'scalar' ? s.text : '?')) : '?')),
    ).toEqual([['A'], ['A'], ['B'], ['B']]);
  });
});

describe('YAML syntax problems', () => {
  afterEach(() => setCliLang('en'));
  const problemsOf = (text: string): string[] =>
    parseYaml(text, 'f.yaml').problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
  /** The library's own words, English and naming its API, that a duty officer must never see. */
  const LIBRARY = /Nested mappings|parseAllDocuments|Unexpected|Maximum call stack|token|Implicit|Missing|sufficiently/;

  it('say what to do, once a line, at the place, for an unquoted colon, a tab, a second document', () => {
    expect(problemsOf('- id: C\n  summary_fr: Vol: sac: arraché\n')).toEqual([
      expect.stringMatching(
        /^2:15: YAML syntax: ": " \(a colon and a space\) inside this value starts another field.*double quotes/,
      ),
    ]);
    expect(problemsOf('- id: B\n\ttime: 2026-11-30 10:00\n')).toEqual([
      '2:1: YAML syntax: this line is indented with a tab, which YAML does not allow; indent with spaces',
    ]);
    expect(problemsOf('- id: G\n---\n- id: H\n')).toEqual([
      expect.stringMatching(/^2:1: YAML syntax: a second YAML document starts here \(a line "---" or "..."\)/),
    ]);
  });

  it("say every kind of syntax error from the catalogues, in French too, never in the library's words", () => {
    const cases = [
      '- id: "A\n',
      '- id: [A, B\n',
      '- id: A\n  x: 1\n   y: 2\n',
      '- id: A\n  "x\n  y": 2\n',
      '- id: [ - a ]\n',
      '- id: @x\n',
      '- id: *\n',
      '- id: "A\\q"\n',
      '- id: &a &b A\n',
      '- id: A\n  arrests: !!int abc\n',
      `- ${'k'.repeat(1100)}: 1\n`,
      '- { a: 1\n',
    ];
    for (const lang of ['en', 'fr'] as const) {
      setCliLang(lang);
      for (const c of cases) {
        const found = problemsOf(c);
        expect(found.length, c).toBeGreaterThan(0);
        for (const p of found) expect(p, c).not.toMatch(LIBRARY);
        // one line for one place
        expect(new Set(found.map((p) => p.split(': ')[0])).size, c).toBe(found.length);
      }
    }
    setCliLang('fr');
    expect(problemsOf('- id: "A\n')).toEqual([
      expect.stringMatching(/^2:1: syntaxe YAML : une valeur entre guillemets n’est pas fermée/),
    ]);
  });

  it('say values nested thousands deep in one line, never "Maximum call stack size exceeded"', () => {
    for (const open of ['[', '{a: ']) {
      const close = open === '[' ? ']' : '}';
      const found = problemsOf(`- id: DEEP\n  nationalities: ${open.repeat(100_000)}1${close.repeat(100_000)}\n`);
      expect(found).toEqual([expect.stringMatching(/^2:\d+: values nest more than 100 levels deep/)]);
    }
  });

  it('say a tag cci does not read (!!omap, !!set, !tag) at the tag, with what to write', () => {
    expect(problemsOf('- id: O\n  time: 2026-11-30 10:00\n  commune: !!omap [ {a: 1} ]\n')).toEqual([
      '3:12: the YAML tag !!omap is not read by cci; remove it, and write the value as a text, a list or fields',
    ]);
    expect(problemsOf('- id: O\n  commune: &c !!set\n    ? a\n')).toEqual([
      expect.stringMatching(/^2:15: the YAML tag !!set is not read by cci/),
    ]);
    // a value starting with "!" unquoted is a tag: said, not dropped; the tag itself is not quoted
    expect(problemsOf('- id: O\n  summary_fr: !secret vol\n')).toEqual([
      expect.stringMatching(
        /^2:15: this value starts with a YAML tag \(!name\), which cci does not read; .*double quotes/,
      ),
    ]);
    expect(problemsOf('- id: O\n  summary_fr: !secret vol\n').join('')).not.toContain('secret');
    // the core schema's own tags say what a value is, and are read
    expect(parseYaml('- id: !!str 08\n', 'f.yaml').problems).toEqual([]);
  });
});
