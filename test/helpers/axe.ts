// Accessibility checks in a real browser: axe-core (the engine most audits use) with the WCAG
// 2.2 A and AA rules and its best practices, run in every frame of a page, and the print-size
// and second-language checks of cci's own rules (templates/briefing.css).

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0, 2.1 and 2.2, levels A and AA, and axe's best practices (landmarks, headings). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

export interface AxeFinding {
  rule: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Every violation axe finds on the page, its frames included; [] when there is none. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  for (const frame of page.frames()) await frame.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (tags) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown[]; failureSummary?: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
      iframes: true,
    });
    return r.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.slice(0, 300)),
    }));
  }, AXE_TAGS);
  return result;
}

export interface TextSizeFinding {
  text: string;
  lang: string;
  pt: number;
}

/**
 * Text on the printed page under 8 pt: the page is laid out as Chromium prints it (print media,
 * 180 mm wide), HTML text by its computed size, SVG text by its size times the drawing's scale.
 * Text painted in transparent ink (the marking read once per page) is left out.
 */
export async function smallPrintedText(page: Page): Promise<TextSizeFinding[]> {
  await page.emulateMediaType('print');
  await page.setViewport({ width: 680, height: 1000 });
  try {
    return await page.evaluate(() => {
      const out: { text: string; lang: string; pt: number }[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        const el = n.parentElement;
        if (!el || text === '' || el.closest('title, desc, style, script, [aria-hidden="true"]')) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden' || style.color === 'rgba(0, 0, 0, 0)') continue;
        let px = parseFloat(style.fontSize);
        if (el instanceof SVGElement) {
          const svg = el.ownerSVGElement;
          const ctm = svg?.getScreenCTM();
          if (svg && ctm) px *= ctm.a;
        }
        const pt = Math.round(px * 0.75 * 100) / 100;
        if (pt < 7.99)
          out.push({ text: text.slice(0, 60), lang: el.closest('[lang]')?.getAttribute('lang') ?? '', pt });
      }
      return out;
    });
  } finally {
    await page.emulateMediaType('screen');
  }
}
