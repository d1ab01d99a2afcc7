// Typed errors and the exit codes they map to. Every failure a user can cause or meet ends in
// one of these, with a message written for a person.

import { formatCount, t } from './i18n/messages.js';
import { displayName, escapeUnsafe, isDisplaySafe } from './text/control-chars.js';

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
  /** No browser to print PDFs with: none found, or the one found does not start. */
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
  /** cci verify: the file was emailed and its delivery is uncertain (the server took it, then broke off): a recipient may hold it. */
  UNCERTAIN: 12,
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
  /**
   * A warning: something cci leaves alone (a file or folder it does not read) and says so; it
   * never stops a run. Absent: a problem, which does.
   */
  severity?: 'warning';
}

/** The problems that stop a run (not the warnings). */
export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity !== 'warning');
}

/**
 * The place of a problem: `file:line:column`, or `file:Sheet!B14` (`file:Sheet!14:14` for a whole
 * row). A file name holding a control character (ESC, a line break), a bidi control or a double
 * quote first is printed in double quotes with those characters escaped (`displayName`), so the
 * place stays on one line and cannot be mistaken for another; a sheet name likewise, inside its
 * single quotes.
 */
export function formatPlace(p: { file: string; sheet?: string; line?: number; column?: number }): string {
  const file = displayName(p.file);
  if (p.sheet !== undefined) {
    const sheet = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(p.sheet)
      ? p.sheet
      : `'${isDisplaySafe(p.sheet) ? p.sheet.replace(/'/g, "''") : escapeUnsafe(p.sheet.replace(/\\/g, '\\\\')).replace(/'/g, "''")}'`;
    if (p.line === undefined) return `${file}:${sheet}`;
    return p.column === undefined
      ? `${file}:${sheet}!${p.line}:${p.line}`
      : `${file}:${sheet}!${columnLetters(p.column)}${p.line}`;
  }
  let where = file;
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

/** `file:line:column: message`, or `file:line:column: warning: message`. */
export function formatProblem(p: Problem): string {
  return t(p.severity === 'warning' ? 'problemWarning' : 'problem', { where: formatPlace(p), message: p.message });
}

/** Problems of one kind in one file shown before the rest are summarised in one line. */
export const SHOWN_PER_KIND = 5;

/**
 * The lines that say `problems`, in their order, each as formatProblem writes it; of the
 * problems of one kind in one file (the same message but for its quoted values and numbers:
 * 100,000 unknown columns of one header), the first SHOWN_PER_KIND, then one line saying how many
 * more there are and where they lie, after that file's last problem.
 */
export function problemLines(problems: readonly Problem[], perKind = SHOWN_PER_KIND): string[] {
  const fileOf = (p: Problem) => `${p.file}\0${p.sheet ?? ''}`;
  const kindOf = (p: Problem) => `${fileOf(p)}\0${p.severity ?? ''}\0${messageShape(p.message)}`;
  const total = new Map<string, number>();
  const lastOfFile = new Map<string, number>();
  problems.forEach((p, i) => {
    const k = kindOf(p);
    total.set(k, (total.get(k) ?? 0) + 1);
    lastOfFile.set(fileOf(p), i);
  });
  const lines: string[] = [];
  const seen = new Map<string, { n: number; first?: Problem; last?: Problem }>();
  const pending = new Map<string, string[]>();
  problems.forEach((p, i) => {
    const k = kindOf(p);
    const s = seen.get(k) ?? { n: 0 };
    seen.set(k, s);
    s.n++;
    if (s.n <= perKind) lines.push(formatProblem(p));
    else {
      s.first ??= p;
      s.last = p;
    }
    const n = total.get(k)!;
    if (s.n === n && n > perKind) {
      const more = t('problemsMore', {
        where: formatPlace({ file: p.file, ...(p.sheet !== undefined && { sheet: p.sheet }) }),
        n: formatCount(n - perKind),
        first: placeInFile(s.first!),
        last: placeInFile(s.last!),
      });
      const list = pending.get(fileOf(p)) ?? [];
      list.push(more);
      pending.set(fileOf(p), list);
    }
    if (lastOfFile.get(fileOf(p)) === i) {
      for (const line of pending.get(fileOf(p)) ?? []) lines.push(line);
      pending.delete(fileOf(p));
    }
  });
  return lines;
}

/** A message with its quoted values and its numbers blanked: what problems of one kind share. */
function messageShape(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/«[^»]*»/g, '«»')
    .replace(/\d+/g, '0');
}

/** `line:column` (or `Sheet!B14`) of a problem, without its file. */
function placeInFile(p: Problem): string {
  const whole = formatPlace(p);
  const file = formatPlace({ file: p.file, ...(p.sheet !== undefined && { sheet: p.sheet }) });
  return whole.length > file.length ? whole.slice(file.length + 1) : '-';
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

/** The data folder has one or more problems; all of them are listed (warnings too, if any). */
export class DataError extends CciError {
  constructor(
    readonly problems: Problem[],
    summary?: string,
  ) {
    super(summary ?? problemLines(problems).join('\n'), EXIT.DATA);
    this.name = 'DataError';
  }
}

export class RenderError extends CciError {
  constructor(message: string, options?: { cause?: unknown }, exitCode: ExitCode = EXIT.RENDER) {
    super(message, exitCode, options);
    this.name = 'RenderError';
  }
}

/**
 * The browser found did not start, or did not answer as Chrome does (it exited at once, hung
 * past the launch time-out, or wrote something else on the DevTools pipe): no browser to print
 * with, so exit 5 as when none is found (`cci doctor` says the same). A browser that started
 * and then fails on a document is a RenderError (exit 4), as is one that crashed during the run
 * and then could not be started again (BrowserRestartError, src/pdf/launch.ts).
 */
export class BrowserStartError extends RenderError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options, EXIT.NO_BROWSER);
    this.name = 'BrowserStartError';
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
