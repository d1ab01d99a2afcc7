// A division title at the validated limit (200 characters, unbroken, in both languages) wraps
// inside the title block, which stays whole on the first page; the next-briefing column does
// not repeat it. Checked on every page's text of the real PDF, for the bilingual document and
// each language.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoBriefingsWith, pdfPageCount, pdfPageText } from './helpers.js';

const FR = 'A'.repeat(200);
const EN = 'B'.repeat(200);
let out: string;

beforeAll(async () => {
  out = await demoBriefingsWith(
    'cci-long-title-',
    (y) =>
      y.replace(
        '    title_fr: Briefing Sécurité générale\n    title_en: General security briefing',
        `    title_fr: ${FR}\n    title_en: ${EN}`,
      ),
    'pdf,html',
  );
}, 120_000);

/** A page's text without its running header's line (the title cut with "…"). */
const body = (text: string) =>
  text
    .split('\n')
    .filter((l) => !l.includes('…'))
    .join('\n');
/** How many of the title's letters the page's text holds, in runs of 2 or more (the title wrapped into lines). */
const run = (text: string, c: string) => (body(text).match(new RegExp(`${c}{2,}`, 'g')) ?? []).join('').length;

describe('a division title of 200 unbroken characters', () => {
  for (const [lang, suffix, letters] of [
    ['both', '', ['A', 'B']],
    ['fr', '-fr', ['A']],
    ['en', '-en', ['B']],
  ] as const) {
    it(`wraps whole inside the title block on page 1, never on page 2, and is not repeated as the next briefing (${lang})`, async () => {
      const pdf = join(out, `cci-2024-08-05-securite-partners${suffix}.pdf`);
      const first = await pdfPageText(pdf, 1);
      for (const c of letters) expect(run(first, c), `${c} on page 1`).toBe(200);
      // the rest of the title block is on page 1 too, then the first section
      expect(first).toMatch(/PROCHAIN BRIEFING|NEXT BRIEFING/);
      expect(first).toMatch(/(mar\. 6 août|Tue 6 Aug), 11(:| h )30/);
      expect(first).toMatch(/Messages clés|Key messages/);
      const second = await pdfPageText(pdf, 2);
      for (const c of letters) expect(run(second, c), `${c} on page 2`).toBe(0);
      expect(body(second).replace(/\s+/g, ' ').length, 'page 2 is not almost blank').toBeGreaterThan(400);
      expect(await pdfPageCount(pdf)).toBeGreaterThan(2);
      const html = await readFile(pdf.replace(/\.pdf$/, '.html'), 'utf8');
      const next = /<li class="tb-next">[\s\S]*?<\/li>/.exec(html)![0];
      expect(next).not.toMatch(/AAAA|BBBB/);
    });
  }
});
