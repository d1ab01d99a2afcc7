// The register as read (chain.ts), indexed: every document version with its deliveries, the
// approvals, the fields of every content digest; and the facts one briefing needs from it —
// what was issued before it to its audience (late reports), the versions of the same document
// (corrigenda), an approval of its content. Pure.

import type { IssuedFacts, IssuedVersionFacts, IssuedWindowFacts } from '../aggregate/issued.js';
import type { FactValue, RecordFacts } from '../aggregate/record-facts.js';
import { TLP_RANK } from '../audience/marking.js';
import type { Tlp } from '../model/types.js';
import type { ApprovalEntry, DeliveryEntry, DocumentEntry, Entry, FileRef, Recipient, ShownRef } from './format.js';
import { GENESIS_PREV } from './format.js';

export interface DocumentRecord {
  entry: DocumentEntry;
  deliveries: DeliveryEntry[];
  /** Every address it went to (or possibly went to: status uncertain), each once, the latest word on it. */
  recipients: Recipient[];
  /** Handed out, or accepted by the server for at least one address. */
  issued: boolean;
  /** When it was first issued, and the seq of that delivery entry. */
  issuedAt?: string;
  issuedSeq?: number;
  /** Handed out (--issue) by whom. */
  handedOutBy?: string;
  /**
   * Not issued, but a delivery recorded an address whose sending is uncertain (the server took
   * the message, then broke off before its answer): a recipient may hold it. When that was first
   * recorded (the time the session broke), and the seq of that delivery entry.
   */
  uncertainAt?: string;
  uncertainSeq?: number;
  /**
   * A recipient holds it or may hold it: issued, or its delivery is uncertain. What numbers the
   * versions after it (a changed document is a corrigendum of it) and what a later briefing's
   * late reports compare with: a briefing that may have been read has its gaps reported.
   */
  held: boolean;
  /**
   * The seq of the first delivery entry that made it held, and when: its issuedAt, else (its
   * delivery was uncertain first) its uncertainAt, even once it is issued later.
   */
  heldSeq?: number;
  heldAt?: string;
}

/** One document: a division, date, audience and language. */
export interface DocumentKey {
  division: string;
  date: string;
  audience: string;
  lang: string;
}

/** One briefing: a division, date and audience (any language). */
export type BriefingKey = Omit<DocumentKey, 'lang'>;

export interface RegisterView {
  /** Whether the register file exists (a register with only its first line has issued nothing). */
  exists: boolean;
  entries: readonly Entry[];
  documents: readonly DocumentRecord[];
  approvals: readonly ApprovalEntry[];
  /** Fields of every content digest recorded. */
  facts: ReadonlyMap<string, Readonly<Record<string, FactValue>>>;
  /** The last entry's hash and the next seq (for appending). */
  lastHash: string;
  nextSeq: number;
}

export function emptyView(): RegisterView {
  return {
    exists: false,
    entries: [],
    documents: [],
    approvals: [],
    facts: new Map(),
    lastHash: GENESIS_PREV,
    nextSeq: 1,
  };
}

export function buildView(entries: readonly Entry[]): RegisterView {
  const documents: DocumentRecord[] = [];
  const bySeq = new Map<number, DocumentRecord>();
  const approvals: ApprovalEntry[] = [];
  const facts = new Map<string, Readonly<Record<string, FactValue>>>();
  for (const e of entries) {
    if (e.type === 'document') {
      const rec: DocumentRecord = { entry: e, deliveries: [], recipients: [], issued: false, held: false };
      documents.push(rec);
      bySeq.set(e.seq, rec);
      for (const [digest, fields] of Object.entries(e.facts)) if (!facts.has(digest)) facts.set(digest, fields);
    } else if (e.type === 'delivery') {
      const rec = bySeq.get(e.document);
      if (!rec) continue; // chain.ts refuses a delivery of no document
      rec.deliveries.push(e);
      for (const r of e.recipients) {
        const i = rec.recipients.findIndex((x) => x.address.toLowerCase() === r.address.toLowerCase());
        if (i >= 0) rec.recipients[i] = r;
        else rec.recipients.push(r);
      }
      const issuing = e.via === 'hand' || e.recipients.some((r) => r.status !== 'uncertain');
      const uncertain = e.recipients
        .filter((r) => r.status === 'uncertain')
        .map((r) => r.at)
        .sort();
      if (uncertain.length > 0 && rec.uncertainSeq === undefined) {
        rec.uncertainSeq = e.seq;
        rec.uncertainAt = uncertain[0]!;
      }
      if (issuing && !rec.issued) {
        rec.issued = true;
        rec.issuedSeq = e.seq;
        const accepted = e.recipients
          .filter((r) => r.status !== 'uncertain')
          .map((r) => r.at)
          .sort();
        rec.issuedAt = e.via === 'hand' ? e.at : (accepted[0] ?? e.at);
        if (e.via === 'hand' && e.by !== undefined) rec.handedOutBy = e.by;
      }
      if ((issuing || uncertain.length > 0) && !rec.held) {
        // fixed from then on: a briefing compared with it states this time, whatever comes after
        rec.held = true;
        rec.heldSeq = e.seq;
        rec.heldAt = rec.issuedAt ?? rec.uncertainAt!;
      }
    } else if (e.type === 'approval') {
      approvals.push(e);
    }
  }
  const last = entries.at(-1);
  return {
    exists: entries.length > 0,
    entries,
    documents,
    approvals,
    facts,
    lastHash: last?.hash ?? GENESIS_PREV,
    nextSeq: (last?.seq ?? 0) + 1,
  };
}

const sameBriefing = (e: DocumentEntry, k: BriefingKey) =>
  e.division === k.division && e.date === k.date && e.audience === k.audience;

/** Every version recorded of one document, in the order written. */
export function versionsOf(view: RegisterView, key: DocumentKey): DocumentRecord[] {
  return view.documents.filter((d) => sameBriefing(d.entry, key) && d.entry.lang === key.lang);
}

export interface DocumentState {
  /** The latest version recorded, issued or not. */
  latest?: DocumentRecord;
  /**
   * The latest version a recipient holds or may hold (issued, or its delivery uncertain): a
   * document with other content is a corrigendum of it, never a second version 1.
   */
  latestHeld?: DocumentRecord;
  /** The original (version 1) as first held. */
  original?: DocumentRecord;
  /**
   * Every address that received or may hold a version 1 (one record per sending: a run that
   * reached other addresses records version 1 again), each once, the latest word on it: who
   * receives every corrigendum.
   */
  originalRecipients: Recipient[];
  /** The number the next corrigendum gets. */
  nextCorrigendum: number;
}

export function documentState(view: RegisterView, key: DocumentKey): DocumentState {
  const versions = versionsOf(view, key);
  const held = versions.filter((d) => d.held);
  const latestHeld = held.at(-1);
  const originals = held.filter((d) => d.entry.version === 1);
  const original = originals[0];
  const originalRecipients: Recipient[] = [];
  for (const r of originals.flatMap((d) => d.recipients)) {
    const i = originalRecipients.findIndex((x) => x.address.toLowerCase() === r.address.toLowerCase());
    if (i >= 0) originalRecipients[i] = r;
    else originalRecipients.push(r);
  }
  return {
    ...(versions.length > 0 && { latest: versions.at(-1)! }),
    ...(latestHeld && { latestHeld }),
    ...(original && { original }),
    originalRecipients,
    nextCorrigendum: (latestHeld?.entry.corrigendum ?? 0) + 1,
  };
}

/** The facts of one shown record, with the fields of its digest. */
export function refFacts(view: RegisterView, ref: ShownRef): RecordFacts {
  const [id, kind, digest, tlp, sf] = ref;
  return { id, kind, digest, fields: view.facts.get(digest) ?? {}, tlp, specialFrance: sf === 1 };
}

/**
 * The documents a briefing's late reports compare with: those of its division and audience
 * (other dates) held — issued, or delivered with an uncertain outcome: a recipient may have read
 * them — in the register as its first held version read it — the entries before that version's
 * `basis` (its own seq in entries written before `basis` existed) — or in the whole register
 * while none is held. A run records as `basis` the register it composed against, so what it
 * recorded is what any later run computes again, even when other runs appended between its
 * reading and its turn to append; a document stays held from its first such delivery on.
 * A briefing first issued by an older cci (its entry has no `comparesHeld`) compared with issued
 * documents only, as of their issue: it is built again by that rule. `at`: when each went out,
 * by the same rule.
 */
function comparedDocuments(
  view: RegisterView,
  key: BriefingKey,
): { documents: DocumentRecord[]; at: (d: DocumentRecord) => string } {
  // the briefing's first held version, and the rule it compared by
  let first: DocumentRecord | undefined;
  for (const d of view.documents)
    if (d.held && sameBriefing(d.entry, key) && (!first || basisOf(d) < basisOf(first))) first = d;
  // a briefing first issued by an older cci compared with issued documents only: built again the same
  const older = first !== undefined && !first.entry.comparesHeld;
  const counts = (d: DocumentRecord) => (older ? d.issued : d.held);
  const since = (d: DocumentRecord) => (older ? d.issuedSeq! : d.heldSeq!);
  let cutoff = Infinity;
  for (const d of view.documents) if (counts(d) && sameBriefing(d.entry, key)) cutoff = Math.min(cutoff, basisOf(d));
  const documents = view.documents.filter(
    (d) =>
      counts(d) &&
      since(d) < cutoff &&
      d.entry.seq < cutoff &&
      d.entry.division === key.division &&
      d.entry.audience === key.audience &&
      d.entry.date !== key.date,
  );
  return { documents, at: (d) => (older ? d.issuedAt : d.heldAt) ?? d.entry.at };
}

const basisOf = (d: DocumentRecord) => d.entry.basis ?? d.entry.seq;

/**
 * What was issued to an audience of a division before a briefing (SPEC §6), as it stood
 * when that briefing was first issued (comparedDocuments) (so that the same briefing built again compares with
 * the same facts): the earlier windows with their figures as last stated, and the latest
 * version of each record shown. Undefined when there is no register at all.
 */
export function issuedFactsFor(view: RegisterView, key: BriefingKey): IssuedFacts | undefined {
  if (!view.exists) return undefined;
  const { documents: considered, at: atOf } = comparedDocuments(view, key);

  const shown = new Map<string, RecordFacts>();
  for (const d of considered)
    for (const ref of [...d.entry.shown, ...d.entry.late]) shown.set(ref[0], refFacts(view, ref));

  // Each earlier window's figures as last stated: its versions and later revisions, in the order written.
  const stated = new Map<string, IssuedWindowFacts>();
  const events: { seq: number; apply: () => void }[] = [];
  for (const d of considered) {
    const e = d.entry;
    if (e.date < key.date) {
      events.push({
        seq: e.seq,
        apply: () => {
          const prev = stated.get(e.date);
          stated.set(e.date, {
            date: e.date,
            serial: e.serial,
            version: e.version,
            corrigendum: e.corrigendum,
            at: atOf(d),
            figures: { ...e.figures },
            tlp: prev ? maxTlp(prev.tlp, e.tlp) : e.tlp,
            specialFrance: Boolean(prev?.specialFrance || e.specialFrance),
            ...(e.window && { window: e.window }),
          });
        },
      });
    }
    for (const r of e.revisions) {
      events.push({
        seq: e.seq + 0.5,
        apply: () => {
          const w = stated.get(r.date);
          if (!w || r.date >= key.date) return;
          (w.figures as unknown as Record<string, number | null>)[r.figure] = r.to;
          w.tlp = maxTlp(w.tlp, e.tlp);
          w.specialFrance ||= e.specialFrance;
        },
      });
    }
  }
  events.sort((a, b) => a.seq - b.seq);
  for (const ev of events) ev.apply();
  const windows = [...stated.values()].sort((a, b) => a.date.localeCompare(b.date));
  return { windows, shown };
}

/** An issued version as a corrigendum's change list compares with it. */
export function versionFacts(view: RegisterView, d: DocumentRecord): IssuedVersionFacts {
  const e = d.entry;
  return {
    version: e.version,
    corrigendum: e.corrigendum,
    at: d.heldAt ?? e.at,
    ...(!d.issued && { uncertain: true as const }),
    shown: e.shown.map((r) => refFacts(view, r)),
    late: e.late.map((r) => refFacts(view, r)),
    figures: e.figures,
    previous: e.previous,
    cumulative: e.cumulative,
    tlp: e.tlp,
    specialFrance: e.specialFrance,
  };
}

/**
 * The latest approval of this content for this briefing, as the version it would be issued as
 * (`corrigendum`: 0 for the original, else its number; undefined: any), if any. The content hash leaves the
 * corrigendum block out, so data set back to the original's gives the original's content: its
 * approval must not release a corrigendum whose change list nobody approved.
 */
export function approvalOf(
  view: RegisterView,
  key: BriefingKey,
  content: string,
  corrigendum?: number,
): ApprovalEntry | undefined {
  return view.approvals
    .filter(
      (a) =>
        a.division === key.division &&
        a.date === key.date &&
        a.audience === key.audience &&
        a.content === content &&
        (corrigendum === undefined || a.corrigendum === corrigendum),
    )
    .at(-1);
}

/** The latest approval recorded for this briefing, whatever its content. */
export function latestApproval(view: RegisterView, key: BriefingKey): ApprovalEntry | undefined {
  return view.approvals
    .filter((a) => a.division === key.division && a.date === key.date && a.audience === key.audience)
    .at(-1);
}

/** The document versions that wrote (or sent) a file with this SHA-256. */
export function findFile(view: RegisterView, sha256: string): { record: DocumentRecord; file: FileRef }[] {
  const out: { record: DocumentRecord; file: FileRef }[] = [];
  for (const d of view.documents)
    for (const file of d.entry.files) if (file.sha256 === sha256) out.push({ record: d, file });
  return out;
}

/** The versions held (issued, or delivered with an uncertain outcome) after this one, of the same document. */
export function laterVersions(view: RegisterView, d: DocumentRecord): DocumentRecord[] {
  const e = d.entry;
  return versionsOf(view, e).filter((x) => x.held && x.entry.seq > e.seq && x.entry.version > e.version);
}

function maxTlp(a: Tlp, b: Tlp): Tlp {
  return TLP_RANK[a] >= TLP_RANK[b] ? a : b;
}

/**
 * The incident files (by source key) that cannot hold a late record for this briefing, so need
 * not be read in full: unchanged since the latest window issued to its audience was made from them.
 *
 * Why: let L be the issued document of the latest window before the briefing. L was made from the
 * file with these very bytes (and event.yaml, area list and reading code: the key covers them), so
 * each of its records that the audience may see, timed in a window issued before L (from L's first
 * compared window on) or in L's own, was shown by L or before it as it is now. The late reports
 * only look at issued windows from the first one on, all of them L's or earlier ones — provided L's
 * comparison reached back as far (its lateFrom), and every document issued after L (a window filled
 * in late, a corrigendum) was made from the same bytes too. Otherwise the file is read in full.
 */
export function settledSourcesFor(view: RegisterView, key: BriefingKey): ReadonlySet<string> {
  const facts = issuedFactsFor(view, key);
  const first = facts?.windows[0]?.date;
  if (!first) return new Set();
  const { documents: considered } = comparedDocuments(view, key);
  let latest: DocumentRecord | undefined;
  for (const d of considered) {
    if (d.entry.date >= key.date) continue;
    if (
      !latest ||
      d.entry.date > latest.entry.date ||
      (d.entry.date === latest.entry.date && d.heldSeq! > latest.heldSeq!)
    )
      latest = d;
  }
  if (!latest?.entry.sources || (latest.entry.lateFrom ?? latest.entry.date) > first) return new Set();
  let settled = new Set(latest.entry.sources);
  for (const d of considered) {
    if (d === latest || d.heldSeq! < latest.heldSeq!) continue;
    const theirs = new Set(d.entry.sources ?? []);
    settled = new Set([...settled].filter((k) => theirs.has(k)));
  }
  return settled;
}
