// Emails each PDF of a run to its distribution list: preflight first (nothing is sent unless
// every document can be), then one message per document through one transport, with retries of
// transient failures, the send log consulted and written, and a report of what went and what
// did not. Any failure ends in a DeliveryError (exit 6); the PDFs on disk are never touched.

import { basename } from 'node:path';
import { DeliveryError } from '../errors.js';
import type { EventConfig } from '../model/types.js';
import { buildMessage } from './message.js';
import { preflight, type DeliverableDoc, type PreparedDoc } from './preflight.js';
import {
  backoffDelay, DEFAULT_RETRY, describeSmtpError, isTransient, sleep, type RetryPolicy,
} from './retry.js';
import { SendLog, type MessageKey, type SentEntry } from './send-log.js';
import {
  DEFAULT_TIMEOUTS, nodemailerTransport, type Mailer, type TransportFactory, type TransportTimeouts,
} from './transport.js';

export interface DeliverOptions {
  event: EventConfig;
  /** The value of CCI_SMTP_URL. */
  smtpUrl: string | undefined;
  /** The output folder: the send log lives there, and messages name it. */
  outDir: string;
  /** Send again to addresses the send log says were already served. */
  resend: boolean;
  now: () => Date;
  log?: (msg: string) => void;
  transportFactory?: TransportFactory;
  timeouts?: Partial<TransportTimeouts>;
  retry?: Partial<RetryPolicy>;
}

export interface DeliveryReport {
  sent: { pdfPath: string; address: string; messageId: string; at: string }[];
  /** Already sent earlier for the same briefing (send log), not sent again. */
  skipped: { pdfPath: string; address: string; sentAt: string }[];
  /** Not delivered: refused, or not sent because of a failure. */
  failed: { pdfPath: string; address: string; reason: string }[];
}

/** A delivery failure that carries what was and was not sent. */
export class DeliveryFailure extends DeliveryError {
  constructor(message: string, readonly report: DeliveryReport, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeliveryFailure';
  }
}

export type { DeliverableDoc };

export async function deliverBriefings(docs: readonly DeliverableDoc[], opts: DeliverOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: [], skipped: [], failed: [] };
  if (docs.length === 0) return report;
  const log = opts.log ?? (() => {});
  const prepared = await preflight(docs, opts.event, opts.smtpUrl);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const timeouts: TransportTimeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const sendLog = await SendLog.open(opts.outDir);

  const problems: string[] = [];
  let fatal: string | undefined;
  let mailer: Mailer | undefined;
  try {
    for (const doc of prepared.docs) {
      const key = messageKey(opts.event, doc);
      const file = basename(doc.pdfPath);
      const pending: string[] = [];
      for (const address of doc.recipients) {
        const earlier = sendLog.find(key, address);
        if (earlier && !opts.resend) {
          report.skipped.push({ pdfPath: doc.pdfPath, address, sentAt: earlier.at });
          log(`${file}: already sent to ${address} on ${earlier.at}, use --resend to send again`);
        } else {
          pending.push(address);
        }
      }
      if (pending.length === 0) continue;
      if (fatal) {
        for (const address of pending) report.failed.push({ pdfPath: doc.pdfPath, address, reason: `not sent: ${fatal}` });
        continue;
      }
      mailer ??= (opts.transportFactory ?? nodemailerTransport)(prepared.smtp, timeouts);
      const outcome = await sendOne(mailer, doc, pending, { from: prepared.from, server: prepared.smtp.display, key, policy, sendLog, log, now: opts.now, report });
      problems.push(...outcome.problems);
      if (outcome.fatal) fatal = outcome.fatal;
    }
  } finally {
    mailer?.close();
  }

  if (report.failed.length > 0) {
    const notTried = report.failed.filter((f) => f.reason.startsWith('not sent:')).length;
    const parts = [...problems];
    if (notTried > 0) parts.push(`${notTried} other recipient${notTried > 1 ? 's' : ''} not tried`);
    if (report.sent.length > 0) parts.push(`delivered to ${report.sent.length} address${report.sent.length > 1 ? 'es' : ''} (see ${sendLog.path})`);
    throw new DeliveryFailure(`delivery failed: ${parts.join('; ')}; the PDFs are kept in ${opts.outDir}`, report);
  }
  return report;
}

function messageKey(event: EventConfig, doc: PreparedDoc): MessageKey {
  const m = doc.model;
  return { event: event.id, division: m.division, date: m.date, audience: m.audience, lang: doc.lang };
}

interface SendContext {
  from: string;
  server: string;
  key: MessageKey;
  policy: RetryPolicy;
  sendLog: SendLog;
  log: (msg: string) => void;
  now: () => Date;
  report: DeliveryReport;
}

/** Sends one document to its pending addresses, retrying transient failures. */
async function sendOne(
  mailer: Mailer, doc: PreparedDoc, pending: readonly string[], ctx: SendContext,
): Promise<{ problems: string[]; fatal?: string }> {
  const file = basename(doc.pdfPath);
  const started = Date.now();
  const problems: string[] = [];
  let remaining = [...pending];
  for (let attempt = 1; ; attempt++) {
    const delay = backoffDelay(ctx.policy, attempt + 1);
    const mayRetry = attempt < ctx.policy.attempts && Date.now() - started + delay <= ctx.policy.deadlineMs;
    const message = buildMessage({
      model: doc.model, lang: doc.lang, pdfPath: doc.pdfPath, pdf: doc.pdf, from: ctx.from,
      recipients: doc.recipients, to: remaining,
    });
    try {
      const result = await mailer.send(message);
      const at = ctx.now().toISOString();
      const wanted = new Map(remaining.map((a) => [a.toLowerCase(), a]));
      const accepted = result.accepted.map((a) => wanted.get(a.toLowerCase())).filter((a): a is string => a !== undefined);
      const entries: SentEntry[] = accepted.map((address) => ({
        ...ctx.key, address, at, messageId: message.messageId, file,
      }));
      await ctx.sendLog.append(entries);
      for (const e of entries) ctx.report.sent.push({ pdfPath: doc.pdfPath, address: e.address, messageId: e.messageId, at });
      if (accepted.length > 0) ctx.log(`${file}: sent to ${accepted.join(', ')} (${message.messageId})`);

      const retryable = result.refused.filter((r) => r.transient);
      const final = mayRetry ? result.refused.filter((r) => !r.transient) : result.refused;
      for (const r of final) {
        ctx.report.failed.push({ pdfPath: doc.pdfPath, address: r.address, reason: r.reason });
        problems.push(`${r.address} refused by the server (${r.reason})`);
      }
      if (mayRetry && retryable.length > 0) {
        ctx.log(`${file}: ${retryable.map((r) => `${r.address} (${r.reason})`).join(', ')} deferred by the server; trying again in ${seconds(delay)}`);
        remaining = retryable.map((r) => r.address);
        await sleep(delay);
        continue;
      }
      return { problems };
    } catch (error) {
      const reason = describeSmtpError(error);
      if (isTransient(error) && mayRetry) {
        ctx.log(`${file}: ${reason}; trying again in ${seconds(delay)} (try ${attempt + 1} of ${ctx.policy.attempts})`);
        await sleep(delay);
        continue;
      }
      for (const address of remaining) ctx.report.failed.push({ pdfPath: doc.pdfPath, address, reason });
      const tries = attempt > 1 ? ` after ${attempt} tries` : '';
      problems.push(`${file} could not be sent to ${remaining.join(', ')} through ${ctx.server}: ${reason}${tries}`);
      return { problems, fatal: reason };
    }
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
