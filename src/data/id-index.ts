// The ids of a data folder seen so far, by their keyed hashes (tally-cache.ts: 128 bits, as
// ID_WORDS words), with where each was first seen: how a run with a tally cache keeps ids unique
// across the files it reads and those the cache counts, without any id of a cached file known.
//
// An open-addressing table (linear probing) over typed arrays: the hashes are keyed SHA-256, so
// their first word spreads them evenly and nobody without the key can aim ids at one bucket.
// Where an id was seen is kept as a source and a position (no object per id), made a place only
// when a duplicate is reported. Against a Map keyed by the hash as a string of eight UTF-16
// units (133,000 ids on the full event's last day): 2–6 ms against 38–51 ms alone, a first run's
// main-thread CPU 20 ms less and its peak memory 9 MB less (docs/performance.md, fifth round).

import { ID_WORDS } from './tally-cache.js';

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
  /** The hashes, ID_WORDS words per id number. */
  private words = new Uint32Array(1024 * ID_WORDS);
  /** Open-addressing table of id numbers (-1: empty); its size a power of two, at most half full. */
  private table = new Int32Array(2048).fill(-1);
  private count = 0;
  private source = new Int32Array(1024);
  private position = new Int32Array(1024);
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
  add(hash: ArrayLike<number>, at: number, source: number, position: number): number {
    const a = hash[at]!,
      b = hash[at + 1]!,
      c = hash[at + 2]!,
      d = hash[at + 3]!;
    const table = this.table;
    const mask = table.length - 1;
    const words = this.words;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const n = table[slot]!;
      if (n < 0) {
        const id = this.count++;
        table[slot] = id;
        if (id * ID_WORDS >= words.length) this.growWords();
        const w = id * ID_WORDS;
        this.words[w] = a;
        this.words[w + 1] = b;
        this.words[w + 2] = c;
        this.words[w + 3] = d;
        this.source[id] = source;
        this.position[id] = position;
        if (this.count * 2 > table.length) this.growTable();
        return -1;
      }
      const w = n * ID_WORDS;
      if (words[w] === a && words[w + 1] === b && words[w + 2] === c && words[w + 3] === d) return n;
    }
  }

  private growWords(): void {
    const size = this.words.length * 2;
    const words = new Uint32Array(size);
    words.set(this.words);
    this.words = words;
    const source = new Int32Array(size / ID_WORDS);
    source.set(this.source);
    this.source = source;
    const position = new Int32Array(size / ID_WORDS);
    position.set(this.position);
    this.position = position;
  }

  private growTable(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.words[id * ID_WORDS]! & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
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
