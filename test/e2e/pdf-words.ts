// The words of a printed PDF with their boxes (poppler's pdftotext -bbox), page by page, and
// which part of the page each is in: the running header, the body or the running footer.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PageWords {
  width: number;
  height: number;
  words: Word[];
}

/** The page margins of cci's PDFs (src/pdf/header-footer.ts): 22 mm, in points. */
export const MARGIN_PT = (22 / 25.4) * 72;

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');

export async function pdfWords(file: string): Promise<PageWords[]> {
  const { stdout } = await exec('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages: PageWords[] = [];
  for (const p of stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [
      ...p[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ].map((w) => ({
      xMin: Number(w[1]),
      yMin: Number(w[2]),
      xMax: Number(w[3]),
      yMax: Number(w[4]),
      text: decode(w[5]!),
    }));
    pages.push({ width: Number(p[1]), height: Number(p[2]), words });
  }
  return pages;
}

/**
 * Splits a page's words into the running header (inside the top margin), the footer (inside the
 * bottom margin) and the body; `straddling` are words across a margin's edge (a glyph box may
 * rise 3 pt above its line, so the body's first line may start that much above the edge). Left
 * out: the marking painted in 1-pixel transparent ink at the top of each page (read by screen
 * readers, never seen) and the draft watermark's giant letters.
 */
export function regions(page: PageWords): { header: Word[]; body: Word[]; footer: Word[]; straddling: Word[] } {
  const rise = 3;
  const header: Word[] = [];
  const body: Word[] = [];
  const footer: Word[] = [];
  const straddling: Word[] = [];
  for (const w of page.words) {
    const h = w.yMax - w.yMin;
    if (h < 2 || h > 40) continue;
    if (w.yMax <= MARGIN_PT) header.push(w);
    else if (w.yMin >= page.height - MARGIN_PT) footer.push(w);
    else if (w.yMin >= MARGIN_PT - rise && w.yMax <= page.height - MARGIN_PT + rise) body.push(w);
    else straddling.push(w);
  }
  return { header, body, footer, straddling };
}

/** Words grouped into lines (same baseline within 2 pt), top to bottom, each line's words joined by spaces. */
export function lines(words: readonly Word[]): string[] {
  const sorted = [...words].sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin);
  const out: { y: number; words: Word[] }[] = [];
  for (const w of sorted) {
    const line = out.find((l) => Math.abs(l.y - w.yMax) < 2);
    if (line) line.words.push(w);
    else out.push({ y: w.yMax, words: [w] });
  }
  return out
    .sort((a, b) => a.y - b.y)
    .map((l) =>
      l.words
        .sort((a, b) => a.xMin - b.xMin)
        .map((w) => w.text)
        .join(' '),
    );
}

/** All the text of some words with every space removed: a token broken over lines reads whole. */
export const squeezed = (words: readonly Word[]): string => words.map((w) => w.text).join('');
