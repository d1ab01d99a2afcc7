// The job of one briefing for the PDF printer: its page header and footer (marking, protection
// mention, Spécial France, draft stamp, page X / Y) and metadata, from its model.

import type { BriefingModel } from '../aggregate/model.js';
import type { PdfJobInput } from './print.js';
import { headerFooterTemplates } from '../pdf/header-footer.js';
import { formatter } from '../render/format.js';
import { headingTitles } from '../render/outline.js';
import { message } from '../i18n/document-messages.js';
import { langsOf, type Lang } from '../i18n/lang.js';

/** `RECTIFICATIF n° 1 / CORRIGENDUM No. 1` for a corrigendum, in the document's languages; else undefined. */
function corrigendumTitle(model: BriefingModel, langs: readonly Lang[]): string | undefined {
  const k = model.corrigendum?.number;
  return k === undefined ? undefined : [...new Set(langs.map((l) => message(l, 'corrigendum.title').replace('{n}', String(k))))].join(' / ');
}

/** The header's identification line, e.g. `J15 · 05/08/2024 11:30 · Sécurité générale`. */
export function identification(model: BriefingModel, langs: readonly Lang[]): string {
  const fmt = formatter(langs[0]!, model.event.timezone);
  const title = langs.map((l) => model.divisionTitle[l] ?? model.divisionTitle.fr ?? model.division).join(' / ');
  const corrigendum = corrigendumTitle(model, langs);
  return `${corrigendum === undefined ? '' : `${corrigendum} · `}J${model.serial} · ${fmt.dateTime(model.window.end)} · ${title}`;
}

export function printJob(job: PdfJobInput) {
  const { model } = job;
  const langs = langsOf(job.plan.lang);
  const both = (key: string) => [...new Set(langs.map((l) => message(l, key)))].join(' / ');
  const templates = headerFooterTemplates({
    marking: model.marking,
    ...(model.protectionMention !== undefined && { protectionMention: model.protectionMention }),
    specialFrance: model.specialFrance,
    draft: model.draft,
    leftText: identification(model, langs),
    draftText: message('fr', 'marking.draftWatermark'),
    specialFranceText: message('fr', 'marking.specialFrance'),
  });
  const title = langs
    .map((l) => `${model.divisionTitle[l] ?? model.division} — ${formatter(l, model.event.timezone).date(model.date)}`)
    .join(' / ');
  // the window bar says first that the document is a corrigendum
  const corrigendum = corrigendumTitle(model, langs);
  return {
    html: job.html,
    title: `${corrigendum === undefined ? '' : `${corrigendum} — `}${model.event.name[langs[0]!] ?? model.event.id} — ${title}`,
    lang: langs[0]!,
    subject: `${model.marking} — ${both('title.briefing')} ${model.audience}`,
    keywords: [model.marking, model.division, model.date, model.audience].join(', '),
    outlineTitles: headingTitles(job.html),
    ...templates,
  };
}
