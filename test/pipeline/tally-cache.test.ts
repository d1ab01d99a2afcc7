// The tally cache: briefings built from cached counting rows of earlier days are the briefings
// built from every record, and the cache never hides a change or a problem.

import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import type { Audience } from '../../src/audience/audience.js';
import { loadBriefingData } from '../../src/pipeline/load.js';
import { DataError } from '../../src/errors.js';
import { defaultCacheDir } from '../../src/data/tally-cache.js';
import { readCacheRecords, writeCacheRecords } from '../../src/output/tally-cache-file.js';
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
  { kind: 'partners' },
  { kind: 'national' },
  { kind: 'country', country: 'DEU' },
  { kind: 'country', country: 'USA' },
];

async function models(data: string, date: string, cacheDir: string | undefined, draft = false) {
  const dataset = await loadBriefingData(data, [date], { cacheDir });
  return ['securite', 'renseignement'].flatMap((division) =>
    AUDIENCES.map((audience) => buildBriefing(dataset, { division, date, audience, draft })),
  );
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
    const row = cols
      .map(
        (c) =>
          ({
            id: 'PP-TEST-0001',
            time: '2024-07-24T10:00',
            category: 'theft',
            severity: 'low',
            departement: '75',
            summary_fr: 'Vol',
            summary_en: 'Theft',
            arrests: '3',
            custody: '2',
            games_impact: 'non',
          })[c] ?? '',
      )
      .join(',');
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
    await writeFile(
      eventFile,
      (await readFile(eventFile, 'utf8')).replace('id: parc-des-princes,', 'id: parc-des-princes-2,'),
    );
    const error = await loadBriefingData(data, ['2024-08-05'], { cacheDir: cache }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(
      (error as DataError).problems.some(
        (p) => p.file === '2024-07-24/incidents-pp.csv' && /parc-des-princes/.test(p.message),
      ),
    ).toBe(true);
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
    expect(text).toMatch(
      /^2024-07-25\/incidents-extra\.csv:2:1: this id is already used at 2024-07-24\/incidents-pp\.csv:2:1;/,
    );
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
    await appendFile(
      file,
      [
        '- id: GN-LATE-0001',
        '  time: "2024-08-05T08:00"',
        '  category: terrorism',
        '  severity: critical',
        '  departement: "75"',
        '  summary_fr: Alerte tardive',
        '  summary_en: Late alert',
        '  tlp: GREEN',
        '',
      ].join('\n'),
    );
    const warm = await models(data, date, cache);
    expect(warm[0]!.model.notable!.map((r) => r.id)).toContain('GN-LATE-0001');
    expect(warm).toEqual(await models(data, date, undefined));
  });

  it("counts earlier days' deployments, assessments, agenda items and threat levels from the cache, and still shows what an earlier folder holds for the window", async () => {
    const { data, cache } = await freshCopy();
    const date = '2024-08-04';
    // the forces fall back to 2 August (no deployments on 3 and 4 August), whose file has a RED row
    await rm(join(data, '2024-08-03', 'deployments.csv'));
    const [header, ...deployments] = (await readFile(join(data, '2024-08-02', 'deployments.csv'), 'utf8'))
      .split(/\r?\n/)
      .filter((l) => l !== '');
    await writeFile(
      join(data, '2024-08-02', 'deployments.csv'),
      [`${header},tlp`, ...deployments.map((l) => `${l},`), '2024-08-02,police,13,777,RED', ''].join('\n'),
    );
    // the threat level falls back to 2 August too
    for (const d of ['2024-08-03', date]) {
      const day = await readFile(join(data, d, 'day.yaml'), 'utf8');
      await writeFile(join(data, d, 'day.yaml'), day.replace(/^threat_level: .*\n/m, ''));
    }
    // an assessment of the window and an agenda item of the outlook, filed in an earlier day folder
    await writeFile(
      join(data, '2024-07-30', 'assessments-late.yaml'),
      [
        '- id: ASM-EARLY-FILED',
        `  time: "${date}T07:00"`,
        '  theme: cyber',
        '  level: high',
        '  title_fr: Déposée tôt',
        '  title_en: Filed early',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(data, '2024-07-30', 'agenda-late.yaml'),
      [
        '- id: AG-EARLY-FILED',
        `  start: "2024-08-05T09:00"`,
        '  kind: ceremony',
        '  title_fr: Annoncée tôt',
        '  title_en: Announced early',
        '  departement: "75"',
        '',
      ].join('\n'),
    );
    const expected = await models(data, date, undefined);
    expect(await models(data, date, cache)).toEqual(expected); // cold
    const warm = await models(data, date, cache);
    expect(warm).toEqual(expected);
    const securite = warm[0]!.model;
    const renseignement = warm[AUDIENCES.length]!.model;
    expect(securite.forces).toMatchObject({ date: '2024-08-02', fallback: true });
    expect(securite.threatLevel).toBe('urgence_attentat');
    expect(securite.outlook!.map((r) => r.id)).toContain('AG-EARLY-FILED');
    expect(renseignement.assessments!.flatMap((g) => g.assessments.map((a) => a.id))).toContain('ASM-EARLY-FILED');
    // the cache holds the deployment rows, not the RED one; an entry for every file of the earlier days
    const records = readCacheRecords(
      await readFile(
        join(
          cache,
          (await readdir(cache)).find((n) => n.startsWith('tally-'))!,
        ),
      ),
    );
    const byFile = new Map(
      [...records.values()].map((r) => [
        r.file,
        deserialize(r.payload) as { kind: string; rows?: { count: Float64Array; marks: { tlp: string }[] } },
      ]),
    );
    const rows = byFile.get('2024-08-02/deployments.csv')!.rows!;
    expect(rows.count.length).toBe(deployments.length);
    expect([...rows.count]).not.toContain(777);
    expect(rows.marks.map((m) => m.tlp)).not.toContain('RED');
    for (const f of [
      '2024-07-30/assessments-late.yaml',
      '2024-07-30/agenda-late.yaml',
      '2024-08-01/day.yaml',
      '2024-08-01/deployments.yaml',
      '2024-08-01/incidents-pp.csv',
    ]) {
      expect(byFile.has(f)).toBe(true);
    }
  });

  it('keeps one entry per file when two files have the same bytes, and does not rewrite the cache on a warm run', async () => {
    const { data, cache } = await freshCopy();
    await writeFile(join(data, '2024-07-25', 'day.yaml'), 'threat_level: urgence_attentat\n');
    await writeFile(join(data, '2024-07-26', 'day.yaml'), 'threat_level: urgence_attentat\n');
    await models(data, '2024-08-05', cache);
    const name = join(
      cache,
      (await readdir(cache)).find((n) => n.startsWith('tally-'))!,
    );
    const written = await readFile(name);
    const files = [...readCacheRecords(written).values()].map((r) => r.file);
    expect(files).toContain('2024-07-25/day.yaml');
    expect(files).toContain('2024-07-26/day.yaml');
    await models(data, '2024-08-05', cache);
    expect((await readFile(name)).equals(written)).toBe(true);
  });

  it('ignores a damaged cache and one whose rows were tampered with', async () => {
    const { data, cache } = await freshCopy();
    const expected = await models(data, '2024-08-05', undefined);
    await models(data, '2024-08-05', cache);
    const name = (await readdir(cache)).find((n) => n.startsWith('tally-'))!;
    const file = join(cache, name);
    const records = readCacheRecords(await readFile(file));
    expect(records.size).toBeGreaterThan(0);
    // each entry's rows edited, its MAC kept: not a TLP, a negative count, an AMBER+STRICT row made CLEAR
    for (const s of records.values()) {
      const e = deserialize(s.payload) as {
        part?: { marks: { tlp: string }[]; arrests: Float64Array | Uint32Array };
        rows?: { count: Float64Array };
      };
      for (const m of e.part?.marks ?? []) m.tlp = m.tlp === 'AMBER+STRICT' ? 'CLEAR' : 'PURPLE';
      if (e.part && e.part.arrests.length > 0) e.part.arrests[0] = 350;
      if (e.rows && e.rows.count.length > 0) e.rows.count[0] = -1;
      s.payload = serialize(e);
    }
    await writeFile(file, writeCacheRecords(records));
    expect(await models(data, '2024-08-05', cache)).toEqual(expected);
    await writeFile(file, Buffer.concat([(await readFile(file)).subarray(0, 200), Buffer.from('abc def {"file": ')]));
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

  it("takes the window's key messages from the cache, except from a day.yaml holding a RED one, whose text never reaches it", async () => {
    const { data, cache } = await freshCopy();
    const file = join(data, '2024-08-05', 'day.yaml');
    const day = await readFile(file, 'utf8');
    const red = `${day.trimEnd()}\n    - fr: CANARY-RED-KEY-MESSAGE\n      en: CANARY-RED-KEY-MESSAGE\n      tlp: red\n`;
    expect(day).toMatch(/renseignement:\n/);
    await writeFile(file, red);
    const expected = await models(data, '2024-08-05', undefined);
    expect(await models(data, '2024-08-05', cache)).toEqual(expected);
    expect(await models(data, '2024-08-05', cache)).toEqual(expected);
    for (const name of await readdir(cache)) {
      expect((await readFile(join(cache, name))).includes('CANARY-RED-KEY-MESSAGE')).toBe(false);
    }
    // without the RED message, the day's messages are kept (and the same briefings made)
    await writeFile(file, day);
    const plain = await models(data, '2024-08-05', undefined);
    expect(await models(data, '2024-08-05', cache)).toEqual(plain);
    expect(await models(data, '2024-08-05', cache)).toEqual(plain);
    const text = day.match(/fr: ([A-Za-z][^\n"]{11})/)![1]!;
    const tally = await readFile(
      join(
        cache,
        (await readdir(cache)).find((n) => n.startsWith('tally-'))!,
      ),
    );
    // v8's serialisation writes a text as Latin-1 or, with any other character, as UTF-16
    expect(tally.includes(Buffer.from(text, 'latin1')) || tally.includes(Buffer.from(text, 'utf16le'))).toBe(true);
  });
});
