// WCAG 2.2 AA in the briefings (issue 18): the HTML the built command line writes for the
// demo's 5 August 2024, every division, audience kind, language and draft, checked with
// axe-core in real Chromium, and for cci's own print rules (no text under 8 pt, the second
// language as large as the first).

import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, smallPrintedText } from '../helpers/axe.js';
import { cci, ROOT, tempDir } from './helpers.js';

let out: string;
let browser: Browser;
let page: Page;
const written: string[] = [];

async function brief(args: string[]): Promise<void> {
  const r = await cci(['brief', '--data', join(ROOT, 'data'), '--date', '2024-08-05', '--format', 'html', '--out', out, ...args]);
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
  browser = await puppeteer.launch({
    executablePath: process.env.CCI_BROWSER ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  page = await browser.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the demo briefings pass WCAG 2.2 A and AA', () => {
  it('wrote the documents to check: two divisions, four audiences, three languages, drafts', async () => {
    const names = await readdir(out);
    expect(names.filter((n) => n.endsWith('.html'))).toHaveLength(24);
    expect(names).toContain('cci-2024-08-05-securite-country-ITA-en.html');
    expect(names).toContain('cci-2024-08-05-renseignement-national-draft.html');
  });

  it('every document has no axe violation (WCAG 2.0–2.2 A and AA rules and best practices)', async () => {
    const failures: string[] = [];
    for (const file of written) {
      await page.setContent(await readFile(file, 'utf8'), { waitUntil: 'load' });
      const found = await axeViolations(page);
      for (const v of found) failures.push(`${file}: ${v.rule} (${v.help}) ${v.nodes.slice(0, 3).join(' | ')}`);
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('no printed text is under 8 pt, in either language', async () => {
    const failures: string[] = [];
    for (const file of written.filter((f) => !f.includes('-draft'))) {
      await page.setContent(await readFile(file, 'utf8'), { waitUntil: 'load' });
      for (const s of await smallPrintedText(page)) failures.push(`${file}: "${s.text}" (${s.lang}) ${s.pt} pt`);
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('the English text of a bilingual document is never italic nor under 8 pt, and in the same colour as the French', async () => {
    const file = written.find((f) => f.endsWith('securite-partners.html'))!;
    await page.setContent(await readFile(file, 'utf8'), { waitUntil: 'load' });
    const pairs = await page.evaluate(() => Array.from(document.querySelectorAll('.bi, .txt.fr')).map((el) => {
      const fr = el.classList.contains('txt') ? el : el.querySelector(':scope > .fr');
      const en = el.classList.contains('txt') ? el.nextElementSibling : el.querySelector(':scope > .en');
      if (!fr || !en) return undefined;
      const a = getComputedStyle(fr);
      const b = getComputedStyle(en);
      return { text: en.textContent, fr: [a.fontSize, a.fontStyle, a.color], en: [b.fontSize, b.fontStyle, b.color] };
    }).filter((p) => p !== undefined));
    expect(pairs.length).toBeGreaterThan(50);
    for (const p of pairs) {
      expect(parseFloat(p.en[0]!) * 0.75, `${p.text}: size`).toBeGreaterThanOrEqual(7.99);
      expect(p.en[1], `${p.text}: italic`).toBe('normal');
    }
    // Set apart by its line or its weight, not by a lighter colour: most pairs share their colour.
    const same = pairs.filter((p) => p.en[2] === p.fr[2]).length;
    expect(same / pairs.length).toBeGreaterThan(0.9);
  });
});
