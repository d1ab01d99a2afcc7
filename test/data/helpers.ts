import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem } from '../../src/errors.js';
import type { Problem } from '../../src/errors.js';
import type { EventConfig } from '../../src/model/types.js';
import { emptyCollected, makeReadContext, parseEventText, readRecordText } from '../../src/data/index.js';
import type { Collected, RecordKind } from '../../src/data/index.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
export const fixture = (name: string): string => path.join(FIXTURES, name);

let cached: EventConfig | undefined;
/** The event of fixtures/basic (Europe/Paris, a Pacific/Tahiti venue, a custom category). */
export function basicEvent(): EventConfig {
  if (!cached) {
    const r = parseEventText(readFileSync(path.join(FIXTURES, 'basic/event.yaml'), 'utf8'));
    if (!r.event || r.problems.length > 0) throw new Error(r.problems.map(formatProblem).join('\n'));
    cached = r.event;
  }
  return cached;
}

/** Reads one record file's text against the basic event. */
export function read(
  kind: RecordKind,
  text: string,
  format: 'csv' | 'yaml' = 'csv',
  file = `2024-08-05/${kind}.${format}`,
): Collected {
  const out = emptyCollected();
  readRecordText(text, file, format, kind, makeReadContext(basicEvent()), out);
  return out;
}

export const lines = (problems: Problem[]): string[] => problems.map(formatProblem);
