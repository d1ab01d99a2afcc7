// Exchange formats written beside the briefing (`--format stix,csv`): each from one
// document's model alone, so each holds exactly what that document's audience may see.

import type { BriefingModel } from '../aggregate/model.js';
import { figuresCsv } from './figures-csv.js';
import { buildStixBundle, type StixLang } from './stix.js';

export {
  buildStixBundle,
  shownIncidents,
  shownAssessments,
  tlpMarking,
  TLP2_MARKINGS,
  TLP2_EXTENSION,
  cciExtensionDefinition,
  CCI_EXTENSION_ID,
  CCI_EXTENSION_VERSION,
} from './stix.js';
export type { StixBundle, StixObject, StixOptions, StixLang } from './stix.js';
export { figuresCsv, figureRows, csvCell, FIGURE_COLUMNS } from './figures-csv.js';
export type { FigureRow } from './figures-csv.js';
export { stixId, uuidV5, CCI_STIX_NAMESPACE } from './stix-ids.js';

export { EXPORT_SUFFIX } from './suffix.js';

/** The document's STIX 2.1 bundle as JSON text (locations in the model's event.host; none without one). */
export function stixJson(model: BriefingModel, lang: StixLang): string {
  return `${JSON.stringify(buildStixBundle(model, { lang }), null, 2)}\n`;
}

/** The document's figures as CSV text. */
export function figuresCsvText(model: BriefingModel): string {
  return figuresCsv(model);
}
