// Rendering of briefings to HTML: the public API of src/render.

export { renderBriefingHtml } from './briefing.js';
export type { RenderOptions } from './briefing.js';
export { Formatter, formatter } from './format.js';
export { headingTitles } from './outline.js';

import { resetDocumentCatalogues } from '../i18n/document-messages.js';
import { resetEngine } from './engine.js';

/** Drops compiled templates and catalogues so the next render reads them from disk again. */
export function resetTemplateCache(): void {
  resetEngine();
  resetDocumentCatalogues();
}
