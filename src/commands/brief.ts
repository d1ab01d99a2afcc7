// `cci brief`: its options and run configuration, the locks of the documents it writes, the
// briefing pipeline (src/pipeline: load → select → aggregate → render → print → stage), then
// the commit of every file at once and, with --email or --issue, the issue of each document
// (src/pipeline/issue.ts: recorded in the register of issued briefings, then sent or handed out).

import { audienceId } from '../audience/audience.js';
import { briefConfig, briefFlags, type BriefOptions } from '../config/brief-config.js';
import { readEnvironment } from '../config/environment.js';
import { ChangedSinceIssuedError } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import { codeText } from '../output/error-code.js';
import { acquireLock, type Release } from '../output/lock.js';
import { lockKeys, planDocuments } from '../pipeline/plan.js';
import type { EventConfig } from '../model/types.js';
import { briefingDays } from '../window/briefing-days.js';
import { isoInZone, zonedTime } from '../window/window.js';
import { scheduledDate, waitForWindowEnd } from './window-end-wait.js';
import { progressLine } from './progress.js';
import type { Io } from './io.js';
import type { ProtectedFile } from '../pipeline/issued-guard.js';

export type { BriefOptions } from '../config/brief-config.js';

/** Why a file is refused, as said in issue.wouldReplace. */
const WOULD_REPLACE = {
  register: 'issue.wouldReplaceRegister',
  handOutLog: 'issue.wouldReplaceHandOutLog',
  sendLog: 'issue.wouldReplaceSendLog',
} as const;

/** Why a file is not replaced, as the refusal says it. */
function wouldReplaceWhy(r: ProtectedFile, state: string): string {
  if (r.why !== 'logUnreadable') return t(WOULD_REPLACE[r.why], { state });
  const log = r.log!;
  return t('issue.wouldReplaceLogUnreadable', {
    log: t(log.which === 'sendLog' ? 'issue.sendLogName' : 'issue.handOutLogName'),
    code: codeText(log.code),
  });
}

// The data layer, the aggregation and the rendering (about 0.2 s of module loading) are
// imported after the browser has been started, so that Chromium's start-up runs while they load.

export async function runBrief(opts: BriefOptions, io: Io): Promise<number> {
  const flags = briefFlags(opts, io.cwd, readEnvironment(io.env));

  // The browser starts first: it starts while cci's modules and the data load and the HTML renders.
  const printer = flags.formats.includes('pdf')
    ? await io.startPrinter({ executablePath: flags.browser, env: flags.browserEnv })
    : undefined;
  const releases: Release[] = [];
  try {
    const [{ loadEventCached }, { runPipeline }, register, issuedCompose, issue] = await Promise.all([
      import('../pipeline/load-event.js'),
      import('../pipeline/run.js'),
      import('../register/index.js'),
      import('../pipeline/issued-compose.js'),
      import('../pipeline/issue.js'),
    ]);
    const loaded = briefConfig(flags, await loadEventCached(flags.dataDir, flags.cacheDir), io.now());
    // a scheduled run a moment before midnight, for a division at 00:00: the briefing of tomorrow
    const config = flags.dateText === undefined && loaded.withinEvent ? scheduledConfig(loaded, io.now()) : loaded;
    const { event, date, draft } = config;
    // a scheduled run on a day that is not the event's (cron repeats dates every year): nothing to do
    const days = briefingDays(event);
    if (config.withinEvent && (date < days.first || date > days.last)) {
      io.info(t('brief.outsideEvent', { date, first: days.first, last: days.last }));
      return 0;
    }
    // a scheduled run started before its window ends (a clock change, a timer early): it waits
    if (config.withinEvent) await waitForWindowEnd(event, config.divisions, date, io);
    const plans = planDocuments(config);
    const issuing = config.email || config.issue;
    // issued by hand before its window ends: said, since the rest of the window will come as
    // late reports or a corrigendum, and the scheduled run will find the content changed
    if (issuing && !config.withinEvent) openWindowWarnings(event, config.divisions, date, io);

    // Delivery settings are checked before anything is written (even a lock): a missing list
    // fails the run at once, with nothing written.
    const deliver = config.email ? await import('../deliver/index.js') : undefined;
    deliver?.checkDeliverable(
      plans.map((p) => ({
        division: p.division,
        date,
        draft,
        audience: audienceId(p.audience),
        ...(p.audience.kind === 'country' && { audienceCountry: p.audience.country }),
      })),
      event,
      config.smtpUrl,
    );
    await deliver?.checkSendLog(config.outDir);
    for (const key of lockKeys(plans)) releases.push(await acquireLock(config.outDir, key));
    // Two runs issuing the same briefing (even to other output folders) never overlap: one lock
    // per briefing in the state folder, taken before the register is read.
    if (issuing) {
      await register.privateStateFolder(config.stateDir, io.warn);
      // the register's lock is taken only once the documents are written: its name checked now
      await register.checkRegisterLock(config.stateDir);
      for (const key of register.issueLockKeys(
        plans.map((p) => ({ division: p.division, date: p.date, audience: audienceId(p.audience) })),
      )) {
        releases.push(await register.stateLock(config.stateDir, key, 0));
      }
    }

    const ctx = {
      event,
      dataDir: config.dataDir,
      stateDir: config.stateDir,
      outDir: config.outDir,
      via: config.email ? ('email' as const) : ('hand' as const),
      amend: config.amend,
      requireApproval: config.requireApproval,
      by: config.by,
      smtpUrl: config.smtpUrl,
      resend: config.resend,
      now: io.now,
      info: io.info,
      warn: io.warn,
      ...(deliver && { deliver }),
    };
    // the register still holds what the output folder's logs say was issued from it (cut back?
    // replaced?): checked by every run, since a briefing's late reports are computed from it
    let view = await (await import('../pipeline/register-witness.js')).readWitnessedRegister(ctx);
    // deliveries a stopped run sent but did not record, of any date: recorded by a run that
    // issues, counted as they will be by one that does not (its late reports are the same)
    view = issuing ? await issue.recoverDeliveries(view, ctx) : await issue.withUnrecordedDeliveries(view, io.now);

    const progress = progressLine(printer ? plans.length : 0, io.isTTY);
    let result;
    try {
      result = await runPipeline({
        dataDir: config.dataDir,
        event,
        outDir: config.outDir,
        plans,
        formats: config.formats,
        cacheDir: config.cacheDir,
        warn: io.warn,
        printer,
        keepModels: issuing,
        onPrinted: (plan) => progress.done(plan.baseName),
        compose: issuedCompose.registerComposer(view, config.outDir, config.formats, issuing),
        late: register.lateLoadPlan(
          view,
          plans.map((p) => ({ division: p.division, date: p.date, audience: audienceId(p.audience) })),
          draft,
        ),
      });
    } finally {
      progress.end();
    }

    if (issuing) {
      try {
        issue.checkIssuable(result, view, { ...ctx, timezone: event.timezone });
      } catch (error) {
        await result.discard();
        throw error;
      }
    }
    // an issued file is never replaced, even by a run that cannot see the register it was issued under
    const refused = await (
      await import('../pipeline/issued-guard.js')
    ).issuedFilesReplaced(result.documents, view, {
      sentFiles: async () => {
        const { SendLog } = await import('../deliver/send-log.js');
        return (await SendLog.open(config.outDir)).files();
      },
      handedOut: async () => {
        const { readHandOutLog } = await import('../output/handout-log.js');
        return readHandOutLog(config.outDir);
      },
    });
    if (refused.length > 0) {
      await result.discard();
      const files = refused.map((r) => `${r.path} (${wouldReplaceWhy(r, config.stateDir)})`).join('; ');
      // only files whose issue could not be checked: not said to be issued
      const unknown = refused.every((r) => r.why === 'logUnreadable');
      throw new ChangedSinceIssuedError(t(unknown ? 'issue.cannotTellIssued' : 'issue.wouldReplace', { files }));
    }
    if (result.heldBackRed > 0) io.warn(tn('brief.heldBackRed', result.heldBackRed));
    await result.commit();
    for (const path of result.paths) io.out(path);
    for (const doc of result.documents) {
      const d = doc.composed.decision;
      if (!issuing && d.kind === 'corrigendum') {
        io.warn(
          t(d.replaces.issued ? 'issue.changedNotIssuing' : 'issue.changedNotIssuingUncertain', {
            document: issue.documentLabel(issuedCompose.documentKey(doc.plan)),
            at: register.localTime(d.replaces.heldAt ?? d.replaces.entry.at, event.timezone),
            n: d.number,
          }),
        );
      }
    }

    if (issuing) {
      await printer?.close();
      await issue.issueDocuments(result, view, ctx);
    }
    return 0;
  } finally {
    await printer?.close();
    for (const release of releases) await release();
  }
}

/** A warning for each division whose briefing of `date` is issued before its window ends. */
function openWindowWarnings(event: EventConfig, divisions: readonly string[], date: string, io: Io): void {
  const now = io.now().getTime();
  for (const id of divisions) {
    const time = event.divisions.find((d) => d.id === id)?.time;
    if (time === undefined) continue;
    const end = zonedTime(date, time, event.timezone).ms;
    if (end <= now) continue;
    const minutes = Math.ceil((end - now) / 60_000);
    io.warn(
      t('brief.issuedBeforeWindowEnd', {
        division: id,
        date,
        at: isoInZone(new Date(end), event.timezone).slice(0, 16).replace('T', ' '),
        wait:
          minutes < 120
            ? t('brief.waitMinutes', { n: minutes })
            : t('brief.waitHours', { n: Math.round(minutes / 60) }),
      }),
    );
  }
}

/** The config of a scheduled run without --date, dated as scheduledDate says (window-end-wait.ts). */
function scheduledConfig<C extends { event: EventConfig; divisions: string[]; date: string }>(config: C, now: Date): C {
  const date = scheduledDate(config.event, config.divisions, config.date, now);
  return date === config.date ? config : { ...config, date };
}
