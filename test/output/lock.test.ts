import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, LockedError } from '../../src/errors.js';
import { acquireLock, lockPath } from '../../src/output/lock.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'cci-lock-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

/** A pid that no process has: one of a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('briefing lock', () => {
  it('writes a lock file with the pid and start time, and removes it on release', async () => {
    const key = '2024-08-05-securite-partners';
    const release = await acquireLock(dir, key);
    const path = lockPath(dir, key);
    const info = JSON.parse(await readFile(path, 'utf8')) as { pid: number; started: string };
    expect(info.pid).toBe(process.pid);
    expect(Number.isNaN(Date.parse(info.started))).toBe(false);
    await release();
    expect(existsSync(path)).toBe(false);
    await release(); // twice is harmless
  });

  it('refuses a second run of the same briefing at once, naming the holder (exit 7)', async () => {
    const release = await acquireLock(dir, 'securite-2024-08-05');
    try {
      const started = Date.now();
      const err = await acquireLock(dir, 'securite-2024-08-05').then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(LockedError);
      expect((err as LockedError).exitCode).toBe(EXIT.LOCKED);
      expect((err as LockedError).message).toContain(`pid ${process.pid}`);
      expect(Date.now() - started).toBeLessThan(1000);
      // another briefing is not blocked
      const other = await acquireLock(dir, 'renseignement-2024-08-05');
      await other();
    } finally {
      await release();
    }
  });

  it('takes over a stale lock whose process is gone', async () => {
    const path = lockPath(dir, 'securite-2024-08-05');
    const pid = deadPid();
    await writeFile(path, JSON.stringify({ pid, started: '2024-08-05T09:30:00.000Z', host: hostname(), key: 'securite-2024-08-05' }));
    const release = await acquireLock(dir, 'securite-2024-08-05');
    expect(JSON.parse(await readFile(path, 'utf8')).pid).toBe(process.pid);
    await release();
    expect(existsSync(path)).toBe(false);
  });

  it('does not take over a lock held by a live process of another user or host', async () => {
    const path = lockPath(dir, 'securite-2024-08-05');
    await writeFile(path, JSON.stringify({ pid: deadPid(), started: 'x', host: 'another-host', key: 'k' }));
    await expect(acquireLock(dir, 'securite-2024-08-05')).rejects.toBeInstanceOf(LockedError);
    await writeFile(path, JSON.stringify({ pid: 1, started: 'x', host: hostname(), key: 'k' })); // init: alive (EPERM)
    await expect(acquireLock(dir, 'securite-2024-08-05')).rejects.toThrow(/pid 1 /);
  });

  it('takes over an unreadable lock file only once it is old', async () => {
    const path = lockPath(dir, 'securite-2024-08-05');
    await writeFile(path, '');
    await expect(acquireLock(dir, 'securite-2024-08-05')).rejects.toBeInstanceOf(LockedError);
    const old = new Date(Date.now() - 5 * 60_000);
    await utimes(path, old, old);
    const release = await acquireLock(dir, 'securite-2024-08-05');
    expect((await stat(path)).size).toBeGreaterThan(0);
    await release();
  });

  it('removes the lock when the process exits without releasing it', async () => {
    // The module, transpiled to plain JS (imports already end in .js), run in a child process
    // that takes the lock and exits without releasing it.
    const root = join(dir, 'js');
    for (const file of ['output/lock.ts', 'errors.ts', 'i18n/messages.ts', 'i18n/cli-lang.ts', 'i18n/catalogue.ts', 'i18n/cli/en.json', 'i18n/cli/fr.json']) {
      const source = await readFile(new URL(`../../src/${file}`, import.meta.url), 'utf8');
      const js = file.endsWith('.json') ? source : ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file.replace(/\.ts$/, '.js')), js);
    }
    await writeFile(join(root, 'package.json'), '{"type":"module"}');
    const lockDir = join(dir, 'out');
    const script = `import { acquireLock } from ${JSON.stringify(pathToFileURL(join(root, 'output/lock.js')).href)};
      await acquireLock(${JSON.stringify(lockDir)}, 'k');
      process.stdout.write('locked');
      process.exit(3);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script]);
    expect(r.stderr.toString()).toBe('');
    expect(r.stdout.toString()).toBe('locked');
    expect(r.status).toBe(3);
    expect(existsSync(lockPath(lockDir, 'k'))).toBe(false);
  });
});
