// WCAG 2.2 AA in the preview (issue 18): the real preview server on a copy of fixtures/preview,
// its index, a briefing page with its frame (checked inside too), the framed document alone, a
// page of data problems and one of an unknown date, through axe-core in real Chromium.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/index.js';
import { axeViolations } from '../helpers/axe.js';
import { copyFixture, launchChromium, until } from './helpers.js';

const VIEW = 'division=securite&date=2024-08-05&audience=partners';

let data: Awaited<ReturnType<typeof copyFixture>>;
let server: PreviewServer;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

async function check(path: string, ready: () => Promise<unknown>): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(server.origin + path.replace(/^\//, ''), { waitUntil: 'load' });
      await ready();
      return (await axeViolations(page)).map(
        (v) => `${path}: ${v.rule} (${v.help}) ${v.nodes.slice(0, 3).join(' | ')}`,
      );
    } catch (error) {
      // the live reload of a data file written just before may reload the frame under axe: check again
      if (attempt < 3 && /Execution context was destroyed|detached Frame/.test(String(error))) continue;
      throw error;
    }
  }
}

const frameLoaded = () =>
  until('the briefing frame', async () => {
    const frame = page.frames().find((f) => f.url().includes('/doc?'));
    return frame &&
      (await frame.evaluate(() => document.readyState === 'complete' && document.body.innerText.length > 0))
      ? true
      : undefined;
  });

beforeAll(async () => {
  data = await copyFixture();
  server = await startPreviewServer({ dataDir: data.dir, port: 0, debounceMs: 100 });
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
  await page.goto(server.url, { waitUntil: 'load' }); // in with the printed URL: its cookie opens the rest
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  await data?.remove();
});

describe('the preview passes WCAG 2.2 A and AA', () => {
  it('on its index page', async () => {
    expect(await check('/', async () => page.$('main'))).toEqual([]);
  });

  it('on a briefing page, the toolbar and the framed briefing, in each language', async () => {
    for (const lang of ['both', 'fr', 'en']) {
      expect(await check(`/brief?${VIEW}&lang=${lang}`, frameLoaded)).toEqual([]);
      expect(await check(`/doc?${VIEW}&lang=${lang}`, async () => page.$('main'))).toEqual([]);
    }
  });

  it('on a page of data problems and on a date with no data', async () => {
    const file = join(data.dir, '2024-08-05', 'incidents.yaml');
    const before = await readFile(file, 'utf8');
    // The page is open before the file changes, and axe runs once its live reload has shown the
    // problems: a reload landing while axe waits for the frame's answer would stall it.
    await page.goto(server.origin + `brief?${VIEW}&lang=both`, { waitUntil: 'load' });
    await frameLoaded();
    await writeFile(file, before.replace('severity: high', 'severity: catastrophic'));
    try {
      await until(
        'the problems, after the live reload',
        async () => {
          const frame = page.frames().find((f) => f.url().includes('/doc?'));
          return frame && /problem/.test(await frame.evaluate(() => document.body.innerText)) ? true : undefined;
        },
        15_000,
      );
      await new Promise((r) => setTimeout(r, 300)); // past the watcher's quiet time: no second reload
      const found = (await axeViolations(page)).map((v) => `${v.rule} (${v.help}) ${v.nodes.slice(0, 3).join(' | ')}`);
      expect(found).toEqual([]);
    } finally {
      await writeFile(file, before);
    }
    // the reload of the file written back is over before another page is opened
    await until(
      'the briefing again, after the live reload',
      async () => {
        const frame = page.frames().find((f) => f.url().includes('/doc?'));
        return frame && !/problem/.test(await frame.evaluate(() => document.body.innerText)) ? true : undefined;
      },
      15_000,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await check(`/brief?division=securite&date=2019-01-01&audience=partners&lang=both`, frameLoaded)).toEqual(
      [],
    );
  });
});
