// Connecting puppeteer to a browser over a transport, loading as little of puppeteer-core as
// it takes. `puppeteer.connect()` comes with the whole library (launchers, the WebDriver BiDi
// implementation, @puppeteer/browsers): about 145 ms of CPU to load, on the main thread,
// while cci loads its data. Its CDP connector alone, which puppeteer.connect() calls for a
// CDP transport, loads in about 65 ms (measured with process.cpuUsage(), puppeteer-core 24).
// It is an internal module (package export `./internal/*`): when an upgrade moves it, cci
// falls back to puppeteer.connect(), and test/pdf/cdp-connect.test.ts fails so the move is seen.

import fs from 'node:fs';
import path from 'node:path';
import type { Browser, ConnectionTransport, Viewport } from 'puppeteer-core';

export interface CdpConnectOptions {
  defaultViewport?: Viewport | null;
  protocolTimeout?: number;
}

type Connect = (transport: ConnectionTransport, options: CdpConnectOptions) => Promise<Browser>;

/** Which connector connectOverTransport() uses: the CDP one alone, or puppeteer.connect(). */
export async function cdpConnector(): Promise<{ kind: 'cdp' | 'puppeteer'; connect: Connect }> {
  try {
    const [{ _connectToCdpBrowser }, { environment }] = await Promise.all([
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
      kind: 'cdp',
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
