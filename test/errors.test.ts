// Problem lines: the place stays one unambiguous line whatever the file is called, warnings say
// so, and repeated problems of one kind in one file are summarised after a few.

import { describe, expect, it } from 'vitest';
import { DataError, errorsOf, formatPlace, formatProblem, problemLines, SHOWN_PER_KIND } from '../src/errors.js';
import type { Problem } from '../src/errors.js';

describe('formatPlace', () => {
  it('escapes a file name holding ESC or a line break, so that file:line: stays on one line', () => {
    const line = formatProblem({ file: '2024-08-05/incidents-\u001b[31mred.yaml', line: 1, column: 1, message: 'm' });
    expect(line).toBe('"2024-08-05/incidents-\\u001b[31mred.yaml":1:1: m');
    expect(formatPlace({ file: 'a\n2024-08-05/fake.csv', line: 9 })).toBe('"a\\u000a2024-08-05/fake.csv":9');
    expect(formatPlace({ file: 'book.xlsx', sheet: 'x\u001by', line: 2, column: 3 })).toBe("book.xlsx:'x\\u001by'!C2");
  });
});

describe('problemLines', () => {
  const unknown = (i: number): Problem => ({
    file: 'd/incidents.csv',
    line: 1,
    column: i,
    message: `unknown column "x${i}"; expected fields: id, time`,
  });

  it('shows the first few problems of one kind in a file, then one line saying how many more and where', () => {
    const problems = [
      ...Array.from({ length: 100_000 }, (_, i) => unknown(i + 6)),
      { file: 'd/incidents.csv', line: 3, column: 2, message: 'time "x" is not a date' },
    ];
    const lines = problemLines(problems);
    expect(lines).toHaveLength(SHOWN_PER_KIND + 2);
    expect(lines.slice(0, SHOWN_PER_KIND)).toEqual(
      [6, 7, 8, 9, 10].map((c) => `d/incidents.csv:1:${c}: unknown column "x${c}"; expected fields: id, time`),
    );
    expect(lines[SHOWN_PER_KIND]).toBe('d/incidents.csv:3:2: time "x" is not a date');
    expect(lines[SHOWN_PER_KIND + 1]).toBe(
      'd/incidents.csv: 99,995 more problems of the same kind, from 1:11 to 1:100005 (not listed)',
    );
  });

  it('counts kinds per file, and lists everything when no kind repeats more than the few', () => {
    const problems = [unknown(1), unknown(2), { ...unknown(3), file: 'other.csv' }];
    expect(problemLines(problems)).toEqual(problems.map(formatProblem));
  });

  it('keeps a data error message short', () => {
    const e = new DataError(Array.from({ length: 1000 }, (_, i) => unknown(i)));
    expect(e.message.split('\n')).toHaveLength(SHOWN_PER_KIND + 1);
  });
});

describe('warnings', () => {
  it('are written as warnings and do not count as problems', () => {
    const w: Problem = { file: 'd/notes.txt', message: 'not read', severity: 'warning' };
    expect(formatProblem(w)).toBe('d/notes.txt: warning: not read');
    expect(errorsOf([w, unknownOf()])).toEqual([unknownOf()]);
  });
});

function unknownOf(): Problem {
  return { file: 'f', message: 'm' };
}
