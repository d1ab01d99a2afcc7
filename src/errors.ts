// Typed errors and the exit codes they map to. Every failure a user can cause or meet ends in
// one of these, with a message written for a person.

import { t } from './i18n/messages.js';

export const EXIT = {
  OK: 0,
  /** Internal error: a bug in cci. */
  INTERNAL: 1,
  /** Bad command line: unknown option, bad value. */
  USAGE: 2,
  /** The data folder has problems (validation errors, missing days). */
  DATA: 3,
  /** HTML or PDF could not be rendered or written. */
  RENDER: 4,
  /** No browser to print PDFs with. */
  NO_BROWSER: 5,
  /** Email delivery failed (documents are kept on disk). */
  DELIVERY: 6,
  /** Another run is writing the same briefing. */
  LOCKED: 7,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One problem found in a data file, reported as `file:line:column: message`. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  let where = p.file;
  if (p.line !== undefined) {
    where += `:${p.line}`;
    if (p.column !== undefined) where += `:${p.column}`;
  }
  return t('problem', { where, message: p.message });
}

export class CciError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CciError';
  }
}

export class UsageError extends CciError {
  constructor(message: string) {
    super(message, EXIT.USAGE);
    this.name = 'UsageError';
  }
}

/** The data folder has one or more problems; all of them are listed. */
export class DataError extends CciError {
  constructor(readonly problems: Problem[], summary?: string) {
    super(summary ?? problems.map(formatProblem).join('\n'), EXIT.DATA);
    this.name = 'DataError';
  }
}

export class RenderError extends CciError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.RENDER, options);
    this.name = 'RenderError';
  }
}

export class NoBrowserError extends CciError {
  constructor(message: string) {
    super(message, EXIT.NO_BROWSER);
    this.name = 'NoBrowserError';
  }
}

export class DeliveryError extends CciError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.DELIVERY, options);
    this.name = 'DeliveryError';
  }
}

export class LockedError extends CciError {
  constructor(message: string) {
    super(message, EXIT.LOCKED);
    this.name = 'LockedError';
  }
}
