// Starting one headless Chromium: hardened flags, private folders for everything it writes
// (profile, temporary files, crash dumps: browser-dirs.ts), a pipe (no debugging port), a
// bounded start-up time, and registration for cleanup at process exit.

import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Browser, LaunchOptions } from 'puppeteer-core';
import { BrowserStartError, RenderError } from '../errors.js';
import { formatDecimal, t } from '../i18n/messages.js';
import {
  type BrowserDirs,
  browserTempDir,
  createBrowserDirs,
  killProcessesUsing,
  removeStaleBrowserDirs,
} from './browser-dirs.js';
import { isHeadlessShellFile } from './find-browser.js';
import { killProcessTree, trackBrowser } from './process-cleanup.js';
import { spawnAndConnect } from './spawn-browser.js';
import { TimeoutExpired, delay, withTimeout } from './timeout.js';
import { errorText, oneLine } from '../text/one-line.js';
import { displayName, escapeUnsafe } from '../text/control-chars.js';
import { probeVersion } from './version-probe.js';
import { causeText } from '../output/write-error.js';

/**
 * Starts a browser from puppeteer's launch options; replaceable to observe or fake launches
 * (`puppeteer.launch` fits too). The Browser must answer process() with its ChildProcess.
 */
export type Launcher = (options: LaunchOptions) => Promise<Browser>;

/** Spawns Chromium before loading puppeteer-core, then connects over the pipe (spawn-browser.ts). */
export const defaultLauncher: Launcher = spawnAndConnect;

/** Flags for a browser that prints local documents and must never touch the network. */
export const CHROME_ARGS: readonly string[] = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-gpu',
  '--disable-dev-shm-usage', // containers have a small /dev/shm
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--no-default-browser-check',
  '--no-pings',
  '--metrics-recording-only',
  '--mute-audio',
  '--hide-scrollbars',
  // Defence in depth behind request interception: no host name resolves and every
  // connection goes to a dead proxy, so even a request the interception missed (DNS prefetch,
  // preconnect) cannot leave the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--proxy-server=127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--headless',
];

export interface LaunchBrowserOptions {
  executablePath: string;
  launcher?: Launcher;
  /** How long the browser may take to start (default 30 s). */
  launchTimeoutMs?: number;
  /** Bound on every DevTools call (default 60 s). */
  protocolTimeoutMs?: number;
  /** Extra Chromium flags. */
  args?: readonly string[];
  /**
   * Environment of the browser process (cci passes the one it started with: config/environment.ts;
   * nothing is inherited when absent), to which the variables of its private folders are added
   * (TMPDIR, CHROME_CONFIG_HOME, XDG_RUNTIME_DIR: browser-dirs.ts). CCI_NO_SANDBOX is read from it.
   */
  env?: NodeJS.ProcessEnv;
  /** Where the browser's private folder is made (default os.tmpdir(); /tmp when too long: browserTempDir). */
  tempDir?: string;
  /**
   * This start replaces a browser that crashed during the run (printer.ts): one that does not
   * start is then a BrowserRestartError (exit 4, why it did not start, no install advice and no
   * `--version` diagnosis), not a BrowserStartError (exit 5: no usable browser).
   */
  afterCrash?: boolean;
  /**
   * The caller gave up (the printer closed): a browser still starting is stopped at once and
   * this rejects with a RenderError saying so, without waiting for the launch time-out or
   * diagnosing the browser. Ignored once the browser has started.
   */
  signal?: AbortSignal;
}

/**
 * A browser that crashed during a run could not be started again (a RenderError, exit 4: the
 * browser is there and did start before; memory, not installation, is the likely cause).
 * `reason` says why the new start failed (one or more lines, each safe to print); the printer
 * words the message with the document it was printing.
 */
export class BrowserRestartError extends RenderError {
  /** `headline`: the first line, ending with a colon (default: `pdf.crash.noTitle`, naming no document). */
  constructor(
    readonly executablePath: string,
    readonly reason: string,
    options: { cause?: unknown; headline?: string } = {},
  ) {
    const headline = options.headline ?? t('pdf.crash.noTitle', { path: displayName(executablePath) });
    super(`${headline}\n  ${reason}\n${t('pdf.crash.advice')}`, { cause: options.cause });
    this.name = 'BrowserRestartError';
  }
}

/** A running browser and what it takes to get rid of it. */
export interface LaunchedBrowser {
  readonly browser: Browser;
  readonly pid: number | undefined;
  /** The private folder holding the profile and everything else the browser writes. */
  readonly dir: string;
  /** The profile (`--user-data-dir`), inside `dir`. */
  readonly profileDir: string;
  readonly executablePath: string;
  /** Kills the process tree at once (watchdog). The folders are removed by close(). */
  kill(): void;
  /**
   * Kills the process tree and any process still using the private folder (a crash handler
   * in a session of its own), waits (a few seconds at most) for the browser to exit, and
   * removes the private folder.
   */
  close(): Promise<void>;
}

/** Lets Node exit without waiting for a killed process: its pipes closed, its handle unreferenced. */
function detach(proc: ChildProcess | null): void {
  if (!proc) return;
  for (const stream of proc.stdio) stream?.destroy();
  proc.unref();
}

function needsNoSandbox(env: NodeJS.ProcessEnv): boolean {
  // Chromium refuses to run its sandbox as root; CI containers often lack user namespaces.
  return process.getuid?.() === 0 || env.CCI_NO_SANDBOX === '1';
}

/** The first `n` non-empty lines of a foreign text (an error, a browser's output), each safe to print. */
function firstLines(text: string, n = 6): string {
  return text
    .split('\n')
    .map((l) => {
      const line = escapeUnsafe(l.trim());
      return line.length > 200 ? `${line.slice(0, 200)}…` : line;
    })
    .filter(Boolean)
    .slice(0, n)
    .join('\n  ');
}

export async function launchBrowser(opts: LaunchBrowserOptions): Promise<LaunchedBrowser> {
  const noSandbox = needsNoSandbox(opts.env ?? {});
  try {
    return await launchOnce(opts, noSandbox);
  } catch (error) {
    // Killed (SIGKILL) from outside while it started, most likely by the kernel's out-of-memory
    // killer: a browser that is installed, tried once more before it is called one that does
    // not start (exit 5, with advice to install one).
    if (!opts.signal?.aborted && killedWhileStarting(error)) return launchOnce(opts, noSandbox);
    throw error;
  }
}

/** Whether a failed start was the browser's process killed with SIGKILL (spawn-browser.ts marks it). */
function killedWhileStarting(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { killedBy?: string }).killedBy === 'SIGKILL') return true;
  }
  return false;
}

/**
 * Why a browser could not be driven: over the DevTools pipe, puppeteer only sees "Target
 * closed", so run `exe --version` to show what the executable itself says (missing libraries,
 * not a browser at all...).
 */
async function diagnose(exe: string, env: NodeJS.ProcessEnv | undefined): Promise<string> {
  const timeoutMs = 5_000;
  const probe = await probeVersion(exe, env, timeoutMs);
  const said = firstLines(`${probe.stderr}\n${probe.stdout}`, 3);
  const path = displayName(exe);
  if (probe.code === 0) {
    return t('pdf.version.works', { path, said: said || t('pdf.version.noOutput') });
  }
  const how =
    probe.spawnError !== undefined
      ? t('pdf.version.couldNotRun', { path, reason: oneLine(probe.spawnError) })
      : probe.timedOut
        ? t('pdf.version.timedOut', { path, seconds: formatDecimal(timeoutMs / 1000) })
        : probe.code === null
          ? t('pdf.version.killed', { path })
          : t('pdf.version.exited', { path, code: probe.code });
  return said ? `${t('pdf.version.said', { how })}\n  ${said}` : how;
}

async function launchOnce(opts: LaunchBrowserOptions, noSandbox: boolean): Promise<LaunchedBrowser> {
  const launcher = opts.launcher ?? defaultLauncher;
  const launchTimeoutMs = opts.launchTimeoutMs ?? 30_000;
  const exe = opts.executablePath;
  const tempDir = browserTempDir(opts.tempDir ?? tmpdir());
  // Synchronously: an await here would let the caller's data loading run before the spawn.
  let dirs: BrowserDirs;
  try {
    dirs = createBrowserDirs(tempDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? errorText(error);
    throw new RenderError(t('pdf.privateFolder', { dir: displayName(tempDir), reason: causeText(code) }), {
      cause: error,
    });
  }
  const live = { pid: undefined as number | undefined, dir: dirs.root };
  const untrack = trackBrowser(live);
  const args = [
    ...CHROME_ARGS,
    `--crash-dumps-dir=${dirs.crashDumps}`,
    ...(noSandbox ? ['--no-sandbox'] : []),
    ...(opts.args ?? []),
  ];
  const env = { ...opts.env, ...dirs.env };
  const abort = new AbortController();
  const removeDirs = () =>
    rm(dirs.root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);

  let browser: Browser;
  const giveUp = (): void => abort.abort();
  opts.signal?.addEventListener('abort', giveUp, { once: true });
  try {
    if (opts.signal?.aborted) throw new RenderError(t('pdf.closedWhileStarting'));
    const launching = launcher({
      executablePath: exe,
      // the headless shell has only the old headless mode; a full browser runs the new one
      headless: isHeadlessShellFile(exe) ? 'shell' : true,
      pipe: true,
      args,
      userDataDir: dirs.profile,
      timeout: launchTimeoutMs,
      protocolTimeout: opts.protocolTimeoutMs ?? 60_000,
      signal: abort.signal,
      // cci cleans up itself (process-cleanup.ts) without calling process.exit
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      dumpio: false,
      env,
    });
    // While the browser starts: the folders of earlier runs that were killed before cleaning up.
    void removeStaleBrowserDirs(tempDir);
    browser = await withTimeout(launching, launchTimeoutMs, (late) => {
      killProcessTree(late.process()?.pid);
      void late.close().catch(() => undefined);
    });
    opts.signal?.removeEventListener('abort', giveUp);
  } catch (error) {
    opts.signal?.removeEventListener('abort', giveUp);
    abort.abort(); // the launcher kills the process group it started
    await delay(50);
    killProcessesUsing(dirs.root);
    await removeDirs();
    untrack();
    // stopped by the caller: nothing to diagnose
    if (opts.signal?.aborted) throw new RenderError(t('pdf.closedWhileStarting'), { cause: error });
    const path = displayName(exe);
    const seconds = formatDecimal(launchTimeoutMs / 1000);
    const timedOut = error instanceof TimeoutExpired;
    const raw = error instanceof Error ? error.message : String(error);
    const detail = timedOut
      ? t('pdf.start.tooSlow', { seconds })
      : /Target closed|Connection closed|closed the connection/i.test(raw)
        ? t('pdf.start.stoppedAtOnce')
        : firstLines(raw);
    // A browser that ran until it crashed is installed: why it did not start again, no more.
    if (opts.afterCrash === true) throw new BrowserRestartError(exe, detail, { cause: error });
    const hint = t('browser.installHint');
    if (timedOut) throw new BrowserStartError(t('pdf.start.timedOut', { path, seconds, hint }), { cause: error });
    // a program cci stopped for what it sent: its --version would only blame its start
    const spoke = (error as { protocolFailure?: boolean }).protocolFailure === true;
    const diagnosis = spoke ? '' : `\n${await diagnose(exe, env)}`;
    const sandboxHint = noSandbox || spoke ? '' : `\n${t('pdf.start.sandboxHint')}`;
    throw new BrowserStartError(`${t('pdf.start.failed', { path })}\n  ${detail}${diagnosis}${sandboxHint}\n${hint}`, {
      cause: error,
    });
  }

  const pid = browser.process()?.pid;
  live.pid = pid;
  let closing: Promise<void> | undefined;
  const kill = (): void => killProcessTree(pid);

  return {
    browser,
    pid,
    dir: dirs.root,
    profileDir: dirs.profile,
    executablePath: exe,
    kill,
    close() {
      // Started once the promise is assigned: disconnect() emits 'disconnected' at once, and a
      // listener that calls close() again (PdfPrinter's) must get this promise, not start a
      // second kill, /proc scan and removal.
      closing ??= Promise.resolve().then(async () => {
        try {
          // No graceful Browser.close (about 0.1 s at the end of every run): the profile is
          // thrown away, so Chromium has nothing worth saving. Disconnecting first makes
          // puppeteer see a close rather than a crash.
          if (browser.connected) await browser.disconnect().catch(() => undefined);
        } finally {
          kill();
          killProcessesUsing(dirs.root);
          // Killed processes write nothing more, so the folders can go while the kernel tears
          // them down (some 20-50 ms for Chromium's tree): cci does not wait for that, nor
          // keeps Node running for it. rm retries if a file is still held; a folder that
          // survives anyway is removed at the next start (removeStaleBrowserDirs).
          detach(browser.process());
          await removeDirs();
          untrack();
        }
      });
      return closing;
    },
  };
}
