// Reads the fields of one raw record against a record type's field list: unknown fields are
// refused with a "did you mean" hint, required ones must be there, and every value goes
// through its parser. The reader remembers whether anything failed.

import type { Markings, Tlp } from '../model/types.js';
import type { Pos, RawField, RawRecord } from './raw.js';
import { didYouMean } from './suggest.js';
import { boolean, countries, parseTlp, status, tlp } from './values.js';
import type { FieldParser, HiddenValues, Reporter } from './values.js';
import { t } from '../i18n/messages.js';
import { quote } from './excerpt.js';
import { looksGarbled } from './decode.js';

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
      // A field name is written in the record like its values: a record that is, or may be,
      // RED has its unknown field names left out too (the list of known fields, or the known
      // field it resembles, is still said). A known field's name is the schema's, not the
      // record's, so `TLP` written twice is named whatever the record's marking.
      const name = (n: string) =>
        report.hidden === undefined || known.has(n.trim().toLowerCase()) ? quote(n) : hiddenNameNote(report.hidden);
      for (const n of record.fields.keys()) {
        if (!known.has(n)) {
          this.failed = true;
          report.at(
            record.fields.get(n)!.key,
            report.hidden === undefined
              ? unknownFieldMessage(n, known)
              : unknownFieldMessage(n, known, 'field', name(n)),
          );
        }
      }
      // `tlp: RED` then `TLP: CLEAR`: neither value can be trusted, so the record is refused.
      if (record.duplicates !== undefined) {
        for (const d of record.duplicates) {
          this.failed = true;
          report.at(d.key, t('data.fieldTwice', { name: name(d.name), first: name(d.first.name), line: d.first.line }));
        }
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
        this.problem(example ? t('data.missingExample', { name, example }) : t('data.missing', { name }));
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
    else this.report.at({ line: this.record.line }, message);
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

/**
 * Whether the values of a raw record must stay out of its problems, and why: it is marked RED
 * (its tlp, or the event's default tlp when it names none), or its tlp cannot be read — a value
 * that is not a TLP (`REDD`, a list), written twice (`tlp` and `TLP`, or two tlp columns:
 * `tlpTwice`), an unreadable spreadsheet cell — so it may be RED. Undefined: values may be quoted.
 */
export function hiddenValuesOf(
  record: Pick<RawRecord, 'fields' | 'duplicates'>,
  defaultTlp: Tlp,
  tlpTwice = false,
): HiddenValues | undefined {
  if (tlpTwice) return 'tlpUnknown';
  if (record.duplicates !== undefined && record.duplicates.some((d) => d.name.trim().toLowerCase() === 'tlp'))
    return 'tlpUnknown';
  const f = record.fields.get('tlp');
  if (f === undefined) return defaultTlp === 'RED' ? 'red' : undefined;
  if (f.kind !== 'text') return 'tlpUnknown';
  const v = parseTlp(f.text);
  if (v === undefined) return 'tlpUnknown';
  return v === 'RED' ? 'red' : undefined;
}

/** `unknown field "x"` with a hint or the fields expected; a CSV header says column. */
export function unknownFieldMessage(
  name: string,
  known: Iterable<string>,
  what: 'field' | 'column' = 'field',
  shown = quote(name),
): string {
  const list = [...known];
  const rest = didYouMean(name, list) || t('data.expectedFields', { fields: list.join(', ') });
  const message = t(what === 'field' ? 'data.unknownField' : 'data.unknownColumn', { name: shown, rest });
  return looksGarbled(name) ? message + t('data.encodingHint') : message;
}

/** What a problem says in place of a field name of a record that is, or may be, RED. */
function hiddenNameNote(why: HiddenValues): string {
  return t(why === 'red' ? 'data.hiddenName.red' : 'data.hiddenName.tlpUnknown');
}
