// The edges a command touches, injected so tests can swap them: streams, clock, working folder,
// and the PDF printer.

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

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  now(): Date;
  /** One line of stdout (file paths, URLs: what scripts read). */
  out(line: string): void;
  /** A message for the person, on stderr. */
  info(message: string): void;
  warn(message: string): void;
  /** Whether stderr is a terminal (progress display). */
  isTTY: boolean;
  startPrinter(opts: { executablePath?: string | undefined }): Promise<BriefingPrinter>;
}
