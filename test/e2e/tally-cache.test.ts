// The tally cache through the built CLI (issue 11, item 1; case `red-in-cache`): it holds no
// row, id or text of a RED record and no id or text of any record, lives in a private folder,
// counts nothing from a hand-edited entry, and is left alone with --no-cache, preview included.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cci, copyFixture, readJson } from './helpers.js';
import { rawInSession } from '../preview/helpers.js';
import { readCacheRecords, writeCacheRecords } from '../../src/output/tally-cache-file.js';

const isRoot = process.getuid?.() === 0;
const DATE = '2024-08-05';
const EARLIER = '2024-08-02';

let cleanup: string[] = [];
afterEach(async () => {
  for (const d of cleanup) await rm(d, { recursive: true, force: true });
  cleanup = [];
});

/** The e2e fixture with an earlier day (cached) holding a RED, an AMBER+STRICT and a CLEAR incident. */
async function setup(): Promise<{ data: string; cache: string; out: string }> {
  const data = await copyFixture('e2e');
  const root = join(data, '..');
  cleanup.push(root);
  await mkdir(join(data, EARLIER));
  await writeFile(
    join(data, EARLIER, 'incidents.yaml'),
    [
      '- id: RED-SOURCE-1',
      `  time: ${EARLIER}T09:00`,
      '  category: theft',
      '  departement: "75"',
      '  summary_fr: source humaine',
      '  summary_en: human source',
      '  arrests: 7',
      '  tlp: RED',
      '- id: STRICT-SOURCE-2',
      `  time: ${EARLIER}T10:00`,
      '  category: theft',
      '  departement: "75"',
      '  summary_fr: texte national seulement',
      '  summary_en: national-only text',
      '  arrests: 5',
      '  tlp: AMBER+STRICT',
      '- id: CLEAR-3',
      `  time: ${EARLIER}T11:00`,
      '  category: theft',
      '  departement: "75"',
      '  summary_fr: vol ordinaire',
      '  summary_en: ordinary theft',
      '  arrests: 1',
      '  tlp: CLEAR',
      '',
    ].join('\n'),
  );
  return { data, cache: join(root, 'cache'), out: join(root, 'out') };
}

const briefJson = (s: { data: string; cache: string; out: string }, audience: string, extra: string[] = []) =>
  cci(
    ['brief', '-d', 'securite', '--date', DATE, '--data', s.data, '-a', audience, '-f', 'json', '-o', s.out, ...extra],
    { env: { CCI_CACHE_DIR: s.cache } },
  );

async function cumulative(s: { out: string }, audience: string): Promise<{ incidents: number; arrests: number }> {
  return (
    await readJson<{ cumulative: { incidents: number; arrests: number } }>(
      join(s.out, `cci-${DATE}-securite-${audience}.json`),
    )
  ).cumulative;
}

/** Every entry of the cache folder's tally file, as stored (its MAC not checked). */
async function cacheEntries(cache: string): Promise<({ file: string } & Record<string, unknown>)[]> {
  const name = (await readdir(cache)).find((n) => n.startsWith('tally-'))!;
  return [...readCacheRecords(await readFile(join(cache, name))).values()].map((r) => ({
    file: r.file,
    ...(deserialize(r.payload) as Record<string, unknown>),
  }));
}

/** The strings in a value, at any depth. */
function stringsIn(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(stringsIn);
  if (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v)) return Object.values(v).flatMap(stringsIn);
  return [];
}

async function cacheText(cache: string): Promise<string> {
  let all = '';
  for (const name of await readdir(cache)) all += await readFile(join(cache, name), 'utf8');
  return all;
}

describe('the tally cache', () => {
  it('holds no id and no text of any record and nothing of a RED one, in a private folder', async () => {
    const s = await setup();
    expect((await briefJson(s, 'national')).code).toBe(0);
    const names = (await readdir(s.cache)).sort();
    expect(names).toEqual(['key', expect.stringMatching(/^tally-[0-9a-f]{24}\.cache$/)]);
    expect((await stat(s.cache)).mode & 0o777).toBe(0o700);
    for (const n of names) expect((await stat(join(s.cache, n))).mode & 0o777).toBe(0o600);
    const text = await cacheText(s.cache);
    for (const leak of [
      'RED-SOURCE-1',
      'STRICT-SOURCE-2',
      'CLEAR-3',
      'source humaine',
      'human source',
      'national-only',
      'TLP:RED',
    ]) {
      expect(text).not.toContain(leak);
    }
    // every string and number the entries hold: the national counts need the AMBER+STRICT row,
    // nothing of the RED one (its marking, its 7 arrests) is there
    const entries = await cacheEntries(s.cache);
    const earlier = entries.find((e) => e.file === `${EARLIER}/incidents.yaml`) as
      { part: { marks: { tlp: string }[]; arrests: Float64Array | Uint32Array } } | undefined;
    expect(earlier).toBeDefined();
    expect(earlier!.part.marks.map((m) => m.tlp).sort()).toEqual(['AMBER+STRICT', 'CLEAR']);
    expect([...earlier!.part.arrests].sort()).toEqual([1, 5]);
    // nor its time: the file's span counts the RED record as its whole day in the event's zone
    // (09:00 in Paris is 07:00Z; the day is 2 August 00:00 to 24:00 in Paris)
    const span = earlier as unknown as { min: number; max: number };
    expect(span.min).toBe(Date.parse(`${EARLIER}T00:00:00+02:00`));
    expect(span.max).toBe(Date.parse(`${EARLIER}T23:59:59.999+02:00`));
    expect([span.min, span.max]).not.toContain(Date.parse(`${EARLIER}T07:00:00Z`));
    const strings = entries.flatMap((e) => stringsIn(e));
    expect(strings).toContain('AMBER+STRICT');
    expect(strings).not.toContain('RED');
    for (const leak of ['RED-SOURCE-1', 'STRICT-SOURCE-2', 'CLEAR-3', 'source humaine', 'vol ordinaire'])
      expect(strings.join('\n')).not.toContain(leak);
  });

  it('counts nothing from an entry edited by hand (an AMBER+STRICT row made CLEAR, arrests raised)', async () => {
    const s = await setup();
    expect((await briefJson(s, 'partners')).code).toBe(0);
    const before = await cumulative(s, 'partners');
    const file = join(
      s.cache,
      (await readdir(s.cache)).find((n) => n.startsWith('tally-'))!,
    );
    const records = readCacheRecords(await readFile(file));
    let edited = 0;
    for (const r of records.values()) {
      const e = deserialize(r.payload) as {
        part?: { marks: { tlp: string }[]; arrests: ArrayLike<number> & { [i: number]: number } };
      };
      if (!e.part) continue;
      for (const m of e.part.marks) if (m.tlp === 'AMBER+STRICT') m.tlp = 'CLEAR';
      for (let i = 0; i < e.part.arrests.length; i++) e.part.arrests[i] = 350 + e.part.arrests[i]!;
      r.payload = serialize(e);
      edited++;
    }
    expect(edited).toBeGreaterThan(0);
    await writeFile(file, writeCacheRecords(records));
    expect((await briefJson(s, 'partners')).code).toBe(0);
    expect(await cumulative(s, 'partners')).toEqual(before);
    expect((await briefJson(s, 'partners', ['--no-cache'])).code).toBe(0);
    expect(await cumulative(s, 'partners')).toEqual(before);
  });

  it('makes a folder others can read private, with a warning, and removes files of the old format', async () => {
    const s = await setup();
    await mkdir(s.cache, { mode: 0o755 });
    await chmod(s.cache, 0o755);
    const old = join(s.cache, 'tally-0123456789abcdef01234567.json');
    await writeFile(old, '{"format":"cci-tally-1","entries":{"k":{"ids":["RED-SOURCE-1"]}}}');
    const r = await briefJson(s, 'partners');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `warning: the cache folder ${s.cache} could be read by other users (mode 0755); it is now private (0700)`,
    );
    expect((await stat(s.cache)).mode & 0o777).toBe(0o700);
    expect(existsSync(old)).toBe(false);
  });

  it.skipIf(!isRoot)('does not use a folder of another user, and says so', async () => {
    const s = await setup();
    await mkdir(s.cache, { mode: 0o700 });
    await chown(s.cache, 65534, 65534);
    const r = await briefJson(s, 'partners');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: the cache folder ${s.cache} belongs to another user; it is not used`);
    expect(await readdir(s.cache)).toEqual([]);
  });

  it('is not used, with a warning and no hang, where no folder can be made (/proc)', async () => {
    const s = { ...(await setup()), cache: '/proc/x/cci' };
    const r = await cci(['brief', '-d', 'securite', '--date', DATE, '--data', s.data, '-f', 'json', '-o', s.out], {
      env: { CCI_CACHE_DIR: s.cache },
      timeoutMs: 30_000,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'warning: the cache folder /proc/x/cci cannot be used (the folder does not exist and cannot be created there); every file is read in full',
    );
  });

  it('still finds an id used again when its first use is a RED record of a cached file', async () => {
    const s = await setup();
    expect((await briefJson(s, 'partners')).code).toBe(0); // the earlier day is cached now
    await mkdir(join(s.data, '2024-08-03'));
    await writeFile(
      join(s.data, '2024-08-03', 'incidents.yaml'),
      [
        '- id: RED-SOURCE-1',
        '  time: 2024-08-03T09:00',
        '  category: theft',
        '  departement: "75"',
        '  summary_fr: autre',
        '  summary_en: other',
        '  tlp: CLEAR',
        '',
      ].join('\n'),
    );
    const r = await briefJson(s, 'partners');
    expect(r.code).toBe(3);
    // found, and said without the id: the first use is a RED record's (the cache keeps it hashed)
    expect(r.stderr).toMatch(
      /^2024-08-03\/incidents\.yaml:1:7: this id is already used at 2024-08-02\/incidents\.yaml:1:7;/m,
    );
    expect(r.stderr).not.toContain('RED-SOURCE-1');
  });

  it('is not touched by `cci preview --no-cache`, and is by `cci preview`', async () => {
    const s = await setup();
    for (const noCache of [true, false]) {
      const child = spawn(
        process.execPath,
        [BIN, 'preview', '--data', s.data, '--port', '0', ...(noCache ? ['--no-cache'] : [])],
        {
          env: { ...process.env, NO_COLOR: '1', CCI_LANG: 'en', CCI_CACHE_DIR: s.cache },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      try {
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (b: Buffer) => resolve(b.toString().split('\n')[0]!));
          setTimeout(() => reject(new Error('no URL in time')), 20_000);
        });
        const page = await rawInSession(url, {
          path: `/doc?date=${DATE}&division=securite&audience=partners&lang=en`,
        });
        expect(page.status).toBe(200);
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      expect(existsSync(s.cache)).toBe(!noCache);
    }
  }, 60_000);
});
