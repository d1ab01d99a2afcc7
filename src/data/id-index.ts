// The ids of a data folder seen so far, by their keyed hashes (tally-cache.ts: 128 bits, as
// ID_WORDS words), with where each was first seen: how a run with a tally cache keeps ids unique
// across the files it reads and those the cache counts, without any id of a cached file known.
//
// A Map keyed by the hash as a string of eight UTF-16 units; where an id was seen is kept as a
// source and a position (no object per id), made a place only when a duplicate is reported.
// An open-addressing table over typed arrays was measured against it (docs/performance.md):
// about 2 % of a warm run's CPU, within the noise, so the Map stays.

/** Where an id was first seen, as messages name it. */
export interface IdPlace {
  file: string;
  line: number;
  /** 1-based column of the id's field (a workbook's sheet column). */
  column: number;
  sheet?: string;
}

/** One file (or workbook sheet) whose ids go into the index: the lines of its ids, by position. */
export interface IdSource {
  file: string;
  sheet?: string;
  lines: ArrayLike<number>;
  /** The columns of its ids, by position. */
  columns: ArrayLike<number>;
  /** The id at a position, when it may be quoted (read in full, not RED); none for a cached file. */
  ids?: readonly (string | undefined)[];
  /** Whether the record at a position is, or may be, RED (read in full). */
  hidden?: readonly boolean[];
}

export class IdIndex {
  /** Hash (eight UTF-16 units) to id number. */
  private readonly first = new Map<string, number>();
  private readonly source: number[] = [];
  private readonly position: number[] = [];
  private readonly sources: IdSource[] = [];

  /** Registers a file whose ids follow; returns its number. */
  addSource(s: IdSource): number {
    this.sources.push(s);
    return this.sources.length - 1;
  }

  /**
   * Adds the id hash `hash[at..at+4)` (ID_WORDS words) seen at `position` of `source`. Returns -1 when it
   * is new, else the number of its earlier use (the index keeps the first).
   */
  add(hash: Uint32Array, at: number, source: number, position: number): number {
    const a = hash[at]!,
      b = hash[at + 1]!,
      c = hash[at + 2]!,
      d = hash[at + 3]!;
    const k = String.fromCharCode(
      a & 0xffff,
      a >>> 16,
      b & 0xffff,
      b >>> 16,
      c & 0xffff,
      c >>> 16,
      d & 0xffff,
      d >>> 16,
    );
    const prev = this.first.get(k);
    if (prev !== undefined) return prev;
    this.first.set(k, this.source.length);
    this.source.push(source);
    this.position.push(position);
    return -1;
  }

  /** Where id number `n` was seen. */
  placeOf(n: number): IdPlace {
    const s = this.sources[this.source[n]!]!;
    const p = this.position[n]!;
    const line = s.lines[p]!;
    const column = s.columns[p]!;
    return s.sheet === undefined ? { file: s.file, line, column } : { file: s.file, line, column, sheet: s.sheet };
  }

  /** The id itself when its first use may be quoted: read in full and not RED. */
  quotableId(n: number): string | undefined {
    const s = this.sources[this.source[n]!]!;
    const p = this.position[n]!;
    return s.hidden?.[p] === true ? undefined : s.ids?.[p];
  }

  /** Whether the first use of id number `n` is, or may be, a RED record's (read in full). */
  isHidden(n: number): boolean {
    return this.sources[this.source[n]!]!.hidden?.[this.position[n]!] === true;
  }
}
