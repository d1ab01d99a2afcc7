// Chinese, Japanese and Korean share code points drawn in different forms (直, 骨, 海): a name of
// the host's is drawn in the host's forms, whatever the document's language (French or English).
// Checked with the font the real browser picks for the text (CDP CSS.getPlatformFontsForNode).

import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerFooterTemplates } from '../../src/pdf/header-footer.js';
import { launchChromium } from '../preview/helpers.js';
import { cci, copyFixture, tempDir } from './helpers.js';

const NAME = '直海骨';
let chromium: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});

/** The briefing's HTML, for an event of that host (none: the fixture's, no host), in that language. */
async function briefing(host: string | undefined, lang: 'fr' | 'en' | 'both'): Promise<string> {
  const data = await eventData(host);
  const out = await tempDir();
  const args = ['brief', '--division', 'securite', '--date', '2024-08-05', '--data', data, '--out', out];
  const r = await cci([...args, '--format', 'html', ...(lang === 'both' ? [] : ['--lang', lang])]);
  expect(r.code, r.stderr).toBe(0);
  return readFile(r.stdout.trim(), 'utf8');
}

/** The e2e fixture with that host (none: as it is), and a name in Chinese characters on 5 August. */
async function eventData(host: string | undefined): Promise<string> {
  const data = await copyFixture('e2e');
  if (host !== undefined) {
    const file = join(data, 'event.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('  timezone: Europe/Paris\n', `  timezone: Europe/Paris\n  host: ${host}\n`));
  }
  await appendFile(
    join(data, '2024-08-05', 'incidents.yaml'),
    [
      '- id: CJK-NAME-1',
      '  time: 2024-08-05 09:00',
      '  category: other',
      '  severity: high',
      '  departement: "75"',
      `  summary_fr: Délégation de l’équipe ${NAME} reçue au village.`,
      `  summary_en: The ${NAME} team's delegation welcomed at the village.`,
      '',
    ].join('\n'),
  );
  return data;
}

/** The CJK font families the browser draws the name with, in every element that holds it. */
async function cjkFonts(html: string): Promise<string[]> {
  const page = await chromium.browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setContent(html);
    const cdp = await page.createCDPSession();
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'body *' });
    const fonts = new Set<string>();
    for (const nodeId of nodeIds) {
      const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
      // the innermost elements holding the name (their own text)
      if (!outerHTML.includes(NAME) || /<(p|div|section|li|ul|table|tbody|tr)\b[^]*<(p|div|li|tr)\b/.test(outerHTML))
        continue;
      const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const f of used) if (/CJK/.test(f.familyName)) fonts.add(f.familyName);
    }
    return [...fonts].sort();
  } finally {
    await page.close();
  }
}

describe('names in Chinese characters', () => {
  it('are drawn in the host’s forms in the PDF’s running header and footer too (the event’s name, its protection mention)', async () => {
    for (const [cjk, family] of [
      ['kr', 'Noto Sans CJK KR'],
      ['jp', 'Noto Sans CJK JP'],
      [undefined, 'Noto Sans CJK SC'],
    ] as const) {
      const t = headerFooterTemplates({
        marking: 'TLP:AMBER',
        specialFrance: false,
        draft: false,
        leftText: `J1 · ${NAME}`,
        protectionMention: `${NAME} RESTREINT`,
        ...(cjk && { cjk }),
      });
      for (const template of [t.headerTemplate, t.footerTemplate])
        expect(await cjkFonts(`<!doctype html><html lang="fr"><body>${template}</body></html>`), cjk).toEqual([family]);
    }
  });

  it('are drawn in the Japanese forms at a Japanese host’s event, in French, English and bilingual documents', async () => {
    for (const lang of ['fr', 'en', 'both'] as const)
      expect(await cjkFonts(await briefing('JPN', lang)), lang).toEqual(['Noto Sans CJK JP']);
  });

  it('are said by cci doctor to be drawn in the host’s forms', async () => {
    const r = await cci(['doctor', '--data', await eventData('JPN')]);
    expect(r.stdout).toMatch(/scripts of the data: every script the texts use has a font: .*Han \(Noto Sans CJK JP\)/);
  });

  it('are drawn in the Korean forms at a Korean host’s event, and in the simplified Chinese ones by default', async () => {
    expect(await cjkFonts(await briefing('KOR', 'both'))).toEqual(['Noto Sans CJK KR']);
    expect(await cjkFonts(await briefing(undefined, 'both'))).toEqual(['Noto Sans CJK SC']);
  });
});
