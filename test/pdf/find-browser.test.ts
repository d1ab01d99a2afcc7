import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, NoBrowserError } from '../../src/errors.js';
import { browserVersion, findBrowser, systemBrowserPaths, unwrap } from '../../src/pdf/index.js';
import { isHeadlessShellFile } from '../../src/pdf/find-browser.js';
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
const systemShell = script('shells/chromium-headless-shell', 'exit 0');
const noPath = { HOME: emptyHome, PATH: '' };

/** An executable that starts like an ELF binary (what unwrap() accepts as a wrapper's target). */
function fakeBinary(name: string): string {
  const file = path.join(tmp, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.from('rest of a binary')]));
  chmodSync(file, 0o755);
  return file;
}

describe('findBrowser', () => {
  it('prefers the explicit option over the environment and the system', async () => {
    const found = await findBrowser({ executablePath: a, env: { CCI_BROWSER: b }, systemPaths: [c] });
    expect(found).toEqual({ path: a, source: 'option', kind: 'chrome' });
  });

  it('takes CCI_BROWSER before PUPPETEER_EXECUTABLE_PATH before CHROME_PATH, and says which', async () => {
    const env = { CCI_BROWSER: a, PUPPETEER_EXECUTABLE_PATH: b, CHROME_PATH: c };
    expect(await findBrowser({ env, systemPaths: [] })).toEqual({
      path: a,
      source: 'env',
      kind: 'chrome',
      variable: 'CCI_BROWSER',
    });
    expect(await findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: b, CHROME_PATH: c }, systemPaths: [] })).toMatchObject(
      {
        path: b,
        source: 'env',
        variable: 'PUPPETEER_EXECUTABLE_PATH',
      },
    );
    expect(await findBrowser({ env: { CHROME_PATH: c }, systemPaths: [] })).toMatchObject({
      path: c,
      source: 'env',
      variable: 'CHROME_PATH',
    });
  });

  it('prefers a browser named in the environment over an installed headless shell', async () => {
    expect(await findBrowser({ env: { CHROME_PATH: b }, systemPaths: [systemShell, a] })).toMatchObject({
      path: b,
      source: 'env',
    });
  });

  it('resolves a bare command name in CCI_BROWSER on PATH', async () => {
    expect(
      await findBrowser({ env: { CCI_BROWSER: 'chrome-b', PATH: `/nonexistent:${tmp}` }, systemPaths: [] }),
    ).toMatchObject({
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

  it('refuses an empty --browser (an unset variable) rather than looking for another browser', async () => {
    for (const empty of ['', ' ', '\t']) {
      const error = await findBrowser({ executablePath: empty, env: {}, systemPaths: [b] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NoBrowserError);
      expect((error as Error).message).toMatch(/^--browser names no browser \(an empty value: an unset variable\?\)/);
    }
  });

  it('takes the first system path that is an executable file', async () => {
    const found = await findBrowser({ env: noPath, systemPaths: [missing, notExecutable, b, c] });
    expect(found).toEqual({ path: b, source: 'system', kind: 'chrome' });
  });

  it('takes a headless shell before any full browser, wherever it is listed', async () => {
    const found = await findBrowser({ env: noPath, systemPaths: [a, b, systemShell] });
    expect(found).toEqual({ path: systemShell, source: 'system', kind: 'headless-shell' });
  });

  it('finds a headless shell on PATH before a full browser of the system', async () => {
    const bin = path.join(tmp, 'bin');
    const onPath = script('bin/chrome-headless-shell', 'exit 0');
    const found = await findBrowser({ env: { HOME: emptyHome, PATH: `/nonexistent:${bin}` }, systemPaths: [a] });
    expect(found).toEqual({ path: onPath, source: 'path', kind: 'headless-shell' });
  });

  it("takes puppeteer's headless shell before a full browser of the system, and its newest version", async () => {
    const home = path.join(tmp, 'home-with-shells');
    for (const version of ['120.0.6099.109', '131.0.6778.85']) {
      script(
        path.relative(
          tmp,
          path.join(
            home,
            '.cache',
            'puppeteer',
            'chrome-headless-shell',
            `linux-${version}`,
            'chrome-headless-shell-linux64',
            'chrome-headless-shell',
          ),
        ),
        'exit 0',
      );
    }
    const found = await findBrowser({ env: { HOME: home, PATH: '' }, systemPaths: [a], platform: 'linux' });
    expect(found.source).toBe('puppeteer-cache');
    expect(found.kind).toBe('headless-shell');
    expect(found.path).toContain('linux-131.0.6778.85');
    // an installed one still comes first
    expect(
      await findBrowser({ env: { HOME: home, PATH: '' }, systemPaths: [a, systemShell], platform: 'linux' }),
    ).toMatchObject({
      path: systemShell,
      source: 'system',
    });
  });

  it("falls back to the newest full browser in puppeteer's cache", async () => {
    const home = path.join(tmp, 'home-with-cache');
    for (const version of ['120.0.6099.109', '131.0.6778.85', '99.0.1']) {
      const dir = path.join(home, '.cache', 'puppeteer', 'chrome', `linux-${version}`, 'chrome-linux64');
      mkdirSync(dir, { recursive: true });
      script(path.relative(tmp, path.join(dir, 'chrome')), 'exit 0');
    }
    const found = await findBrowser({ env: { HOME: home, PATH: '' }, systemPaths: [missing], platform: 'linux' });
    expect(found.source).toBe('puppeteer-cache');
    expect(found.kind).toBe('chrome');
    expect(found.path).toContain('linux-131.0.6778.85');
    const viaCacheDir = await findBrowser({
      env: { HOME: emptyHome, PATH: '', PUPPETEER_CACHE_DIR: path.join(home, '.cache', 'puppeteer') },
      systemPaths: [],
      platform: 'linux',
    });
    expect(viaCacheDir).toEqual(found);
  });

  it('throws NoBrowserError saying how to install one when nothing is found', async () => {
    const error = await findBrowser({ env: noPath, systemPaths: [missing] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoBrowserError);
    expect((error as NoBrowserError).exitCode).toBe(EXIT.NO_BROWSER);
    expect((error as Error).message).toContain('npm run setup');
    expect((error as Error).message).toContain('sudo apt-get install chromium-headless-shell');
    expect((error as Error).message).toContain('npx @puppeteer/browsers install chrome-headless-shell@stable');
    expect((error as Error).message).toContain('CCI_BROWSER=/path/to/chrome');
  });

  it('knows the usual install locations of each platform, headless shells first', () => {
    expect(systemBrowserPaths('linux', {})).toEqual([
      '/usr/bin/chromium-headless-shell',
      '/usr/lib/chromium/chromium-headless-shell',
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

describe('wrapper scripts', () => {
  const binary = fakeBinary('lib/chromium/chromium');
  const wrapper = script('wrapper/chromium', `exec '${binary}' "$@"`);
  const wrappers = { [wrapper]: [path.join(tmp, 'nowhere', 'chromium'), binary] };

  it('runs the binary a known wrapper script starts, and says which script it replaced', async () => {
    for (const found of [
      await findBrowser({ env: noPath, systemPaths: [wrapper], wrappers }),
      await findBrowser({ executablePath: wrapper, env: noPath, wrappers }),
      await findBrowser({ env: { ...noPath, CCI_BROWSER: wrapper }, wrappers }),
    ]) {
      expect(found).toMatchObject({ path: binary, wrapper, kind: 'chrome' });
    }
  });

  it('keeps a script that is not known, or whose binary is missing or not a binary, as it is', () => {
    expect(unwrap(a, 'linux', wrappers)).toEqual({ path: a });
    expect(unwrap(wrapper, 'linux', { [wrapper]: [path.join(tmp, 'nowhere', 'chromium')] })).toEqual({ path: wrapper });
    expect(unwrap(wrapper, 'linux', { [wrapper]: [b] })).toEqual({ path: wrapper }); // a script, not ELF
    expect(unwrap(binary, 'linux', { [binary]: [binary] })).toEqual({ path: binary }); // not a script
    expect(unwrap(wrapper, 'darwin', wrappers)).toEqual({ path: wrapper });
  });

  it.runIf(existsSync('/usr/bin/chromium-headless-shell'))(
    "finds Debian's headless shell on this machine and runs its binary, not the wrapper script",
    async () => {
      const found = await findBrowser({ env: { HOME: emptyHome, PATH: process.env.PATH ?? '' } });
      expect(found).toEqual({
        path: '/usr/lib/chromium/chromium-headless-shell',
        source: 'system',
        kind: 'headless-shell',
        wrapper: '/usr/bin/chromium-headless-shell',
      });
    },
  );

  it.runIf(existsSync('/usr/bin/chromium'))(
    "runs Debian's Chromium binary when --browser names its wrapper script",
    async () => {
      expect(await findBrowser({ executablePath: '/usr/bin/chromium', env: {} })).toEqual({
        path: '/usr/lib/chromium/chromium',
        source: 'option',
        kind: 'chrome',
        wrapper: '/usr/bin/chromium',
      });
    },
  );
});

describe('the kind of a browser', () => {
  it("is that of the file a link leads to, not of the link's name: each is started in its own headless mode", async () => {
    const shell = script('real/chrome-headless-shell', 'exit 0');
    const full = script('real/chromium', 'exit 0');
    const links = path.join(tmp, 'links');
    mkdirSync(links, { recursive: true });
    symlinkSync(shell, path.join(links, 'chrome'));
    symlinkSync(full, path.join(links, 'my-headless-shell'));
    const kind = async (file: string) => (await findBrowser({ executablePath: file, env: {} })).kind;
    expect(await kind(path.join(links, 'chrome'))).toBe('headless-shell');
    expect(await kind(path.join(links, 'my-headless-shell'))).toBe('chrome');
    expect(await kind(shell)).toBe('headless-shell');
    expect(isHeadlessShellFile(path.join(links, 'chrome'))).toBe(true);
    expect(isHeadlessShellFile(path.join(links, 'my-headless-shell'))).toBe(false);
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
