// Last-resort cleanup of the browsers cci started: when the Node process exits or is
// interrupted (SIGINT, SIGTERM, SIGHUP) while a browser is still open, its process group and
// any process still using its folders are killed and its private folders removed, synchronously.

import { killProcessesUsing, removeDirSync } from './browser-dirs.js';

export interface LiveBrowser {
  pid: number | undefined;
  /** The browser's private folder (browser-dirs.ts): removed with everything in it. */
  dir: string;
}

const live = new Set<LiveBrowser>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

/** Kills a browser's whole process group (its renderers and helpers too). Never throws. */
export function killProcessTree(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform !== 'win32') {
    try {
      process.kill(-pid, 'SIGKILL'); // puppeteer starts the browser as a process group leader
      return;
    } catch {
      // not a group leader, or already gone: fall back to the process itself
    }
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function cleanupAll(): void {
  for (const b of live) {
    killProcessTree(b.pid);
    killProcessesUsing(b.dir);
    removeDirSync(b.dir);
  }
  live.clear();
}

function onExit(): void {
  cleanupAll();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanupAll();
  uninstall();
  // Without us, would anyone handle this signal? If not, die of it as Node would have.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', onExit);
  for (const s of SIGNALS) process.off(s, onSignal);
}

/** Registers a running browser; the returned function unregisters it (after a normal close). */
export function trackBrowser(b: LiveBrowser): () => void {
  live.add(b);
  install();
  return () => {
    live.delete(b);
    if (live.size === 0) uninstall();
  };
}

/** How many browsers are registered (for tests). */
export function liveBrowserCount(): number {
  return live.size;
}
