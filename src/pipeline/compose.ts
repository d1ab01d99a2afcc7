// select → aggregate → render for one document: the briefing model of a division, date and
// audience (src/aggregate) and its HTML (src/render), with the event's map (src/data/map-context).
// Pure but for reading the shipped map geometry once per process, on the first map drawn.

import { buildBriefing } from '../aggregate/build-briefing.js';
import type { BriefingModel } from '../aggregate/model.js';
import { mapContextOf } from '../data/map-context.js';
import type { Dataset } from '../model/types.js';
import { renderBriefingHtml } from '../render/briefing.js';
import type { DocumentPlan } from './plan.js';

export interface ComposedDocument {
  plan: DocumentPlan;
  model: BriefingModel;
  html: string;
  /** TLP:RED records this document would have held: never written, only counted. */
  heldBackRed: number;
}

export function composeDocument(data: Dataset, plan: DocumentPlan): ComposedDocument {
  const { model, heldBackRed } = buildBriefing(data, {
    division: plan.division, date: plan.date, audience: plan.audience, draft: plan.draft,
  });
  const map = model.sections.includes('map') ? mapContextOf(data.event) : undefined;
  return { plan, model, html: renderBriefingHtml(model, { lang: plan.lang, map }), heldBackRed };
}
