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
import { EXPORT_SUFFIX, figuresCsvText, stixJson } from '../export/index.js';
import type { EventConfig } from '../model/types.js';
import { StagedFiles } from '../output/write-outputs.js';
import { composeDocument } from './compose.js';
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
  /** Keep each document's model (for delivery); otherwise only its paths are kept. */
  keepModels?: boolean;
  /** Called as each PDF is written to its staging file (progress). */
  onPrinted?: (plan: DocumentPlan) => void;
}

export interface ProducedDocument {
  plan: DocumentPlan;
  /** When keepModels was set. */
  model?: BriefingModel;
  /** Final paths of the files written for it, by format. */
  paths: Partial<Record<Format, string>>;
}

export interface PipelineResult {
  documents: ProducedDocument[];
  /** Every path staged, in the order written (what `cci brief` prints). */
  paths: string[];
  /** RED records held back, counted once per division (the same records whatever the audience). */
  heldBackRed: number;
  /** Moves every staged file into place. */
  commit(): Promise<void>;
}

/** Loads the data of the plans' date and produces every document into staged files; on failure, nothing is left staged. */
export async function runPipeline(req: PipelineRequest): Promise<PipelineResult> {
  const dates = [...new Set(req.plans.map((p) => p.date))];
  const data = await loadBriefingData(req.dataDir, dates, { cacheDir: req.cacheDir, event: req.event, warn: req.warn });
  const staged = new StagedFiles();
  const documents: ProducedDocument[] = [];
  const paths: string[] = [];
  const printing = new Set<Promise<void>>();
  let printFailure: { error: unknown } | undefined;
  const red = new Map<string, number>();
  const stage = async (path: string, content: string): Promise<void> => {
    paths.push(path);
    await staged.add(path, content);
  };
  try {
    for (const plan of req.plans) {
      const doc = composeDocument(data, plan);
      red.set(plan.division, Math.max(red.get(plan.division) ?? 0, doc.heldBackRed));
      const base = join(req.outDir, plan.baseName);
      const produced: ProducedDocument = { plan, paths: {}, ...(req.keepModels && { model: doc.model }) };
      documents.push(produced);
      if (req.formats.includes('html')) {
        produced.paths.html = `${base}.html`;
        await stage(`${base}.html`, doc.html);
      }
      if (req.formats.includes('json')) {
        produced.paths.json = `${base}.json`;
        await stage(`${base}.json`, `${JSON.stringify(doc.model, null, 2)}\n`);
      }
      // the exchange formats (src/export), from the same model: what the audience may see
      if (req.formats.includes('stix')) {
        produced.paths.stix = `${base}${EXPORT_SUFFIX.stix}`;
        await stage(produced.paths.stix, stixJson(doc.model, plan.lang));
      }
      if (req.formats.includes('csv')) {
        produced.paths.csv = `${base}${EXPORT_SUFFIX.csv}`;
        await stage(produced.paths.csv, figuresCsvText(doc.model));
      }
      if (req.formats.includes('pdf') && req.printer) {
        produced.paths.pdf = `${base}.pdf`;
        paths.push(`${base}.pdf`);
        const job = req.printer.print({ plan, model: doc.model, html: doc.html })
          .then((pdf) => staged.add(`${base}.pdf`, pdf))
          .then(() => req.onPrinted?.(plan), (error: unknown) => { printFailure ??= { error }; })
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
  return { documents, paths, heldBackRed, commit: async () => { await staged.commit(); } };
}
