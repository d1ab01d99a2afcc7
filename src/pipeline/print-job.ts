// The job of one briefing for the PDF printer: its page header and footer (marking, protection
// mention, Spécial France, draft stamp, page X / Y) and metadata, from its model.

import { specialStamp } from '../i18n/event-words.js';
import type { BriefingModel } from '../aggregate/model.js';
import type { PdfJobInput } from './print.js';
import { headerFooterTemplates } from '../pdf/header-footer.js';
import { cjkFormsOf } from '../render/cjk-forms.js';
import { formatter } from '../render/format.js';
import { headingTitles } from '../render/outline.js';
import { message } from '../i18n/document-messages.js';
import { langsOf, type Lang } from '../i18n/lang.js';
import { corrigendumTitle, pdfMetadata } from './pdf-metadata.js';

/** The header's identification line, e.g. `J15 · 05/08/2024 11:30 · Sécurité générale`. */
export function identification(model: BriefingModel, langs: readonly Lang[]): string {
  const fmt = formatter(langs[0]!, model.event.timezone);
  // a title the event gives in one language is the same in both (nameInBoth): said once
  const title = [...new Set(langs.map((l) => model.divisionTitle[l] ?? model.division))].join(' / ');
  const corrigendum = corrigendumTitle(model, langs);
  return `${corrigendum === undefined ? '' : `${corrigendum} · `}J${model.serial} · ${fmt.dateTime(model.window.end)} · ${title}`;
}

export function printJob(job: PdfJobInput) {
  const { model } = job;
  const langs = langsOf(job.plan.lang);
  const templates = headerFooterTemplates({
    marking: model.marking,
    ...(model.protectionMention !== undefined && { protectionMention: model.protectionMention }),
    specialFrance: model.specialFrance,
    draft: model.draft,
    leftText: identification(model, langs),
    draftText: message('fr', 'marking.draftWatermark'),
    specialFranceText: specialStamp(model.words, langs[0]!),
    cjk: cjkFormsOf(model.event.host),
  });
  const title = langs
    .map((l) => `${model.divisionTitle[l] ?? model.division} — ${formatter(l, model.event.timezone).date(model.date)}`)
    .join(' / ');
  // the model's names are in both languages (nameInBoth): never the division's id
  // the window bar says first that the document is a corrigendum
  const corrigendum = corrigendumTitle(model, langs);
  return {
    html: job.html,
    title: `${corrigendum === undefined ? '' : `${corrigendum} — `}${model.event.name[langs[0]!] ?? model.event.id} — ${title}`,
    lang: langs[0]!,
    ...pdfMetadata(model, langs),
    outlineTitles: headingTitles(job.html),
    ...templates,
  };
}
