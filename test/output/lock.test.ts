import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentIdentity, HEARTBEAT_MS, keepFresh, STALE_AFTER_MS } from '../../src/output/process-identity.js';
import { EXIT, LockedError } from '../../src/errors.js';
import { acquireLock, lockPath } from '../../src/output/lock.js';
import { WriteError } from '../../src/output/write-error.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

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
      const err = await acquireLock(dir, 'securite-2024-08-05').then(
        () => undefined,
        (e: unknown) => e,
      );
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

  it('says what a lock of the register guards: the issue of a briefing, or the register itself', async () => {
    for (const [key, said] of [
      [
        'issue-securite-2024-08-05-partners',
        'another cci run is already issuing briefing securite-2024-08-05-partners (',
      ],
      ['register', 'another cci run has been writing to the register of issued briefings for too long ('],
      ['securite-2024-08-05-partners', 'another cci run is already writing briefing securite-2024-08-05-partners ('],
    ] as const) {
      const release = await acquireLock(dir, key);
      try {
        const err = await acquireLock(dir, key).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(LockedError);
        expect((err as Error).message.startsWith(said), (err as Error).message).toBe(true);
      } finally {
        await release();
      }
    }
  });

  it('takes over a stale lock whose process is gone', async () => {
    const path = lockPath(dir, 'securite-2024-08-05');
    const pid = deadPid();
    await writeFile(
      path,
      JSON.stringify({ pid, started: '2024-08-05T09:30:00.000Z', host: hostname(), key: 'securite-2024-08-05' }),
    );
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

  it.each([
    ['a folder', async (p: string) => void (await mkdir(p))],
    ['a named pipe', async (p: string) => void spawnSync('mkfifo', [p])],
    ['a link to nothing', async (p: string) => void (await symlink(join(dir, 'nothing'), p))],
    ['a link to a file', async (p: string) => void (await symlink('/etc/hostname', p))],
  ])(
    'refuses, as a write failure naming it (exit 4, not "another run"), %s under the lock name, fresh or old, and leaves it alone',
    async (_what, make) => {
      const key = '2024-08-05-securite-partners';
      const path = lockPath(dir, key);
      await make(path);
      for (const age of [0, 2 * 3600_000]) {
        const when = new Date(Date.now() - age);
        spawnSync('touch', ['-h', '-d', when.toISOString(), path]);
        const error = await acquireLock(dir, key).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(WriteError);
        expect((error as WriteError).exitCode).toBe(EXIT.RENDER);
        expect((error as Error).message).toContain(path);
        expect((error as Error).message).toContain('has the name of one of its lock files; remove it');
        expect((await lstat(path)).isFile()).toBe(false);
      }
      // nothing of the run left beside it
      expect((await readdir(dir)).sort()).toEqual([path.slice(dir.length + 1)]);
    },
  );

  it('removes the lock when the process exits without releasing it', async () => {
    // The module, transpiled to plain JS (imports already end in .js), run in a child process
    // that takes the lock and exits without releasing it.
    const root = join(dir, 'js');
    const src = new URL('../../src/', import.meta.url);
    const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts') || f.endsWith('.json'));
    for (const file of files) {
      const source = await readFile(new URL(`../../src/${file}`, import.meta.url), 'utf8');
      const js = file.endsWith('.json')
        ? source
        : ts.transpileModule(source, {
            compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
          }).outputText;
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
    // nor its private run folder, nor the output folder it made (the lock went first)
    expect(existsSync(lockDir)).toBe(false);
  });

  const hasProc = existsSync('/proc/self/stat') && currentIdentity().boot !== undefined;

  it.skipIf(!hasProc)(
    'takes over a lock whose pid was reused: pid 1 of an earlier container, another host name',
    async () => {
      const me = currentIdentity();
      const path = lockPath(dir, 'securite-2024-08-05');
      // pid 1 exists here, but it is not the process that took the lock (it started at another time)
      await writeFile(
        path,
        JSON.stringify({
          pid: 1,
          host: 'c0ffee123456',
          start: '7',
          boot: me.boot,
          pidns: me.pidns,
          started: '2024-08-04T09:30:00.000Z',
          key: 'k',
        }),
      );
      const release = await acquireLock(dir, 'securite-2024-08-05');
      expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
        pid: process.pid,
        start: me.start,
        boot: me.boot,
      });
      await release();
    },
  );

  it.skipIf(!hasProc)('takes over a lock of this host taken before the machine restarted', async () => {
    const me = currentIdentity();
    const path = lockPath(dir, 'k');
    await writeFile(
      path,
      JSON.stringify({
        pid: process.pid,
        host: me.host,
        start: me.start,
        boot: 'an-earlier-boot',
        pidns: me.pidns,
        started: 'x',
        key: 'k',
      }),
    );
    await (
      await acquireLock(dir, 'k')
    )();
  });

  it.skipIf(!hasProc)("keeps a live owner's lock even under another host name", async () => {
    const me = currentIdentity();
    const path = lockPath(dir, 'k');
    await writeFile(path, JSON.stringify({ ...me, host: 'another-name', started: 'x', key: 'k' }));
    await expect(acquireLock(dir, 'k')).rejects.toBeInstanceOf(LockedError);
  });

  it('waits for a lock it cannot check while its owner touches it, and takes it over once it stopped', async () => {
    const me = currentIdentity();
    const path = lockPath(dir, 'k');
    // another container's pid namespace: its pids mean nothing here
    await writeFile(
      path,
      JSON.stringify({ pid: 1, host: 'other', start: '7', boot: me.boot, pidns: 'pid:[1]', started: 'x', key: 'k' }),
    );
    await expect(acquireLock(dir, 'k')).rejects.toBeInstanceOf(LockedError);
    const old = new Date(Date.now() - STALE_AFTER_MS - 10_000);
    await utimes(path, old, old);
    await (
      await acquireLock(dir, 'k')
    )();
  });

  it('touches the files it keeps fresh every heartbeat', async () => {
    const file = join(dir, 'f');
    await writeFile(file, '');
    const old = new Date(Date.now() - 3600_000);
    await utimes(file, old, old);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const stop = keepFresh(file);
      vi.advanceTimersByTime(HEARTBEAT_MS + 1);
      stop();
    } finally {
      vi.useRealTimers();
    }
    expect(Date.now() - (await stat(file)).mtimeMs).toBeLessThan(60_000);
  });

  it('removes, at its first lock in a folder, the stale locks of dead runs and the ones they left aside', async () => {
    const dead = deadPid();
    const me = currentIdentity();
    for (const k of ['a', 'b'])
      await writeFile(lockPath(dir, k), JSON.stringify({ ...me, pid: dead, start: '1', started: 'x', key: k }));
    await writeFile(`${lockPath(dir, 'c')}.stale-${dead}-1700000000000`, '{}');
    const release = await acquireLock(dir, 'k');
    expect((await readdir(dir)).sort()).toEqual(['.cci-k.lock', '.cci-staging']);
    await release();
  });

  it('leaves nothing in the output folder once released: no lock, no private folder', async () => {
    const release = await acquireLock(dir, 'k');
    expect((await readdir(dir)).sort()).toEqual(['.cci-k.lock', '.cci-staging']);
    await release();
    expect(await readdir(dir)).toEqual([]);
  });
});
