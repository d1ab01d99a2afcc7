// What the print browser leaves on disk after `cci brief`: nothing, in the home, XDG and
// temporary folders, with the headless shell found by default and with Debian's full Chromium
// named by --browser (its wrapper script); and a run killed with SIGKILL has its browser's
// folder removed by the next run.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, cci, pdfText, tempDir } from './helpers.js';

const DATA = join(ROOT, 'fixtures', 'e2e');
const ARGS = ['brief', '--division', 'securite', '--date', '2024-08-05', '--data', DATA, '--format', 'pdf'];
const made: string[] = [];
afterAll(async () => {
  for (const d of made) await rm(d, { recursive: true, force: true });
});

/** A home, XDG folders, a temporary folder (short, as /tmp is) and a cache of their own. */
async function sandbox() {
  const root = await tempDir('cci-e2e-files-');
  const tmp = await mkdtemp('/tmp/cci-t-');
  made.push(root, tmp);
  const dir = async (name: string) => {
    const d = join(root, name);
    await mkdir(d);
    return d;
  };
  const env = {
    HOME: await dir('home'),
    XDG_CONFIG_HOME: await dir('xdg-config'),
    XDG_CACHE_HOME: await dir('xdg-cache'),
    XDG_DATA_HOME: await dir('xdg-data'),
    XDG_STATE_HOME: await dir('xdg-state'),
    TMPDIR: tmp,
    CCI_CACHE_DIR: join(root, 'cci-cache'),
    CCI_BROWSER: undefined,
  };
  const watched = [env.HOME, env.XDG_CONFIG_HOME, env.XDG_CACHE_HOME, env.XDG_DATA_HOME, env.XDG_STATE_HOME, tmp];
  return { env, tmp, out: join(root, 'out'), watched };
}

/** Everything under the folders, but Node's own compile cache (Node 22+ keeps it in TMPDIR). */
async function leftovers(dirs: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const d of dirs) {
    for (const name of await readdir(d, { recursive: true })) {
      if (!String(name).startsWith('node-compile-cache')) found.push(join(d, String(name)));
    }
  }
  return found;
}

const browsers = [
  { name: 'the browser found by default', args: [] as string[] },
  ...(existsSync('/usr/bin/chromium')
    ? [{ name: "Debian's Chromium named by --browser", args: ['--browser', '/usr/bin/chromium'] }]
    : []),
];

describe('the print browser leaves nothing behind', () => {
  it.each(browsers.map((b) => [b.name, b.args] as const))('after a cci brief with %s', async (_name, args) => {
    const box = await sandbox();
    const r = await cci([...ARGS, '--out', box.out, ...args], { env: box.env });
    expect(r.code, r.stderr).toBe(0);
    expect(await pdfText(r.stdout.trim())).toMatch(/TLP:/);
    expect(await leftovers(box.watched)).toEqual([]);
  });

  it('and the folder of a run killed with SIGKILL is removed by the next run', async () => {
    const box = await sandbox();
    const child = spawn(process.execPath, [BIN, ...ARGS, '--out', box.out], {
      cwd: ROOT,
      env: { ...process.env, ...box.env, CCI_BROWSER: '', CCI_LANG: 'en' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // killed as soon as its browser has its folder
    let folder: string | undefined;
    for (let i = 0; i < 400 && folder === undefined; i++) {
      folder = (await readdir(box.tmp)).find((n) => n.startsWith('cci-browser-'));
      if (folder === undefined) await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await exited;
    expect(folder).toMatch(new RegExp(`^cci-browser-${child.pid}-`));
    expect(existsSync(join(box.tmp, folder!))).toBe(true);

    const r = await cci([...ARGS, '--out', box.out], { env: box.env });
    expect(r.code, r.stderr).toBe(0);
    expect(await leftovers(box.watched)).toEqual([]);
  });
});
