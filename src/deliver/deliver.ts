// Emails each PDF of a run to its distribution list: preflight first (nothing is sent unless
// every document can be), then one message per document through one SMTP session, the send log
// consulted and written, and a report of what went, what did not, and what is uncertain.
//
// Guarantees (README, "Email and cron"):
// - a message is sent again automatically only after a failure that proves it was not delivered
//   (no connection, a 4xx answer, a failure before the server took DATA), within one minute of
//   the run's first try (RetryPolicy.deadlineMs);
// - once the server has taken DATA, a broken session makes the outcome *uncertain*: never sent
//   again automatically, recorded as uncertain in the send log, said with what to do; the run
//   sends nothing more (the server is not answering) and fails with exit 6;
// - no credential appears in any message (redact.ts), and every socket is destroyed at the end.
// Any failure ends in a DeliveryFailure (exit 6); the PDFs on disk are never touched.

import { basename, join } from 'node:path';
import { CciError, DeliveryError } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';
import { buildMessage } from './message.js';
import { preflight, type DeliverableDoc, type PreparedDoc } from './preflight.js';
import { redactor, type Redact } from './redact.js';
import { backoffDelay, DEFAULT_RETRY, sleep, type RetryPolicy } from './retry.js';
import { SEND_LOG_NAME, SendLog, type MessageKey, type SendLogLine, type SentEntry } from './send-log.js';
import { errorCodeText } from '../output/error-code.js';
import { causeText } from '../output/write-error.js';
import { SmtpFailure } from './smtp-failure.js';
import { SmtpMailer, systemNetwork, type Mailer, type Network, type SessionOptions } from './smtp-session.js';
import { DEFAULT_TIMEOUTS, type TransportTimeouts } from './timeouts.js';
import { localTime } from '../register/history.js';

export interface DeliverOptions {
  event: EventConfig;
  /** The value of CCI_SMTP_URL. */
  smtpUrl: string | undefined;
  /** The output folder: the send log lives there, and messages name it. */
  outDir: string;
  /** Send again to addresses the send log says were already (or possibly) served. */
  resend: boolean;
  now: () => Date;
  /** Progress (stderr). */
  log?: (msg: string) => void;
  /** Warnings that must be seen (stderr): ?tls=off, uncertain earlier sendings. */
  warn?: (msg: string) => void;
  timeouts?: Partial<TransportTimeouts>;
  retry?: Partial<RetryPolicy>;
  network?: Partial<Network>;
  /** Tests: another Mailer than SMTP. */
  mailer?: (options: SessionOptions) => Mailer;
}

export interface DeliveryReport {
  sent: { pdfPath: string; address: string; messageId: string; at: string }[];
  /** Sent (or possibly sent: `uncertain`) earlier for the same briefing, not sent again. */
  skipped: { pdfPath: string; address: string; sentAt: string; uncertain: boolean; interrupted?: true }[];
  /** Not delivered: refused, or not sent because of a failure. */
  failed: { pdfPath: string; address: string; reason: string; notTried: boolean }[];
  /** The server took the message, then the session broke: it may or may not have arrived. */
  uncertain: { pdfPath: string; address: string; reason: string; at: string }[];
  /** A message sent whose outcome the send log could not record: the run fails (exit 6) to say so. */
  logTrouble?: true;
}

/** A delivery failure that carries what was and was not sent. */
export class DeliveryFailure extends DeliveryError {
  constructor(
    message: string,
    readonly report: DeliveryReport,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryFailure';
  }
}

export type { DeliverableDoc };

export async function deliverBriefings(docs: readonly DeliverableDoc[], opts: DeliverOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: [], skipped: [], failed: [], uncertain: [] };
  if (docs.length === 0) return report;
  const prepared = await preflight(docs, opts.event, opts.smtpUrl);
  const redact = redactor(prepared.smtp.secrets);
  try {
    return await deliver(prepared.docs, { ...opts, redact, from: prepared.from, smtp: prepared.smtp, report });
  } catch (error) {
    // A bug must not print a password either.
    if (!(error instanceof CciError) && error instanceof Error) {
      error.message = redact(error.message);
      if (error.stack) error.stack = redact(error.stack);
    }
    throw error;
  }
}

interface RunContext extends DeliverOptions {
  redact: Redact;
  from: string;
  smtp: SessionOptions['settings'];
  report: DeliveryReport;
}

async function deliver(docs: readonly PreparedDoc[], ctx: RunContext): Promise<DeliveryReport> {
  const { report, redact } = ctx;
  const log = (m: string) => ctx.log?.(redact(m));
  const warn = (m: string) => (ctx.warn ?? ctx.log)?.(redact(m));
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...ctx.retry };
  const sessionOptions: SessionOptions = {
    settings: ctx.smtp,
    timeouts: { ...DEFAULT_TIMEOUTS, ...ctx.timeouts },
    network: { ...systemNetwork, ...ctx.network },
    redact,
  };
  if (ctx.smtp.tlsOptOut) warn(t('deliver.tlsOff', { url: ctx.smtp.display, host: ctx.smtp.host }));
  // checked before anything was written (checkSendLog); replaced since by what cannot be read: said, not a crash
  const sendLog = await SendLog.open(ctx.outDir).catch((error: unknown) => {
    throw new DeliveryError(
      t('deliver.check.nothingEmailed', {
        problems: t('deliver.check.sendLogUnreadable', {
          path: join(ctx.outDir, SEND_LOG_NAME),
          code: errorCodeText(error),
        }),
      }),
      { cause: error },
    );
  });
  const started = Date.now();

  const problems: string[] = [];
  let fatal: string | undefined;
  let mailer: Mailer | undefined;
  try {
    for (const doc of docs) {
      const key = messageKey(ctx.event, doc);
      const file = basename(doc.pdfPath);
      const pending: string[] = [];
      const served = new Map((doc.served ?? []).map((s) => [s.address.toLowerCase(), s]));
      for (const address of doc.recipients) {
        const registered = served.get(address.toLowerCase());
        const earlier = registered
          ? {
              at: registered.at,
              status: registered.uncertain ? 'uncertain' : undefined,
              ...(registered.interrupted && { interrupted: true }),
            }
          : sendLog.find(key, address);
        if (earlier && !ctx.resend) {
          const uncertain = earlier.status === 'uncertain';
          const interrupted = uncertain && 'interrupted' in earlier && earlier.interrupted === true;
          report.skipped.push({
            pdfPath: doc.pdfPath,
            address,
            sentAt: earlier.at,
            uncertain,
            ...(interrupted && { interrupted: true as const }),
          });
          if (uncertain)
            warn(
              t(
                'interrupted' in earlier && earlier.interrupted
                  ? 'deliver.interruptedEarlier'
                  : 'deliver.uncertainEarlier',
                { file, address, at: localTime(earlier.at, ctx.event.timezone) },
              ),
            );
          else log(t('deliver.alreadySent', { file, address, at: localTime(earlier.at, ctx.event.timezone) }));
        } else {
          pending.push(address);
        }
      }
      if (pending.length === 0) continue;
      if (fatal) {
        for (const address of pending)
          report.failed.push({ pdfPath: doc.pdfPath, address, reason: fatal, notTried: true });
        continue;
      }
      mailer ??= (ctx.mailer ?? ((o) => new SmtpMailer(o)))(sessionOptions);
      const outcome = await sendOne(mailer, doc, pending, { ...ctx, key, policy, sendLog, log, started });
      for (const p of outcome.problems) problems.push(p);
      if (outcome.fatal) fatal = outcome.fatal;
    }
  } finally {
    await mailer?.close();
  }

  if (report.failed.length > 0 || report.uncertain.length > 0 || report.logTrouble) {
    const notTried = report.failed.filter((f) => f.notTried).length;
    const parts = [...problems];
    if (notTried > 0) parts.push(tn('deliver.notTried', notTried));
    if (report.sent.length > 0)
      parts.push(
        report.logTrouble
          ? tn('deliver.deliveredToNotLogged', report.sent.length)
          : tn('deliver.deliveredTo', report.sent.length, { log: sendLog.path }),
      );
    throw new DeliveryFailure(redact(t('deliver.failed', { problems: parts.join('; '), dir: ctx.outDir })), report);
  }
  return report;
}

function errorCodeOf(error: SendLogNotWritten): string {
  return (error.writeError as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
}

function messageKey(event: EventConfig, doc: PreparedDoc): MessageKey {
  const m = doc.model;
  return {
    event: event.id,
    division: m.division,
    date: m.date,
    audience: m.audience,
    lang: doc.lang,
    ...(m.corrigendum && { corrigendum: m.corrigendum.number }),
  };
}

interface SendContext extends RunContext {
  key: MessageKey;
  policy: RetryPolicy;
  sendLog: SendLog;
  log: (msg: string) => void;
  /** When the run's first try started: retries stop at policy.deadlineMs after it. */
  started: number;
}

/** A send-log line that could not be written (a full or read-only disk): `cause` is the write's error. */
class SendLogNotWritten extends Error {
  constructor(readonly writeError: unknown) {
    super('send log not written', { cause: writeError });
  }
}

/** Sends one document to its pending addresses, trying again after transient failures only. */
async function sendOne(
  mailer: Mailer,
  doc: PreparedDoc,
  pending: readonly string[],
  ctx: SendContext,
): Promise<{ problems: string[]; fatal?: string }> {
  const file = basename(doc.pdfPath);
  const problems: string[] = [];
  const server = ctx.smtp.display;
  let remaining = [...pending];
  for (let attempt = 1; ; attempt++) {
    const delay = backoffDelay(ctx.policy, attempt + 1);
    const mayRetry = attempt < ctx.policy.attempts && Date.now() - ctx.started + delay <= ctx.policy.deadlineMs;
    const message = buildMessage({
      model: doc.model,
      lang: doc.lang,
      pdfPath: doc.pdfPath,
      pdf: doc.pdf,
      from: ctx.from,
      recipients: doc.recipients,
      to: remaining,
      visibleRecipients: ctx.event.distribution?.visibleRecipients ?? false,
      date: ctx.now(),
    });
    // written ahead, flushed, once the server has taken the recipients and before the message
    // leaves: a run stopped while it is on its way leaves it uncertain in the log, never
    // forgotten; one stopped before has sent nothing and left nothing (send-log.ts)
    const entry = doc.registerEntry && { entry: { seq: doc.registerEntry.seq, hash: doc.registerEntry.hash } };
    const line = (address: string, status?: 'sending' | 'failed') => ({
      ...ctx.key,
      address,
      at: ctx.now().toISOString(),
      messageId: message.messageId,
      file,
      ...(status && { status }),
      ...entry,
    });
    let wroteAhead = false;
    const record = (lines: readonly SendLogLine[]) =>
      ctx.sendLog.append(lines).catch((error: unknown) => {
        throw new SendLogNotWritten(error);
      });
    // the sentence for a line not written: the log's path and the cause in words (never a raw error)
    const notRecorded = (key: string, addresses: readonly string[], error: SendLogNotWritten, reason?: string) =>
      t(key, {
        file,
        addresses: addresses.join(', '),
        path: ctx.sendLog.path,
        cause: causeText(errorCodeOf(error)),
        ...(reason !== undefined && { reason }),
      });
    const beforeData = async () => {
      await record(remaining.map((address) => line(address, 'sending')));
      wroteAhead = true;
    };
    try {
      const result = await mailer.send(message, { beforeData });
      const at = ctx.now().toISOString();
      const wanted = new Map(remaining.map((a) => [a.toLowerCase(), a]));
      const accepted = result.accepted
        .map((a) => wanted.get(a.toLowerCase()))
        .filter((a): a is string => a !== undefined);
      const entries: SentEntry[] = accepted.map((address) => ({
        ...ctx.key,
        address,
        at,
        messageId: message.messageId,
        file,
        ...entry,
      }));
      // the others did not leave (refused, or deferred: tried again below as a new sending)
      const taken = new Set(accepted.map((a) => a.toLowerCase()));
      const unrecorded = await record([
        ...entries,
        ...(wroteAhead ? remaining.filter((a) => !taken.has(a.toLowerCase())).map((a) => line(a, 'failed')) : []),
      ]).then(
        () => undefined,
        (error: unknown) => error as SendLogNotWritten,
      );
      for (const e of entries)
        ctx.report.sent.push({ pdfPath: doc.pdfPath, address: e.address, messageId: e.messageId, at });
      if (accepted.length > 0)
        ctx.log(t('deliver.sent', { file, addresses: accepted.join(', '), messageId: message.messageId }));
      if (unrecorded) {
        // sent, but its outcome is not on disk: the `sending` lines stand, read as possibly
        // delivered; nothing more is sent while the log cannot be written
        if (accepted.length > 0) problems.push(notRecorded('deliver.sentNotRecorded', accepted, unrecorded));
        for (const r of result.refused) {
          ctx.report.failed.push({ pdfPath: doc.pdfPath, address: r.address, reason: r.reason, notTried: false });
          problems.push(t('deliver.refused', { address: r.address, reason: r.reason }));
        }
        ctx.report.logTrouble = true;
        return { problems, fatal: causeText(errorCodeOf(unrecorded)) };
      }

      const retryable = result.refused.filter((r) => r.transient);
      const final = mayRetry ? result.refused.filter((r) => !r.transient) : result.refused;
      for (const r of final) {
        ctx.report.failed.push({ pdfPath: doc.pdfPath, address: r.address, reason: r.reason, notTried: false });
        problems.push(t('deliver.refused', { address: r.address, reason: r.reason }));
      }
      if (mayRetry && retryable.length > 0) {
        ctx.log(
          t('deliver.deferred', {
            file,
            list: retryable.map((r) => `${r.address} (${r.reason})`).join(', '),
            delay: seconds(delay),
          }),
        );
        remaining = retryable.map((r) => r.address);
        await sleep(delay);
        continue;
      }
      return { problems };
    } catch (error) {
      if (error instanceof SendLogNotWritten) {
        // the sending could not be written ahead: the message did not leave, and nothing else will
        for (const address of remaining)
          ctx.report.failed.push({
            pdfPath: doc.pdfPath,
            address,
            reason: causeText(errorCodeOf(error)),
            notTried: false,
          });
        problems.push(notRecorded('deliver.sendLogNotWritten', remaining, error));
        return { problems, fatal: causeText(errorCodeOf(error)) };
      }
      if (!(error instanceof SmtpFailure)) throw error;
      if (error.kind === 'uncertain') {
        const at = ctx.now().toISOString();
        // not written: the `sending` lines already on disk say the same (possibly delivered)
        await record(
          remaining.map((address) => ({
            ...ctx.key,
            address,
            at,
            messageId: message.messageId,
            file,
            status: 'uncertain' as const,
            ...entry,
          })),
        ).catch(() => undefined);
        for (const address of remaining)
          ctx.report.uncertain.push({ pdfPath: doc.pdfPath, address, reason: error.reason, at });
        problems.push(t('deliver.uncertain', { file, server, addresses: remaining.join(', '), reason: error.reason }));
        return { problems, fatal: error.reason };
      }
      // not taken: the message did not leave (a refusal, a connection or login that failed)
      if (wroteAhead) {
        const unrecorded = await record(remaining.map((address) => line(address, 'failed'))).then(
          () => undefined,
          (e: unknown) => e as SendLogNotWritten,
        );
        if (unrecorded) {
          // the `sending` lines stand: later runs take it as possibly delivered, and so does this report
          for (const address of remaining)
            ctx.report.failed.push({ pdfPath: doc.pdfPath, address, reason: error.reason, notTried: false });
          problems.push(notRecorded('deliver.failedNotRecorded', remaining, unrecorded, error.reason));
          return { problems, fatal: causeText(errorCodeOf(unrecorded)) };
        }
      }
      if (error.kind === 'transient' && mayRetry) {
        ctx.log(
          t('deliver.retrying', {
            file,
            reason: error.reason,
            delay: seconds(delay),
            next: attempt + 1,
            max: ctx.policy.attempts,
          }),
        );
        await sleep(delay);
        continue;
      }
      for (const address of remaining)
        ctx.report.failed.push({ pdfPath: doc.pdfPath, address, reason: error.reason, notTried: false });
      const tries = attempt > 1 ? t('deliver.afterTries', { n: attempt }) : '';
      problems.push(
        t('deliver.couldNotSend', { file, addresses: remaining.join(', '), server, reason: error.reason, tries }),
      );
      return { problems, ...(error.scope === 'session' ? { fatal: error.reason } : {}) };
    }
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
