// The PDF's metadata carries the same markings as its pages (issue 11, item 8): the TLP label,
// the protection mention, SPÉCIAL FRANCE, PROJET / DRAFT and RECTIFICATIF / CORRIGENDUM, read
// back with poppler's pdfinfo from PDFs printed by the built command line with real Chromium.

import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cci, copyFixture, pdfInfo, pdfPageText, tempDir } from './helpers.js';

const DAY = '2024-08-05';
const cleanup: string[] = [];
afterAll(async () => {
  for (const d of cleanup) await rm(d, { recursive: true, force: true });
});

/** Subject and Keywords as pdfinfo prints them. */
async function metadata(file: string): Promise<{ subject: string; keywords: string }> {
  const info = await pdfInfo(file);
  return {
    subject: /^Subject:\s+(.*)$/m.exec(info)?.[1] ?? '',
    keywords: /^Keywords:\s+(.*)$/m.exec(info)?.[1] ?? '',
  };
}

describe('the PDF metadata (Subject, Keywords)', () => {
  let out: string;
  let data: string;
  const file = (name: string) => join(out, `cci-${DAY}-securite-${name}.pdf`);

  beforeAll(async () => {
    data = await copyFixture('e2e');
    out = await tempDir();
    cleanup.push(join(data, '..'), out);
    const state = join(out, '..', `${out.split('/').at(-1)}-state`);
    cleanup.push(state);
    const env = { CCI_STATE_DIR: state };
    const brief = (...extra: string[]) =>
      cci(
        ['brief', '--division', 'securite', '--date', DAY, '--data', data, '--out', out, '--format', 'pdf', ...extra],
        { env },
      );
    const plain = await brief('--audience', 'partners,national');
    expect(plain.code, plain.stderr).toBe(0);
    const draft = await brief('--audience', 'partners', '--draft', '--lang', 'en');
    expect(draft.code, draft.stderr).toBe(0);
    // issued by hand, then changed: `cci brief` writes the corrigendum under its own name
    const issued = await brief('--audience', 'country:DEU', '--issue', '--by', 'duty officer');
    expect(issued.code, issued.stderr).toBe(0);
    const incidents = join(data, DAY, 'incidents.yaml');
    await writeFile(
      incidents,
      (await readFile(incidents, 'utf8')).replace('FOR-DEU text for Germany.', 'FOR-DEU text for Germany, revised.'),
    );
    const corrigendum = await brief('--audience', 'country:DEU');
    expect(corrigendum.code, corrigendum.stderr).toBe(0);
    expect(corrigendum.stdout.trim()).toBe(file('country-DEU-rectificatif-1'));
  });

  it('names the marking and the protection mention, and nothing a partners document does not carry', async () => {
    const { subject, keywords } = await metadata(file('partners'));
    expect(subject).toBe('TLP:GREEN — DIFFUSION RESTREINTE — Briefing partners');
    expect(keywords).toBe('TLP:GREEN, DIFFUSION RESTREINTE, securite, 2024-08-05, partners');
  });

  it('names SPÉCIAL FRANCE on a national document that includes such a record, as its pages do', async () => {
    const { subject, keywords } = await metadata(file('national'));
    expect(subject).toBe('TLP:AMBER+STRICT — DIFFUSION RESTREINTE — SPÉCIAL FRANCE — Briefing national');
    expect(keywords).toBe('TLP:AMBER+STRICT, DIFFUSION RESTREINTE, SPÉCIAL FRANCE, securite, 2024-08-05, national');
    expect(await pdfPageText(file('national'), 1)).toContain('SPÉCIAL FRANCE');
  });

  it('names PROJET / DRAFT on a draft', async () => {
    const { subject, keywords } = await metadata(file('partners-en-draft'));
    expect(subject).toBe('TLP:GREEN — DIFFUSION RESTREINTE — PROJET / DRAFT — Briefing partners');
    expect(keywords).toBe('TLP:GREEN, DIFFUSION RESTREINTE, PROJET / DRAFT, securite, 2024-08-05, partners');
    expect(await pdfPageText(file('partners-en-draft'), 1)).toContain('PROJET / DRAFT');
  });

  it('names RECTIFICATIF n° 1 / CORRIGENDUM No. 1 on a corrigendum, and not on the original', async () => {
    const { subject, keywords } = await metadata(file('country-DEU-rectificatif-1'));
    expect(subject).toBe(
      'TLP:GREEN — DIFFUSION RESTREINTE — RECTIFICATIF n° 1 / CORRIGENDUM No. 1 — Briefing country:DEU',
    );
    expect(keywords).toBe(
      'TLP:GREEN, DIFFUSION RESTREINTE, RECTIFICATIF n° 1 / CORRIGENDUM No. 1, securite, 2024-08-05, country:DEU',
    );
    expect(await pdfPageText(file('country-DEU-rectificatif-1'), 1)).toContain('RECTIFICATIF n° 1 / CORRIGENDUM No. 1');
    expect((await metadata(file('country-DEU'))).subject).toBe(
      'TLP:GREEN — DIFFUSION RESTREINTE — Briefing country:DEU',
    );
  });
});
