// Issuing the documents of a `cci brief --email` or `--issue` run, once their files are written
// (SPEC §6): each is recorded in the register of issued briefings before it is sent (a
// `document` entry: what it shows, its files, its Message-ID), then its `delivery` (who
// received it, when) once the server has taken it, or as it is handed out.
//
// - A briefing already issued whose content has changed is sent again only as a corrigendum
//   (--amend), to exactly the recipients of the original; without --amend nothing is written or
//   sent (checkIssuable, before the commit).
// - Unchanged content is not sent again (said plainly); a version that did not reach every
//   address yet is sent to the others.
// - A run that stopped between sending and recording: the next run finds the Message-ID in the
//   send log and records the delivery without sending again (recoverDeliveries).
// - --require-approval: only content with an approval (cci approve) is sent; the rest waits, the
//   duty desk (distribution.duty) is told by a short email, and the run ends with exit 9.

import { basename, join } from 'node:path';
import type { BriefingModel } from '../aggregate/model.js';
import type { DeliveryReport } from '../deliver/deliver.js';
import type * as DeliverIndex from '../deliver/index.js';
import type { DocLang } from '../i18n/lang.js';
import { ChangedSinceIssuedError, CciError, NotApprovedError, RegisterError } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';
import { shortHash } from '../register/content.js';
import { localTime } from '../register/history.js';
import { deliveryBody, documentBody, handOutBody } from '../register/entries.js';
import type { Entry, EntryBody, Recipient } from '../register/format.js';
import { appendRegister, registerNotice, registerPath } from '../register/register-file.js';
import {
  approvalOf,
  buildView,
  documentState,
  latestApproval,
  type DocumentRecord,
  type RegisterView,
} from '../register/view.js';
import { SendLog } from '../deliver/send-log.js';
import { documentKey } from './issued-compose.js';
import type { PipelineResult, ProducedDocument } from './run.js';
import { errorText } from '../text/one-line.js';
import { shellQuote } from '../text/shell-quote.js';
import { appendHandOutLog, handOutLogPath } from '../output/handout-log.js';
import { causeText, WriteError } from '../output/write-error.js';

type DeliverModule = typeof DeliverIndex;

export interface IssueContext {
  event: EventConfig;
  /** The data folder (absolute): named in the approve command a refused run gives. */
  dataDir: string;
  stateDir: string;
  outDir: string;
  via: 'email' | 'hand';
  amend: boolean;
  requireApproval: boolean;
  /** Who hands out (--issue). */
  by: string;
  smtpUrl: string | undefined;
  resend: boolean;
  now: () => Date;
  info: (message: string) => void;
  warn: (message: string) => void;
  /** The delivery module (loaded by the command only when it emails). */
  deliver?: DeliverModule;
}

/** `securite 2024-08-05 partners` (+ ` en` for a one-language document): how messages name a document. */
export function documentLabel(d: { division: string; date: string; audience: string; lang: string }): string {
  return `${d.division} ${d.date} ${d.audience}${d.lang === 'both' ? '' : ` ${d.lang}`}`;
}

function versionLabel(record: DocumentRecord): string {
  const e = record.entry;
  return e.corrigendum > 0
    ? t('issue.versionCorrigendum', { version: e.version, n: e.corrigendum })
    : t('issue.versionOriginal', { version: e.version });
}

/**
 * The deliveries the send logs hold that the register does not (a run stopped between sending
 * and recording, any document of the event, whatever the date: a run of another date is the
 * next one cron starts): one delivery body per version, and what to say of each. The send log of
 * each recorded version's output folder names its Message-ID. Never a delivery the register
 * records as accepted taken back by a later line of doubt (a resend broken off, or an outcome the
 * send log could not add after its `sending` line).
 */
export async function unrecordedDeliveries(view: RegisterView): Promise<{ bodies: EntryBody[]; said: string[] }> {
  const bodies: EntryBody[] = [];
  const said: string[] = [];
  const logs = new Map<string, SendLog | undefined>();
  for (const record of view.documents) {
    const e = record.entry;
    if (e.via !== 'email' || e.messageId === undefined) continue;
    if (!logs.has(e.outDir)) logs.set(e.outDir, await SendLog.open(e.outDir).catch(() => undefined));
    const log = logs.get(e.outDir);
    if (!log) continue;
    const known = new Map(record.recipients.map((r) => [r.address.toLowerCase(), r.status ?? 'sent']));
    const missing: Recipient[] = log
      .byMessageId(e.messageId)
      .filter((s) => {
        const was = known.get(s.address.toLowerCase());
        return was === undefined || (was === 'uncertain' && s.status === undefined);
      })
      .map((s) => ({
        address: s.address,
        messageId: s.messageId,
        at: s.at,
        ...(s.status && { status: s.status }),
        ...(s.interrupted && { interrupted: true as const }),
      }));
    if (missing.length === 0) continue;
    bodies.push(deliveryBody(e.seq, missing, { recovered: true }));
    // served; possibly served (the server broke off); possibly served (a run stopped while sending)
    for (const key of ['issue.recovered', 'issue.recoveredUncertain', 'issue.recoveredInterrupted'] as const) {
      const these = missing.filter(
        (m) =>
          (m.status !== 'uncertain'
            ? 'issue.recovered'
            : m.interrupted
              ? 'issue.recoveredInterrupted'
              : 'issue.recoveredUncertain') === key,
      );
      if (these.length === 0) continue;
      said.push(
        t(key, {
          document: documentLabel(e),
          version: versionLabel(record),
          addresses: these.map((m) => m.address).join(', '),
          log: log.path,
        }),
      );
    }
  }
  return { bodies, said };
}

/**
 * Records the deliveries a run sent but did not record (unrecordedDeliveries), of every document
 * of the event, and says so. Returns the register as it now is.
 */
export async function recoverDeliveries(
  view: RegisterView,
  ctx: Pick<IssueContext, 'stateDir' | 'event' | 'now' | 'warn'>,
): Promise<RegisterView> {
  const { bodies, said } = await unrecordedDeliveries(view);
  if (bodies.length === 0) return view;
  for (const line of said) ctx.warn(line);
  return appendRegister(ctx.stateDir, bodies, {
    event: ctx.event.id,
    timezone: ctx.event.timezone,
    now: ctx.now,
    warn: ctx.warn,
  });
}

/**
 * The register as it will be once the deliveries the send logs hold are recorded, without
 * writing it (a run that issues nothing: its late reports are those the next issuing run will
 * compute). The entries added are provisional: numbered after the last, unhashed.
 */
export async function withUnrecordedDeliveries(view: RegisterView, now: () => Date): Promise<RegisterView> {
  const { bodies } = await unrecordedDeliveries(view);
  if (bodies.length === 0) return view;
  const at = now().toISOString();
  const added = bodies.map((body, i) => ({ ...body, v: 1, seq: view.nextSeq + i, prev: '', at, hash: '' }) as Entry);
  return buildView([...view.entries, ...added]);
}

/**
 * Before anything is written: a document issued with other content needs --amend, and a
 * corrigendum is emailed only to the emailed recipients of an original. Throws
 * ChangedSinceIssuedError naming every such document.
 */
export function checkIssuable(
  result: PipelineResult,
  view: RegisterView,
  ctx: Pick<IssueContext, 'amend' | 'via'> & { timezone: string },
): void {
  const problems: string[] = [];
  for (const doc of result.documents) {
    const d = doc.composed.decision;
    if (d.kind !== 'corrigendum') continue;
    const label = documentLabel(documentKey(doc.plan));
    if (!ctx.amend) {
      problems.push(
        t(d.replaces.issued ? 'issue.changed' : 'issue.changedUncertain', {
          document: label,
          at: localTime(d.replaces.heldAt ?? d.replaces.entry.at, ctx.timezone),
          version: versionLabel(d.replaces),
          n: d.number,
        }),
      );
      continue;
    }
    if (ctx.via === 'email' && documentState(view, documentKey(doc.plan)).originalRecipients.length === 0)
      problems.push(t('issue.handedOutNoEmail', { document: label }));
  }
  if (problems.length > 0)
    throw new ChangedSinceIssuedError(t('issue.changedSummary', { problems: problems.join('; ') }));
}

interface Pending {
  doc: ProducedDocument;
  model: BriefingModel;
  /** The version's document entry already recorded, when its files are those (same content, files kept). */
  record?: DocumentRecord;
  recipients: string[];
  served: Recipient[];
  messageId?: string;
}

/**
 * Records and sends (or hands out) the documents of a run, after their files are committed.
 * Throws DeliveryFailure (exit 6) after recording what was delivered, NotApprovedError (exit 9)
 * after sending what was approved.
 */
export async function issueDocuments(result: PipelineResult, view: RegisterView, ctx: IssueContext): Promise<void> {
  const waiting: { doc: ProducedDocument; reason: string }[] = [];
  const pending: Pending[] = [];
  /** Files already handed out, still as issued: written to the hand-out log too (a folder of an older cci). */
  const handedBefore: { name: string; sha256: string }[] = [];
  for (const doc of result.documents) {
    const model = doc.model!;
    const c = doc.composed;
    const key = documentKey(doc.plan);
    const file = basename(doc.paths.pdf ?? doc.paths.html ?? doc.paths.json ?? doc.plan.baseName);
    const d = c.decision;
    if (d.kind === 'draft') continue;
    const record = d.kind === 'same' ? d.record : undefined;
    if (record?.issued && ctx.via === 'hand') {
      for (const f of doc.files) {
        const name = basename(f.path);
        if (record.entry.files.some((r) => r.name === name && r.sha256 === f.sha256))
          handedBefore.push({ name, sha256: f.sha256 });
      }
      ctx.info(
        t('issue.unchangedHanded', {
          file,
          at: localTime(record.issuedAt ?? record.entry.at, ctx.event.timezone),
          version: versionLabel(record),
        }),
      );
      continue;
    }
    const state = documentState(view, key);
    let recipients: string[] = [];
    if (ctx.via === 'email') {
      if (c.corrigendum > 0) recipients = state.originalRecipients.map((r) => r.address);
      else {
        const r = ctx.deliver!.recipientsFor(ctx.event.distribution, model);
        recipients = r.ok ? r.addresses : [];
      }
    }
    const served = record ? record.recipients : [];
    const remaining = recipients.filter((a) => !served.some((s) => s.address.toLowerCase() === a.toLowerCase()));
    // --resend: sent again to every address, those served included (the send log's rule)
    if (record?.issued && remaining.length === 0 && !ctx.resend) {
      ctx.info(
        t('issue.unchanged', {
          file,
          at: localTime(record.issuedAt ?? record.entry.at, ctx.event.timezone),
          version: versionLabel(record),
        }),
      );
      // an address of the list whose sending broke off after the server took it: said each run
      for (const r of served)
        if (r.status === 'uncertain' && recipients.some((a) => a.toLowerCase() === r.address.toLowerCase()))
          ctx.warn(
            t(r.interrupted ? 'deliver.interruptedEarlier' : 'deliver.uncertainEarlier', {
              file,
              address: r.address,
              at: localTime(r.at, ctx.event.timezone),
            }),
          );
      continue;
    }
    // content not yet issued to anyone needs its approval
    if (ctx.requireApproval && !record?.issued) {
      const approved = approvalOf(view, key, c.content, c.corrigendum);
      if (!approved) {
        // the same content approved as another version, else the latest approval
        const last = approvalOf(view, key, c.content) ?? latestApproval(view, key);
        waiting.push({
          doc,
          reason: !last
            ? t('issue.approvalNone', { content: shortHash(c.content) })
            : last.content === c.content
              ? // the same content, approved as another version (data set back to the original's)
                t('issue.approvalOtherVersion', {
                  by: last.by,
                  at: localTime(last.at, ctx.event.timezone),
                  approvedAs:
                    last.corrigendum > 0
                      ? t('approve.asCorrigendum', { n: last.corrigendum })
                      : t('approve.asOriginal'),
                  as: c.corrigendum > 0 ? t('approve.asCorrigendum', { n: c.corrigendum }) : t('approve.asOriginal'),
                })
              : t('issue.approvalOther', {
                  by: last.by,
                  at: localTime(last.at, ctx.event.timezone),
                  approved: shortHash(last.content),
                  content: shortHash(c.content),
                }),
        });
        continue;
      }
    }
    const filesSame =
      record !== undefined &&
      doc.files.every((f) => record.entry.files.some((r) => r.sha256 === f.sha256 && r.name === basename(f.path)));
    const messageId =
      ctx.via === 'email'
        ? ctx.deliver!.messageIdOf(model, doc.plan.lang, recipients, ctx.event.distribution?.from ?? '')
        : undefined;
    pending.push({
      doc,
      model,
      recipients,
      served,
      ...(filesSame && record.entry.messageId === messageId && { record }),
      ...(messageId !== undefined && { messageId }),
    });
  }

  // 1. the versions, recorded before anything leaves
  const toRecord = pending.filter((p) => !p.record);
  if (toRecord.length > 0) {
    // whether this run's append started the register (another run's may have meanwhile)
    let started = false;
    const current = await appendRegister(
      ctx.stateDir,
      toRecord.map((p) =>
        documentBody({
          model: p.model,
          content: p.doc.composed.content,
          shown: p.doc.composed.shown,
          late: p.doc.composed.late,
          lang: p.doc.plan.lang,
          version: p.doc.composed.version,
          corrigendum: p.doc.composed.corrigendum,
          via: ctx.via,
          ...(p.messageId !== undefined && { messageId: p.messageId, recipients: p.recipients }),
          outDir: ctx.outDir,
          files: p.doc.files.map((f) => ({
            name: basename(f.path),
            format: f.format,
            sha256: f.sha256,
            bytes: f.bytes,
          })),
          known: view.facts,
          lateFrom: p.doc.composed.lateFrom,
          sources: result.sources,
          basis: view.nextSeq,
        }),
      ),
      {
        event: ctx.event.id,
        timezone: ctx.event.timezone,
        now: ctx.now,
        warn: ctx.warn,
        onStarted: () => (started = true),
      },
    );
    ctx.info(registerNotice(ctx.stateDir, !started));
    const recorded = current.documents.slice(-toRecord.length);
    toRecord.forEach((p, i) => {
      p.record = recorded[i]!;
    });
  }

  // 2. handed out, or sent
  if (ctx.via === 'hand') {
    await recordHandOuts(
      [
        ...handedBefore,
        ...pending.flatMap((p) =>
          p.doc.files.map((f) => ({
            name: basename(f.path),
            sha256: f.sha256,
            entry: { seq: p.record!.entry.seq, hash: p.record!.entry.hash },
          })),
        ),
      ],
      ctx,
    );
    if (pending.length > 0) {
      await appendRegister(
        ctx.stateDir,
        pending.map((p) => handOutBody(p.record!.entry.seq, ctx.by)),
        { event: ctx.event.id, timezone: ctx.event.timezone, now: ctx.now, warn: ctx.warn },
      );
    }
    for (const p of pending)
      ctx.info(
        t('issue.handedOut', {
          file: basename(p.doc.paths.pdf ?? p.doc.paths.html ?? p.doc.plan.baseName),
          version: versionLabel(p.record!),
          by: ctx.by,
        }),
      );
  } else if (pending.length > 0) {
    await send(pending, ctx);
  }

  if (waiting.length > 0) {
    const lines = waiting.map((w) =>
      t('issue.notApprovedLine', {
        document: documentLabel(documentKey(w.doc.plan)),
        reason: w.reason,
        // with the run's folders: pasted elsewhere, it approves in the register this run reads
        command: [
          'cci approve --division',
          w.doc.plan.division,
          '--date',
          w.doc.plan.date,
          '--audience',
          documentKey(w.doc.plan).audience,
          '--data',
          shellQuote(ctx.dataDir),
          '--state',
          shellQuote(ctx.stateDir),
          '--out',
          shellQuote(ctx.outDir),
        ].join(' '),
      }),
    );
    const told = await tellDutyDesk(waiting, lines, ctx);
    throw new NotApprovedError(`${tn('issue.notApproved', waiting.length, { list: lines.join('; ') })} ${told}`);
  }
}

/**
 * Writes the files handed out to the output folder's hand-out log (src/output/handout-log.ts:
 * name and SHA-256), before the register records their hand-out, so that a run under another
 * register does not replace them. A log that cannot be written is said, not fatal: the register
 * still records the hand-out.
 */
async function recordHandOuts(
  files: readonly { name: string; sha256: string; entry?: { seq: number; hash: string } }[],
  ctx: IssueContext,
): Promise<void> {
  if (files.length === 0) return;
  const at = ctx.now().toISOString();
  try {
    await appendHandOutLog(
      ctx.outDir,
      files.map((f) => ({
        file: f.name,
        sha256: f.sha256,
        at,
        ...(f.entry && { event: ctx.event.id, entry: f.entry }),
      })),
    );
  } catch (error) {
    ctx.warn(
      t('issue.handOutLogFailed', {
        log: handOutLogPath(ctx.outDir),
        reason: causeText((error as NodeJS.ErrnoException).code ?? 'EIO'),
      }),
    );
  }
}

async function send(pending: Pending[], ctx: IssueContext): Promise<void> {
  const deliver = ctx.deliver!;
  const byPdf = new Map(pending.map((p) => [p.doc.paths.pdf!, p]));
  let report: DeliveryReport | undefined;
  let failure: unknown;
  try {
    report = await deliver.deliverBriefings(
      pending.map((p) => ({
        model: p.model,
        pdfPath: p.doc.paths.pdf!,
        lang: p.doc.plan.lang as DocLang,
        ...(p.doc.composed.corrigendum > 0 && { recipients: p.recipients }),
        registerEntry: { seq: p.record!.entry.seq, hash: p.record!.entry.hash },
        served: p.served.map((r) => ({
          address: r.address,
          at: r.at,
          uncertain: r.status === 'uncertain',
          ...(r.interrupted && { interrupted: true as const }),
        })),
      })),
      {
        event: ctx.event,
        smtpUrl: ctx.smtpUrl,
        outDir: ctx.outDir,
        resend: ctx.resend,
        now: ctx.now,
        log: ctx.info,
        warn: ctx.warn,
      },
    );
  } catch (error) {
    failure = error;
    if (error instanceof deliver.DeliveryFailure) report = error.report;
  }
  if (report) {
    const got = new Map<Pending, Recipient[]>();
    const add = (pdfPath: string, r: Recipient) => {
      const p = byPdf.get(pdfPath);
      if (!p) return;
      got.set(p, [...(got.get(p) ?? []), r]);
    };
    for (const s of report.sent) add(s.pdfPath, { address: s.address, messageId: s.messageId, at: s.at });
    for (const u of report.uncertain) {
      const p = byPdf.get(u.pdfPath);
      add(u.pdfPath, { address: u.address, messageId: p?.messageId ?? '', at: u.at, status: 'uncertain' });
    }
    // addresses the send log says were served (a run that recorded nothing, or another output folder's)
    for (const s of report.skipped) {
      const p = byPdf.get(s.pdfPath);
      if (
        !p ||
        s.sentAt === '' ||
        p.record!.recipients.some((r) => r.address.toLowerCase() === s.address.toLowerCase())
      )
        continue;
      add(s.pdfPath, {
        address: s.address,
        messageId: p.messageId ?? '',
        at: s.sentAt,
        ...(s.uncertain && { status: 'uncertain' as const }),
        ...(s.interrupted && { interrupted: true as const }),
      });
    }
    const bodies = [...got].map(([p, rs]) => deliveryBody(p.record!.entry.seq, rs));
    if (bodies.length > 0)
      await appendRegister(ctx.stateDir, bodies, {
        event: ctx.event.id,
        timezone: ctx.event.timezone,
        now: ctx.now,
        warn: ctx.warn,
      }).catch((error: unknown) => {
        // whatever stopped the recording (the register, its lock, a full disk): what went out is
        // in the send log, said so that nobody sends it again by hand (exit 10, never 4)
        const code = (error as NodeJS.ErrnoException | undefined)?.code;
        const why =
          error instanceof RegisterError
            ? error.message
            : t('register.cannotWrite', {
                path: registerPath(ctx.stateDir),
                reason:
                  error instanceof WriteError || !(error instanceof CciError)
                    ? causeText(code ?? 'EIO')
                    : error.message,
              });
        // what the delivery itself reported (an address refused, a delivery uncertain) is said too
        const log = join(ctx.outDir, deliver.SEND_LOG_NAME);
        const went = report!.sent.length > 0 ? 'issue.sentNotRegistered' : 'issue.triedNotRegistered';
        const also = failure instanceof Error ? ` ${failure.message}` : '';
        throw new RegisterError(`${why.replace(/[.\s]+$/, '')}. ${t(went, { log })}${also}`, { cause: error });
      });
    for (const [p, rs] of got) {
      if (!rs.some((r) => r.status !== 'uncertain')) continue;
      // the addresses of the list that now have it: this run's and those served before (a rerun
      // that reaches the last one says all of them)
      const has = new Set(
        [...p.served, ...rs].filter((r) => r.status !== 'uncertain').map((r) => r.address.toLowerCase()),
      );
      ctx.info(
        t(p.doc.composed.corrigendum > 0 ? 'issue.sentCorrigendum' : 'issue.sent', {
          file: basename(p.doc.paths.pdf!),
          version: versionLabel(p.record!),
          n: p.recipients.filter((a) => has.has(a.toLowerCase())).length,
          total: p.recipients.length,
        }),
      );
    }
  }
  if (failure) throw failure;
}

/** The short plain email to distribution.duty; returns the sentence saying whether it went. */
async function tellDutyDesk(
  waiting: { doc: ProducedDocument; reason: string }[],
  lines: string[],
  ctx: IssueContext,
): Promise<string> {
  const duty = ctx.event.distribution?.duty ?? [];
  if (duty.length === 0) return t('issue.noDuty');
  if (!ctx.deliver) return t('issue.dutyNotEmailed');
  try {
    await ctx.deliver.sendNotice({
      event: ctx.event,
      smtpUrl: ctx.smtpUrl,
      to: duty,
      subject: t('issue.dutySubject', {
        event: ctx.event.id,
        n: waiting.length,
        list: waiting.map((w) => documentLabel(documentKey(w.doc.plan))).join(', '),
      }),
      text: `${t('issue.dutyBody', { n: waiting.length })}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`,
      now: ctx.now,
    });
    return t('issue.dutyTold', { addresses: duty.join(', ') });
  } catch (error) {
    return t('issue.dutyFailed', { reason: errorText(error) });
  }
}
