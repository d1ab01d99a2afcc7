// The briefing pipeline: load → select → aggregate → render (and export) → print → stage. Used by
// `cci brief` (runBrief keeps only its options, locks and delivery) and, a document at a time,
// by the preview (composeDocument, loadBriefingData).
//
// Each document is built, rendered and handed to the browser in turn, and its files are staged
// as soon as they exist: Chromium prints while the next documents are built, and a batch of
// 141 never holds more than a few documents in memory. Nothing replaces an earlier file until
// the caller commits the staged files, once every document of the run has been written.

import { join } from 'node:path';
import type { BriefingModel } from '../aggregate/model.js';
import type { Format } from '../config/options.js';
import type { Dataset, EventConfig } from '../model/types.js';
import { StagedFiles } from '../output/write-outputs.js';
import { composeDocument } from './compose.js';
import { fileNameOf } from './file-name.js';
import { sha256Of, type FileFacts, type RunComposed } from './issued-compose.js';
import { loadBriefingData } from './load.js';
import type { DocumentPlan } from './plan.js';
import type { BriefingPrinter } from './print.js';

/** Documents handed to the browser and not yet written: bounds the memory of long batches. */
const MAX_PRINTS_IN_FLIGHT = 4;

export interface PipelineRequest {
  /** Absolute. */
  dataDir: string;
  /** event.yaml as already read (not read again). */
  event: EventConfig;
  /** Absolute. */
  outDir: string;
  /** Every document, all of the same date. */
  plans: readonly DocumentPlan[];
  formats: readonly Format[];
  /** The tally cache folder; every file read in full when undefined. */
  cacheDir: string | undefined;
  /** Where warnings about the cache folder go (made private, not usable). */
  warn?: ((message: string) => void) | undefined;
  /** The run's printer when `formats` has pdf. */
  printer?: BriefingPrinter | undefined;
  /** Keep each document's model (to deliver and record it). */
  keepModels?: boolean;
  /** Called as each PDF is written to its staging file (progress). */
  onPrinted?: (plan: DocumentPlan) => void;
  /**
   * Composes each document (issued-compose.ts: against the register of issued briefings);
   * default: the document alone, under its plan's name.
   */
  compose?: (data: Dataset, plan: DocumentPlan) => Promise<RunComposed>;
  /** What the late reports need loaded in full (src/register: lateLoadPlan). */
  late?: { fromDay: string; settled: (key: string) => boolean } | undefined;
}

export interface ProducedDocument {
  plan: DocumentPlan;
  /** When keepModels was set. */
  model?: BriefingModel;
  /** Final paths of its files (written, or kept as a recorded version left them), by format. */
  paths: Partial<Record<Format, string>>;
  /** Its files with their SHA-256 (what the register records; what the issued-file guard compares). */
  files: FileFacts[];
  /** How it was composed: name, content hash, what it is against the register (without the document itself). */
  composed: Omit<RunComposed, 'doc'> & { shown: RunComposed['doc']['shown']; late: RunComposed['doc']['late'] };
}

export interface PipelineResult {
  documents: ProducedDocument[];
  /** Every path staged, in the order written (what `cci brief` prints). */
  paths: string[];
  /** RED records held back, counted once per division (the same records whatever the audience). */
  heldBackRed: number;
  /** The tally keys of the incident files the documents were made from (for the register). */
  sources: string[];
  /** Moves every staged file into place. */
  commit(): Promise<void>;
  /** Removes every staged file: nothing of the run is written. */
  discard(): Promise<void>;
}

async function plainCompose(data: Dataset, plan: DocumentPlan): Promise<RunComposed> {
  return {
    doc: composeDocument(data, plan),
    baseName: plan.baseName,
    kept: {},
    decision: { kind: plan.draft ? 'draft' : 'new' },
    content: '',
    version: 1,
    corrigendum: 0,
  };
}

/** Loads the data of the plans' date and produces every document into staged files; on failure, nothing is left staged. */
export async function runPipeline(req: PipelineRequest): Promise<PipelineResult> {
  const dates = [...new Set(req.plans.map((p) => p.date))];
  const data = await loadBriefingData(req.dataDir, dates, {
    cacheDir: req.cacheDir,
    event: req.event,
    warn: req.warn,
    late: req.late,
  });
  const compose = req.compose ?? plainCompose;
  // the exchange formats' writers load only when a run writes one of them
  const exchange =
    req.formats.includes('stix') || req.formats.includes('csv') ? await import('../export/index.js') : undefined;
  const staged = new StagedFiles();
  const documents: ProducedDocument[] = [];
  const paths: string[] = [];
  const printing = new Set<Promise<void>>();
  let printFailure: { error: unknown } | undefined;
  const red = new Map<string, number>();
  const stage = async (
    produced: ProducedDocument,
    format: Format,
    path: string,
    content: string | Uint8Array,
  ): Promise<void> => {
    paths.push(path);
    produced.paths[format] = path;
    produced.files.push({
      format,
      path,
      sha256: sha256Of(content),
      bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.length,
    });
    await staged.add(path, content);
  };
  try {
    for (const plan of req.plans) {
      const composed = await compose(data, plan);
      const { doc, kept } = composed;
      red.set(plan.division, Math.max(red.get(plan.division) ?? 0, doc.heldBackRed));
      const { doc: _doc, ...facts } = composed;
      const produced: ProducedDocument = {
        plan,
        paths: {},
        files: [],
        composed: { ...facts, shown: doc.shown, late: doc.late },
        ...(req.keepModels && { model: doc.model }),
      };
      documents.push(produced);
      const keep = (format: Format): boolean => {
        const k = kept[format];
        if (!k) return false;
        paths.push(k.path);
        produced.paths[format] = k.path;
        produced.files.push(k);
        return true;
      };
      const path = (format: Format): string => join(req.outDir, fileNameOf(composed.baseName, format));
      if (req.formats.includes('html') && !keep('html')) await stage(produced, 'html', path('html'), doc.html);
      if (req.formats.includes('json') && !keep('json'))
        await stage(produced, 'json', path('json'), `${JSON.stringify(doc.model, null, 2)}\n`);
      // the exchange formats (src/export), from the same model: what the audience may see
      if (exchange && req.formats.includes('stix') && !keep('stix'))
        await stage(produced, 'stix', path('stix'), exchange.stixJson(doc.model, plan.lang));
      if (exchange && req.formats.includes('csv') && !keep('csv'))
        await stage(produced, 'csv', path('csv'), exchange.figuresCsvText(doc.model));
      if (req.formats.includes('pdf') && req.printer && !keep('pdf')) {
        const pdfPath = path('pdf');
        produced.paths.pdf = pdfPath;
        paths.push(pdfPath);
        const job = req.printer
          .print({ plan: { ...plan, baseName: composed.baseName }, model: doc.model, html: doc.html })
          .then((pdf) => {
            produced.files.push({ format: 'pdf', path: pdfPath, sha256: sha256Of(pdf), bytes: pdf.length });
            return staged.add(pdfPath, pdf);
          })
          .then(
            () => req.onPrinted?.(plan),
            (error: unknown) => {
              printFailure ??= { error };
            },
          )
          .finally(() => printing.delete(job));
        printing.add(job);
        if (printing.size >= MAX_PRINTS_IN_FLIGHT) await Promise.race(printing);
        if (printFailure) throw printFailure.error;
      }
    }
    await Promise.all(printing);
    if (printFailure) throw printFailure.error;
  } catch (error) {
    await Promise.all(printing);
    await staged.discard();
    throw error;
  }
  let heldBackRed = 0;
  for (const n of red.values()) heldBackRed += n;
  return {
    documents,
    paths,
    heldBackRed,
    sources: data.incidentFileKeys ?? [],
    commit: async () => {
      await staged.commit();
    },
    discard: () => staged.discard(),
  };
}
