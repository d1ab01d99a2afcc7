// Rendering of briefings to HTML: the public API of src/render.

export { renderBriefingHtml } from './briefing.js';
export type { RenderOptions } from './briefing.js';
export { catalogues, catalogueKeys, interpolate, loadCatalogue, lookup, message } from './i18n.js';
export type { Catalogue } from './i18n.js';
export { Formatter, formatter } from './format.js';
export { templatesDir } from './templates-dir.js';

import { resetEngine } from './engine.js';
import { resetCatalogues } from './i18n.js';

/** Drops compiled templates and catalogues so the next render reads them from disk again. */
export function resetTemplateCache(): void {
  resetEngine();
  resetCatalogues();
}
