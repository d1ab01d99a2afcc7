// The private folders of one print browser. Everything Chromium writes goes under one folder,
// `cci-browser-<pid>-XXXXXX` in the temporary folder (mode 0700): its profile and disk cache,
// its temporary files and singleton socket, crash dumps and crash database, dconf's cache. cci
// removes it when the browser closes, when cci exits or is interrupted, and, if cci itself was
// killed, at the next start of a browser. Nothing of a print run outlives it.
//
// Why the environment and not only flags: Debian's Chromium writes crash dumps of a crashing
// browser or renderer into "<default profile>/Crash Reports" (~/.config/chromium/Crash Reports)
// whatever --user-data-dir, --disable-crash-reporter or --disable-breakpad say (measured with
// Chromium 156, the binary as well as the wrapper). Its default profile folder is
// $CHROME_CONFIG_HOME/chromium when that is set, so CHROME_CONFIG_HOME points into this folder;
// TMPDIR (singleton socket, shared memory files with --disable-dev-shm-usage) and
// XDG_RUNTIME_DIR (dconf's "user" file, else ~/.cache/dconf) too. HOME, XDG_CONFIG_HOME and
// XDG_DATA_HOME are left alone: fontconfig finds the user's own fonts and settings through them.

import {
  accessSync,
  constants,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Folder names start with this, then the pid of the cci process that made them. */
export const BROWSER_DIR_PREFIX = 'cci-browser-';

export interface BrowserDirs {
  /** The folder holding all the others; removing it removes everything the browser wrote. */
  readonly root: string;
  /** `--user-data-dir`. */
  readonly profile: string;
  /** `--crash-dumps-dir` (headless shell and Chrome; Debian's Chromium uses CHROME_CONFIG_HOME). */
  readonly crashDumps: string;
  /** Variables to set in the browser's environment, pointing its other writes under `root`. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Longest temporary folder the private folders can be made in. A full Chromium makes its
 * singleton socket at TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket and aborts when that
 * path is longer than a socket address may be (107 bytes on Linux, 103 on macOS): the private
 * TMPDIR adds `/cci-browser-<pid>-XXXXXX/tmp` to the folder, the socket 50 bytes more.
 */
export const MAX_TEMP_DIR_LENGTH = 24;

/**
 * Where to make the private folders: `preferred` (the temporary folder), unless it is too long
 * for Chromium's socket (macOS's /var/folders/…/T/), then /tmp when it can be written there.
 */
export function browserTempDir(preferred: string, platform: NodeJS.Platform = process.platform): string {
  if (preferred.length <= MAX_TEMP_DIR_LENGTH || platform === 'win32') return preferred;
  try {
    if (!statSync('/tmp').isDirectory()) return preferred;
    accessSync('/tmp', constants.W_OK);
    return '/tmp';
  } catch {
    return preferred;
  }
}

/**
 * Creates the folders of one browser under `tempDir`, synchronously (a few directory
 * creations: the browser is spawned right after). Throws what mkdtemp/mkdir throw.
 */
export function createBrowserDirs(tempDir: string, pid: number = process.pid): BrowserDirs {
  const root = mkdtempSync(path.join(tempDir, `${BROWSER_DIR_PREFIX}${pid}-`)); // 0700
  const sub = (name: string): string => {
    const dir = path.join(root, name);
    mkdirSync(dir, { mode: 0o700 });
    return dir;
  };
  const tmp = sub('tmp');
  return {
    root,
    profile: sub('profile'),
    crashDumps: sub('crash'),
    env: {
      TMPDIR: tmp,
      TMP: tmp, // Windows
      TEMP: tmp, // Windows
      CHROME_CONFIG_HOME: sub('config'),
      XDG_RUNTIME_DIR: sub('runtime'),
    },
  };
}

/** Removes a folder and everything in it; never throws. */
export function removeDirSync(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
  } catch {
    // best effort: at exit there is nothing more to do
  }
}

/**
 * Processes whose command line mentions `dir` (Linux: /proc/<pid>/cmdline), e.g. the crash
 * handler Debian's Chromium starts in a session of its own, outside the browser's process
 * group. Empty elsewhere.
 */
export function processesUsing(dir: string, platform: NodeJS.Platform = process.platform): number[] {
  if (platform !== 'linux') return [];
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const needle = Buffer.from(`${dir}${path.sep}`);
  const pids: number[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`).includes(needle)) pids.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

/** Kills (SIGKILL) every process that still uses `dir`; never throws. */
export function killProcessesUsing(dir: string): void {
  for (const pid of processesUsing(dir)) {
    if (pid === process.pid) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone, or not ours
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the browser folders that cci processes no longer running left in `tempDir` (a cci
 * killed with SIGKILL cannot clean up), with any process still using them. Only folders of
 * this user, named `cci-browser-<pid>-…`, whose pid is not running; a folder whose pid was
 * reused waits for that process to end. Resolves to the folders removed; never rejects.
 *
 * The temporary folder is listed off the main thread: a /tmp of 16,000 entries took 20 ms of
 * the main thread's time, while the browser starts and cci loads its data.
 */
export async function removeStaleBrowserDirs(
  tempDir: string,
  opts: { running?: (pid: number) => boolean; uid?: number } = {},
): Promise<string[]> {
  const running = opts.running ?? isRunning;
  const uid = opts.uid ?? process.getuid?.();
  let names: string[];
  try {
    names = await readdir(tempDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = /^cci-browser-(\d+)-[^/\\]+$/.exec(name);
    if (!match || running(Number(match[1]))) continue;
    const dir = path.join(tempDir, name);
    try {
      const st = lstatSync(dir);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
    } catch {
      continue;
    }
    killProcessesUsing(dir);
    removeDirSync(dir);
    removed.push(dir);
  }
  return removed;
}
