// Finding a Chrome or Chromium to print with: an explicit path, then the environment, then
// the usual install locations, then puppeteer's download cache. cci never downloads one.

import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { NoBrowserError } from '../errors.js';
import { t } from '../i18n/messages.js';

export type BrowserSource = 'option' | 'env' | 'system' | 'puppeteer-cache';

export interface FoundBrowser {
  path: string;
  source: BrowserSource;
}

export interface FindBrowserOptions {
  /** An explicit path (e.g. from `--browser`): used as is, an error if it is not there. */
  executablePath?: string;
  /** Environment to read CCI_BROWSER & co., HOME and PATH from (the caller's; none when absent). */
  env?: NodeJS.ProcessEnv;
  /** Platform whose install locations to look at (default process.platform). */
  platform?: NodeJS.Platform;
  /** Replaces the built-in list of install locations (for tests). */
  systemPaths?: readonly string[];
}

/** Environment variables naming a browser, most specific first. */
export const BROWSER_ENV_VARS = ['CCI_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

/** How to get a browser (English; cli.browser.installHint in the catalogues for the person's language). */
export const INSTALL_HINT =
  'Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or Google Chrome, ' +
  'or set CCI_BROWSER=/path/to/chrome.';

/** The usual install locations of Chrome and Chromium on a platform. */
export function systemBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  switch (platform) {
    case 'darwin': {
      const apps = [
        'Google Chrome.app/Contents/MacOS/Google Chrome',
        'Chromium.app/Contents/MacOS/Chromium',
        'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
      ];
      const roots = ['/Applications'];
      if (env.HOME) roots.push(path.posix.join(env.HOME, 'Applications'));
      return roots.flatMap((root) => apps.map((app) => path.posix.join(root, app)));
    }
    case 'win32': {
      const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
        (r): r is string => Boolean(r),
      );
      if (roots.length === 0) roots.push('C:\\Program Files', 'C:\\Program Files (x86)');
      return roots.flatMap((root) => [
        path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      ]);
    }
    default:
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/snap/bin/chromium',
      ];
  }
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A bare command name (`chromium`) is looked up on PATH; a path is taken as it is. */
function resolveCommand(value: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (value.includes('/') || value.includes('\\')) return value;
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':');
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, value);
    if (isExecutableFile(candidate, platform)) return candidate;
  }
  return value;
}

/** Compares puppeteer cache folder names like `linux-131.0.6778.85` by version, newest first. */
function byVersionDesc(a: string, b: string): number {
  const va = (a.split('-').pop() ?? '').split('.').map(Number);
  const vb = (b.split('-').pop() ?? '').split('.').map(Number);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const d = (vb[i] ?? 0) - (va[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return b.localeCompare(a);
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/** Executables puppeteer would have downloaded into its cache, newest version first. */
export function puppeteerCacheBrowsers(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const home = env.HOME ?? env.USERPROFILE;
  const cacheDir =
    env.PUPPETEER_CACHE_DIR ?? (home ? path.join(home, '.cache', 'puppeteer') : undefined);
  if (!cacheDir) return [];
  // Layout: <cache>/<browser>/<platform>-<buildId>/<archive folder>/<executable>
  const layouts: Array<{ browser: string; files: string[] }> = [
    {
      browser: 'chrome',
      files: [
        'chrome-linux64/chrome',
        'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        'chrome-win64/chrome.exe',
        'chrome-win32/chrome.exe',
      ],
    },
    {
      browser: 'chrome-headless-shell',
      files: [
        'chrome-headless-shell-linux64/chrome-headless-shell',
        'chrome-headless-shell-mac-arm64/chrome-headless-shell',
        'chrome-headless-shell-mac-x64/chrome-headless-shell',
        'chrome-headless-shell-win64/chrome-headless-shell.exe',
        'chrome-headless-shell-win32/chrome-headless-shell.exe',
      ],
    },
  ];
  const found: string[] = [];
  for (const { browser, files } of layouts) {
    const root = path.join(cacheDir, browser);
    for (const build of listDirs(root).sort(byVersionDesc)) {
      for (const file of files) {
        const candidate = path.join(root, build, ...file.split('/'));
        if (isExecutableFile(candidate, platform)) found.push(candidate);
      }
    }
  }
  return found;
}

/**
 * Finds the browser to print with. Order: `executablePath`, then CCI_BROWSER,
 * PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, then the usual install locations, then puppeteer's
 * cache. A path given explicitly (option or environment) that is not an executable file is an
 * error rather than silently replaced by another browser.
 */
export async function findBrowser(opts: FindBrowserOptions = {}): Promise<FoundBrowser> {
  const env = opts.env ?? {};
  const platform = opts.platform ?? process.platform;

  if (opts.executablePath !== undefined && opts.executablePath !== '') {
    const file = resolveCommand(opts.executablePath, env, platform);
    if (!isExecutableFile(file, platform)) {
      throw new NoBrowserError(t('browser.notExecutable', { path: opts.executablePath, hint: t('browser.installHint') }));
    }
    return { path: file, source: 'option' };
  }

  for (const name of BROWSER_ENV_VARS) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    const file = resolveCommand(value.trim(), env, platform);
    if (!isExecutableFile(file, platform)) {
      throw new NoBrowserError(t('browser.badVariable', { name, value }));
    }
    return { path: file, source: 'env' };
  }

  const systemPaths = opts.systemPaths ?? systemBrowserPaths(platform, env);
  for (const file of systemPaths) {
    if (isExecutableFile(file, platform)) return { path: file, source: 'system' };
  }

  const cached = puppeteerCacheBrowsers(env, platform)[0];
  if (cached !== undefined) return { path: cached, source: 'puppeteer-cache' };

  throw new NoBrowserError(t('browser.notFound', {
    variables: BROWSER_ENV_VARS.join(', '), paths: systemPaths.join(', '), hint: t('browser.installHint'),
  }));
}
