// The shape every data file is read into before validation, whatever its format: records of
// named fields, each value with the place it was written. One validator per record type then
// works on these, so CSV and YAML take exactly the same fields and rules.

export interface Pos {
  line: number; // 1-based
  column: number; // 1-based (YAML: character column; CSV: field column)
}

export interface RawItem extends Pos {
  text: string;
}

export type RawValue =
  | { kind: 'text'; text: string } // a scalar (never empty: empty values are left out)
  | { kind: 'list'; items: RawItem[] } // a YAML sequence of scalars
  | { kind: 'other'; what: string } // something no field takes (a mapping, a nested list)
  | { kind: 'refused' }; // a value its reader already reported as unreadable (an .xlsx error cell): refused without a second message

/** A named value with its place (flat: one object per field, loading many rows stays cheap). */
export type RawField = RawValue &
  Pos & {
    name: string;
    /** Where the field name is written (YAML key; CSV header cell). */
    key: Pos;
  };

/** A YAML key naming a field already written in the same record (`tlp` and `TLP`). */
export interface DuplicateField {
  name: string; // as written
  key: Pos;
  first: { name: string; line: number };
}

/**
 * A record's fields by lower-cased name: what readers ask of them. A Map is one (YAML, workbook
 * rows); a CSV row makes each field when it is asked for (csv.ts), not a Map and an object per
 * cell. A field named `__proto__` is just a name either way.
 */
export interface RawFields {
  get(name: string): RawField | undefined;
  has(name: string): boolean;
  /** The names of the fields written (with a value), in the order written. */
  keys(): IterableIterator<string>;
  /** Name and field of each, in the order written. */
  [Symbol.iterator](): IterableIterator<[string, RawField]>;
  readonly size: number;
}

export interface RawRecord extends Pos {
  file: string;
  format: 'csv' | 'yaml' | 'xlsx';
  /** The workbook sheet of an .xlsx record (line = row, column = column number). */
  sheet?: string;
  /** Lower-cased field name → field. */
  fields: RawFields;
  /**
   * Keys that repeat a field under another spelling (field names ignore case). Only the first
   * is in `fields`; the reader refuses the record, since neither value can be trusted (a `tlp:
   * RED` followed by `TLP: CLEAR`). Absent when there is none.
   */
  duplicates?: DuplicateField[];
}
