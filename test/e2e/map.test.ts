// The map end to end: the built command, real Chromium, the PDF read back with poppler.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cci, pdfPageCount, pdfPageText, readJson, ROOT, tempDir } from './helpers.js';

const exec = promisify(execFile);

/** The page (1-based) whose text has `needle`, and that text. */
async function pageWith(file: string, needle: string): Promise<{ page: number; text: string }> {
  const pages = await pdfPageCount(file);
  for (let p = 1; p <= pages; p++) {
    const text = await pdfPageText(file, p);
    if (text.includes(needle)) return { page: p, text };
  }
  throw new Error(`no page of ${file} has ${needle}`);
}

describe('the map in a printed briefing', () => {
  let out: string;
  let base: string;

  beforeAll(async () => {
    out = await tempDir();
    // 4 August 2024 of the demo: incidents in Paris, its ring, the regions and at Teahupo'o (987).
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-04',
      '--data',
      join(ROOT, 'data'),
      '--out',
      out,
      '--format',
      'html,pdf,json',
    ]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    base = join(out, 'cci-2024-08-04-securite-partners');
  });

  it('draws the map as its own section after the list by département, with Paris’s zoom and French Polynesia’s tile', async () => {
    const { text } = await pageWith(`${base}.pdf`, 'Paris et petite couronne');
    expect(text).toContain('Carte des incidents par département');
    expect(text).toContain('Map of incidents by department');
    // a tile's caption wraps within its tile (never under 8 pt): the words follow each other
    expect(text.replace(/\s+/g, ' ')).toContain('987 Polynésie française French Polynesia');
    expect(text).toContain('French Polynesia');
    expect(text).toContain('Tahiti');
    expect(text).toMatch(/aucun \/ none/);
    expect(text).toMatch(/site \/ venue/);
  });

  it('prints the map’s sources in the document’s notes, in both languages', async () => {
    const { text } = await pageWith(`${base}.pdf`, 'Fond de carte');
    expect(text.replace(/\s+/g, ' ')).toContain('Fond de carte : IGN – ADMIN EXPRESS COG 2018 (Licence Ouverte 2.0)');
    expect(text.replace(/\s+/g, ' ')).toContain('Base map: IGN – ADMIN EXPRESS COG 2018 (Licence Ouverte 2.0)');
  });

  it('draws the map as vectors: no image in the PDF', async () => {
    const { stdout } = await exec('pdfimages', ['-list', `${base}.pdf`]);
    expect(stdout.trim().split('\n').slice(2)).toEqual([]);
  });

  it('writes on the map the counts of the model, area by area', async () => {
    const model = await readJson<{ sections: string[]; byArea: { key: string; count: number }[] }>(`${base}.json`);
    expect(model.sections.slice(model.sections.indexOf('by_area'), model.sections.indexOf('by_area') + 2)).toEqual([
      'by_area',
      'map',
    ]);
    const html = await readFile(`${base}.html`, 'utf8');
    const desc = /<svg class="chart map"[\s\S]*?<desc id="[^"]+">([^<]*)<\/desc>/.exec(html)![1]!;
    expect(model.byArea.length).toBeGreaterThan(3);
    for (const row of model.byArea) expect(desc).toContain(`(${row.key}) : ${row.count}`);
    expect(model.byArea.find((r) => r.key === '987')!.count).toBeGreaterThan(0);
  });
});
