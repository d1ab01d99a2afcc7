// All or nothing, with real files: a run replaces every file of its set or none, when a rename
// fails at the start, in the middle, and when the process dies in the middle of the commit.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renameSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors.js';
import { commitSync } from '../../src/output/commit.js';
import { openRunFolder, STAGING_DIR } from '../../src/output/run-folder.js';
import { StagedFiles, writeOutputs } from '../../src/output/write-outputs.js';
import { WriteError } from '../../src/output/write-error.js';

const DIST = join(import.meta.dirname, '..', '..', 'dist');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-commit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NAMES = ['a.html', 'b.pdf', 'c.json', 'd.pdf'];

async function earlier(): Promise<void> {
  for (const n of NAMES) await writeFile(join(dir, n), `old ${n}`);
}

async function contents(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const n of NAMES) {
    const s = await stat(join(dir, n)).catch(() => undefined);
    out[n] = s?.isFile() ? await readFile(join(dir, n), 'utf8') : s ? '(folder)' : '(none)';
  }
  return out;
}

const OLD = Object.fromEntries(NAMES.map((n) => [n, `old ${n}`]));

describe("committing a run's files", () => {
  it('replaces every file and leaves nothing of the run behind', async () => {
    await earlier();
    await writeOutputs(NAMES.map((n) => ({ path: join(dir, n), content: `new ${n}` })));
    expect(await contents()).toEqual(Object.fromEntries(NAMES.map((n) => [n, `new ${n}`])));
    expect((await readdir(dir)).sort()).toEqual(NAMES);
  });

  it('replaces none when a folder stands at one output name, and names it (exit 4)', async () => {
    await earlier();
    await rm(join(dir, 'c.json'));
    await mkdir(join(dir, 'c.json'));
    const error = await writeOutputs(NAMES.map((n) => ({ path: join(dir, n), content: `new ${n}` }))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WriteError);
    expect((error as WriteError).exitCode).toBe(EXIT.RENDER);
    expect((error as WriteError).message).toBe(
      `cannot write ${join(dir, 'c.json')}: a folder has that name. No file of this run was replaced; earlier files are unchanged`,
    );
    expect(await contents()).toEqual({ ...OLD, 'c.json': '(folder)' });
    expect((await readdir(dir)).sort()).toEqual(NAMES);
  });

  it('puts back the files already replaced when a later rename fails', async () => {
    await earlier();
    await rm(join(dir, 'd.pdf')); // one file is new: it must be removed again
    const staged = new StagedFiles();
    for (const n of NAMES) await staged.add(join(dir, n), `new ${n}`);
    // the commit's own path, with the third rename failing as a full or read-only disk would
    const folder = await openRunFolder(dir);
    const runDir = join(dir, STAGING_DIR, (await readdir(join(dir, STAGING_DIR)))[0]!);
    const files = await Promise.all(
      NAMES.map(async (n, i) => {
        const s = await stat(join(runDir, `${i}-${n}`));
        return { path: join(dir, n), staged: join(runDir, `${i}-${n}`), dev: s.dev, ino: s.ino };
      }),
    );
    const order = [files[3]!, files[0]!, files[1]!, files[2]!]; // the new file first
    let n = 0;
    const error = (() => {
      try {
        commitSync(runDir, order, {
          renameSync: (a, b) => {
            if (++n === 4) throw Object.assign(new Error('x'), { code: 'ENOSPC' });
            renameSync(a, b);
          },
        });
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect((error as WriteError).message).toMatch(/c\.json: the disk is full/);
    expect(await contents()).toEqual({ ...OLD, 'd.pdf': '(none)' });
    folder.release();
    await staged.discard();
    expect((await readdir(dir)).sort()).toEqual(NAMES.filter((x) => x !== 'd.pdf'));
  });

  it('rolls back, at the next run, a commit that died in the middle (SIGKILL)', async () => {
    await earlier();
    // A child process stages four files and is killed by SIGKILL after two renames.
    const script = `
      import { openRunFolder } from ${JSON.stringify(pathToFileURL(join(DIST, 'output/run-folder.js')).href)};
      import { commitSync } from ${JSON.stringify(pathToFileURL(join(DIST, 'output/commit.js')).href)};
      import { renameSync, statSync, writeFileSync } from 'node:fs';
      import { join } from 'node:path';
      const dir = ${JSON.stringify(dir)};
      const folder = await openRunFolder(dir);
      const files = ${JSON.stringify(NAMES)}.map((n, i) => {
        const staged = join(folder.dir, i + '-' + n);
        writeFileSync(staged, 'new ' + n);
        const s = statSync(staged);
        return { path: join(dir, n), staged, dev: s.dev, ino: s.ino };
      });
      let n = 0;
      commitSync(folder.dir, files, { renameSync: (a, b) => { if (++n === 3) process.kill(process.pid, 'SIGKILL'); renameSync(a, b); } });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script]);
    expect(r.signal).toBe('SIGKILL');
    // half the set is new: what a reader would see without recovery
    expect(await contents()).toEqual({ ...OLD, 'a.html': 'new a.html', 'b.pdf': 'new b.pdf' });
    expect(existsSync(join(dir, STAGING_DIR))).toBe(true);
    // the next run that opens the folder rolls it back
    const next = await openRunFolder(dir);
    next.release();
    expect(await contents()).toEqual(OLD);
    expect((await readdir(dir)).sort()).toEqual(NAMES);
  });
  it("never waits on a named pipe in a dead run's folder, in place of its owner or its journal: the next run goes on", async () => {
    for (const pipeName of ['owner.json', 'journal.json']) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir);
      // a run that opened its folder and died at once (SIGKILL): its owner.json names a dead process
      const died = spawnSync(process.execPath, [
        '--input-type=module',
        '-e',
        `import { openRunFolder } from ${JSON.stringify(pathToFileURL(join(DIST, 'output/run-folder.js')).href)};
         await openRunFolder(${JSON.stringify(dir)}); process.kill(process.pid, 'SIGKILL');`,
      ]);
      expect(died.signal).toBe('SIGKILL');
      const [runDir] = await readdir(join(dir, STAGING_DIR));
      await rm(join(dir, STAGING_DIR, runDir!, pipeName), { force: true });
      expect(spawnSync('mkfifo', [join(dir, STAGING_DIR, runDir!, pipeName)]).status).toBe(0);
      // in a child with a time limit: a blocked read would stop the event loop of this one too
      const next = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { openRunFolder } from ${JSON.stringify(pathToFileURL(join(DIST, 'output/run-folder.js')).href)};
           const f = await openRunFolder(${JSON.stringify(dir)}); f.release(); console.log('went on');`,
        ],
        { timeout: 15_000, encoding: 'utf8' },
      );
      expect(next.signal, `${pipeName}: it waited on the pipe`).toBeNull();
      expect(next.stdout.trim(), next.stderr).toBe('went on');
    }
  }, 60_000);
});
