// The header and footer Chromium prints on every page: the TLP label (TLP 2.0: coloured text
// on black, 12 pt or more), the protection mention, SPÉCIAL FRANCE, the draft stamp, a short
// identification line and "page X / Y". Templates run in Chromium's header context: inline
// styles only, no external resources, no document fonts or stylesheets.
//
// Both stay inside their margin (22 mm) whatever their texts: a first line holds the
// identification (at most two lines, cut with an ellipsis), the stamps and the label; the
// protection mention has a line of its own across the page, at most three lines, its size chosen
// from its length (9 pt down to 7 pt). Validation keeps it within TEXT_LIMITS.protectionMention
// characters (src/data/limits.ts), which fit at 7 pt even in the widest capitals.

import { TLP_COLOURS, tlpLabel as labelOf } from '../audience/marking.js';
import { RenderError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { escapeUnsafe } from '../text/control-chars.js';
import { codePoints, TEXT_LIMITS } from '../data/limits.js';
import type { Tlp } from '../model/types.js';
import { escapeHtml } from '../text/escape-html.js';
import { CJK_FAMILY, type CjkForms } from '../render/cjk-forms.js';

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
  /** The CJK forms of the event's host (render/cjk-forms.ts), as the page uses them; default simplified Chinese. */
  cjk?: CjkForms;
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

/** The fonts of the header and footer, with the CJK family of the host's forms (one of CJK_FAMILY: no quote in it). */
function font(cjk: CjkForms): string {
  return `font-family:'Liberation Sans',Arial,Helvetica,'DejaVu Sans','${CJK_FAMILY[cjk]}','Noto Color Emoji',sans-serif`;
}
const EXACT = '-webkit-print-color-adjust:exact;print-color-adjust:exact';
/** Text of any length breaks inside its box rather than widening it. */
const WRAP = 'overflow-wrap:anywhere;word-break:normal';

/** The width a line of the mention may take: the page (210 mm) less its side margins, in points. */
const LINE_PT = ((210 - 30) / 25.4) * 72;

/**
 * Estimated width of a text in em of Liberation Sans Bold, letter by letter (wide capitals,
 * other capitals and figures, lower case, narrow signs), plus the 0.03 em letter spacing.
 */
export function boldWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    if (/[MWÆŒ@%]/u.test(ch)) em += 0.94;
    else if (/[\s.,:;'’!|()[\]iIlj]/u.test(ch)) em += 0.3;
    else if (/[\p{Lu}\p{Nd}&#]/u.test(ch)) em += 0.73;
    else if (/[\p{Ll}]/u.test(ch)) em += 0.6;
    else em += 1; // other scripts, emoji: a full em
    em += 0.03;
  }
  return em;
}

/**
 * The size (pt) and lines of the protection mention: the largest of 9, 8.5 and 8 at which it
 * takes one line; else the largest of 8, 7.5 and 7 at which it takes two (with a margin for
 * words that do not fill a line); else three lines at 7 pt, which hold TEXT_LIMITS.protectionMention
 * characters of the widest capitals.
 */
export function mentionSize(text: string): { size: number; lines: number } {
  const em = boldWidthEm(text);
  for (const size of [9, 8.5, 8]) if (em * size <= LINE_PT) return { size, lines: 1 };
  for (const size of [8, 7.5, 7]) if (em * size <= LINE_PT * 2 * 0.92) return { size, lines: 2 };
  return { size: 7, lines: 3 };
}

function tlpLabel(marking: string, color: string): string {
  return (
    `<span style="${EXACT};display:inline-block;background:#000;color:${color};font-weight:bold;font-size:12pt;` +
    `line-height:1;padding:1.2mm 2.2mm;white-space:nowrap;letter-spacing:0.02em">` +
    `${escapeHtml(marking)}</span>`
  );
}

/** The first line: identification (two lines at most), stamps, the label. */
function firstLine(left: string, stamps: string, label: string): string {
  return (
    `<div style="display:flex;align-items:center;gap:3mm;width:100%">` +
    // the identification gives way first: a long stamp of the event's words keeps its width
    `<div style="flex:1 1000 auto;min-width:0;line-height:1.25;font-size:8pt;color:#333;${WRAP};` +
    `display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;max-height:2.5em">${left}</div>` +
    `${stamps}<div style="flex:none">${label}</div>` +
    `</div>`
  );
}

/** The protection mention across the page, in at most three lines. */
function mentionLine(mention: string): string {
  const { size, lines } = mentionSize(mention);
  return (
    `<div style="width:100%;text-align:center;font-weight:bold;font-size:${size}pt;line-height:1.15;letter-spacing:0.03em;` +
    `color:#000;${WRAP};overflow:hidden;max-height:${(lines * 1.15).toFixed(2)}em">${escapeHtml(mention)}</div>`
  );
}

/**
 * Chromium lays the header out 0.4 cm below the top of the page (the footer 0.4 cm above the
 * bottom): what is left of the 22 mm margin for its lines.
 */
const BOX_HEIGHT = '17.5mm';

/**
 * The margin box: across the page, the side margins as padding, `BOX_HEIGHT` high, its lines
 * against the page's edge (the top for the header, the bottom for the footer), nothing drawn
 * outside it.
 */
function box(lines: string[], edge: 'top' | 'bottom', cjk: CjkForms): string {
  return (
    `<div style="${font(cjk)};${EXACT};box-sizing:border-box;width:100%;height:${BOX_HEIGHT};` +
    `margin:0;padding:0 ${PAGE_MARGINS.right} 0 ${PAGE_MARGINS.left};display:flex;flex-direction:column;gap:1mm;` +
    `justify-content:${edge === 'top' ? 'flex-start' : 'flex-end'};overflow:hidden">` +
    lines.join('') +
    `</div>`
  );
}

/** Builds the header and footer templates; every text is escaped. */
export function headerFooterTemplates(opts: HeaderFooterOptions): HeaderFooterTemplates {
  const cjk = opts.cjk !== undefined && opts.cjk in CJK_FAMILY ? opts.cjk : 'sc';
  const color = opts.tlpColor ?? TLP_COLORS[opts.marking.toUpperCase()] ?? '#FFFFFF';
  if (!SAFE_COLOR.test(color)) throw new RenderError(t('pdf.badColour', { colour: escapeUnsafe(color) }));
  const max = TEXT_LIMITS.protectionMention;
  if (opts.protectionMention !== undefined && codePoints(opts.protectionMention) > max) {
    // cci validate refuses it first; a caller of this module that did not validate is told here.
    throw new RenderError(t('pdf.mentionTooLong', { max }));
  }
  const label = tlpLabel(opts.marking, color);

  const stamps: string[] = [];
  if (opts.specialFrance) {
    const words = opts.specialFranceText ?? 'SPÉCIAL FRANCE';
    // the event's own words may be long (40 characters of W): smaller past 20 characters, and two
    // lines at most in 84 mm, no higher than the TLP label, which always stays whole beside it
    const size = codePoints(words) > 20 ? 7 : 9;
    stamps.push(
      `<div style="flex:0 1 auto;min-width:0;max-width:84mm;font-weight:bold;font-size:${size}pt;line-height:1.05;` +
        `color:#00209F;letter-spacing:0.04em;text-align:center;${WRAP};max-height:2.1em;overflow:hidden;` +
        `border:1.5px solid #00209F;padding:0.2mm 1.5mm">${escapeHtml(words)}</div>`,
    );
  }
  if (opts.draft) {
    stamps.push(
      `<div style="${EXACT};flex:none;font-weight:bold;font-size:9pt;color:#C00000;white-space:nowrap;` +
        `border:1.5px solid #C00000;padding:0.3mm 1.5mm">${escapeHtml(opts.draftText ?? 'PROJET / DRAFT')}</div>`,
    );
  }
  const mention = opts.protectionMention ? [mentionLine(opts.protectionMention)] : [];
  const pages = `<span style="font-size:8pt;color:#333"><span class="pageNumber"></span> / <span class="totalPages"></span></span>`;

  return {
    headerTemplate: box([firstLine(escapeHtml(opts.leftText), stamps.join(''), label), ...mention], 'top', cjk),
    footerTemplate: box([...mention, firstLine(pages, stamps.join(''), label)], 'bottom', cjk),
  };
}
