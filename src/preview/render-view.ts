// Rendering a preview from the files as they are now, through the briefing pipeline's own
// steps (src/pipeline): nothing is kept between requests except the render module's compiled
// templates, which are dropped when a template changes, and the tally cache of earlier days'
// incident files (keyed by their contents, so never stale).

import { audienceId } from '../audience/audience.js';
import { loadDataset } from '../data/dataset.js';
import { documentBaseName } from '../output/file-names.js';
import type { ComposedDocument } from '../pipeline/compose.js';
import { registerComposer } from '../pipeline/issued-compose.js';
import { loadBriefingData } from '../pipeline/load.js';
import { t } from '../i18n/messages.js';
import {
  documentState,
  emptyView,
  lateLoadPlan,
  localTime,
  readRegister,
  type RegisterView,
} from '../register/index.js';
import type { DocumentPlan } from '../pipeline/plan.js';
import { resetTemplateCache } from '../render/index.js';
import type { Site } from './pages.js';
import type { PreviewView } from './view-query.js';
import { briefableDates } from '../window/briefing-days.js';

/** The event and the dates of its day folders, the closing briefing's included: what the index and the toolbar offer. */
export async function loadSite(dataDir: string): Promise<Site> {
  const { event, availableDates } = await loadDataset(dataDir, { dates: [] });
  return { event, dates: briefableDates(availableDates, event) };
}

export type RenderedView = ComposedDocument;

/** The document plan of a view: drafts included (stamped PROJET / DRAFT by the templates). */
export function viewPlan(view: PreviewView): DocumentPlan {
  return {
    ...view,
    draft: true,
    baseName: documentBaseName({
      division: view.division,
      date: view.date,
      audience: audienceId(view.audience),
      lang: view.lang,
      draft: true,
    }),
  };
}

/** The register of issued briefings of the event, or an empty one when the preview has no state folder. */
export async function registerOf(stateDir: string | undefined, eventId: string): Promise<RegisterView> {
  return stateDir === undefined ? emptyView() : readRegister(stateDir, eventId);
}

/**
 * The briefing of a view, as `cci brief --draft` would write it, its late reports compared with
 * the register of issued briefings of `stateDir` (read at every request: never stale).
 */
export async function renderView(
  dataDir: string,
  view: PreviewView,
  cacheDir?: string,
  warn?: (message: string) => void,
  register?: RegisterView,
): Promise<RenderedView> {
  const issued = register ?? emptyView();
  const key = { division: view.division, date: view.date, audience: audienceId(view.audience) };
  const data = await loadBriefingData(dataDir, [view.date], {
    cacheDir,
    warn,
    late: lateLoadPlan(issued, [key], true),
  });
  return (await registerComposer(issued, '/', [])(data, viewPlan(view))).doc;
}

/** Which version of the view's document is out (issued, or emailed with an uncertain delivery), for the toolbar: one line, in the language of messages. */
export function issuedStatus(register: RegisterView, view: PreviewView, timezone: string): string {
  // the view's language first, else the latest held in any language (the same content)
  const key = { division: view.division, date: view.date, audience: audienceId(view.audience) };
  const latest =
    documentState(register, { ...key, lang: view.lang }).latestHeld ??
    register.documents
      .filter(
        (d) =>
          d.held && d.entry.division === key.division && d.entry.date === key.date && d.entry.audience === key.audience,
      )
      .sort((a, b) => a.heldSeq! - b.heldSeq!)
      .at(-1);
  if (!latest) return t('preview.page.notIssued');
  const e = latest.entry;
  const version =
    e.corrigendum > 0
      ? t('history.corrigendum', { version: e.version, n: e.corrigendum })
      : t('history.original', { version: e.version });
  const at = localTime(latest.heldAt ?? e.at, timezone);
  if (!latest.issued) return t('preview.page.uncertain', { version, at, marking: e.marking });
  const accepted = latest.recipients.filter((r) => r.status !== 'uncertain').length;
  const unsure = latest.recipients.length - accepted;
  return e.via === 'hand'
    ? t('preview.page.issuedByHand', { version, at, by: latest.handedOutBy ?? '?', marking: e.marking })
    : unsure > 0
      ? t('preview.page.issuedByEmailSomeUncertain', { version, at, n: accepted, u: unsure, marking: e.marking })
      : t('preview.page.issuedByEmail', { version, at, n: accepted, marking: e.marking });
}

/** Drops the render module's compiled templates and catalogues so the next page reads them again. */
export function reloadTemplates(): void {
  resetTemplateCache();
}
