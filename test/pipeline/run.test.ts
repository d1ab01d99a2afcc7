// The briefing pipeline on a data folder: every document staged, written only on commit, the
// RED records held back counted once per division, and nothing left when a print fails.

import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAudience } from '../../src/audience/parse-audience.js';
import { loadEvent } from '../../src/data/event.js';
import { planDocuments } from '../../src/pipeline/plan.js';
import type { BriefingPrinter } from '../../src/pipeline/print.js';
import { runPipeline } from '../../src/pipeline/run.js';

const DATA = join(import.meta.dirname, '..', '..', 'fixtures', 'e2e');

async function setUp(audience: string) {
  const event = await loadEvent(DATA);
  const out = await mkdtemp(join(tmpdir(), 'cci-pipeline-'));
  const plans = planDocuments({
    divisions: ['securite', 'renseignement'],
    audiences: parseAudience(audience, event.partners),
    langs: ['both'],
    date: '2024-08-05',
    draft: false,
  });
  return { event, out, plans };
}

const fakePrinter = (fail?: string): BriefingPrinter & { printed: string[] } => {
  const printed: string[] = [];
  return {
    printed,
    print: async (job) => {
      if (fail && job.plan.baseName.includes(fail)) throw new Error('the browser crashed');
      printed.push(job.plan.baseName);
      return new TextEncoder().encode(`%PDF-1.7 ${job.plan.baseName}`);
    },
    close: async () => undefined,
  };
};

describe('the briefing pipeline', () => {
  it('stages every document of every format and writes them only on commit', async () => {
    const { event, out, plans } = await setUp('partners,national');
    const printer = fakePrinter();
    const done: string[] = [];
    const r = await runPipeline({
      dataDir: DATA,
      event,
      outDir: out,
      plans,
      formats: ['html', 'json', 'pdf'],
      cacheDir: undefined,
      printer,
      keepModels: true,
      onPrinted: (p) => done.push(p.baseName),
    });
    expect(r.paths).toHaveLength(12);
    expect((await readdir(out)).filter((f) => !f.startsWith('.'))).toEqual([]);
    await r.commit();
    expect((await readdir(out)).filter((f) => f.endsWith('.pdf')).sort()).toEqual(
      plans.map((p) => `${p.baseName}.pdf`).sort(),
    );
    expect(done.sort()).toEqual(plans.map((p) => p.baseName).sort());
    const json = JSON.parse(await readFile(join(out, 'cci-2024-08-05-securite-national.json'), 'utf8')) as {
      division: string;
    };
    expect(json.division).toBe('securite');
    expect(r.documents.every((d) => d.model !== undefined && d.paths.pdf !== undefined)).toBe(true);
  });

  it('leaves nothing written when one print fails', async () => {
    const { event, out, plans } = await setUp('partners,national');
    await expect(
      runPipeline({
        dataDir: DATA,
        event,
        outDir: out,
        plans,
        formats: ['html', 'pdf'],
        cacheDir: undefined,
        printer: fakePrinter('renseignement-national'),
      }),
    ).rejects.toThrow('the browser crashed');
    expect((await readdir(out)).filter((f) => !f.startsWith('.'))).toEqual([]);
  });
});
