// The PDF's document information (Subject, Keywords) of one briefing: the same markings as its
// pages carry in their header and footer (SPEC §3, §5), so that a reader that lists files by
// their metadata (a mail client's preview, a document system, `pdfinfo`) sees them too. Pure.

import type { BriefingModel } from '../aggregate/model.js';
import { message } from '../i18n/document-messages.js';
import { specialStamp } from '../i18n/event-words.js';
import type { Lang } from '../i18n/lang.js';

export interface PdfMetadata {
  /** e.g. `TLP:AMBER+STRICT — DIFFUSION RESTREINTE — SPÉCIAL FRANCE — PROJET / DRAFT — Briefing national`. */
  subject: string;
  /** Comma-separated: the same mentions, then division id, date and audience. */
  keywords: string;
}

/** `RECTIFICATIF n° 1 / CORRIGENDUM No. 1` for a corrigendum, in the document's languages; else undefined. */
export function corrigendumTitle(model: BriefingModel, langs: readonly Lang[]): string | undefined {
  const k = model.corrigendum?.number;
  return k === undefined
    ? undefined
    : [...new Set(langs.map((l) => message(l, 'corrigendum.title').replace('{n}', String(k))))].join(' / ');
}

/**
 * The mentions a page prints, in the order of its header: the TLP label, the event's protection
 * mention, SPÉCIAL FRANCE or the event's word for it in the document's first language (a
 * national document including such a record), PROJET / DRAFT (a
 * `--draft` document), and RECTIFICATIF n° k / CORRIGENDUM No. k (a corrigendum), the latter in
 * the document's languages as in its header's identification line.
 */
export function pageMentions(model: BriefingModel, langs: readonly Lang[]): string[] {
  const corrigendum = corrigendumTitle(model, langs);
  return [
    model.marking,
    ...(model.protectionMention ? [model.protectionMention] : []),
    ...(model.specialFrance ? [specialStamp(model.words, langs[0]!)] : []),
    ...(model.draft ? [message('fr', 'marking.draftWatermark')] : []),
    ...(corrigendum === undefined ? [] : [corrigendum]),
  ];
}

/** Subject and Keywords of a briefing's PDF, each starting with its marking. */
export function pdfMetadata(model: BriefingModel, langs: readonly Lang[]): PdfMetadata {
  const mentions = pageMentions(model, langs);
  const briefing = [...new Set(langs.map((l) => message(l, 'title.briefing')))].join(' / ');
  return {
    subject: [...mentions, `${briefing} ${model.audience}`].join(' — '),
    keywords: [...mentions, model.division, model.date, model.audience].join(', '),
  };
}
