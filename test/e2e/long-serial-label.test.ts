// The event's word beside the serial number (labels: event_day_fr / event_day_en) at the
// validated limit (200 characters), in words and unbroken: it wraps inside a serial box of bounded
// width, the division title beside it stays readable (whole words on a line, not one letter a
// line), and the title block stays on page 1 with the first section. Checked on the real PDF.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoBriefingsWith } from './helpers.js';

// 200 characters in words, and 200 without a break
const WORDS =
  'Journée de compétition des Championnats du monde universitaires et paralympiques de la Fédération internationale des sports adaptés, des clubs et des associations de toutes les régions'
    .padEnd(200, ' x')
    .slice(0, 200);
const UNBROKEN = 'L'.repeat(200);
let out: string;

beforeAll(async () => {
  out = await demoBriefingsWith(
    'cci-long-label-',
    (y) =>
      y.replace(
        '  event_day_fr: Jour des Jeux       # beside the serial number (J15)\n  event_day_en: Games day',
        `  event_day_fr: ${WORDS}\n  event_day_en: ${UNBROKEN}`,
      ),
    'pdf',
  );
}, 120_000);

const pageText = (pdf: string, page: number): string =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });

describe('an event-day label of 200 characters beside the serial number', () => {
  for (const [lang, suffix, titles] of [
    ['both', '', ['Briefing Sécurité générale', 'General security briefing']],
    ['fr', '-fr', ['Briefing Sécurité générale']],
    ['en', '-en', ['General security briefing']],
  ] as const) {
    it(`wraps in its box and leaves the division title readable, all on page 1 (${lang})`, async () => {
      const first = pageText(join(out, `cci-2024-08-05-securite-partners${suffix}.pdf`), 1);
      const lines = first.split('\n').map((l) => l.trim());
      for (const title of titles) expect(lines, title).toContain(title);
      expect(
        lines.filter((l) => /^\p{L}$/u.test(l)),
        'one-letter lines',
      ).toEqual([]);
      const letters = first.replace(/\s+/g, '');
      if (lang !== 'en') expect(letters.toLowerCase()).toContain('fédérationinternationale');
      if (lang !== 'fr') expect((letters.match(/L{2,}/g) ?? []).join('').length).toBeGreaterThanOrEqual(200);
      expect(first).toMatch(/Messages clés|Key messages/);
    });
  }
});
