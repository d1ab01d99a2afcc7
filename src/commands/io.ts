// The edges a command touches, injected so tests can swap them: streams, clock, working
// folder, the environment variables, and the PDF printer.

import type { BriefingPrinter } from '../pipeline/print.js';

export type { BriefingPrinter, PdfJobInput } from '../pipeline/print.js';

export interface Io {
  cwd: string;
  /** The environment variables, read once into values by src/config/environment.ts. */
  env: Readonly<Record<string, string | undefined>>;
  now(): Date;
  /** Waits (ms); setTimeout when absent (tests give a clock of their own). */
  sleep?(ms: number): Promise<void>;
  /** One line of stdout (file paths, URLs: what scripts read). */
  out(line: string): void;
  /** A message for the person, on stderr. */
  info(message: string): void;
  warn(message: string): void;
  /** Whether stderr is a terminal (progress display). */
  isTTY: boolean;
  /** Starts the run's PDF printer; `env` is what the browser is found and run with. */
  startPrinter(opts: { executablePath?: string | undefined; env: NodeJS.ProcessEnv }): Promise<BriefingPrinter>;
}
