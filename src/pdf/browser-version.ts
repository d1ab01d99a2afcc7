// The version of a browser, for `cci doctor`.

import { RenderError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { displayName } from '../text/control-chars.js';
import { launchBrowser } from './launch.js';
import { errorText } from '../text/one-line.js';
import { probeVersion, versionLine } from './version-probe.js';

/**
 * Returns e.g. `Chromium 131.0.6778.85 built on Debian GNU/Linux 12 (bookworm)`: from
 * `path --version`, or, where that prints nothing (Chrome on Windows), by starting the browser
 * and asking it. `env`: the environment it runs with (cci's, from config/environment.ts;
 * inherited by `--version` and none but its private folders' for the start when absent).
 * RenderError if neither works within the time allowed.
 */
export async function browserVersion(path: string, timeoutMs = 10_000, env?: NodeJS.ProcessEnv): Promise<string> {
  // a line that is not a version (a program that is not a browser, garbage) is not shown as one
  const probe = await probeVersion(path, env, timeoutMs);
  const line = versionLine(probe);
  if (line !== undefined) return line;
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
    throw new RenderError(t('pdf.version.unknown', { path: displayName(path), reason: errorText(error) }), {
      cause: error,
    });
  }
}
