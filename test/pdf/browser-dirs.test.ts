import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createBrowserDirs,
  killProcessesUsing,
  processesUsing,
  removeStaleBrowserDirs,
} from '../../src/pdf/browser-dirs.js';
import { alive, removeTmp, tmp, waitFor } from './helpers.js';

afterAll(removeTmp);

const DEAD_PID = 2 ** 22 + 1; // above Linux's pid_max: never running

describe('createBrowserDirs', () => {
  it('makes one private folder holding the profile, crash dumps and what the environment points to', () => {
    const base = mkdtempSync(path.join(tmp, 'create-'));
    const dirs = createBrowserDirs(base, 4242);
    expect(path.dirname(dirs.root)).toBe(base);
    expect(path.basename(dirs.root)).toMatch(/^cci-browser-4242-\w{6}$/);
    expect(statSync(dirs.root).mode & 0o777).toBe(0o700);
    for (const dir of [dirs.profile, dirs.crashDumps, ...Object.values(dirs.env)]) {
      expect(dir.startsWith(`${dirs.root}${path.sep}`), dir).toBe(true);
      expect(statSync(dir).isDirectory()).toBe(true);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
    expect(Object.keys(dirs.env).sort()).toEqual(['CHROME_CONFIG_HOME', 'TEMP', 'TMP', 'TMPDIR', 'XDG_RUNTIME_DIR']);
  });
});

describe('removeStaleBrowserDirs', () => {
  it('removes the folders of cci processes that are gone, and only those', async () => {
    const base = mkdtempSync(path.join(tmp, 'stale-'));
    const dead = createBrowserDirs(base, DEAD_PID);
    writeFileSync(path.join(dead.crashDumps, 'dump.dmp'), 'TLP:AMBER record text');
    const mine = createBrowserDirs(base, process.pid);
    const other = path.join(base, `cci-output-${DEAD_PID}-x`);
    mkdirSync(other);
    // a symbolic link with a stale name is not followed: its target stays
    const target = mkdtempSync(path.join(tmp, 'target-'));
    writeFileSync(path.join(target, 'keep'), 'x');
    symlinkSync(target, path.join(base, `cci-browser-${DEAD_PID}-link`));

    expect(await removeStaleBrowserDirs(base)).toEqual([dead.root]);
    expect(existsSync(dead.root)).toBe(false);
    expect(existsSync(mine.root)).toBe(true);
    expect(existsSync(other)).toBe(true);
    expect(existsSync(path.join(target, 'keep'))).toBe(true);
    expect(lstatSync(path.join(base, `cci-browser-${DEAD_PID}-link`)).isSymbolicLink()).toBe(true);
  });

  it("keeps a folder whose pid is running again, and another user's folders", async () => {
    const base = mkdtempSync(path.join(tmp, 'reused-'));
    const dirs = createBrowserDirs(base, DEAD_PID);
    expect(await removeStaleBrowserDirs(base, { running: () => true })).toEqual([]);
    expect(await removeStaleBrowserDirs(base, { uid: (process.getuid?.() ?? 0) + 1 })).toEqual([]);
    expect(readdirSync(base)).toEqual([path.basename(dirs.root)]);
  });

  it('never rejects: a temporary folder that cannot be listed removes nothing', async () => {
    await expect(removeStaleBrowserDirs(path.join(tmp, 'no-such-folder'))).resolves.toEqual([]);
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, '');
    await expect(removeStaleBrowserDirs(file)).resolves.toEqual([]);
  });

  it.runIf(process.platform === 'linux')('kills a process still using a stale folder before removing it', async () => {
    const base = mkdtempSync(path.join(tmp, 'straggler-'));
    const dirs = createBrowserDirs(base, DEAD_PID);
    // like Debian's crash handler: its own session, the folder on its command line
    const handler = spawn('sh', ['-c', 'sleep 600; :', `--database=${dirs.root}/config/Crash Reports`], {
      detached: true,
      stdio: 'ignore',
    });
    try {
      expect(await waitFor(() => processesUsing(dirs.root).includes(handler.pid!))).toBe(true);
      await removeStaleBrowserDirs(base);
      expect(await waitFor(() => !alive(handler.pid!))).toBe(true);
      expect(existsSync(dirs.root)).toBe(false);
    } finally {
      handler.kill('SIGKILL');
    }
  });
});

describe('killProcessesUsing', () => {
  it.runIf(process.platform === 'linux')(
    'kills every process whose command line names the folder, and no other',
    async () => {
      const base = mkdtempSync(path.join(tmp, 'kill-'));
      const dirs = createBrowserDirs(base, process.pid);
      const user = spawn('sh', ['-c', 'sleep 600; :', `--crash-dumps-dir=${dirs.crashDumps}`], {
        detached: true,
        stdio: 'ignore',
      });
      const bystander = spawn('sh', ['-c', 'sleep 600; :', `${dirs.root}-not-it/x`], {
        detached: true,
        stdio: 'ignore',
      });
      try {
        expect(await waitFor(() => processesUsing(dirs.root).includes(user.pid!))).toBe(true);
        expect(processesUsing(dirs.root)).not.toContain(bystander.pid);
        killProcessesUsing(dirs.root);
        expect(await waitFor(() => !alive(user.pid!))).toBe(true);
        expect(alive(bystander.pid!)).toBe(true);
      } finally {
        bystander.kill('SIGKILL');
        user.kill('SIGKILL');
      }
    },
  );
});
