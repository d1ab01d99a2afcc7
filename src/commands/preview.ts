// `cci preview`: serves the briefings of a data folder on 127.0.0.1 with live reload, until
// Ctrl-C. stdout gets the URL, alone on the first line; everything else goes to stderr.

import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { openInBrowser } from '../preview/open-browser.js';
import { startPreviewServer } from '../preview/server.js';
import { readEnvironment } from '../config/environment.js';
import { stateDirFor } from '../config/state-dir.js';
import type { Io } from './io.js';
import { errorText } from '../text/one-line.js';

export const DEFAULT_PREVIEW_PORT = 4173;

export interface PreviewOptions {
  data?: string;
  port?: string;
  open?: boolean;
  /** false with --no-cache: every file parsed again. */
  cache?: boolean;
  /** The state folder (the register of issued briefings). */
  state?: string;
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PREVIEW_PORT;
  const trimmed = text.trim();
  const n = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || n > 65535) {
    throw new UsageError(t('preview.badPort', { value: text }));
  }
  return n;
}

/** Resolves on the first SIGINT or SIGTERM; a second one while stopping exits at once. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.once('SIGINT', () => process.exit(130));
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function runPreview(
  opts: PreviewOptions,
  io: Io,
  stopSignal: () => Promise<unknown> = untilSignal,
): Promise<number> {
  const port = parsePort(opts.port);
  const dataDir = resolve(io.cwd, opts.data ?? 'data');
  const env = readEnvironment(io.env);
  const cacheDir = opts.cache === false ? undefined : env.cacheDir;
  const stateDirOf = (eventId: string): string | undefined => {
    try {
      return stateDirFor({ option: opts.state, env, eventId, cwd: io.cwd });
    } catch {
      return undefined; // no home folder: nothing issued can be shown
    }
  };
  const server = await startPreviewServer({ dataDir, port, io, cacheDir, browserEnv: env.browserEnv, stateDirOf });
  const stopped = stopSignal();
  io.out(server.url);
  io.info(t('preview.started', { dir: dataDir }));
  if (opts.open) {
    openInBrowser(server.url).catch((error: unknown) => {
      // the address (with its session token) is said once, on stdout, never on stderr
      io.warn(t('preview.openYourself', { reason: errorText(error) }));
    });
  }
  await stopped;
  io.info(t('preview.stopping'));
  await server.close();
  return 0;
}
