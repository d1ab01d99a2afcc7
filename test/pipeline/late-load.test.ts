// The late reports read in full only the incident files that may hold a late record: a file
// unchanged since the latest briefing issued to the audience was made from it is only counted
// (its tally from the cache), any other file of the compared windows is read in full — and the
// late reports are those of a run that reads every file.

import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import { loadBriefingData } from '../../src/pipeline/load.js';
import { issuedFactsFor, lateLoadPlan, readRegister } from '../../src/register/index.js';
import { loadEvent } from '../../src/data/index.js';
import { issueDocuments } from '../../src/pipeline/issue.js';
import { registerComposer } from '../../src/pipeline/issued-compose.js';
import { planDocuments } from '../../src/pipeline/plan.js';
import { runPipeline } from '../../src/pipeline/run.js';

/** `cci brief --issue` for the partners, in this process (the tally cache's keys depend on the code that reads). */
async function issue(data: string, date: string, state: string, cache: string): Promise<void> {
  const event = await loadEvent(data);
  const out = join(work, 'out');
  const plans = planDocuments({
    divisions: ['securite'],
    audiences: [{ kind: 'partners' }],
    langs: ['both'],
    date,
    draft: false,
  });
  const view = await readRegister(state, event.id);
  const result = await runPipeline({
    dataDir: data,
    event,
    outDir: out,
    plans,
    formats: ['json'],
    cacheDir: cache,
    keepModels: true,
    compose: registerComposer(view, out, ['json'], true),
    late: lateLoadPlan(view, [{ ...KEY, date }], false),
  });
  await result.commit();
  await issueDocuments(result, view, {
    event,
    dataDir: data,
    stateDir: state,
    outDir: out,
    via: 'hand',
    amend: false,
    requireApproval: false,
    by: 'test',
    smtpUrl: undefined,
    resend: false,
    now: () => new Date(),
    info: () => undefined,
    warn: () => undefined,
  });
}

const DEMO = join(import.meta.dirname, '..', '..', 'data');
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cci-late-load-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const KEY = { division: 'securite', date: '2024-08-07', audience: 'partners' };

async function lateOf(data: string, state: string, cache: string | undefined) {
  const view = await readRegister(state, 'paris-2024');
  const plan = lateLoadPlan(view, [KEY], false);
  const dataset = await loadBriefingData(data, [KEY.date], { cacheDir: cache, late: plan });
  const issued = issuedFactsFor(view, KEY);
  const built = buildBriefing(
    dataset,
    { division: 'securite', date: KEY.date, audience: { kind: 'partners' }, draft: false },
    issued ? { issued } : {},
  );
  return { dataset, late: built.model.lateReports! };
}

describe('the files the late reports read in full', () => {
  it('are those changed since the briefings issued were made from them; the result is that of reading every file', async () => {
    const data = join(work, 'data');
    await cp(DEMO, data, { recursive: true });
    const state = join(work, 'state');
    const cache = join(work, 'cache');
    for (const date of ['2024-08-05', '2024-08-06']) await issue(data, date, state, cache);
    expect(
      (await readRegister(state, 'paris-2024')).documents.map((d) => [
        d.entry.date,
        d.issued,
        d.entry.sources!.length > 20,
      ]),
    ).toEqual([
      ['2024-08-05', true, true],
      ['2024-08-06', true, true],
    ]);
    // 4 August's files meet the compared windows (5 August's window starts on the 4th at 11:30), unchanged: only counted
    const before = await lateOf(data, state, cache);
    expect(before.late.compared).toBe(true);
    expect(before.late.items).toEqual([]);
    expect(before.dataset.incidents.some((r) => r.source.file.startsWith('2024-08-04/'))).toBe(false);

    // a record entered late in a file of the 4th: that file only is read in full, and the record is reported
    const file = join(data, '2024-08-04', 'incidents-gn.yaml');
    expect(await readFile(file, 'utf8')).toMatch(/^- id: /);
    await appendFile(
      file,
      `
- id: LATE-GN-1
  time: 2024-08-04T18:20:00+02:00
  category: theft
  departement: "93"
  summary_fr: Vol signalé tardivement
  summary_en: Theft reported late
  tlp: GREEN
`,
    );
    const after = await lateOf(data, state, cache);
    expect(after.late.items.map((i) => [i.incident?.id, i.windowDate])).toEqual([['LATE-GN-1', '2024-08-05']]);
    const files = new Set(after.dataset.incidents.map((r) => r.source.file).filter((f) => f.startsWith('2024-08-04/')));
    expect([...files]).toEqual(['2024-08-04/incidents-gn.yaml']);

    // the same as reading every file in full (no cache)
    const everything = await lateOf(data, state, undefined);
    expect(everything.dataset.incidents.some((r) => r.source.file === '2024-08-04/incidents-pp.csv')).toBe(true);
    expect(everything.late).toEqual(after.late);
  }, 120_000);
});
