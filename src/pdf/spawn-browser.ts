// Starting Chromium without waiting for puppeteer: the process is spawned first, and
// puppeteer-core is imported and connected over the DevTools pipe while Chromium starts (on the
// other core). puppeteer.launch() would load puppeteer-core (about 0.1 s of CPU) and only then
// spawn, putting the two one after the other on the critical path of `cci brief --format pdf`.

import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { Browser, LaunchOptions } from 'puppeteer-core';
import { cdpConnector } from './cdp-connect.js';
import { chromeCommandLine } from './chrome-args.js';
import { PipeTransport } from './pipe-transport.js';
import { killProcessTree, trackBrowser } from './process-cleanup.js';
import { TimeoutExpired, withTimeout } from './timeout.js';
import { t } from '../i18n/messages.js';
import { escapeUnsafe } from '../text/control-chars.js';
import { oneLine } from '../text/one-line.js';

/** What the browser last wrote on stderr is kept for error messages, not more. */
const STDERR_KEPT = 8 * 1024;

/** The end of what a process writes on a stream, read all along so that the pipe never fills. */
function stderrTail(stream: Readable | null): () => string {
  let tail = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (text: string) => {
    tail = (tail + text).slice(-STDERR_KEPT);
  });
  stream?.on('error', () => undefined);
  return () => tail;
}

/** The last non-empty lines of a text. */
function lastLines(text: string, n: number): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-n);
}

/**
 * Rejects when the process cannot be run or exits, with its exit status and the end of its
 * stderr (missing libraries, "not a browser"...); stops watching when `settled` aborts.
 */
function endOf(child: ChildProcess, stderr: () => string, settled: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    const onError = (error: Error): void =>
      reject(new Error(t('pdf.start.couldNotRun', { reason: oneLine(error.message) }), { cause: error }));
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      // stderr may still hold the last lines: let them arrive
      setTimeout(() => {
        const said = lastLines(stderr(), 5);
        const how =
          code !== null
            ? t(said.length ? 'pdf.start.exitedSaid' : 'pdf.start.exited', { code })
            : t(said.length ? 'pdf.start.killedSaid' : 'pdf.start.killed', {
                signal: signal ?? t('pdf.start.aSignal'),
              });
        // what it said is quoted as it is, each line escaped (launch.ts escapes it again when it prints it)
        const error = new Error(said.length ? `${how}\n${said.map(escapeUnsafe).join('\n')}` : how);
        // killed from outside (cci kills it only after giving up): launchBrowser tries once more
        reject(signal === 'SIGKILL' ? Object.assign(error, { killedBy: signal }) : error);
      }, 20);
    };
    child.once('error', onError);
    child.once('exit', onExit);
    settled.addEventListener('abort', () => {
      child.off('error', onError);
      child.off('exit', onExit);
    });
  });
}

/** The pipe of each browser cci connected to, for protocolFailureOf. */
const transports = new WeakMap<Browser, PipeTransport>();

/**
 * Why the connection to `browser` was ended by cci, when it sent what is not the DevTools
 * protocol (pipe-transport.ts): a program that is not Chrome, not a crash to retry.
 */
export function protocolFailureOf(browser: Browser): string | undefined {
  return transports.get(browser)?.failure;
}

/** Makes a connected Browser answer process() as a launched one does (cci and tests kill by its pid). */
function attachProcess(browser: Browser, child: ChildProcess): void {
  Object.defineProperty(browser, 'process', { value: () => child, configurable: true });
}

/**
 * A Launcher that does what puppeteer.launch({ pipe: true, ... }) does with the options cci
 * passes (executablePath, args, userDataDir, headless, env, protocolTimeout, defaultViewport,
 * signal), but spawns Chromium before loading puppeteer-core. The start-up time is bounded by
 * the caller through `signal` (launchBrowser), which kills the process tree.
 */
export async function spawnAndConnect(options: LaunchOptions): Promise<Browser> {
  const { executablePath, userDataDir } = options;
  if (!executablePath || !userDataDir) throw new Error('spawnAndConnect needs executablePath and userDataDir');
  const headless = options.headless ?? true;
  // No first tab: the printer opens a page per document, and a browser without one is ready sooner.
  const child = spawn(
    executablePath,
    chromeCommandLine({ userDataDir, args: options.args ?? [], headless, startupPage: false }),
    {
      // its own process group, so that killProcessTree takes its helpers and renderers too
      detached: process.platform !== 'win32',
      ...(options.env !== undefined && { env: options.env }),
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    },
  );
  // Until the caller registers it, an exit of cci during the start must not leave it running.
  const untrack = trackBrowser({ pid: child.pid, dir: userDataDir });
  const stderr = stderrTail(child.stderr);
  const settled = new AbortController();
  const kill = (): void => killProcessTree(child.pid);
  options.signal?.addEventListener('abort', kill, { once: true });
  const ended = endOf(child, stderr, settled.signal);
  const failed = new AbortController();
  try {
    if (options.signal?.aborted) kill();
    const browser = await Promise.race([connect(child, options, failed.signal), ended]);
    attachProcess(browser, child);
    return browser;
  } catch (error) {
    failed.abort();
    // A closed pipe ("Connection closed") usually means the process is dying: its exit status
    // and stderr say more. Waited for before killing it, or the reason would be our SIGKILL.
    const reason = await withTimeout(ended, 1_000).catch((e: unknown) => (e instanceof TimeoutExpired ? error : e));
    kill();
    throw reason;
  } finally {
    settled.abort();
    options.signal?.removeEventListener('abort', kill);
    untrack();
  }
}

async function connect(child: ChildProcess, options: LaunchOptions, failed: AbortSignal): Promise<Browser> {
  const { connect: connectTo } = await cdpConnector();
  // The process may have ended during the import: nothing left to connect to.
  if (failed.aborted) throw new Error(t('pdf.start.givenUp'));
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const transport = new PipeTransport(toBrowser, fromBrowser);
  try {
    const browser = await connectTo(transport, {
      // puppeteer.launch() and connect() both default to an 800×600 viewport
      ...(options.defaultViewport !== undefined && { defaultViewport: options.defaultViewport }),
      ...(options.protocolTimeout !== undefined && { protocolTimeout: options.protocolTimeout }),
    });
    transports.set(browser, transport);
    return browser;
  } catch (error) {
    // a program that answers on the pipe with something else: that, not "connection closed"
    // cci ended the connection: the program's --version says nothing more (launch.ts diagnosis)
    if (transport.failure !== undefined) {
      throw Object.assign(new Error(transport.failure, { cause: error }), { protocolFailure: true });
    }
    // puppeteer tripping over answers of the wrong shape (a program that is not Chrome)
    if (error instanceof TypeError) {
      throw Object.assign(
        new Error(t('pdf.start.notChrome', { reason: oneLine(error.message) }), {
          cause: error,
        }),
        { protocolFailure: true },
      );
    }
    throw error;
  }
}
