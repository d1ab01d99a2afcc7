// The preview and the register of issued briefings: the late-report section as the next
// briefing would show it, and which version of the viewed briefing is out — in a real browser.

import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/index.js';
import { cci } from '../e2e/helpers.js';
import { copyFixture, launchChromium, until } from './helpers.js';

let data: Awaited<ReturnType<typeof copyFixture>>;
let state: string;
let server: PreviewServer;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  data = await copyFixture(); // its Sécurité générale briefing has the late reports, as the demo's
  state = await mkdtemp(join(tmpdir(), 'cci-preview-state-'));
  // 5 August handed out, then a theft of the morning entered
  const issued = await cci(
    [
      'brief',
      '-d',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      data.dir,
      '--out',
      join(state, '..', `${state.split('/').pop()}-out`),
      '-f',
      'html',
      '--issue',
      '--by',
      'duty',
    ],
    { env: { CCI_STATE_DIR: state } },
  );
  if (issued.code !== 0) throw new Error(issued.stderr);
  await appendFile(
    join(data.dir, '2024-08-05', 'incidents.yaml'),
    `
- id: PREVIEW-LATE
  time: 2024-08-05T10:50:00+02:00
  category: theft
  departement: "75"
  summary_fr: Vol signalé après coup
  summary_en: Theft entered afterwards
`,
  );
  server = await startPreviewServer({ dataDir: data.dir, port: 0, stateDirOf: () => state });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  await data?.remove();
  if (state) await rm(state, { recursive: true, force: true });
});

describe('the preview of issued briefings', () => {
  it('shows the late record in the next briefing, and which version of an issued briefing is out', async () => {
    const page = await chromium.browser.newPage();
    await page.goto(server.url, { waitUntil: 'load' }); // in with the printed URL: its cookie opens the rest
    await page.goto(`${server.origin}brief?division=securite&date=2024-08-06&audience=partners&lang=en`, {
      waitUntil: 'load',
    });
    expect(await page.$eval('#cci-issued', (p) => p.textContent)).toBe(
      'Not issued to this audience yet (the view below is a draft).',
    );
    const text = await until('the late reports', async () => {
      const frame = page.frames().find((f) => f.url().includes('/doc?'));
      const t = await frame?.evaluate(() => document.body?.innerText ?? '');
      return t?.includes('Theft entered afterwards') ? t : undefined;
    });
    expect(text).toContain('Reported since the last briefing');
    expect(text).toMatch(/Period of the briefing of Monday 5 August 2024/);

    await page.goto(`${server.origin}brief?division=securite&date=2024-08-05&audience=partners&lang=en`, {
      waitUntil: 'load',
    });
    expect(await page.$eval('#cci-issued', (p) => p.textContent)).toMatch(
      /^Issued: version 1 \(original\), \d{4}-\d\d-\d\d \d\d:\d\d, handed out by duty, TLP:AMBER\./,
    );
    await page.close();
  });

  it('says a damaged register as such (409), not as a render that failed', async () => {
    const register = join(state, 'register.jsonl');
    const good = await readFile(register, 'utf8');
    await writeFile(register, good.replace('"division":"securite"', '"division":"renseignement"'));
    try {
      const page = await chromium.browser.newPage();
      await page.goto(server.url, { waitUntil: 'load' });
      const answer = await page.goto(
        `${server.origin}brief?division=securite&date=2024-08-06&audience=partners&lang=en`,
        {
          waitUntil: 'load',
        },
      );
      expect(answer?.status()).toBe(409);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).toContain('The register of issued briefings cannot be used');
      expect(text).toContain('cannot be trusted');
      expect(text).not.toContain('could not be rendered');
      await page.close();
    } finally {
      await writeFile(register, good, { mode: 0o600 });
    }
  });
});
