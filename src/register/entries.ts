// The register's entries (format.ts) made from what a run produced: a document version from its
// model, the facts of the records it showed and its files; a delivery from the send report; an
// approval. Pure.

import type { BriefingModel } from '../aggregate/model.js';
import type { FactValue, RecordFacts } from '../aggregate/record-facts.js';
import type { ApprovalBody, DeliveryBody, DocumentBody, FileRef, Recipient, ShownRef } from './format.js';

export interface DocumentInput {
  model: BriefingModel;
  /** contentHash(model). */
  content: string;
  shown: readonly RecordFacts[];
  late: readonly RecordFacts[];
  lang: string;
  version: number;
  corrigendum: number;
  via: 'email' | 'hand';
  messageId?: string;
  recipients?: readonly string[];
  outDir: string;
  files: readonly FileRef[];
  /** Digests whose fields the register already holds (not written again). */
  known: ReadonlyMap<string, unknown>;
  /** The first issued window its late reports compared with. */
  lateFrom?: string | undefined;
  /** The tally keys of the incident files it was made from. */
  sources?: readonly string[] | undefined;
  /** The seq of the first entry not in the register the document was composed against (RegisterView.nextSeq). */
  basis: number;
}

/** A source key as the register keeps it (128 bits). */
export function sourceKey(key: string): string {
  return key.slice(0, 32);
}

/** A document version. Throws TypeError if a TLP:RED record is among its records (never in a model). */
export function documentBody(input: DocumentInput): DocumentBody {
  const m = input.model;
  const facts: Record<string, Record<string, FactValue>> = {};
  const ref = (f: RecordFacts): ShownRef => {
    if (f.tlp === 'RED') throw new TypeError(`a TLP:RED record (${f.id}) reached the register`);
    if (!input.known.has(f.digest) && !Object.hasOwn(facts, f.digest)) facts[f.digest] = { ...f.fields };
    return [f.id, f.kind, f.digest, f.tlp, f.specialFrance ? 1 : 0];
  };
  return {
    type: 'document',
    event: m.event.id,
    division: m.division,
    date: m.date,
    audience: m.audience,
    lang: input.lang,
    serial: m.serial,
    window: { start: m.window.start, end: m.window.end },
    marking: m.marking,
    tlp: m.tlp,
    specialFrance: m.specialFrance,
    version: input.version,
    corrigendum: input.corrigendum,
    content: input.content,
    via: input.via,
    ...(input.messageId !== undefined && { messageId: input.messageId }),
    ...(input.recipients !== undefined && { recipients: [...input.recipients] }),
    outDir: input.outDir,
    files: input.files.map((f) => ({ ...f })),
    keyFigures: [...m.keyFigures],
    figures: { ...m.figures },
    previous: { ...m.previous },
    cumulative: { ...m.cumulative },
    shown: input.shown.map(ref),
    late: input.late.map(ref),
    revisions: (m.lateReports?.revisions ?? []).map((r) => ({ ...r })),
    facts,
    ...(input.lateFrom !== undefined && { lateFrom: input.lateFrom }),
    ...(input.sources && input.sources.length > 0 && { sources: [...new Set(input.sources.map(sourceKey))].sort() }),
    basis: input.basis,
    comparesHeld: true,
    timezone: m.event.timezone,
  };
}

export function deliveryBody(
  document: number,
  recipients: readonly Recipient[],
  o: { recovered?: boolean } = {},
): DeliveryBody {
  return {
    type: 'delivery',
    document,
    via: 'email',
    recipients: recipients.map((r) => ({ ...r })),
    ...(o.recovered && { recovered: true }),
  };
}

export function handOutBody(document: number, by: string): DeliveryBody {
  return { type: 'delivery', document, via: 'hand', recipients: [], by };
}

export function approvalBody(model: BriefingModel, content: string, corrigendum: number, by: string): ApprovalBody {
  return {
    type: 'approval',
    event: model.event.id,
    division: model.division,
    date: model.date,
    audience: model.audience,
    content,
    corrigendum,
    marking: model.marking,
    by,
  };
}
