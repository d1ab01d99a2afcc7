// renderBriefingHtml: one standalone HTML document (inline CSS and SVG, no script, no external
// resource) for a briefing model, in French, English or both.

import type { BriefingModel } from '../aggregate/model.js';
import type { MapContext } from '../model/area-geometry.js';
import { getEngine } from './engine.js';
import { RenderError } from '../errors.js';
import { templateRuntimeError } from './template-check.js';
import { formatter } from './format.js';
import type { RenderState } from './helpers.js';
import { primaryLang } from '../i18n/lang.js';
import type { DocLang } from '../i18n/lang.js';
import { buildView } from './view.js';

export interface RenderOptions {
  lang: DocLang;
  /** The event's map (data/map-context.ts); without it the document has no map. */
  map?: MapContext | undefined;
}

export function renderBriefingHtml(model: BriefingModel, opts: RenderOptions): string {
  const mode = opts.lang;
  if (mode !== 'fr' && mode !== 'en' && mode !== 'both') throw new Error(`unknown language "${String(mode)}"`);
  const engine = getEngine();
  const tz = model.event.timezone;
  const state: RenderState = {
    mode,
    model,
    fmt: formatter(primaryLang(mode), tz),
    fmts: { fr: formatter('fr', tz), en: formatter('en', tz) },
    css: engine.css,
    nextId: 0,
    ...(opts.map !== undefined && { map: opts.map }),
  };
  try {
    return engine.briefing({ m: model, v: buildView(model, mode) }, { data: { cci: state } });
  } catch (error) {
    // an edited template's own mistake (a field the model does not have) is said at its place
    const said = engine.templateOf && templateRuntimeError(error, engine.templateOf(error));
    if (said) throw new RenderError(said, { cause: error });
    throw error;
  }
}
