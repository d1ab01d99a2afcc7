// The tally cache: briefings built from cached counting rows of earlier days are the briefings
// built from every record, and the cache never hides a change or a problem.

import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import type { Audience } from '../../src/audience/audience.js';
import { loadBriefingData } from '../../src/pipeline/load.js';
import { DataError } from '../../src/errors.js';
import { defaultCacheDir } from '../../src/data/tally-cache.js';
import { loadDataset } from '../../src/data/index.js';

const DEMO = join(import.meta.dirname, '..', '..', 'data');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cci-tally-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let n = 0;
/** A fresh copy of the demo data and an empty cache directory. */
async function freshCopy(): Promise<{ data: string; cache: string }> {
  n++;
  const data = join(work, `data-${n}`);
  await cp(DEMO, data, { recursive: true });
  return { data, cache: join(work, `cache-${n}`) };
}

const AUDIENCES: Audience[] = [
  { kind: 'partners' }, { kind: 'national' }, { kind: 'country', country: 'DEU' }, { kind: 'country', country: 'USA' },
];

async function models(data: string, date: string, cacheDir: string | undefined, draft = false) {
  const dataset = await loadBriefingData(data, [date], { cacheDir });
  return ['securite', 'renseignement'].flatMap((division) =>
    AUDIENCES.map((audience) => buildBriefing(dataset, { division, date, audience, draft })));
}

describe('the tally cache', () => {
  it('gives the same briefings, cold and warm, as reading every record, for every division and audience', async () => {
    const { data, cache } = await freshCopy();
    for (const date of ['2024-07-27', '2024-08-05', '2024-09-08']) {
      for (const draft of [false, true]) {
        const uncached = await models(data, date, undefined, draft);
        expect(await models(data, date, cache, draft)).toEqual(uncached); // cold: the cache is written
        expect(await models(data, date, cache, draft)).toEqual(uncached); // warm: earlier days from the cache
      }
    }
    const written = (await readdir(cache)).sort();
    expect(written).toHaveLength(2);
    expect(written[0]).toBe('key');
    expect(written[1]).toMatch(/^tally-[0-9a-f]{24}\.cache$/);
  });

  it('keeps only the records of the days around the window in full, and counts the rest', async () => {
    const { data, cache } = await freshCopy();
    await loadBriefingData(data, ['2024-09-08'], { cacheDir: cache });
    const warm = await loadBriefingData(data, ['2024-09-08'], { cacheDir: cache });
    const uncached = await loadBriefingData(data, ['2024-09-08'], { cacheDir: undefined });
    const all = await loadDataset(data);
    // RED incidents count for no audience: they have no counting row
    const counted = all.incidents.filter((r) => r.tlp !== 'RED').length;
    expect(counted).toBeLessThan(all.incidents.length);
    expect(warm.incidentTally?.length).toBe(counted);
    expect(warm.incidents.length).toBeGreaterThan(0);
    expect(warm.incidents.length).toBeLessThan(all.incidents.length / 4);
    // without a cache, every file is read in full, but the same records are kept in full
    expect(uncached.incidentTally?.length).toBe(counted);
    expect(uncached.incidents.map((r) => r.id).sort()).toEqual(warm.incidents.map((r) => r.id).sort());
  });

  it('reads a changed file of an earlier day again', async () => {
    const { data, cache } = await freshCopy();
    const date = '2024-08-05';
    const before = (await models(data, date, cache))[0]!.model;
    // one more arrest in an incident of the 24th, days before the window
    const file = join(data, '2024-07-24', 'incidents-pp.csv');
    const csv = await readFile(file, 'utf8');
    const header = csv.split(/\r?\n/)[0]!;
    const cols = header.replace(/^\uFEFF/, '').split(',');
    const row = cols.map((c) => ({
      id: 'PP-TEST-0001', time: '2024-07-24T10:00', category: 'theft', severity: 'low', departement: '75',
      summary_fr: 'Vol', summary_en: 'Theft', arrests: '3', custody: '2', games_impact: 'non',
    })[c] ?? '').join(',');
    await appendFile(file, `${row}\n`);
    const after = (await models(data, date, cache))[0]!.model;
    expect(after.cumulative.incidents).toBe(before.cumulative.incidents + 1);
    expect(after.cumulative.arrests).toBe(before.cumulative.arrests + 3);
    expect(after.cumulative.custody).toBe(before.cumulative.custody + 2);
    expect(after).toEqual((await models(data, date, undefined))[0]!.model);
  });

  it('reads every file again when event.yaml changes', async () => {
    const { data, cache } = await freshCopy();
    await models(data, '2024-08-05', cache);
    // the venue that incidents of earlier days name is renamed: those records are now wrong
    const eventFile = join(data, 'event.yaml');
    await writeFile(eventFile, (await readFile(eventFile, 'utf8')).replace('id: parc-des-princes,', 'id: parc-des-princes-2,'));
    const error = await loadBriefingData(data, ['2024-08-05'], { cacheDir: cache }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).problems.some((p) => p.file === '2024-07-24/incidents-pp.csv' && /parc-des-princes/.test(p.message))).toBe(true);
  });

  it('refuses an id used again in a new file even when its first use is only in the cache', async () => {
    const { data, cache } = await freshCopy();
    await models(data, '2024-08-05', cache);
    const lines = (await readFile(join(data, '2024-07-24', 'incidents-pp.csv'), 'utf8')).split(/\r?\n/);
    await writeFile(join(data, '2024-07-25', 'incidents-extra.csv'), `${lines[0]}\n${lines[1]}\n`);
    const error = await loadBriefingData(data, ['2024-08-05'], { cacheDir: cache }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    const text = (error as DataError).problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n');
    // without the id: the cached record it repeats may be RED, and the cache keeps ids hashed
    expect(text).toMatch(/^2024-07-25\/incidents-extra\.csv:2:1: this id is already used at 2024-07-24\/incidents-pp\.csv:2/);
  });

  it('reports a duplicate id at its place in a cached file when the file it duplicates is new', async () => {
    const { data, cache } = await freshCopy();
    await models(data, '2024-08-05', cache);
    // a new file, read before the cached one (folders in date order), takes an id of the 24th
    const cached = (await readFile(join(data, '2024-07-24', 'incidents-pp.csv'), 'utf8')).split(/\r?\n/);
    await writeFile(join(data, '2024-07-23', 'incidents-extra.csv'), `${cached[0]}\n${cached[1]}\n`);
    const error = await loadBriefingData(data, ['2024-08-05'], { cacheDir: cache }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    const where = (error as DataError).problems.map((p) => `${p.file}:${p.line}:${p.column}`);
    expect(where).toContain('2024-07-24/incidents-pp.csv:2:1');
  });

  it('shows an incident of the window filed in an earlier day folder, cache or not', async () => {
    const { data, cache } = await freshCopy();
    const date = '2024-08-05';
    await models(data, date, cache);
    const file = join(data, '2024-07-24', 'incidents-gn.yaml');
    await appendFile(file, [
      '- id: GN-LATE-0001',
      '  time: "2024-08-05T08:00"',
      '  category: terrorism',
      '  severity: critical',
      '  departement: "75"',
      '  summary_fr: Alerte tardive',
      '  summary_en: Late alert',
      '  tlp: GREEN',
      '',
    ].join('\n'));
    const warm = await models(data, date, cache);
    expect(warm[0]!.model.notable!.map((r) => r.id)).toContain('GN-LATE-0001');
    expect(warm).toEqual(await models(data, date, undefined));
  });

  it('ignores a damaged cache and one whose rows were tampered with', async () => {
    const { data, cache } = await freshCopy();
    const expected = await models(data, '2024-08-05', undefined);
    await models(data, '2024-08-05', cache);
    const name = (await readdir(cache)).find((n) => n.startsWith('tally-'))!;
    const file = join(cache, name);
    const [format, ...lines] = (await readFile(file, 'utf8')).trimEnd().split('\n');
    // each entry's rows edited, its MAC kept: not a TLP, a negative count, an AMBER+STRICT row made CLEAR
    const edited = lines.map((line) => {
      const [key, mac, json] = [line.slice(0, line.indexOf(' ')), line.split(' ')[1]!, line.slice(line.indexOf(' ', line.indexOf(' ') + 1) + 1)];
      const e = JSON.parse(json) as { part: { marks: { tlp: string }[]; arrests: number[] } };
      for (const m of e.part.marks) m.tlp = m.tlp === 'AMBER+STRICT' ? 'CLEAR' : 'PURPLE';
      if (e.part.arrests.length > 0) e.part.arrests[0] = 350;
      return `${key} ${mac} ${JSON.stringify(e)}`;
    });
    await writeFile(file, [format, ...edited, ''].join('\n'));
    expect(await models(data, '2024-08-05', cache)).toEqual(expected);
    await writeFile(file, 'cci-tally-2\nabc def {"file": ');
    expect(await models(data, '2024-08-05', cache)).toEqual(expected);
  });

  it('works without a cache when its directory cannot be written', async () => {
    const { data } = await freshCopy();
    const blocker = join(work, `not-a-dir-${n}`);
    await writeFile(blocker, 'a file where the cache directory would be');
    expect(await models(data, '2024-08-05', join(blocker, 'cci'))).toEqual(await models(data, '2024-08-05', undefined));
  });

  it('lives in CCI_CACHE_DIR, else XDG_CACHE_HOME/cci, else ~/.cache/cci', () => {
    expect(defaultCacheDir({ CCI_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'cci'));
    expect(defaultCacheDir({})).toMatch(/\.cache[/\\]cci$/);
  });
});
