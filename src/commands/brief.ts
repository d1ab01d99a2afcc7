// `cci brief`: its options and run configuration, the locks of the documents it writes, the
// briefing pipeline (src/pipeline: load → select → aggregate → render → print → stage), then
// the commit of every file at once and, with --email, delivery.

import type { BriefingModel } from '../aggregate/model.js';
import { audienceId } from '../audience/audience.js';
import { briefConfig, briefFlags, type BriefOptions } from '../config/brief-config.js';
import { readEnvironment } from '../config/environment.js';
import type { DocLang } from '../i18n/lang.js';
import { t, tn } from '../i18n/messages.js';
import { acquireLock, type Release } from '../output/lock.js';
import { lockKeys, planDocuments } from '../pipeline/plan.js';
import { progressLine } from './progress.js';
import type { Io } from './io.js';

export type { BriefOptions } from '../config/brief-config.js';

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
    const [{ loadEvent }, { runPipeline }] = await Promise.all([
      import('../data/event.js'),
      import('../pipeline/run.js'),
    ]);
    const config = briefConfig(flags, await loadEvent(flags.dataDir), io.now());
    const { event, date, draft } = config;
    // a scheduled run on a day that is not the event's (cron repeats dates every year): nothing to do
    if (config.withinEvent && (date < event.opens || date > event.closes)) {
      io.info(t('brief.outsideEvent', { date, opens: event.opens, closes: event.closes }));
      return 0;
    }
    const plans = planDocuments(config);

    // Delivery settings are checked before anything is written (even a lock): a missing list
    // fails the run at once, with nothing written.
    const deliver = config.email ? await import('../deliver/index.js') : undefined;
    deliver?.checkDeliverable(plans.map((p) => ({
      division: p.division, date, draft, audience: audienceId(p.audience),
      ...(p.audience.kind === 'country' && { audienceCountry: p.audience.country }),
    })), event, config.smtpUrl);
    for (const key of lockKeys(plans)) releases.push(await acquireLock(config.outDir, key));

    const progress = progressLine(printer ? plans.length : 0, io.isTTY);
    let result;
    try {
      result = await runPipeline({
        dataDir: config.dataDir, event, outDir: config.outDir, plans, formats: config.formats,
        cacheDir: config.cacheDir, warn: io.warn, printer, keepModels: Boolean(deliver),
        onPrinted: (plan) => progress.done(plan.baseName),
      });
    } finally {
      progress.end();
    }

    if (result.heldBackRed > 0) io.warn(tn('brief.heldBackRed', result.heldBackRed));
    await result.commit();
    for (const path of result.paths) io.out(path);

    if (deliver) {
      await printer?.close();
      const toEmail: { model: BriefingModel; pdfPath: string; lang: DocLang }[] = result.documents.map((d) => ({
        model: d.model!, pdfPath: d.paths.pdf!, lang: d.plan.lang,
      }));
      await deliver.deliverBriefings(toEmail, {
        event, smtpUrl: config.smtpUrl, outDir: config.outDir, resend: config.resend, now: io.now, log: io.info, warn: io.warn,
      });
    }
    return 0;
  } finally {
    await printer?.close();
    for (const release of releases) await release();
  }
}
