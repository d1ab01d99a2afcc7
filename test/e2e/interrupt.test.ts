// Real signals to the built CLI during a `country:all` PDF batch: SIGTERM and SIGINT leave no
// temporary file, no private folder and no lock, keep earlier files, and exit 143 / 130;
// SIGKILL leaves them, and the next run removes them and works.

import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cci, ROOT, tempDir } from './helpers.js';

let work: string;
let data: string;
beforeAll(async () => {
  work = await tempDir('cci-interrupt-');
  data = join(work, 'data');
  await cp(join(ROOT, 'data'), data, { recursive: true }); // the demo event: 60 partner countries
});
afterAll(async () => { await rm(work, { recursive: true, force: true }); });

const EARLIER = 'cci-2024-08-05-securite-country-DEU.pdf';

async function listAll(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

/** Starts the batch, waits until some documents are staged, sends `signal`, resolves its exit. */
async function interruptBatch(out: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'brief', '-d', 'securite', '--date', '2024-08-05', '--data', data, '-a', 'country:all', '-f', 'pdf', '-o', out], {
    env: { ...process.env, NO_COLOR: '1', CCI_LANG: 'en', CCI_CACHE_DIR: join(work, 'cache') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, sig) => done({ code, signal: sig })));
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
  for (const [signal, status] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`by ${signal} exits ${status} leaving the output folder as it was: no temporary file, no lock`, async () => {
      const out = join(work, `out-${signal}`);
      await mkdir(out, { recursive: true });
      await writeFile(join(out, EARLIER), 'earlier briefing');
      const r = await interruptBatch(out, signal);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(status);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(await listAll(out)).toEqual([EARLIER]);
      expect(await readFile(join(out, EARLIER), 'utf8')).toBe('earlier briefing');
    }, 120_000);
  }

  it('by SIGKILL leaves its files, which the next run removes before working as usual', async () => {
    const out = join(work, 'out-kill');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, EARLIER), 'earlier briefing');
    const r = await interruptBatch(out, 'SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    const left = await listAll(out);
    expect(left.some((p) => p.startsWith('.cci-staging/'))).toBe(true);
    expect(left.filter((p) => p.endsWith('.lock')).length).toBeGreaterThan(50);
    const next = await cci(['brief', '-d', 'securite', '--date', '2024-08-05', '--data', data, '-a', 'country:BRA', '-f', 'html', '-o', out], {
      env: { CCI_CACHE_DIR: join(work, 'cache') },
    });
    expect(next.code).toBe(0);
    expect(await listAll(out)).toEqual([EARLIER, 'cci-2024-08-05-securite-country-BRA.html'].sort());
    expect(await readFile(join(out, EARLIER), 'utf8')).toBe('earlier briefing');
  }, 120_000);
});
