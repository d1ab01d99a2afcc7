import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, NoBrowserError } from '../../src/errors.js';
import { browserVersion, findBrowser, systemBrowserPaths } from '../../src/pdf/index.js';
import { removeTmp, script, tmp } from './helpers.js';

afterAll(removeTmp);

const a = script('chrome-a', 'exit 0');
const b = script('chrome-b', 'exit 0');
const c = script('chrome-c', 'exit 0');
const notExecutable = path.join(tmp, 'plain-file');
writeFileSync(notExecutable, 'not a program');
const missing = path.join(tmp, 'missing-chrome');
const emptyHome = path.join(tmp, 'empty-home');
mkdirSync(emptyHome);

describe('findBrowser', () => {
  it('prefers the explicit option over the environment and the system', async () => {
    const found = await findBrowser({ executablePath: a, env: { CCI_BROWSER: b }, systemPaths: [c] });
    expect(found).toEqual({ path: a, source: 'option' });
  });

  it('takes CCI_BROWSER before PUPPETEER_EXECUTABLE_PATH before CHROME_PATH', async () => {
    const env = { CCI_BROWSER: a, PUPPETEER_EXECUTABLE_PATH: b, CHROME_PATH: c };
    expect(await findBrowser({ env, systemPaths: [] })).toEqual({ path: a, source: 'env' });
    expect(await findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: b, CHROME_PATH: c }, systemPaths: [] })).toEqual({
      path: b,
      source: 'env',
    });
    expect(await findBrowser({ env: { CHROME_PATH: c }, systemPaths: [] })).toEqual({ path: c, source: 'env' });
  });

  it('prefers the environment over the system paths', async () => {
    expect(await findBrowser({ env: { CHROME_PATH: b }, systemPaths: [a] })).toEqual({ path: b, source: 'env' });
  });

  it('resolves a bare command name in CCI_BROWSER on PATH', async () => {
    expect(await findBrowser({ env: { CCI_BROWSER: 'chrome-b', PATH: `/nonexistent:${tmp}` }, systemPaths: [] })).toEqual({
      path: b,
      source: 'env',
    });
  });

  it('fails clearly when an environment variable names a missing file, rather than using another browser', async () => {
    const error = await findBrowser({ env: { CCI_BROWSER: missing }, systemPaths: [a] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoBrowserError);
    expect((error as Error).message).toContain(`CCI_BROWSER=${missing}`);
  });

  it('fails clearly when the explicit option is not an executable file', async () => {
    await expect(findBrowser({ executablePath: notExecutable, env: {} })).rejects.toThrow(NoBrowserError);
  });

  it('takes the first system path that is an executable file', async () => {
    const found = await findBrowser({ env: { HOME: emptyHome }, systemPaths: [missing, notExecutable, b, c] });
    expect(found).toEqual({ path: b, source: 'system' });
  });

  it("falls back to the newest browser in puppeteer's cache", async () => {
    const home = path.join(tmp, 'home-with-cache');
    for (const version of ['120.0.6099.109', '131.0.6778.85', '99.0.1']) {
      const dir = path.join(home, '.cache', 'puppeteer', 'chrome', `linux-${version}`, 'chrome-linux64');
      mkdirSync(dir, { recursive: true });
      script(path.relative(tmp, path.join(dir, 'chrome')), 'exit 0');
    }
    const found = await findBrowser({ env: { HOME: home }, systemPaths: [missing], platform: 'linux' });
    expect(found.source).toBe('puppeteer-cache');
    expect(found.path).toContain('linux-131.0.6778.85');
    const viaCacheDir = await findBrowser({
      env: { HOME: emptyHome, PUPPETEER_CACHE_DIR: path.join(home, '.cache', 'puppeteer') },
      systemPaths: [],
      platform: 'linux',
    });
    expect(viaCacheDir).toEqual(found);
  });

  it('throws NoBrowserError saying how to install one when nothing is found', async () => {
    const error = await findBrowser({ env: { HOME: emptyHome }, systemPaths: [missing] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoBrowserError);
    expect((error as NoBrowserError).exitCode).toBe(EXIT.NO_BROWSER);
    expect((error as Error).message).toContain('sudo apt-get install chromium');
    expect((error as Error).message).toContain('CCI_BROWSER=/path/to/chrome');
  });

  it('knows the usual install locations of each platform', () => {
    expect(systemBrowserPaths('linux', {})).toEqual([
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/snap/bin/chromium',
    ]);
    expect(systemBrowserPaths('darwin', { HOME: '/Users/x' })).toContain(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    );
    expect(systemBrowserPaths('darwin', {})).toContain('/Applications/Chromium.app/Contents/MacOS/Chromium');
    expect(systemBrowserPaths('win32', { PROGRAMFILES: 'C:\\Program Files' })).toContain(
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    );
  });
});

describe('browserVersion', () => {
  it('reports what the executable prints for --version', async () => {
    const fake = script('versioned-chrome', 'echo "Google Chrome 131.0.6778.85 "');
    expect(await browserVersion(fake)).toBe('Google Chrome 131.0.6778.85');
  });

  it('reports the version of the real browser', async () => {
    const { path: real } = await findBrowser();
    expect(await browserVersion(real)).toMatch(/(Chromium|Chrome)\D*\d+\./);
  });
});
