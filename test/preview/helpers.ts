// Helpers of the preview's end-to-end tests: a copy of the fixture data folder, raw HTTP
// requests (any Host, method or path), headless Chromium, and bounded waits.

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from '../../src/pdf/find-browser.js';
import puppeteer, { type Browser } from 'puppeteer-core';

export const FIXTURE = new URL('../../fixtures/preview/', import.meta.url);

export async function copyFixture(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cci-preview-'));
  await cp(FIXTURE, dir, { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request exactly as given: the path is sent unnormalised. */
export function raw(
  port: number,
  opts: { path: string; method?: string; host?: string; headers?: Record<string, string> },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        agent: false,
        headers: { Host: opts.host ?? `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Goes in as a browser does: GET the URL cci printed (with its token), expect the redirect that
 * sets the session cookie, and return the `name=value` to send as the Cookie header.
 */
export async function sessionCookie(url: string): Promise<string> {
  const u = new URL(url);
  const res = await raw(Number(u.port), { path: u.pathname + u.search });
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (res.status !== 303 || first === undefined)
    throw new Error(`expected a 303 with a cookie from ${url}, got ${res.status}`);
  return first.split(';')[0]!;
}

/** One request as a browser that opened the URL cci printed: its session cookie sent with it. */
export async function rawInSession(
  url: string,
  opts: { path: string; method?: string; headers?: Record<string, string> },
): Promise<RawResponse> {
  const cookie = await sessionCookie(url);
  return raw(Number(new URL(url).port), { ...opts, headers: { Cookie: cookie, ...opts.headers } });
}

/** The browser cci finds (a headless shell where one is installed), driving the preview with scripts on. */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'cci-preview-chromium-'));
  const found = await findBrowser();
  const browser = await puppeteer.launch({
    executablePath: found.path,
    headless: found.kind === 'headless-shell' ? 'shell' : true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value other than undefined; fails after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
