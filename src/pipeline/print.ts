// What the pipeline hands the PDF printer: one document (its plan, model and HTML) at a time,
// through one browser for the whole run. The printer itself (printer.ts) is started by the
// command's edges (Io.startPrinter) before the rest of cci loads.

import type { BriefingModel } from '../aggregate/model.js';
import type { DocLang } from '../i18n/lang.js';

export interface PdfJobInput {
  plan: { baseName: string; lang: DocLang };
  model: BriefingModel;
  html: string;
}

export interface BriefingPrinter {
  /** Prints one document; every document of a run goes through the same browser. */
  print(job: PdfJobInput): Promise<Uint8Array>;
  close(): Promise<void>;
}
