// Page breaks (issue 12, item 4), through the built command line on fixtures/page-breaks: one
// document per partner country, the country k with k incidents in its notes, so that the end
// of the document falls at every height of a page. In every one: no last page holding only the
// closing line, the grading legend never alone on its page, a "nothing to report" box never
// split, no page ending with a heading, each notable fact's TLP label on its first line.

import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cci, ROOT, tempDir } from './helpers.js';
import { lines, pdfWords, regions, type PageWords } from './pdf-words.js';

/** The headings' lines, French and English (a section's number is not text). */
const HEADINGS = [
  'Messages clés',
  'Key messages',
  'Chiffres clés',
  'Key figures',
  'Faits marquants',
  'Notable facts',
  'Perspectives jusqu’au prochain briefing',
  'Outlook until the next briefing',
  'Cotation des sources et des informations',
  'Source and information grading',
];
let out: string;
const docs = new Map<string, string[][]>(); // file → pages → body lines

beforeAll(async () => {
  out = await tempDir('cci-breaks-');
  const r = await cci([
    'brief',
    '--data',
    join(ROOT, 'fixtures', 'page-breaks'),
    '--division',
    'securite',
    '--date',
    '2024-08-05',
    '--audience',
    'country:all',
    '--format',
    'pdf',
    '--out',
    out,
  ]);
  expect(r.code, r.stderr).toBe(0);
  for (const name of (await readdir(out)).filter((n) => n.endsWith('.pdf'))) {
    const pages: PageWords[] = await pdfWords(join(out, name));
    docs.set(
      name,
      pages.map((p) => lines(regions(p).body)),
    );
  }
}, 180_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('page breaks, wherever the end of the document falls', () => {
  it('printed twelve documents ending on two to four pages', () => {
    expect(docs.size).toBe(12);
    const counts = new Set([...docs.values()].map((p) => p.length));
    expect(counts.size).toBeGreaterThan(1);
  });

  it('never leave the closing line alone on the last page', () => {
    for (const [name, pages] of docs) {
      const last = pages.at(-1)!;
      const closing = last.findIndex((l) => l.includes('FIN DU DOCUMENT'));
      expect(closing, name).toBeGreaterThanOrEqual(0);
      expect(last.slice(0, closing).length, `${name}: only the closing on its page`).toBeGreaterThan(0);
    }
  });

  it('never leave the grading legend alone on its page', () => {
    for (const [name, pages] of docs) {
      const page = pages.find((p) => p.some((l) => l.includes('Cotation des sources et des informations')))!;
      const at = page.findIndex((l) => l.includes('Cotation des sources et des informations'));
      expect(at, `${name}: the legend opens its page`).toBeGreaterThan(0);
    }
  });

  it('never split a "nothing to report" box: its French and English lines are on one page', () => {
    let boxes = 0;
    for (const [name, pages] of docs) {
      pages.forEach((p, i) => {
        const fr = p.filter((l) => l.includes('RAS – rien à signaler')).length;
        const en = p.filter((l) => l.includes('Nothing to report')).length;
        expect(en, `${name} page ${i + 1}`).toBe(fr);
        boxes += fr;
      });
    }
    expect(boxes).toBeGreaterThanOrEqual(12 + 1); // every outlook, and the country with no notes
  });

  it('never end a page with a heading: it goes with what follows', () => {
    for (const [name, pages] of docs) {
      pages.slice(0, -1).forEach((p, i) => {
        const last = p.at(-1)!.replace(/^\d+\. /, '');
        expect(
          HEADINGS.includes(last) || /^Notes (pour|for)/.test(last),
          `${name} page ${i + 1} ends with the heading "${last}"`,
        ).toBe(false);
      });
    }
  });

  it('keep each notable fact’s TLP label on its first line, whatever the length of the event impact pill', () => {
    for (const [name, pages] of docs) {
      // the pill, whatever the event's wording, sits on the first line or wraps under the tags;
      // the label stays at the end of the item's first line, the one with its severity
      const all = pages.flat();
      expect(all.filter((l) => l.includes('IMPACT SUR L’ÉVÉNEMENT')).length, name).toBe(3);
      const heads = all.filter((l) => /(FAIBLE|MOYENNE|ÉLEVÉE|CRITIQUE) \/ (LOW|MEDIUM|HIGH|CRITICAL)/.test(l));
      expect(heads.length, name).toBeGreaterThanOrEqual(3);
      for (const h of heads) expect(h, name).toMatch(/TLP:AMBER$/);
    }
  });
});
