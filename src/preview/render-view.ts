// Rendering a preview from the files as they are now, through the briefing pipeline's own
// steps (src/pipeline): nothing is kept between requests except the render module's compiled
// templates, which are dropped when a template changes, and the tally cache of earlier days'
// incident files (keyed by their contents, so never stale).

import { audienceId } from '../audience/audience.js';
import { loadDataset } from '../data/dataset.js';
import { documentBaseName } from '../output/file-names.js';
import { composeDocument, type ComposedDocument } from '../pipeline/compose.js';
import { loadBriefingData } from '../pipeline/load.js';
import type { DocumentPlan } from '../pipeline/plan.js';
import { resetTemplateCache } from '../render/index.js';
import type { Site } from './pages.js';
import type { PreviewView } from './view-query.js';

/** The event and the day folders: what the index and the toolbar offer. */
export async function loadSite(dataDir: string): Promise<Site> {
  const { event, availableDates } = await loadDataset(dataDir, { dates: [] });
  return { event, dates: availableDates };
}

export type RenderedView = ComposedDocument;

/** The document plan of a view: drafts included (stamped PROJET / DRAFT by the templates). */
export function viewPlan(view: PreviewView): DocumentPlan {
  return {
    ...view,
    draft: true,
    baseName: documentBaseName({ division: view.division, date: view.date, audience: audienceId(view.audience), lang: view.lang, draft: true }),
  };
}

/** The briefing of a view, as `cci brief --draft` would write it. */
export async function renderView(
  dataDir: string,
  view: PreviewView,
  cacheDir?: string,
  warn?: (message: string) => void,
): Promise<RenderedView> {
  const data = await loadBriefingData(dataDir, [view.date], { cacheDir, warn });
  return composeDocument(data, viewPlan(view));
}

/** Drops the render module's compiled templates and catalogues so the next page reads them again. */
export function reloadTemplates(): void {
  resetTemplateCache();
}
