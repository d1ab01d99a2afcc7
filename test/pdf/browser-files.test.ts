// Nothing the print browser writes may outlive it: no profile, cache, crash dump or socket in
// the home folder, the XDG folders or the temporary folder, with either browser, after a
// normal close, a renderer crash and a browser crash, even when a wrapper turns the crash
// reporter on (Debian's chromium wrapper may add --enable-crash-reporter; its binary writes
// crash dumps under ~/.config/chromium whatever the flags say).

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { type LaunchedBrowser, launchBrowser } from '../../src/pdf/launch.js';
import { processesUsing } from '../../src/pdf/browser-dirs.js';
import { PdfPrinter } from '../../src/pdf/printer.js';
import { alive, html, pdfText, removeTmp, tmp, waitFor, writePdf } from './helpers.js';

const made: string[] = [];
afterAll(() => {
  removeTmp();
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const CANARY = 'TLP:AMBER canary record 7f3a';

/** The browsers of this machine: the one found by default (a headless shell here) and Debian's Chromium. */
const shell = await findBrowser();
const browsers: Array<{ name: string; exe: string; writesCrashDumps: boolean }> = [
  { name: `the browser found by default (${shell.kind}, ${shell.path})`, exe: shell.path, writesCrashDumps: false },
  ...(existsSync('/usr/bin/chromium')
    ? [
        {
          name: "Debian's Chromium started through its wrapper script",
          exe: '/usr/bin/chromium',
          writesCrashDumps: true,
        },
        { name: "Debian's Chromium binary", exe: '/usr/lib/chromium/chromium', writesCrashDumps: true },
      ]
    : []),
];

/** A home, XDG folders and a temporary folder of their own, empty. */
function sandbox(): { env: NodeJS.ProcessEnv; tempDir: string; watched: string[] } {
  const root = mkdtempSync(path.join(tmp, 'sandbox-'));
  const dir = (name: string) => {
    const d = path.join(root, name);
    mkdirSync(d);
    return d;
  };
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir('home'),
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_CACHE_HOME: dir('xdg-cache'),
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_STATE_HOME: dir('xdg-state'),
  };
  // short, as the usual /tmp: a longer one is replaced by /tmp (browserTempDir)
  const tempDir = mkdtempSync('/tmp/cci-t-');
  made.push(tempDir);
  return {
    env,
    tempDir,
    watched: [env.HOME, env.XDG_CONFIG_HOME, env.XDG_CACHE_HOME, env.XDG_DATA_HOME, env.XDG_STATE_HOME, tempDir],
  };
}

/** Every file and folder under the given folders. */
function leftovers(dirs: readonly string[]): string[] {
  return dirs.flatMap((d) => readdirSync(d, { recursive: true }).map((n) => path.join(d, String(n))));
}

/** Files under `dir` whose path looks like a crash dump or crash database. */
function crashFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((n) => /crash|\.dmp$/i.test(n));
}

async function showCanary(lb: LaunchedBrowser): Promise<Page> {
  const page = await lb.browser.newPage();
  await page.setContent(html(`<p>${CANARY}</p>`));
  return page;
}

describe.each(browsers)('$name', ({ exe, writesCrashDumps }) => {
  it('leaves nothing in the home, XDG or temporary folders after a renderer crash, even with the crash reporter on', async () => {
    const box = sandbox();
    const lb = await launchBrowser({
      executablePath: exe,
      env: box.env,
      tempDir: box.tempDir,
      args: ['--enable-crash-reporter'],
    });
    try {
      const page = await showCanary(lb);
      const crashed = new Promise<void>((resolve) => page.once('error', () => resolve()));
      const session = await page.createCDPSession();
      void session.send('Page.crash').catch(() => undefined);
      await crashed;
      if (writesCrashDumps) {
        // the dump was written, and inside the browser's own folder
        expect(await waitFor(() => crashFiles(lb.dir).some((f) => f.endsWith('.dmp')), 10_000)).toBe(true);
      }
      expect(leftovers(box.watched).filter((f) => !f.startsWith(lb.dir))).toEqual([]);
    } finally {
      await lb.close();
    }
    expect(leftovers(box.watched)).toEqual([]);
    expect(await waitFor(() => processesUsing(lb.dir).length === 0)).toBe(true);
  });

  it('leaves nothing behind after the browser itself crashes, and no process', async () => {
    const box = sandbox();
    const lb = await launchBrowser({
      executablePath: exe,
      env: box.env,
      tempDir: box.tempDir,
      args: ['--enable-crash-reporter'],
    });
    try {
      await showCanary(lb);
      const session = await lb.browser.target().createCDPSession();
      void session.send('Browser.crash').catch(() => undefined);
      expect(await waitFor(() => !lb.browser.connected, 10_000)).toBe(true);
      if (writesCrashDumps)
        expect(await waitFor(() => crashFiles(lb.dir).some((f) => f.endsWith('.dmp')), 10_000)).toBe(true);
    } finally {
      await lb.close();
    }
    expect(leftovers(box.watched)).toEqual([]);
    expect(await waitFor(() => processesUsing(lb.dir).length === 0)).toBe(true);
    expect(await waitFor(() => !alive(lb.pid!))).toBe(true);
  });

  it('prints through PdfPrinter and leaves nothing once closed', async () => {
    const box = sandbox();
    const printer = PdfPrinter.start({ executablePath: exe, env: box.env, tempDir: box.tempDir });
    try {
      const bytes = await printer.print({
        html: html(`<p>${CANARY}</p>`),
        title: 'Canary',
        lang: 'en',
        subject: 'TLP:AMBER',
      });
      expect(pdfText(writePdf(bytes))).toContain(CANARY);
      expect(readdirSync(box.tempDir)).toEqual([expect.stringMatching(/^cci-browser-\d+-\w+$/)]);
    } finally {
      await printer.close();
    }
    expect(leftovers(box.watched)).toEqual([]);
  });
});

describe('LaunchedBrowser.close', () => {
  it("is one close when it is called again from the browser's 'disconnected' event (as PdfPrinter does): one kill, one removal", async () => {
    const box = sandbox();
    const lb = await launchBrowser({ executablePath: shell.path, env: box.env, tempDir: box.tempDir });
    let again: Promise<void> | undefined;
    lb.browser.once('disconnected', () => {
      again = lb.close();
    });
    const closing = lb.close();
    await closing;
    expect(again).toBe(closing);
    expect(leftovers(box.watched)).toEqual([]);
  });
});
