// What the register says was issued (cci history) and what one file is (cci verify), as plain
// rows for text or JSON. Pure: read from the register only.

import { isoInZone } from '../window/window.js';
import type { FileRef, Recipient } from './format.js';
import { laterVersions, type DocumentRecord, type RegisterView } from './view.js';

export interface IssuedRow {
  /**
   * issued: handed out, or taken by the server for at least one address; uncertain: emailed, and
   * for no address was it known to be taken (the server took the message and broke off before
   * its answer), so a recipient may hold it.
   */
  status: 'issued' | 'uncertain';
  division: string;
  date: string;
  audience: string;
  lang: string;
  serial: number;
  version: number;
  /** 0: the original; k: RECTIFICATIF n° k. */
  corrigendum: number;
  marking: string;
  /** When it was first issued (ISO 8601); uncertain: when the session broke. */
  issuedAt: string;
  via: 'email' | 'hand';
  /** Who handed it out (--issue). */
  by?: string;
  recipients: Recipient[];
  files: FileRef[];
  content: string;
  /** The event's IANA time zone when it was recorded (entries of an older cci: absent). */
  timezone?: string;
  /**
   * A later version out (a corrigendum), if any: issued, or emailed with an uncertain delivery
   * (`status`), and when it went out.
   */
  supersededBy?: { version: number; corrigendum: number; issuedAt: string; status: 'issued' | 'uncertain' };
}

export interface HistoryFilter {
  date?: string;
  division?: string;
  audience?: string;
}

/** What a version is, whether or not it was issued: which briefing, its files and content. */
export type DocumentFacts = Omit<IssuedRow, 'status' | 'issuedAt' | 'recipients' | 'supersededBy' | 'via' | 'by'>;

function documentOf(d: DocumentRecord): DocumentFacts {
  const e = d.entry;
  return {
    division: e.division,
    date: e.date,
    audience: e.audience,
    lang: e.lang,
    serial: e.serial,
    version: e.version,
    corrigendum: e.corrigendum,
    marking: e.marking,
    files: e.files.map((f) => ({ ...f })),
    content: e.content,
    ...(e.timezone !== undefined && { timezone: e.timezone }),
  };
}

export function issuedRow(view: RegisterView, d: DocumentRecord): IssuedRow {
  const e = d.entry;
  const later = laterVersions(view, d).at(-1);
  return {
    status: d.issued ? 'issued' : 'uncertain',
    ...documentOf(d),
    issuedAt: d.issuedAt ?? d.uncertainAt ?? e.at,
    via: e.via,
    ...(d.handedOutBy !== undefined && { by: d.handedOutBy }),
    recipients: d.recipients.map((r) => ({ ...r })),
    ...(later && {
      supersededBy: {
        version: later.entry.version,
        corrigendum: later.entry.corrigendum,
        issuedAt: later.heldAt ?? later.entry.at,
        status: later.issued ? 'issued' : 'uncertain',
      },
    }),
  };
}

/** Every version issued or whose delivery is uncertain (a recipient may hold it), in the order recorded, matching the filter. */
export function historyRows(view: RegisterView, f: HistoryFilter = {}): IssuedRow[] {
  return view.documents
    .filter((d) => d.held)
    .filter(
      (d) =>
        (f.date === undefined || d.entry.date === f.date) &&
        (f.division === undefined || d.entry.division === f.division) &&
        (f.audience === undefined || d.entry.audience === f.audience),
    )
    .sort((a, b) => (a.issuedSeq ?? a.uncertainSeq!) - (b.issuedSeq ?? b.uncertainSeq!))
    .map((d) => issuedRow(view, d));
}

export type Verdict =
  | { kind: 'issued'; file: FileRef; row: IssuedRow }
  | { kind: 'uncertain'; file: FileRef; row: IssuedRow }
  | {
      kind: 'notIssued';
      file: FileRef;
      document: DocumentFacts;
    }
  | { kind: 'unknown' };

/**
 * What the register says of a file with this SHA-256: issued (which version, superseded?), its
 * delivery uncertain (a recipient may hold it), written but never issued, or unknown — the first
 * of these that any version with this file is.
 */
export function verdictOf(view: RegisterView, sha256: string): Verdict {
  let uncertain: Verdict | undefined;
  let written: Verdict | undefined;
  for (const d of view.documents) {
    const file = d.entry.files.find((f) => f.sha256 === sha256);
    if (!file) continue;
    if (d.issued) return { kind: 'issued', file, row: issuedRow(view, d) };
    if (d.uncertainSeq !== undefined) {
      uncertain ??= { kind: 'uncertain', file, row: issuedRow(view, d) };
      continue;
    }
    written ??= { kind: 'notIssued', file, document: documentOf(d) };
  }
  return uncertain ?? written ?? { kind: 'unknown' };
}

/** `2024-08-05 11:31` in a time zone (the instant as recorded when none is known). */
export function localTime(iso: string, timezone: string | undefined): string {
  const ms = Date.parse(iso);
  if (timezone === undefined || Number.isNaN(ms)) return iso;
  return isoInZone(new Date(ms), timezone).slice(0, 16).replace('T', ' ');
}
