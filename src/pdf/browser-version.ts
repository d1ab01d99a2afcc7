// The version of a browser, for `cci doctor`.

import { execFile } from 'node:child_process';
import { RenderError } from '../errors.js';
import { launchBrowser } from './launch.js';
import { errorText } from '../text/one-line.js';

function run(path: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      path,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true, ...(env !== undefined && { env }) },
      (error, stdout) => {
        if (error) reject(error);
        else resolve(String(stdout));
      },
    );
  });
}

/**
 * Returns e.g. `Chromium 131.0.6778.85 built on Debian GNU/Linux 12 (bookworm)`: from
 * `path --version`, or, where that prints nothing (Chrome on Windows), by starting the browser
 * and asking it. `env`: the environment it runs with (cci's, from config/environment.ts;
 * inherited by `--version` and none but its private folders' for the start when absent).
 * RenderError if neither works within the time allowed.
 */
export async function browserVersion(path: string, timeoutMs = 10_000, env?: NodeJS.ProcessEnv): Promise<string> {
  let first: unknown;
  try {
    const line = (await run(path, ['--version'], timeoutMs, env)).trim().split('\n')[0]?.trim();
    if (line) return line;
  } catch (error) {
    first = error;
  }
  try {
    const lb = await launchBrowser({
      executablePath: path,
      launchTimeoutMs: timeoutMs,
      protocolTimeoutMs: timeoutMs,
      ...(env !== undefined && { env }),
    });
    try {
      return await lb.browser.version();
    } finally {
      await lb.close();
    }
  } catch (error) {
    throw new RenderError(`Could not get the version of the browser ${path}: ${errorText(error)}`, {
      cause: first ?? error,
    });
  }
}
