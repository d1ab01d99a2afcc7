// `browser --version`, run the way a browser is started (src/pdf/spawn-browser.ts): in a process
// group of its own, so that a program that starts others and hangs (a wrapper script, something
// that is not a browser) is killed with all it started when the time is up, not only its first
// process; its output capped, since it may print anything at all.

import { spawn } from 'node:child_process';
import { killProcessTree } from './process-cleanup.js';
import { escapeUnsafe } from '../text/control-chars.js';

/** What `exe --version` did. */
export interface VersionProbe {
  /** Its exit code; null when killed (the time was up, or a signal). */
  code: number | null;
  /** Killed because it had not ended within the time allowed. */
  timedOut: boolean;
  /** Could not be run at all (ENOENT, EACCES...): the error's code or message. */
  spawnError?: string;
  /** The first lines of its stdout and stderr, each line safe to print (control characters written `\u001b`). */
  stdout: string;
  stderr: string;
}

/** Bytes kept of each stream: a version is one short line, an error a few. */
const KEEP = 4096;

/** Runs `exe --version` with `env`, for at most `timeoutMs` (default 5 s). Never rejects. */
export function probeVersion(
  exe: string,
  env: NodeJS.ProcessEnv | undefined,
  timeoutMs = 5_000,
): Promise<VersionProbe> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(exe, ['--version'], {
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        ...(env !== undefined && { env }),
      });
    } catch (error) {
      resolve({ code: null, timedOut: false, spawnError: codeOf(error), stdout: '', stderr: '' });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const keep = (into: Buffer[]) => (chunk: Buffer) => {
      if (into.reduce((n, b) => n + b.length, 0) < KEEP) into.push(chunk);
    };
    child.stdout.on('data', keep(out));
    child.stderr.on('data', keep(err));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killProcessTree(child.pid);
      // something outside its group may hold its output open: do not wait for that
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        child.unref();
        resolve({ code: null, timedOut, stdout: text(out), stderr: text(err) });
      }, 500).unref();
    }, timeoutMs);
    const text = (chunks: Buffer[]) =>
      Buffer.concat(chunks)
        .subarray(0, KEEP)
        .toString('utf8')
        .split('\n')
        .map((l) => escapeUnsafe(l.replace(/\r$/, '')))
        .join('\n');
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, timedOut: false, spawnError: codeOf(error), stdout: '', stderr: '' });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      // whatever it started and left behind goes with it
      if (timedOut || code !== 0) killProcessTree(child.pid);
      resolve({ code, timedOut, stdout: text(out), stderr: text(err) });
    });
  });
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * The version line a browser prints (`Chromium 156.0.8078.108 built on Debian…`, `Google Chrome
 * for Testing 131.0.6778.85`): the first non-empty line of stdout when it names a dotted version
 * number and holds only printable text; undefined otherwise.
 */
export function versionLine(probe: VersionProbe): string | undefined {
  if (probe.code !== 0) return undefined;
  const line = probe.stdout
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  if (line === undefined || line.length > 200 || line.includes('\\u')) return undefined;
  return /^[\p{L}\p{N} .,:;()/+_'’-]*\d+\.\d+/u.test(line) ? line : undefined;
}
