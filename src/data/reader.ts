// Reads the fields of one raw record against a record type's field list: unknown fields are
// refused with a "did you mean" hint, required ones must be there, and every value goes
// through its parser. The reader remembers whether anything failed.

import type { Markings, Tlp } from '../model/types.js';
import type { Pos, RawField, RawRecord } from './raw.js';
import { didYouMean } from './suggest.js';
import { boolean, countries, status, tlp } from './values.js';
import type { FieldParser, Reporter } from './values.js';

export const MARKING_FIELDS = ['tlp', 'releasable_to', 'exclude', 'special_france', 'status'] as const;

export class RecordReader {
  failed = false;

  constructor(
    readonly record: RawRecord,
    readonly known: ReadonlySet<string>,
    readonly report: Reporter,
    /** Required fields whose absence was already reported once (a CSV header without the column). */
    readonly quietMissing: ReadonlySet<string> = EMPTY,
  ) {
    // CSV headers are checked once per file; YAML records field by field.
    if (record.format === 'yaml') {
      for (const [name, f] of record.fields) {
        if (!known.has(name)) {
          this.failed = true;
          report.at(f.key, unknownFieldMessage(name, known));
        }
      }
      // `tlp: RED` then `TLP: CLEAR`: neither value can be trusted, so the record is refused.
      for (const d of record.duplicates ?? []) {
        this.failed = true;
        report.at(d.key, `field ${JSON.stringify(d.name)} is written twice (also as ${JSON.stringify(d.first.name)} at line ${d.first.line}, field names ignore case); write each field once`);
      }
    }
  }

  get where(): Pos | undefined {
    return this.record.format === 'yaml' ? this.record : undefined;
  }

  has(name: string): boolean {
    return this.record.fields.has(name);
  }

  field(name: string): RawField | undefined {
    return this.record.fields.get(name);
  }

  /** The value of an optional field; undefined when absent or invalid (then reported). */
  get<T>(name: string, parse: FieldParser<T>): T | undefined {
    const f = this.record.fields.get(name);
    if (f === undefined) return undefined;
    const v = parse(f, this.report);
    if (v === undefined) this.failed = true;
    return v;
  }

  /** The value of a required field; a missing one is reported. */
  req<T>(name: string, parse: FieldParser<T>, example?: string): T | undefined {
    const f = this.record.fields.get(name);
    if (f === undefined) {
      this.failed = true;
      if (!this.quietMissing.has(name)) {
        this.problem(`${name} is missing; it is required${example ? ` (e.g. ${name}: ${example})` : ''}`);
      }
      return undefined;
    }
    return this.get(name, parse);
  }

  /** A problem about the record as a whole, at its first line. */
  problem(message: string, at?: Pos): void {
    this.failed = true;
    const pos = at ?? this.where;
    if (pos) this.report.at(pos, message);
    else this.report.problems.push({ file: this.record.file, line: this.record.line, message });
  }

  /** The marking fields of SPEC §3, with defaults. */
  markings(defaultTlp: Tlp): Markings {
    return {
      tlp: this.get('tlp', tlp) ?? defaultTlp,
      releasableTo: this.get('releasable_to', countries) ?? [],
      exclude: this.get('exclude', countries) ?? [],
      specialFrance: this.get('special_france', boolean) ?? false,
      status: this.get('status', status) ?? 'validated',
    };
  }
}

const EMPTY: ReadonlySet<string> = new Set();

export function unknownFieldMessage(name: string, known: Iterable<string>): string {
  const list = [...known];
  const hint = didYouMean(name, list);
  return `unknown field ${JSON.stringify(name)}${hint || `; expected fields: ${list.join(', ')}`}`;
}
