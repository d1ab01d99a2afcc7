// select → aggregate → render for one document: the briefing model of a division, date and
// audience (src/aggregate) and its HTML (src/render), with the event's map (src/data/map-context).
// Pure but for reading the shipped map geometry once per process, on the first map drawn.

import { buildBriefing } from '../aggregate/build-briefing.js';
import type { RegisterInput } from '../aggregate/issued.js';
import type { BriefingModel } from '../aggregate/model.js';
import type { RecordFacts } from '../aggregate/record-facts.js';
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
  /** The records it shows in its own sections and in its late reports (for the register). */
  shown: RecordFacts[];
  late: RecordFacts[];
  /** A corrigendum's content: its model without the corrigendum block. */
  base?: BriefingModel;
}

/** `register`: what was issued before (late reports) and, for a corrigendum, the version it replaces. */
export function composeDocument(data: Dataset, plan: DocumentPlan, register: RegisterInput = {}): ComposedDocument {
  const built = buildBriefing(
    data,
    {
      division: plan.division,
      date: plan.date,
      audience: plan.audience,
      draft: plan.draft,
    },
    register,
  );
  const map = built.model.sections.includes('map') ? mapContextOf(data.event) : undefined;
  return {
    plan,
    model: built.model,
    html: renderBriefingHtml(built.model, { lang: plan.lang, map }),
    heldBackRed: built.heldBackRed,
    shown: built.shown,
    late: built.late,
    ...(built.base && { base: built.base }),
  };
}
