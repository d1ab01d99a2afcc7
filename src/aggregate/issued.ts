// What the register of issued briefings tells the aggregation about one division and audience
// (src/register builds it at the edge; the aggregation stays pure): the earlier windows issued
// to that audience with their figures as last stated, and the latest version of each record
// that an issued document showed it. And, for a corrigendum, the version it replaces.

import type { Tlp } from '../model/types.js';
import type { Cumulative, Figures, PreviousFigures } from './model.js';
import type { RecordFacts } from './record-facts.js';

export interface IssuedWindowFacts {
  /** The briefing's date (its window ends on it at the division's time). */
  date: string;
  serial: number;
  /** The latest issued version of that briefing to this audience. */
  version: number;
  corrigendum: number;
  /** When it was issued (ISO 8601). */
  at: string;
  /** Its figures as last stated to this audience: by its latest version, or as revised by a later briefing. */
  figures: Figures;
  /** The marking of the documents that stated them. */
  tlp: Tlp;
  specialFrance: boolean;
  /**
   * The window it covered as issued (ISO 8601), when the register records it: the division's
   * time may have moved since, and the window is compared as issued.
   */
  window?: { start: string; end: string };
}

export interface IssuedFacts {
  /** Windows issued to this audience before the briefing's own, by date. */
  windows: readonly IssuedWindowFacts[];
  /** Each record id an issued document showed this audience (main or late sections): its latest version shown. */
  shown: ReadonlyMap<string, RecordFacts>;
}

/** An issued version of the same briefing, for a corrigendum's change list. */
export interface IssuedVersionFacts {
  version: number;
  corrigendum: number;
  at: string;
  /** Emailed with an uncertain delivery, not issued: a recipient may hold it. */
  uncertain?: true;
  shown: readonly RecordFacts[];
  late: readonly RecordFacts[];
  figures: Figures;
  previous: PreviousFigures;
  cumulative: Cumulative;
  tlp: Tlp;
  specialFrance: boolean;
}

/** The register's part in one briefing: the late-report comparison, and a corrigendum to make. */
export interface RegisterInput {
  /** Undefined: no register (nothing could be compared). */
  issued?: IssuedFacts;
  /** Make the document a corrigendum of this version, numbered `number`. */
  amend?: { number: number; previous: IssuedVersionFacts };
  /** The document will be recorded: give the facts of the records it shows (else `shown` is empty). */
  facts?: boolean;
}
