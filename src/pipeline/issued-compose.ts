// Composing a document against the register of issued briefings (src/register): its late
// reports compare with what was issued to its audience before it, and its content decides what
// it is now —
//   new          never issued: version 1
//   same         the content of a recorded version: that version again (its files on disk are
//                kept as they are when they are intact: an issued file is never replaced)
//   corrigendum  issued with other content: RECTIFICATIF n° k, written under its own names
//                (`…-rectificatif-k`), so the original files stay as issued
// Drafts are never issued: composed with their late reports only.

import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { audienceId } from '../audience/audience.js';
import type { Format } from '../config/options.js';
import type { Dataset } from '../model/types.js';
import { contentHash } from '../register/content.js';
import {
  documentState,
  issuedFactsFor,
  versionFacts,
  versionsOf,
  type DocumentKey,
  type DocumentRecord,
  type RegisterView,
} from '../register/view.js';
import { composeDocument, type ComposedDocument } from './compose.js';
import { fileNameOf } from './file-name.js';
import type { DocumentPlan } from './plan.js';

export type IssueDecision =
  | { kind: 'draft' }
  | { kind: 'new' }
  | { kind: 'same'; record: DocumentRecord }
  | { kind: 'corrigendum'; number: number; replaces: DocumentRecord };

/** A file of a document: where it is, its SHA-256 and size. */
export interface FileFacts {
  format: Format;
  path: string;
  sha256: string;
  bytes: number;
}

export interface RunComposed {
  doc: ComposedDocument;
  /** File name without extension (a corrigendum's ends with -rectificatif-k). */
  baseName: string;
  /** Files already on disk as a recorded version wrote them: not written again. */
  kept: Partial<Record<Format, FileFacts>>;
  decision: IssueDecision;
  /** SHA-256 of the document's content (src/register/content.ts); empty when nothing needed it (not recorded, nothing to compare with). */
  content: string;
  /** 1 for the original, k + 1 for corrigendum k. */
  version: number;
  corrigendum: number;
  /** The first issued window its late reports compared with. */
  lateFrom?: string;
}

export function sha256Of(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function documentKey(plan: DocumentPlan): DocumentKey {
  return { division: plan.division, date: plan.date, audience: audienceId(plan.audience), lang: plan.lang };
}

export function corrigendumBaseName(baseName: string, corrigendum: number): string {
  return corrigendum > 0 ? `${baseName}-rectificatif-${corrigendum}` : baseName;
}

/**
 * Composes each plan against `view`; `outDir` holds the files a recorded version may have left.
 * `recording`: the documents will be recorded (or approved): their content hash and the facts of
 * their records are always computed; otherwise only when the register has a version to compare with.
 */
export function registerComposer(view: RegisterView, outDir: string, formats: readonly Format[], recording = false) {
  return async (data: Dataset, plan: DocumentPlan): Promise<RunComposed> => {
    const key = documentKey(plan);
    const issued = issuedFactsFor(view, key);
    const state = documentState(view, key);
    const compare = recording || state.latest !== undefined;
    const plain = composeDocument(data, plan, { ...(issued && { issued }), facts: recording });
    const lateFrom = plain.model.lateReports?.compared ? issued?.windows[0]?.date : undefined;
    if (plan.draft || !compare) {
      return {
        doc: plain,
        baseName: plan.baseName,
        kept: {},
        decision: { kind: plan.draft ? 'draft' : 'new' },
        content: '',
        version: plan.draft ? 0 : 1,
        corrigendum: 0,
        ...(lateFrom !== undefined && { lateFrom }),
      };
    }
    const content = contentHash(plain.model);

    const asVersion = (record: DocumentRecord): ComposedDocument => {
      const k = record.entry.corrigendum;
      if (k === 0) return plain;
      const replaced = replacedBy(view, record);
      return replaced
        ? composeDocument(data, plan, {
            ...(issued && { issued }),
            facts: recording,
            amend: { number: k, previous: versionFacts(view, replaced) },
          })
        : plain;
    };
    let decision: IssueDecision;
    let doc = plain;
    const latest = state.latest;
    if (
      latest &&
      latest.entry.content === content &&
      (latest.held || !state.latestHeld || latest.entry.corrigendum > 0)
    ) {
      decision = { kind: 'same', record: latest };
      doc = asVersion(latest);
    } else if (state.latestHeld && state.latestHeld.entry.content === content) {
      decision = { kind: 'same', record: state.latestHeld };
      doc = asVersion(state.latestHeld);
    } else if (state.latestHeld) {
      decision = { kind: 'corrigendum', number: state.nextCorrigendum, replaces: state.latestHeld };
      doc = composeDocument(data, plan, {
        ...(issued && { issued }),
        facts: recording,
        amend: { number: state.nextCorrigendum, previous: versionFacts(view, state.latestHeld) },
      });
    } else {
      decision = { kind: 'new' };
    }
    const corrigendum =
      decision.kind === 'corrigendum'
        ? decision.number
        : decision.kind === 'same'
          ? decision.record.entry.corrigendum
          : 0;
    const version = decision.kind === 'same' ? decision.record.entry.version : corrigendum + 1;
    const baseName = corrigendumBaseName(plan.baseName, corrigendum);
    const kept = decision.kind === 'same' ? await intactFiles(decision.record, outDir, baseName, formats) : {};
    return {
      doc,
      baseName,
      kept,
      decision,
      content,
      version,
      corrigendum,
      ...(lateFrom !== undefined && { lateFrom }),
    };
  };
}

/** The issued version a corrigendum replaced: the latest one issued before it. */
function replacedBy(view: RegisterView, record: DocumentRecord): DocumentRecord | undefined {
  return versionsOf(view, record.entry)
    .filter((d) => d.held && d.entry.seq < record.entry.seq && d.entry.version < record.entry.version)
    .at(-1);
}

/** The recorded version's files that are in `outDir` byte for byte. */
async function intactFiles(
  record: DocumentRecord,
  outDir: string,
  baseName: string,
  formats: readonly Format[],
): Promise<Partial<Record<Format, FileFacts>>> {
  const out: Partial<Record<Format, FileFacts>> = {};
  for (const format of formats) {
    const name = fileNameOf(baseName, format);
    const recorded = record.entry.files.filter((f) => f.name === name);
    if (recorded.length === 0) continue;
    const path = join(outDir, name);
    try {
      if (!(await lstat(path)).isFile()) continue;
      const bytes = await readFile(path);
      const sha256 = sha256Of(bytes);
      if (recorded.some((f) => f.sha256 === sha256)) out[format] = { format, path, sha256, bytes: bytes.length };
    } catch {
      // missing or unreadable: written again
    }
  }
  return out;
}
