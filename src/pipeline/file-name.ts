// The name of a document's file in each format: `<base name><suffix>` — `.html`, `.pdf`,
// `.json`, and the exchange formats' own suffixes (src/export: `.stix.json`, `.csv`). One place,
// so that what the pipeline writes and what the register compares (issued-compose.ts) agree.

import type { Format } from '../config/options.js';
import { EXPORT_SUFFIX } from '../export/suffix.js';

export const FORMAT_SUFFIX: Readonly<Record<Format, string>> = {
  html: '.html',
  pdf: '.pdf',
  json: '.json',
  ...EXPORT_SUFFIX,
};

/** `securite-2024-08-05-partners` + stix → `securite-2024-08-05-partners.stix.json`. */
export function fileNameOf(baseName: string, format: Format): string {
  return `${baseName}${FORMAT_SUFFIX[format]}`;
}
