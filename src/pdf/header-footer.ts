// The header and footer Chromium prints on every page: the TLP label (TLP 2.0: coloured text
// on black, 12 pt or more), the protection mention, SPÉCIAL FRANCE, the draft stamp, a short
// identification line and "page X / Y". Templates run in Chromium's header context: inline
// styles only, no external resources, no document fonts or stylesheets.

import { TLP_COLOURS, tlpLabel as labelOf } from '../audience/marking.js';
import { RenderError } from '../errors.js';
import type { Tlp } from '../model/types.js';
import { escapeHtml } from '../text/escape-html.js';

export interface HeaderFooterOptions {
  /** The label as printed, e.g. `TLP:AMBER`. */
  marking: string;
  /** Text colour of the label; by default the TLP 2.0 colour of the marking. */
  tlpColor?: string;
  /** The event's protection mention (e.g. DIFFUSION RESTREINTE), printed centred. */
  protectionMention?: string;
  /** A national document that includes SPÉCIAL FRANCE records. */
  specialFrance: boolean;
  /** Draft output: stamped PROJET / DRAFT. */
  draft: boolean;
  /** Identification at the left of the header, e.g. `J+15 · 05/08/2024 · Sécurité générale`. */
  leftText: string;
  /** Text of the draft stamp (default `PROJET / DRAFT`). */
  draftText?: string;
  /** Text of the special France mention (default `SPÉCIAL FRANCE`). */
  specialFranceText?: string;
}

export interface HeaderFooterTemplates {
  headerTemplate: string;
  footerTemplate: string;
}

/** Page margins that leave room for the header and footer. */
export const PAGE_MARGINS = { top: '22mm', bottom: '22mm', left: '15mm', right: '15mm' } as const;

/** TLP 2.0 label colours (FIRST), on a black background, by label (WHITE is CLEAR's old name). */
export const TLP_COLORS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(TLP_COLOURS).map(([tlp, colour]) => [labelOf(tlp as Tlp), colour])),
  'TLP:WHITE': TLP_COLOURS.CLEAR,
};

const SAFE_COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]+|rgba?\([0-9.,%\s]+\))$/;

const FONT = `font-family:'Liberation Sans',Arial,Helvetica,'DejaVu Sans',sans-serif`;
const EXACT = '-webkit-print-color-adjust:exact;print-color-adjust:exact';

function tlpLabel(marking: string, color: string): string {
  return (
    `<span style="${EXACT};background:#000;color:${color};font-weight:bold;font-size:12pt;` +
    `line-height:1;padding:1.2mm 2.2mm;white-space:nowrap;letter-spacing:0.02em">` +
    `${escapeHtml(marking)}</span>`
  );
}

function row(left: string, centre: string, right: string): string {
  // The outer box spans the page width; its padding matches the page's side margins.
  return (
    `<div style="${FONT};${EXACT};width:100%;box-sizing:border-box;` +
    `padding:0 ${PAGE_MARGINS.right} 0 ${PAGE_MARGINS.left};margin:0;display:flex;` +
    `align-items:center;justify-content:space-between;` +
    `font-size:8pt;color:#333">` +
    `<div style="flex:1 1 0;text-align:left;line-height:1.25;overflow:hidden;max-height:3.8em">${left}</div>` +
    `<div style="flex:1.4 1 0;text-align:center;line-height:1.3">${centre}</div>` +
    `<div style="flex:1 1 0;text-align:right;white-space:nowrap">${right}</div>` +
    `</div>`
  );
}

/** Builds the header and footer templates; every text is escaped. */
export function headerFooterTemplates(opts: HeaderFooterOptions): HeaderFooterTemplates {
  const color = opts.tlpColor ?? TLP_COLORS[opts.marking.toUpperCase()] ?? '#FFFFFF';
  if (!SAFE_COLOR.test(color)) throw new RenderError(`Not a colour for the TLP label: ${color}`);
  const label = tlpLabel(opts.marking, color);

  const mentions: string[] = [];
  if (opts.protectionMention) {
    mentions.push(
      `<div style="font-weight:bold;font-size:9pt;letter-spacing:0.04em;color:#000">${escapeHtml(opts.protectionMention)}</div>`,
    );
  }
  if (opts.specialFrance) {
    mentions.push(
      `<div style="font-weight:bold;font-size:9pt;color:#00209F;letter-spacing:0.04em">${escapeHtml(opts.specialFranceText ?? 'SPÉCIAL FRANCE')}</div>`,
    );
  }
  const draft = opts.draft
    ? `<div style="${EXACT};display:inline-block;font-weight:bold;font-size:10pt;color:#C00000;` +
      `border:1.5px solid #C00000;padding:0.3mm 2mm;margin-top:0.5mm">${escapeHtml(opts.draftText ?? 'PROJET / DRAFT')}</div>`
    : '';
  const centre = mentions.join('') + draft;

  const pages =
    `<span style="font-size:8pt;color:#333"><span class="pageNumber"></span> / <span class="totalPages"></span></span>`;

  return {
    headerTemplate: row(escapeHtml(opts.leftText), centre, label),
    footerTemplate: row(pages, centre, label),
  };
}
