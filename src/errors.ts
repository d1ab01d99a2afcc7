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
  /** The briefing was issued with other content: a corrigendum needs --amend (nothing written or sent). */
  CHANGED: 8,
  /** --require-approval: a document's content is not approved (not sent; the duty desk is told). */
  NOT_APPROVED: 9,
  /** The register of issued briefings is damaged, hand-edited, of another event or of a newer cci (nothing sent). */
  REGISTER: 10,
  /** cci verify: the file is not a document the register says was issued. */
  NOT_ISSUED: 11,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * One problem found in a data file, reported as `file:line:column: message`; in a workbook
 * (`sheet` set, line = row, column = column number) as `file:Sheet!B14: message`.
 */
export interface Problem {
  file: string;
  /** The workbook sheet, for a problem in an .xlsx file. */
  sheet?: string;
  line?: number;
  column?: number;
  message: string;
}

/** The place of a problem: `file:line:column`, or `file:Sheet!B14` (`file:Sheet!14:14` for a whole row). */
export function formatPlace(p: { file: string; sheet?: string; line?: number; column?: number }): string {
  if (p.sheet !== undefined) {
    const sheet = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(p.sheet) ? p.sheet : `'${p.sheet.replace(/'/g, "''")}'`;
    if (p.line === undefined) return `${p.file}:${sheet}`;
    return p.column === undefined ? `${p.file}:${sheet}!${p.line}:${p.line}` : `${p.file}:${sheet}!${columnLetters(p.column)}${p.line}`;
  }
  let where = p.file;
  if (p.line !== undefined) {
    where += `:${p.line}`;
    if (p.column !== undefined) where += `:${p.column}`;
  }
  return where;
}

/** 1 → A, 27 → AA (spreadsheet column names). */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function formatProblem(p: Problem): string {
  return t('problem', { where: formatPlace(p), message: p.message });
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

/** A briefing already issued has other content now; it is sent again only as a corrigendum (--amend). */
export class ChangedSinceIssuedError extends CciError {
  constructor(message: string) {
    super(message, EXIT.CHANGED);
    this.name = 'ChangedSinceIssuedError';
  }
}

/** --require-approval: some content is not approved; it was not sent. */
export class NotApprovedError extends CciError {
  constructor(message: string) {
    super(message, EXIT.NOT_APPROVED);
    this.name = 'NotApprovedError';
  }
}

/** The register of issued briefings cannot be trusted or used: nothing is sent, the register is left as it is. */
export class RegisterError extends CciError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.REGISTER, options);
    this.name = 'RegisterError';
  }
}
