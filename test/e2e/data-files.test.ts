// Reading the data folder through the built CLI: only regular files inside it, each under the
// size limit; a link out of the folder, a FIFO, a device or an oversized file is a problem of
// its own (exit 3) that quotes nothing of it, never a hang; messages quote short excerpts only.
// The cases of issue 11 (`cases/build symlink-outside`, `cases/build fifo`) made here alike.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cci, copyFixture, tempDir } from './helpers.js';
import { rawInSession } from '../preview/helpers.js';

const DAY = '2024-08-05';
const PASSWD_LINE = /root:x?:0:0/;

let cleanup: string[] = [];
afterEach(async () => {
  for (const d of cleanup) await rm(d, { recursive: true, force: true });
  cleanup = [];
});

async function fixture(): Promise<string> {
  const data = await copyFixture('e2e');
  cleanup.push(join(data, '..'));
  return data;
}

/** Starts `cci preview`, gets one page, stops it. */
async function previewPage(data: string, path: string): Promise<{ status: number; body: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'preview', '--data', data, '--port', '0', '--no-cache'], {
    env: { ...process.env, NO_COLOR: '1', CCI_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.on('exit', () => reject(new Error(`preview ended: ${stderr}`)));
      setTimeout(() => reject(new Error('no URL in time')), 20_000);
    });
    const r = await rawInSession(url, { path });
    return { status: r.status, body: r.body, stderr };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const DOC = `/doc?date=${DAY}&division=securite&audience=partners&lang=en`;

describe('files of the data folder', () => {
  it('refuses a link to a file outside the data folder without printing or serving a line of it', async () => {
    const data = await fixture();
    await symlink('/etc/passwd', join(data, DAY, 'agenda-p.yaml'));
    await symlink('/etc/shadow', join(data, DAY, 'incidents-s.csv'));
    const r = await cci(['validate', '--data', data]);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain(
      `${DAY}/agenda-p.yaml: is a symbolic link to a file outside the data folder; cci reads only files inside it`,
    );
    expect(r.stdout + r.stderr).toContain(
      `${DAY}/incidents-s.csv: is a symbolic link to a file outside the data folder`,
    );
    expect(r.stdout + r.stderr).not.toMatch(PASSWD_LINE);
    const page = await previewPage(data, DOC);
    expect(page.body).toContain('outside the data folder');
    expect(page.body + page.stderr).not.toMatch(PASSWD_LINE);
  }, 60_000);

  it('reads a link that stays inside the data folder, and a day folder linked inside it', async () => {
    const data = await fixture();
    await mkdir(join(data, '.shared'));
    await writeFile(
      join(data, '.shared', 'incidents-x.yaml'),
      [
        '- id: LINKED-1',
        `  time: ${DAY}T10:00`,
        '  category: theft',
        '  severity: low',
        '  venue: stade-de-france',
        '  summary_fr: Vol',
        '  summary_en: Theft',
        '  tlp: CLEAR',
        '',
      ].join('\n'),
    );
    await symlink('../.shared/incidents-x.yaml', join(data, DAY, 'incidents-linked.yaml'));
    await rename(join(data, '2024-08-04'), join(data, '.shared', 'day-before'));
    await symlink('.shared/day-before', join(data, '2024-08-04'));
    const r = await cci(['validate', '--data', data]);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
    const out = join(data, '..', 'out');
    const b = await cci(['brief', '-d', 'securite', '--date', DAY, '--data', data, '-f', 'json', '-o', out], {
      env: { CCI_CACHE_DIR: join(data, '..', 'cache') },
    });
    expect(b.code).toBe(0);
    const json = await readFile(join(out, `cci-${DAY}-securite-partners.json`), 'utf8');
    expect(json).toContain('LINKED-1');
    expect(JSON.parse(json).previous.incidents).toBeGreaterThan(0); // the linked day before was read
  });

  it('refuses a day folder linked outside the data folder', async () => {
    const data = await fixture();
    const elsewhere = await tempDir();
    cleanup.push(elsewhere);
    await symlink(elsewhere, join(data, '2024-08-06'));
    const r = await cci(['validate', '--data', data]);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('2024-08-06/: is a symbolic link to a folder outside the data folder');
  });

  it('stops a briefing whose running totals need a day folder linked to nowhere, in validate and brief alike', async () => {
    const data = await fixture();
    const elsewhere = await tempDir();
    cleanup.push(elsewhere);
    // the day before is on a share that is not mounted: its records must not vanish from the totals
    await rename(join(data, '2024-08-04'), join(elsewhere, 'moved'));
    await symlink(join(elsewhere, 'not-mounted'), join(data, '2024-08-04'));
    const message = '2024-08-04/: is a symbolic link to a folder that does not exist';
    const v = await cci(['validate', '--data', data]);
    expect(v.code).toBe(3);
    expect(v.stdout + v.stderr).toContain(message);
    const out = join(data, '..', 'out');
    for (const date of [DAY, '2024-08-04']) {
      const b = await cci(['brief', '-d', 'securite', '--date', date, '--data', data, '-f', 'json', '-o', out], {
        env: { CCI_CACHE_DIR: join(data, '..', 'cache') },
      });
      expect(b.code).toBe(3);
      expect(b.stderr).toContain(message);
      expect(b.stderr).not.toContain('no data');
    }
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
  });

  it('refuses a FIFO at once in validate, brief and preview (no hang, no lock left)', async () => {
    const data = await fixture();
    expect(spawnSync('mkfifo', [join(data, DAY, 'incidents-pipe.yaml')]).status).toBe(0);
    const message = `${DAY}/incidents-pipe.yaml: is not a regular file (a named pipe (FIFO)); cci reads only regular files`;
    const v = await cci(['validate', '--data', data], { timeoutMs: 20_000 });
    expect(v.code).toBe(3);
    expect(v.stdout + v.stderr).toContain(message);
    const out = join(data, '..', 'out');
    const b = await cci(['brief', '-d', 'securite', '--date', DAY, '--data', data, '-f', 'html', '-o', out], {
      timeoutMs: 20_000,
      env: { CCI_CACHE_DIR: join(data, '..', 'cache') },
    });
    expect(b.code).toBe(3);
    expect(b.stderr).toContain(message);
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
    const page = await previewPage(data, DOC);
    expect(page.body).toContain('not a regular file');
  }, 60_000);

  it('refuses a device, even through a link inside the folder, without reading it', async () => {
    const data = await fixture();
    await symlink('/dev/zero', join(data, DAY, 'incidents-z.csv'));
    const r = await cci(['validate', '--data', data], { timeoutMs: 20_000 });
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain(
      `${DAY}/incidents-z.csv: is a symbolic link to a file outside the data folder`,
    );
  });

  it('refuses a file over the 32 MiB limit before reading it', async () => {
    const data = await fixture();
    const big = join(data, DAY, 'incidents-big.csv');
    await writeFile(big, 'id,time\n');
    await truncate(big, 33 * 1024 * 1024); // sparse: no disk used
    const r = await cci(['validate', '--data', data], { timeoutMs: 20_000 });
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain(
      `${DAY}/incidents-big.csv: is 33 MiB, more than the 32 MiB a data file may have`,
    );
  });

  it('quotes at most a short excerpt of a long line in a problem', async () => {
    const data = await fixture();
    const secret = 'S3CRET'.repeat(2000);
    await writeFile(join(data, DAY, 'agenda-long.yaml'), `${secret}\n${secret}\n`);
    await writeFile(join(data, DAY, 'incidents-long.csv'), `id,time,category\nL-1,${secret},${secret}\n`);
    const r = await cci(['validate', '--data', data]);
    expect(r.code).toBe(3);
    for (const line of (r.stdout + r.stderr).split('\n')) expect(line.length).toBeLessThan(400);
    expect(r.stdout + r.stderr).toContain(`"${'S3CRET'.repeat(10)}…"`);
  });
});
