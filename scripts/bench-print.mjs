// What the bench's bare puppeteer prints share (bench.mjs's bare loop, bench-bare-print.mjs):
// the browser's flags, and the print options of a PDF as cci prints it (A4, cci's running header
// and footer for the marking the document names in its cci-marking meta element, bookmarks).

import { headerFooterTemplates } from '../dist/pdf/header-footer.js';

/** Flags of the bare prints' browser and of the one-shots: a plain headless start, as a user's own script would do. */
export const BARE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The A4 page and margins cci prints on, tagged, with backgrounds. */
export const A4_TAGGED = {
  format: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  margin: { top: '22mm', bottom: '22mm', left: '15mm', right: '15mm' },
  tagged: true,
};

/** page.pdf() options for `html` printed as cci prints it: A4_TAGGED, its header and footer, bookmarks. */
export function asCciPrints(html) {
  const marking = /<meta name="cci-marking" content="([^"]+)">/.exec(html)?.[1] ?? 'TLP:AMBER';
  return {
    ...A4_TAGGED,
    outline: true,
    displayHeaderFooter: true,
    ...headerFooterTemplates({
      marking,
      protectionMention: 'DIFFUSION RESTREINTE',
      specialFrance: false,
      draft: false,
      leftText: 'J15 · 05/08/2024 11:30 · Sécurité générale',
    }),
  };
}
