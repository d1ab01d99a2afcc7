// Connecting puppeteer to a browser over a transport, loading as little of puppeteer-core as
// it takes. `puppeteer.connect()` comes with the whole library (launchers, the WebDriver BiDi
// implementation, @puppeteer/browsers): about 145 ms of CPU to load, on the main thread,
// while cci loads its data. Its CDP connector alone, which puppeteer.connect() calls for a
// CDP transport, loads in about 65 ms (measured with process.cpuUsage(), puppeteer-core 24),
// and in less again as the one module the build bundles it into (scripts/bundle-puppeteer.mjs:
// about 100 modules fewer to resolve and link while the browser starts; docs/performance.md,
// sixth round). The connector is an internal module (package export `./internal/*`): when an
// upgrade moves it, cci falls back to puppeteer.connect(), and test/pdf/cdp-connect.test.ts
// fails so the move is seen.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, ConnectionTransport, Viewport } from 'puppeteer-core';
import type * as BrowserConnector from 'puppeteer-core/internal/cdp/BrowserConnector.js';
import type * as Environment from 'puppeteer-core/internal/environment.js';
import { packageRoot } from '../package-files.js';

export interface CdpConnectOptions {
  defaultViewport?: Viewport | null;
  protocolTimeout?: number;
}

type Connect = (transport: ConnectionTransport, options: CdpConnectOptions) => Promise<Browser>;

/** The two internal modules of puppeteer-core cci uses (one module in the bundle). */
type ConnectorModules = typeof BrowserConnector & typeof Environment;

/** Where the build puts its bundle of the connector (scripts/bundle-puppeteer.mjs). */
export const CONNECTOR_BUNDLE = path.join('dist', 'vendor', 'puppeteer-cdp.mjs');

/**
 * The build's bundle of the connector (`bundle`: its path, default CONNECTOR_BUNDLE under the
 * package root), when it was made from the puppeteer-core installed; undefined when it is
 * missing (a build not run), not a regular file, or was made from another version
 * (dependencies updated since).
 */
async function bundledConnector(bundle: string): Promise<ConnectorModules | undefined> {
  try {
    // a named pipe there would hold the import (and the process) for ever; a folder, a device: no module
    if (fs.statSync(bundle, { throwIfNoEntry: false })?.isFile() !== true) return undefined;
    const mod = (await import(pathToFileURL(bundle).href)) as ConnectorModules & { puppeteerVersion?: unknown };
    const installed = (
      JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve('puppeteer-core/package.json'), 'utf8')) as {
        version?: unknown;
      }
    ).version;
    return mod.puppeteerVersion === installed ? mod : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which connector connectOverTransport() uses: the build's bundle of the CDP connector, the
 * CDP connector from node_modules, or puppeteer.connect() (whole library) when it has moved.
 */
export async function cdpConnector(
  opts: { bundle?: string } = {},
): Promise<{ kind: 'bundle' | 'cdp' | 'puppeteer'; connect: Connect }> {
  try {
    const bundled = await bundledConnector(opts.bundle ?? path.join(packageRoot(), CONNECTOR_BUNDLE));
    const [{ _connectToCdpBrowser }, { environment }] = bundled
      ? [bundled, bundled]
      : await Promise.all([
          import('puppeteer-core/internal/cdp/BrowserConnector.js'),
          import('puppeteer-core/internal/environment.js'),
        ]);
    // What puppeteer-core's entry point sets up for Node (only used to read or write files by path).
    const unset = environment.value;
    environment.value = {
      fs,
      path,
      get ScreenRecorder() {
        return unset.ScreenRecorder;
      },
    };
    // the internal modules' declarations are another copy of the same classes as the public ones
    return {
      kind: bundled ? 'bundle' : 'cdp',
      connect: async (transport, options) => (await _connectToCdpBrowser(transport, '', options)) as unknown as Browser,
    };
  } catch {
    const { default: puppeteer } = await import('puppeteer-core');
    return { kind: 'puppeteer', connect: (transport, options) => puppeteer.connect({ transport, ...options }) };
  }
}

/** Connects to a browser over `transport` (e.g. the DevTools pipe), as puppeteer.connect({ transport }) does. */
export async function connectOverTransport(
  transport: ConnectionTransport,
  options: CdpConnectOptions,
): Promise<Browser> {
  const { connect } = await cdpConnector();
  return connect(transport, options);
}
