// YAML aliases are bounded by what they expand to, not by how often they are used: records
// sharing a list load; an alias bomb or a loop is refused at once.

import { describe, expect, it } from 'vitest';
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
