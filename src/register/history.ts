// What the register says was issued (cci history) and what one file is (cci verify), as plain
// rows for text or JSON. Pure: read from the register only.

import { isoInZone } from '../window/window.js';
import type { FileRef, Recipient } from './format.js';
import { laterVersions, type DocumentRecord, type RegisterView } from './view.js';

export interface IssuedRow {
  division: string;
  date: string;
  audience: string;
  lang: string;
  serial: number;
  version: number;
  /** 0: the original; k: RECTIFICATIF n° k. */
  corrigendum: number;
  marking: string;
  /** When it was first issued (ISO 8601). */
  issuedAt: string;
  via: 'email' | 'hand';
  /** Who handed it out (--issue). */
  by?: string;
  recipients: Recipient[];
  files: FileRef[];
  content: string;
  /** A later version issued (a corrigendum), if any. */
  supersededBy?: { version: number; corrigendum: number; issuedAt: string };
}

export interface HistoryFilter {
  date?: string;
  division?: string;
  audience?: string;
}

export function issuedRow(view: RegisterView, d: DocumentRecord): IssuedRow {
  const e = d.entry;
  const later = laterVersions(view, d).at(-1);
  return {
    division: e.division, date: e.date, audience: e.audience, lang: e.lang, serial: e.serial,
    version: e.version, corrigendum: e.corrigendum, marking: e.marking,
    issuedAt: d.issuedAt ?? e.at, via: e.via, ...(d.handedOutBy !== undefined && { by: d.handedOutBy }),
    recipients: d.recipients.map((r) => ({ ...r })), files: e.files.map((f) => ({ ...f })), content: e.content,
    ...(later && { supersededBy: { version: later.entry.version, corrigendum: later.entry.corrigendum, issuedAt: later.issuedAt ?? later.entry.at } }),
  };
}

/** Every version issued, in the order issued, matching the filter. */
export function historyRows(view: RegisterView, f: HistoryFilter = {}): IssuedRow[] {
  return view.documents
    .filter((d) => d.issued)
    .filter((d) => (f.date === undefined || d.entry.date === f.date) && (f.division === undefined || d.entry.division === f.division)
      && (f.audience === undefined || d.entry.audience === f.audience))
    .sort((a, b) => a.issuedSeq! - b.issuedSeq!)
    .map((d) => issuedRow(view, d));
}

export type Verdict =
  | { kind: 'issued'; file: FileRef; row: IssuedRow }
  | { kind: 'notIssued'; file: FileRef; document: Omit<IssuedRow, 'issuedAt' | 'recipients' | 'supersededBy' | 'via'> }
  | { kind: 'unknown' };

/** What the register says of a file with this SHA-256: issued (which version, superseded?), written but never issued, or unknown. */
export function verdictOf(view: RegisterView, sha256: string): Verdict {
  let written: Verdict | undefined;
  for (const d of view.documents) {
    const file = d.entry.files.find((f) => f.sha256 === sha256);
    if (!file) continue;
    if (d.issued) return { kind: 'issued', file, row: issuedRow(view, d) };
    const e = d.entry;
    written ??= {
      kind: 'notIssued', file,
      document: {
        division: e.division, date: e.date, audience: e.audience, lang: e.lang, serial: e.serial, version: e.version,
        corrigendum: e.corrigendum, marking: e.marking, files: e.files, content: e.content,
      },
    };
  }
  return written ?? { kind: 'unknown' };
}

/** `2024-08-05 11:31` in a time zone (the instant as recorded when none is known). */
export function localTime(iso: string, timezone: string | undefined): string {
  const ms = Date.parse(iso);
  if (timezone === undefined || Number.isNaN(ms)) return iso;
  return isoInZone(new Date(ms), timezone).slice(0, 16).replace('T', ' ');
}
