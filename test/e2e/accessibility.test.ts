// WCAG 2.2 AA in the briefings (issue 18): the HTML the built command line writes for the
// demo's 5 August 2024, every division, audience kind, language and draft, and, once briefings
// have been issued, the late reports in full and a corrigendum (issued-demo.ts), checked with
// axe-core in the browser cci finds, and for cci's own print rules (no text under 8 pt, the
// second language as large as the first).

import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, smallPrintedText } from '../helpers/axe.js';
import { launchChromium } from '../preview/helpers.js';
import { cci, ROOT, tempDir } from './helpers.js';
import { issuedDemo } from './issued-demo.js';

let out: string;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const written: string[] = [];
/** The late reports (5 August) and corrigenda (4 August) of both divisions, in the three languages. */
const issued: string[] = [];

async function brief(args: string[]): Promise<void> {
  const r = await cci([
    'brief',
    '--data',
    join(ROOT, 'data'),
    '--date',
    '2024-08-05',
    '--format',
    'html',
    '--out',
    out,
    ...args,
  ]);
  expect(r.code, r.stderr).toBe(0);
  written.push(...r.stdout.trim().split('\n'));
}

beforeAll(async () => {
  out = await tempDir('cci-a11y-');
  const divisions = ['--division', 'securite,renseignement'];
  // Every audience kind (a country with notes of its own: Italy), in the three languages; drafts.
  await brief([...divisions, '--audience', 'partners,national,country:ITA,country:DEU']);
  await brief([...divisions, '--audience', 'partners,national,country:ITA', '--lang', 'fr']);
  await brief([...divisions, '--audience', 'partners,national,country:ITA', '--lang', 'en']);
  await brief([...divisions, '--audience', 'partners,national', '--draft']);
  const demo = await issuedDemo();
  for (const lang of [[], ['--lang', 'fr'], ['--lang', 'en']]) {
    issued.push(
      ...(await demo.brief('2024-08-05', '--format', 'html', ...lang)),
      ...(await demo.brief('2024-08-04', '--format', 'html', ...lang)),
    );
  }
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
}, 240_000);

afterAll(async () => {
  await chromium?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the demo briefings pass WCAG 2.2 A and AA', () => {
  it('wrote the documents to check: two divisions, four audiences, three languages, drafts', async () => {
    const names = await readdir(out);
    expect(names.filter((n) => n.endsWith('.html'))).toHaveLength(24);
    expect(names).toContain('cci-2024-08-05-securite-country-ITA-en.html');
    expect(names).toContain('cci-2024-08-05-renseignement-national-draft.html');
  });

  it('wrote the late reports and corrigenda to check: both divisions, three languages', async () => {
    expect(issued).toHaveLength(12);
    expect(issued.filter((f) => f.includes('-rectificatif-1'))).toHaveLength(6);
    const late = await readFile(
      issued.find((f) => f.endsWith('2024-08-05-securite-partners.html'))!,
      'utf8',
    );
    // every part of the section: new and changed records, a period not covered, revised figures
    for (const part of [
      'late-item late-new',
      'late-item late-changed',
      'class="unbriefed"',
      'class="data revisions"',
      'card-note revised',
    ])
      expect(late).toContain(part);
    const rens = await readFile(
      issued.find((f) => f.endsWith('2024-08-05-renseignement-partners.html'))!,
      'utf8',
    );
    expect(rens).toMatch(/late-item late-new[\s\S]*<article class="assessment/);
    const corrigendum = await readFile(
      issued.find((f) => f.endsWith('2024-08-04-securite-partners-rectificatif-1.html'))!,
      'utf8',
    );
    for (const part of ['tb-corrigendum', 'class="data corr-figures"', 'class="corr-list"', 'corr-changes'])
      expect(corrigendum).toContain(part);
  });

  it('every document has no axe violation (WCAG 2.0–2.2 A and AA rules and best practices)', async () => {
    const failures: string[] = [];
    for (const file of [...written, ...issued]) {
      await page.setContent(await readFile(file, 'utf8'), { waitUntil: 'load' });
      const found = await axeViolations(page);
      for (const v of found) failures.push(`${file}: ${v.rule} (${v.help}) ${v.nodes.slice(0, 3).join(' | ')}`);
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('no printed text is under 8 pt, in either language', async () => {
    const failures: string[] = [];
    for (const file of [...written, ...issued].filter((f) => !f.includes('-draft'))) {
      await page.setContent(await readFile(file, 'utf8'), { waitUntil: 'load' });
      for (const s of await smallPrintedText(page)) failures.push(`${file}: "${s.text}" (${s.lang}) ${s.pt} pt`);
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it.each([
    ['a briefing', () => written.find((f) => f.endsWith('securite-partners.html'))!],
    ['a briefing with its late reports', () => issued.find((f) => f.endsWith('2024-08-05-securite-partners.html'))!],
    ['a corrigendum', () => issued.find((f) => f.endsWith('2024-08-04-securite-partners-rectificatif-1.html'))!],
  ])(
    'the English text of %s in both languages is never italic nor under 8 pt, and in the same colour as the French',
    async (_what, which) => {
      await page.setContent(await readFile(which(), 'utf8'), { waitUntil: 'load' });
      const pairs = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.bi, .txt.fr'))
          .map((el) => {
            const fr = el.classList.contains('txt') ? el : el.querySelector(':scope > .fr');
            const en = el.classList.contains('txt') ? el.nextElementSibling : el.querySelector(':scope > .en');
            if (!fr || !en) return undefined;
            const a = getComputedStyle(fr);
            const b = getComputedStyle(en);
            return {
              text: en.textContent,
              fr: [a.fontSize, a.fontStyle, a.color],
              en: [b.fontSize, b.fontStyle, b.color],
            };
          })
          .filter((p) => p !== undefined),
      );
      expect(pairs.length).toBeGreaterThan(50);
      for (const p of pairs) {
        expect(parseFloat(p.en[0]!) * 0.75, `${p.text}: size`).toBeGreaterThanOrEqual(7.99);
        expect(p.en[1], `${p.text}: italic`).toBe('normal');
      }
      // Set apart by its line or its weight, not by a lighter colour: most pairs share their colour.
      const same = pairs.filter((p) => p.en[2] === p.fr[2]).length;
      expect(same / pairs.length).toBeGreaterThan(0.9);
    },
  );
});
