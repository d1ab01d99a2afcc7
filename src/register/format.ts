// The register of issued briefings (SPEC §6): one JSON object a line (JSON Lines), appended,
// never rewritten. Every entry carries the format version `v`, its sequence number `seq` (1, 2,
// 3...), the hash of the entry before it (`prev`) and its own hash (`hash`: SHA-256 of the
// entry's JSON text without `hash`, as written): the entries form a chain, so an entry changed,
// removed or inserted after it was written is found when the register is read.
//
// Entry types:
//   register   the first line: the event the register belongs to
//   document   a version of a briefing document, written before it is sent (or as it is handed
//              out): what it showed (records with their content digests, late reports, revised
//              figures), its figures, marking, files (SHA-256), content hash and Message-ID
//   delivery   who received a document version (addresses, Message-ID, time), or that it was
//              handed out; a version is issued once it has a delivery
//   approval   who approved which content (SHA-256 of the briefing's model) for sending
// RED records are never in a briefing model, hence never here, not even as ids.

import type { Cumulative, Figures, PreviousFigures, RevisionView } from '../aggregate/model.js';
import type { FactKind, FactValue } from '../aggregate/record-facts.js';
import type { Tlp } from '../model/types.js';

/** The format this cci writes and reads; a register with a higher `v` was written by a newer cci and is refused. */
export const REGISTER_FORMAT = 1;
export const REGISTER_FILE = 'register.jsonl';
/** `prev` of the first entry. */
export const GENESIS_PREV = '0'.repeat(64);

interface Head {
  v: number;
  seq: number;
  prev: string;
  /** ISO 8601 instant the entry was written. */
  at: string;
  hash: string;
}

export interface GenesisBody {
  type: 'register';
  event: string;
}

export interface FileRef {
  name: string;
  format: string;
  sha256: string;
  bytes: number;
}

/** A record shown: id, kind, content digest, TLP, Spécial France (1 or 0). */
export type ShownRef = [id: string, kind: FactKind, digest: string, tlp: Tlp, specialFrance: 0 | 1];

export interface DocumentBody {
  type: 'document';
  event: string;
  division: string;
  date: string;
  audience: string;
  lang: string;
  serial: number;
  window: { start: string; end: string };
  marking: string;
  tlp: Tlp;
  specialFrance: boolean;
  /** 1 for the original, k + 1 for corrigendum k. */
  version: number;
  corrigendum: number;
  /** SHA-256 of the briefing's content (src/register/content.ts). */
  content: string;
  via: 'email' | 'hand';
  /** Email: the Message-ID of the message, and every address it is for. */
  messageId?: string;
  recipients?: string[];
  /** The output folder the files were written to (its send log, for a crash between sending and recording). */
  outDir: string;
  files: FileRef[];
  keyFigures: string[];
  figures: Figures;
  /** `forces` null when no earlier day had figures (older entries may hold 0 there). */
  previous: PreviousFigures;
  cumulative: Cumulative;
  shown: ShownRef[];
  late: ShownRef[];
  revisions: RevisionView[];
  /** Fields of each content digest shown here and not in any earlier entry. */
  facts: Record<string, Record<string, FactValue>>;
  /** The first issued window its late reports compared with (absent: nothing compared). */
  lateFrom?: string;
  /**
   * The incident files it was made from, by tally key (their bytes and how they are read; 32 hex
   * digits): a later briefing need not read again in full a file unchanged since (src/register/view.ts).
   */
  sources?: string[];
  /**
   * The register it was composed against: the seq of the first entry the run had not read (every
   * entry before it, none after). Its late reports compare with the issued documents of that
   * prefix only, so a run that rebuilds it later compares with the same facts, whatever other
   * runs recorded between its reading and its turn to append (src/register/view.ts). Absent in
   * entries written before it existed: their own seq.
   */
  basis?: number;
  /**
   * Its late reports compared with the documents held before it: issued, or emailed with an
   * uncertain delivery. Absent in entries of an older cci, which compared with issued ones only:
   * a briefing first issued by one is built again by its rule (src/register/view.ts).
   */
  comparesHeld?: true;
  /** The event's IANA time zone when it was written: cci history and verify write its times in it, with or without the data folder. */
  timezone?: string;
}

export interface Recipient {
  address: string;
  messageId: string;
  at: string;
  /** The server took the message and the session broke before its answer. */
  status?: 'uncertain';
  /** Uncertain because a run stopped while sending it (recovered from the send log's `sending` line). */
  interrupted?: true;
}

export interface DeliveryBody {
  type: 'delivery';
  /** The seq of the document entry delivered. */
  document: number;
  via: 'email' | 'hand';
  recipients: Recipient[];
  /** Who handed it out (--issue). */
  by?: string;
  /** Recorded by a later run from the send log (the run that sent it stopped before recording). */
  recovered?: boolean;
}

export interface ApprovalBody {
  type: 'approval';
  event: string;
  division: string;
  date: string;
  audience: string;
  content: string;
  /** The corrigendum the approved content would be sent as (0: the original). */
  corrigendum: number;
  marking: string;
  by: string;
}

export type EntryBody = GenesisBody | DocumentBody | DeliveryBody | ApprovalBody;
export type Entry = EntryBody & Head;
export type GenesisEntry = GenesisBody & Head;
export type DocumentEntry = DocumentBody & Head;
export type DeliveryEntry = DeliveryBody & Head;
export type ApprovalEntry = ApprovalBody & Head;
