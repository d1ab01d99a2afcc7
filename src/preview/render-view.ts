// Rendering a preview from the files as they are now: nothing is kept between requests except
// the render module's compiled templates, which are dropped when a template changes, and the
// tally cache of earlier days' incident files (keyed by their contents, so never stale).

import { buildBriefing } from '../aggregate/build-briefing.js';
import type { BriefingModel } from '../aggregate/model.js';
import { loadBriefingData } from '../brief/load-briefing-data.js';
import { loadDataset } from '../data/index.js';
import * as render from '../render/index.js';
import type { PreviewView } from './view-query.js';
import type { Site } from './pages.js';

/** The event and the day folders: what the index and the toolbar offer. */
export async function loadSite(dataDir: string): Promise<Site> {
  const { event, availableDates } = await loadDataset(dataDir, { dates: [] });
  return { event, dates: availableDates };
}

export interface RenderedView {
  model: BriefingModel;
  html: string;
  /** TLP:RED records held back from this view. */
  heldBackRed: number;
}

/** The briefing of a view, drafts included (stamped PROJET / DRAFT by the templates). */
export async function renderView(
  dataDir: string,
  view: PreviewView,
  cacheDir?: string,
  warn?: (message: string) => void,
): Promise<RenderedView> {
  const data = await loadBriefingData(dataDir, [view.date], { cacheDir, warn });
  const { model, heldBackRed } = buildBriefing(data, {
    division: view.division,
    date: view.date,
    audience: view.audience,
    draft: true,
  });
  return { model, html: render.renderBriefingHtml(model, { lang: view.lang }), heldBackRed };
}

/** Drops the render module's compiled templates and catalogues so the next page reads them again. */
export function reloadTemplates(): void {
  render.resetTemplateCache();
}
