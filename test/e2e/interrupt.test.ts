// Real signals to the built CLI during a `country:all` PDF batch: SIGTERM and SIGINT leave no
// temporary file, no private folder and no lock, keep earlier files, and exit 143 / 130, and
// the print browser's clean-up runs too (no private browser folder, no browser process left);
// SIGKILL leaves them, and the next run removes them and works.

import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesUsing } from '../../src/pdf/browser-dirs.js';
import { BIN, cci, ROOT, tempDir } from './helpers.js';

let work: string;
let data: string;
/** The runs' temporary folder (short, as /tmp is), where the print browser makes its private folder. */
let tmp: string;
beforeAll(async () => {
  work = await tempDir('cci-interrupt-');
  tmp = await mkdtemp('/tmp/cci-int-');
  data = join(work, 'data');
  await cp(join(ROOT, 'data'), data, { recursive: true }); // the demo event: 60 partner countries
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
});

/** Processes still using the runs' temporary folder, once killed ones have had 2 s to go. */
async function browserProcesses(): Promise<number[]> {
  for (let i = 0; i < 20 && processesUsing(tmp).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  return processesUsing(tmp);
}

/** The print browsers' private folders in the runs' temporary folder. */
async function browserFolders(): Promise<string[]> {
  return (await readdir(tmp)).filter((n) => n.startsWith('cci-browser-'));
}

const EARLIER = 'cci-2024-08-05-securite-country-DEU.pdf';

async function listAll(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

/** Starts the batch, waits until some documents are staged, sends `signal`, resolves its exit. */
async function interruptBatch(
  out: string,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'brief',
      '-d',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      data,
      '-a',
      'country:all',
      '-f',
      'pdf',
      '-o',
      out,
    ],
    {
      env: { ...process.env, NO_COLOR: '1', CCI_LANG: 'en', CCI_CACHE_DIR: join(work, 'cache'), TMPDIR: tmp },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, sig) => done({ code, signal: sig })),
  );
  const deadline = Date.now() + 90_000;
  for (;;) {
    const staged = (await listAll(out).catch(() => [])).filter((p) => /\.cci-staging\/[^/]+\/\d+-cci-.*\.pdf$/.test(p));
    if (staged.length >= 3) break;
    if (Date.now() > deadline) throw new Error(`nothing staged in time: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill(signal);
  return { ...(await exited), stderr };
}

describe('a country:all batch interrupted', () => {
  for (const [signal, status] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`by ${signal} exits ${status} leaving the output folder as it was (no temporary file, no lock) and nothing of its browser`, async () => {
      const out = join(work, `out-${signal}`);
      await mkdir(out, { recursive: true });
      await writeFile(join(out, EARLIER), 'earlier briefing');
      const r = await interruptBatch(out, signal);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(status);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(await listAll(out)).toEqual([EARLIER]);
      expect(await readFile(join(out, EARLIER), 'utf8')).toBe('earlier briefing');
      // both clean-ups ran: the run's (above) and the browser's (its folder and processes)
      expect(await browserFolders()).toEqual([]);
      expect(await browserProcesses()).toEqual([]);
    }, 120_000);
  }

  it('by SIGINT removes the new output folder (and parents) it made, once its lock and run folder are gone', async () => {
    const parent = join(work, 'new-for-sigint');
    const r = await interruptBatch(join(parent, 'deep', 'out'), 'SIGINT');
    expect(r.code).toBe(130);
    expect(await readdir(work)).not.toContain('new-for-sigint');
    expect(await browserFolders()).toEqual([]);
  }, 120_000);

  it('by SIGKILL leaves its files, which the next run removes before working as usual', async () => {
    const out = join(work, 'out-kill');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, EARLIER), 'earlier briefing');
    const r = await interruptBatch(out, 'SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    const left = await listAll(out);
    expect(left.some((p) => p.startsWith('.cci-staging/'))).toBe(true);
    expect(left.filter((p) => p.endsWith('.lock')).length).toBeGreaterThan(50);
    expect((await browserFolders()).length).toBe(1);
    const next = await cci(
      ['brief', '-d', 'securite', '--date', '2024-08-05', '--data', data, '-a', 'country:BRA', '-f', 'pdf', '-o', out],
      {
        env: { CCI_CACHE_DIR: join(work, 'cache'), TMPDIR: tmp },
      },
    );
    expect(next.code).toBe(0);
    expect(await listAll(out)).toEqual([EARLIER, 'cci-2024-08-05-securite-country-BRA.pdf'].sort());
    expect(await browserFolders()).toEqual([]);
    expect(await browserProcesses()).toEqual([]);
    expect(await readFile(join(out, EARLIER), 'utf8')).toBe('earlier briefing');
  }, 120_000);
});
