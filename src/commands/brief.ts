// `cci brief`: load → select → aggregate → render → print → write (→ deliver).

import { join, resolve } from 'node:path';
import { buildBriefing, findDivision } from '../aggregate/build-briefing.js';
import type { BriefingModel } from '../aggregate/model.js';
import { parseAudience } from '../audience/parse-audience.js';
import { audienceId, type Audience } from '../audience/audience.js';
import { loadBriefingData } from '../brief/load-briefing-data.js';
import { loadEvent } from '../data/index.js';
import { UsageError } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';
import { documentBaseName } from '../output/file-names.js';
import { acquireLock, type Release } from '../output/lock.js';
import { writeOutputs, type OutputFile } from '../output/write-outputs.js';
import { dateInZone, isIsoDate } from '../window/calendar.js';
import type { Io } from './io.js';

export type LangChoice = 'fr' | 'en' | 'both';
export type Format = 'html' | 'pdf' | 'json';

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
}

/** One document to produce. */
export interface PlannedDocument {
  division: string;
  audience: Audience;
  lang: LangChoice;
  baseName: string;
}

export interface RenderedDocument {
  plan: PlannedDocument;
  model: BriefingModel;
  html: string;
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
    if (!findDivision(event, id)) {
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
    if (f !== 'html' && f !== 'pdf' && f !== 'json') {
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
  if (!isIsoDate(text)) throw new UsageError(t('brief.badDate', { value: text }));
  return text;
}

/**
 * The locks of a run: one per document it writes, named after the document, so two runs that
 * would write the same file cannot overlap however their options were spelt (`country:all`
 * and `country:DEU` share DEU's), and runs writing different documents do not wait.
 */
export function lockKeys(plans: readonly PlannedDocument[]): string[] {
  return [...new Set(plans.map((p) => p.baseName.replace(/^cci-/, '')))].sort();
}

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

  // The browser starts while the data loads and the HTML renders.
  const printer = formats.includes('pdf') ? await io.startPrinter({ executablePath: opts.browser }) : undefined;
  const releases: Release[] = [];
  try {
    const event = await loadEvent(dataDir);
    const divisions = parseDivisions(opts.division, event);
    const date = parseDate(opts.date, event, io.now());
    const audienceText = opts.audience ?? 'partners';
    const audiences = parseAudience(audienceText, event.partners);
    const draft = Boolean(opts.draft);
    const plans = planDocuments({ divisions, audiences, langs, date, draft });
    for (const key of lockKeys(plans)) releases.push(await acquireLock(outDir, key));

    const data = await loadBriefingData(dataDir, [date]);

    const { renderBriefingHtml } = await import('../render/index.js');
    let heldBack = 0;
    const files: OutputFile[] = [];
    const rendered: RenderedDocument[] = [];
    for (const division of divisions) {
      let red = 0;
      for (const plan of plans.filter((p) => p.division === division)) {
        const { model, heldBackRed } = buildBriefing(data, { division, date, audience: plan.audience, draft });
        red = Math.max(red, heldBackRed); // the same RED records, whatever the audience
        const html = renderBriefingHtml(model, { lang: plan.lang });
        if (formats.includes('html')) files.push({ path: join(outDir, `${plan.baseName}.html`), content: html });
        if (formats.includes('json')) files.push({ path: join(outDir, `${plan.baseName}.json`), content: `${JSON.stringify(model, null, 2)}\n` });
        rendered.push({ plan, model, html });
      }
      heldBack += red;
    }
    // Delivery settings are checked before the slow part: a missing list fails the run early.
    const deliver = opts.email ? await import('../deliver/index.js') : undefined;
    deliver?.checkDeliverable(rendered.map((d) => d.model), event, io.env.CCI_SMTP_URL);
    if (printer) {
      const pdfs = await printer.printAll(rendered, io);
      rendered.forEach((d, i) => files.push({ path: join(outDir, `${d.plan.baseName}.pdf`), content: pdfs[i]! }));
    }

    if (heldBack > 0) io.warn(tn('brief.heldBackRed', heldBack));
    const written = await writeOutputs(files);
    for (const path of written) io.out(path);

    if (deliver) {
      await printer?.close();
      await deliver.deliverBriefings(
        rendered.map((d) => ({ model: d.model, pdfPath: join(outDir, `${d.plan.baseName}.pdf`), lang: d.plan.lang })),
        { event, smtpUrl: io.env.CCI_SMTP_URL, outDir, resend: Boolean(opts.resend), now: io.now, log: io.info },
      );
    }
    return 0;
  } finally {
    await printer?.close();
    for (const release of releases) await release();
  }
}
