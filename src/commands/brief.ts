// `cci brief`: load → select → aggregate → render → print → write (→ deliver).

import { join, resolve } from 'node:path';
import type { BriefingModel } from '../aggregate/model.js';
import { audienceId, type Audience } from '../audience/audience.js';
import { defaultCacheDir } from '../data/tally-cache.js';
import { UsageError } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';
import { documentBaseName } from '../output/file-names.js';
import { acquireLock, type Release } from '../output/lock.js';
import { StagedFiles } from '../output/write-outputs.js';
import { progressLine } from '../brief/progress.js';
import { dateInZone } from '../window/calendar.js';
import { parseDate as readDate } from '../data/time.js';
import type { Io } from './io.js';

// The data layer, the aggregation and the rendering (about 0.2 s of module loading) are
// imported in runBrief after the browser has been started, so that Chromium's start-up runs
// while they load.

export type LangChoice = 'fr' | 'en' | 'both';
export type Format = 'html' | 'pdf' | 'json' | 'stix' | 'csv';
const FORMATS: readonly Format[] = ['html', 'pdf', 'json', 'stix', 'csv'];

export interface BriefOptions {
  division: string;
  date?: string;
  audience?: string;
  lang?: string;
  format?: string;
  data?: string;
  out?: string;
  draft?: boolean;
  email?: boolean;
  resend?: boolean;
  browser?: string;
  /** false with --no-cache: every file parsed again. */
  cache?: boolean;
}

/** One document to produce. */
export interface PlannedDocument {
  division: string;
  audience: Audience;
  lang: LangChoice;
  baseName: string;
}

/** Every document of a run: each division × audience × language. */
export function planDocuments(o: {
  divisions: readonly string[]; audiences: readonly Audience[]; langs: readonly LangChoice[]; date: string; draft: boolean;
}): PlannedDocument[] {
  return o.divisions.flatMap((division) => o.audiences.flatMap((audience) => o.langs.map((lang) => ({
    division, audience, lang,
    baseName: documentBaseName({ division, date: o.date, lang, draft: o.draft, audience: audienceId(audience) }),
  }))));
}

const DIVISION_ALIASES: Record<string, string> = {
  security: 'securite',
  'sécurité': 'securite',
  intelligence: 'renseignement',
};

export function parseDivisions(text: string, event: EventConfig): string[] {
  const known = event.divisions.map((d) => d.id);
  if (text.trim().toLowerCase() === 'all') return known;
  const ids = text.split(',').map((raw) => {
    const lower = raw.trim().toLowerCase();
    const id = Object.hasOwn(DIVISION_ALIASES, lower) ? DIVISION_ALIASES[lower]! : lower;
    if (!event.divisions.some((d) => d.id === id)) {
      throw new UsageError(t('brief.badDivision', { value: raw.trim(), known: known.join(', ') }));
    }
    return id;
  });
  // Once each: the same division twice would take its own lock twice (exit 7).
  return [...new Set(ids)];
}

export function parseFormats(text: string | undefined): Format[] {
  const formats = (text ?? 'html,pdf').split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  for (const f of formats) {
    if (!(FORMATS as readonly string[]).includes(f)) {
      throw new UsageError(t('brief.badFormat', { value: f }));
    }
  }
  if (formats.length === 0) throw new UsageError(t('brief.emptyFormat'));
  return [...new Set(formats)] as Format[];
}

export function parseLangs(text: string | undefined): LangChoice[] {
  if (text === undefined) return ['both'];
  const langs = text.split(',').map((l) => l.trim().toLowerCase());
  for (const l of langs) {
    if (l !== 'fr' && l !== 'en' && l !== 'both') {
      throw new UsageError(t('brief.badLang', { value: l }));
    }
  }
  return [...new Set(langs)] as LangChoice[];
}

export function parseDate(text: string | undefined, event: EventConfig, now: Date): string {
  if (text === undefined) return dateInZone(now, event.timezone);
  const read = readDate(text);
  if (!read.ok) throw new UsageError(t('brief.badDate', { value: text }));
  return read.value;
}

/**
 * The locks of a run: one per document it writes, named after the document, so two runs that
 * would write the same file cannot overlap however their options were spelt (`country:all`
 * and `country:DEU` share DEU's), and runs writing different documents do not wait.
 */
export function lockKeys(plans: readonly PlannedDocument[]): string[] {
  return [...new Set(plans.map((p) => p.baseName.replace(/^cci-/, '')))].sort();
}

/** Documents handed to the browser and not yet written: bounds the memory of long batches. */
const MAX_PRINTS_IN_FLIGHT = 4;

export async function runBrief(opts: BriefOptions, io: Io): Promise<number> {
  const formats = parseFormats(opts.format);
  const langs = parseLangs(opts.lang);
  if (opts.email && opts.draft) {
    throw new UsageError(t('brief.emailDraft'));
  }
  if (opts.email && !formats.includes('pdf')) {
    throw new UsageError(t('brief.emailNeedsPdf'));
  }
  const dataDir = resolve(io.cwd, opts.data ?? 'data');
  const outDir = resolve(io.cwd, opts.out ?? 'out');

  // The browser starts first: it starts while cci's modules and the data load and the HTML renders.
  const printer = formats.includes('pdf') ? await io.startPrinter({ executablePath: opts.browser }) : undefined;
  const releases: Release[] = [];
  try {
    const [{ loadEvent }, { parseAudience }, { loadBriefingData }, { buildBriefing }] = await Promise.all([
      import('../data/index.js'),
      import('../audience/parse-audience.js'),
      import('../brief/load-briefing-data.js'),
      import('../aggregate/build-briefing.js'),
    ]);
    const event = await loadEvent(dataDir);
    const divisions = parseDivisions(opts.division, event);
    const date = parseDate(opts.date, event, io.now());
    const audienceText = opts.audience ?? 'partners';
    const audiences = parseAudience(audienceText, event.partners);
    const draft = Boolean(opts.draft);
    const plans = planDocuments({ divisions, audiences, langs, date, draft });
    for (const key of lockKeys(plans)) releases.push(await acquireLock(outDir, key));

    // Delivery settings are checked before anything slow: a missing list fails the run at once.
    const deliver = opts.email ? await import('../deliver/index.js') : undefined;
    deliver?.checkDeliverable(plans.map((p) => ({
      division: p.division, date, draft, audience: audienceId(p.audience),
      ...(p.audience.kind === 'country' && { audienceCountry: p.audience.country }),
    })), event, io.env.CCI_SMTP_URL);

    const cacheDir = opts.cache === false ? undefined : defaultCacheDir(io.env);
    const data = await loadBriefingData(dataDir, [date], { cacheDir, event });
    const { renderBriefingHtml } = await import('../render/index.js');
    const exchange = formats.includes('stix') || formats.includes('csv') ? await import('../export/index.js') : undefined;
    // TODO(issue 13): event.yaml's host nation once it exists; the reference event's until then
    const host = (event as EventConfig & { host?: string }).host ?? 'FRA';

    // Each document is built, rendered and handed to the browser in turn, and its files are
    // staged as soon as they exist: Chromium prints while the next documents are built, and a
    // batch of 141 never holds more than a few documents in memory. Nothing replaces an earlier
    // file until every document of the run has been written.
    const staged = new StagedFiles();
    const outputs: string[] = [];
    const toEmail: { model: BriefingModel; pdfPath: string; lang: LangChoice }[] = [];
    const progress = progressLine(printer ? plans.length : 0, io.isTTY);
    const printing = new Set<Promise<void>>();
    let printFailure: { error: unknown } | undefined;
    let heldBack = 0;
    try {
      for (const division of divisions) {
        let red = 0;
        for (const plan of plans.filter((p) => p.division === division)) {
          const { model, heldBackRed } = buildBriefing(data, { division, date, audience: plan.audience, draft });
          red = Math.max(red, heldBackRed); // the same RED records, whatever the audience
          const html = renderBriefingHtml(model, { lang: plan.lang });
          const base = join(outDir, plan.baseName);
          if (formats.includes('html')) await stage(`${base}.html`, html);
          if (formats.includes('json')) await stage(`${base}.json`, `${JSON.stringify(model, null, 2)}\n`);
          if (exchange && formats.includes('stix')) await stage(`${base}${exchange.EXPORT_SUFFIX.stix}`, exchange.stixJson(model, plan.lang, host));
          if (exchange && formats.includes('csv')) await stage(`${base}${exchange.EXPORT_SUFFIX.csv}`, exchange.figuresCsvText(model));
          if (printer) {
            outputs.push(`${base}.pdf`);
            const job = printer.print({ plan, model, html })
              .then((pdf) => staged.add(`${base}.pdf`, pdf))
              .then(() => progress.done(plan.baseName), (error: unknown) => { printFailure ??= { error }; })
              .finally(() => printing.delete(job));
            printing.add(job);
            if (printing.size >= MAX_PRINTS_IN_FLIGHT) await Promise.race(printing);
            if (printFailure) throw printFailure.error;
          }
          if (deliver) toEmail.push({ model, pdfPath: `${base}.pdf`, lang: plan.lang });
        }
        heldBack += red;
      }
      await Promise.all(printing);
      if (printFailure) throw printFailure.error;
    } catch (error) {
      await Promise.all(printing);
      await staged.discard();
      throw error;
    } finally {
      progress.end();
    }

    if (heldBack > 0) io.warn(tn('brief.heldBackRed', heldBack));
    await staged.commit();
    for (const path of outputs) io.out(path);

    if (deliver) {
      await printer?.close();
      await deliver.deliverBriefings(toEmail, {
        event, smtpUrl: io.env.CCI_SMTP_URL, outDir, resend: Boolean(opts.resend), now: io.now, log: io.info,
      });
    }

    async function stage(path: string, content: string): Promise<void> {
      outputs.push(path);
      await staged.add(path, content);
    }
    return 0;
  } finally {
    await printer?.close();
    for (const release of releases) await release();
  }
}
