import { describe, expect, it } from 'vitest';
import { cappedWarnings } from '../../src/pipeline/load.js';
import type { Problem } from '../../src/errors.js';

const warning = (file: string, line: number): Problem => ({ file, line, severity: 'warning', message: `far ${line}` });

describe('cappedWarnings', () => {
  it('says each file’s first ten warnings, then counts the others once, naming the command that lists them all', () => {
    const many = Array.from({ length: 125_000 }, (_, i) => warning('2024-08-05/incidents.csv', i + 2));
    const lines = cappedWarnings([...many, warning('2024-08-06/incidents.yaml', 3)], '/srv/data');
    expect(lines).toHaveLength(12);
    expect(lines.slice(0, 2)).toEqual([
      '2024-08-05/incidents.csv:2: warning: far 2',
      '2024-08-05/incidents.csv:3: warning: far 3',
    ]);
    expect(lines[10]).toBe('2024-08-06/incidents.yaml:3: warning: far 3');
    expect(lines[11]).toBe(
      '2024-08-05/incidents.csv: 124,990 more warnings like those above (cci validate --data /srv/data lists them all)',
    );
    // ten or fewer: every one, nothing counted
    expect(cappedWarnings(many.slice(0, 10), '/d')).toHaveLength(10);
    expect(cappedWarnings(many.slice(0, 11), '/d').at(-1)).toBe(
      '2024-08-05/incidents.csv: 1 more warning like those above (cci validate --data /d lists them all)',
    );
  });
});
