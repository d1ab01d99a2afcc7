// Finding a browser to print with: an explicit path, then the environment, then a headless
// shell (installed by the system, on PATH, or in puppeteer's cache), then a full Chrome or
// Chromium. A distribution's wrapper script is replaced by the binary it starts. cci never
// downloads a browser.

import { accessSync, closeSync, constants, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { NoBrowserError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { displayName } from '../text/control-chars.js';

export type BrowserSource = 'option' | 'env' | 'system' | 'path' | 'puppeteer-cache';

/**
 * `headless-shell`: Chromium's old headless browser (Debian's chromium-headless-shell, Google's
 * chrome-headless-shell), the one puppeteer uses for PDFs: it starts and prints faster.
 * `chrome`: a full Chrome or Chromium, run headless.
 */
export type BrowserKind = 'headless-shell' | 'chrome';

export interface FoundBrowser {
  /** The executable cci runs: the browser's own binary, never a known wrapper script. */
  path: string;
  source: BrowserSource;
  kind: BrowserKind;
  /** The wrapper script found in its place (e.g. Debian's /usr/bin/chromium), when `path` is the binary it starts. */
  wrapper?: string;
  /** The environment variable that named it (source `env`). */
  variable?: string;
}

export interface FindBrowserOptions {
  /** An explicit path (e.g. from `--browser`): used as is, an error if it is not there. */
  executablePath?: string;
  /** Environment to read CCI_BROWSER & co., HOME and PATH from (the caller's; none when absent). */
  env?: NodeJS.ProcessEnv;
  /** Platform whose install locations to look at (default process.platform). */
  platform?: NodeJS.Platform;
  /** Replaces the built-in list of install locations (for tests); headless shells are still taken first. */
  systemPaths?: readonly string[];
  /** Replaces the built-in table of wrapper scripts and the binaries they start (for tests). */
  wrappers?: Readonly<Record<string, readonly string[]>>;
}

/** Environment variables naming a browser, most specific first. */
export const BROWSER_ENV_VARS = ['CCI_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

/** Command names of a headless shell looked up on PATH. */
export const HEADLESS_SHELL_COMMANDS = ['chrome-headless-shell', 'chromium-headless-shell'] as const;

/**
 * Wrapper scripts of Linux packages and the binary each starts (the first that exists). The
 * wrapper adds flags and environment of its own (Debian's sources /etc/chromium.d/, which turns
 * on remote extensions and may turn on the crash reporter): cci runs the binary itself so that
 * only its own flags apply. Keys are real paths (symbolic links resolved).
 */
export const WRAPPED_BINARIES: Readonly<Record<string, readonly string[]>> = {
  '/usr/bin/chromium': ['/usr/lib/chromium/chromium'], // Debian
  '/usr/bin/chromium-headless-shell': ['/usr/lib/chromium/chromium-headless-shell'], // Debian
  '/usr/bin/chromium-browser': [
    '/usr/lib/chromium-browser/chromium-browser',
    '/usr/lib64/chromium-browser/chromium-browser',
  ], // Ubuntu debs, Fedora
  '/opt/google/chrome/google-chrome': ['/opt/google/chrome/chrome'], // Google Chrome .deb and .rpm
};

/** Is this executable a headless shell (by its file name)? */
export function isHeadlessShell(file: string): boolean {
  return /headless[-_]shell/i.test(path.basename(file));
}

/**
 * Whether the browser at `file` is a headless shell, by the name of the file it really is: a
 * link named `chrome` to a headless shell is one, a link named `my-headless-shell` to full
 * Chromium is not (each is started in its own headless mode, launch.ts).
 */
export function isHeadlessShellFile(file: string): boolean {
  let real = file;
  try {
    real = realpathSync(file);
  } catch {
    // not there (yet): its name is all there is
  }
  return isHeadlessShell(real);
}

/**
 * The usual install locations of browsers on a platform, headless shells first. On Linux the
 * wrapper scripts are listed; findBrowser runs the binaries they start.
 */
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
      const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string =>
        Boolean(r),
      );
      if (roots.length === 0) roots.push('C:\\Program Files', 'C:\\Program Files (x86)');
      return roots.flatMap((root) => [
        path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      ]);
    }
    default:
      return [
        '/usr/bin/chromium-headless-shell',
        '/usr/lib/chromium/chromium-headless-shell',
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

/** The first bytes of a file (empty when it cannot be read). */
function head(file: string, n: number): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const isScript = (file: string): boolean => head(file, 2).toString('latin1') === '#!';
const isElf = (file: string): boolean => head(file, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));

/**
 * The binary a known wrapper script starts, or the file itself. Only scripts listed in
 * `wrappers` (by real path) are replaced, and only by an executable ELF file.
 */
export function unwrap(
  file: string,
  platform: NodeJS.Platform,
  wrappers: Readonly<Record<string, readonly string[]>> = WRAPPED_BINARIES,
): { path: string; wrapper?: string } {
  if (platform !== 'linux') return { path: file };
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return { path: file };
  }
  const targets = wrappers[real] ?? wrappers[file];
  if (!targets || !isScript(real)) return { path: file };
  const binary = targets.find((b) => isExecutableFile(b, platform) && isElf(b));
  return binary === undefined ? { path: file } : { path: binary, wrapper: file };
}

/** A bare command name (`chromium`) is looked up on PATH; a path is taken as it is. */
function resolveCommand(value: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (value.includes('/') || value.includes('\\')) return value;
  return onPath(value, env, platform) ?? value;
}

function onPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':');
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate, platform)) return candidate;
  }
  return undefined;
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

/** puppeteer's cache folder: PUPPETEER_CACHE_DIR, else ~/.cache/puppeteer. */
export function puppeteerCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const home = env.HOME ?? env.USERPROFILE;
  return env.PUPPETEER_CACHE_DIR ?? (home ? path.join(home, '.cache', 'puppeteer') : undefined);
}

/**
 * Executables in puppeteer's cache (where `npx @puppeteer/browsers install … --path
 * ~/.cache/puppeteer` puts them): headless shells first, each kind newest version first.
 */
export function puppeteerCacheBrowsers(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const cacheDir = puppeteerCacheDir(env);
  if (!cacheDir) return [];
  // Layout: <cache>/<browser>/<platform>-<buildId>/<archive folder>/<executable>
  const layouts: Array<{ browser: string; files: string[] }> = [
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
 * Finds the browser to print with. Order: `executablePath`; CCI_BROWSER,
 * PUPPETEER_EXECUTABLE_PATH, CHROME_PATH; then a headless shell (the install locations, PATH,
 * puppeteer's cache); then a full Chrome or Chromium (the install locations, puppeteer's cache).
 * A known wrapper script is replaced by its binary (WRAPPED_BINARIES). A path given explicitly
 * (option or environment) that is not an executable file is a NoBrowserError rather than
 * silently replaced by another browser; so is finding none.
 */
export async function findBrowser(opts: FindBrowserOptions = {}): Promise<FoundBrowser> {
  const env = opts.env ?? {};
  const platform = opts.platform ?? process.platform;
  const found = (file: string, source: BrowserSource, variable?: string): FoundBrowser => {
    const real = unwrap(file, platform, opts.wrappers);
    return {
      path: real.path,
      source,
      kind: isHeadlessShellFile(real.path) ? 'headless-shell' : 'chrome',
      ...(real.wrapper !== undefined && { wrapper: real.wrapper }),
      ...(variable !== undefined && { variable }),
    };
  };

  // an empty --browser (`--browser "$UNSET"`) is refused, never taken as no option
  if (opts.executablePath?.trim() === '')
    throw new NoBrowserError(t('browser.emptyPath', { hint: t('browser.installHint') }));
  if (opts.executablePath !== undefined) {
    const file = resolveCommand(opts.executablePath, env, platform);
    if (!isExecutableFile(file, platform)) {
      throw new NoBrowserError(
        t('browser.notExecutable', { path: displayName(opts.executablePath), hint: t('browser.installHint') }),
      );
    }
    return found(file, 'option');
  }

  for (const name of BROWSER_ENV_VARS) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    const file = resolveCommand(value.trim(), env, platform);
    if (!isExecutableFile(file, platform)) {
      throw new NoBrowserError(t('browser.badVariable', { name, value: displayName(value) }));
    }
    return found(file, 'env', name);
  }

  const systemPaths = opts.systemPaths ?? systemBrowserPaths(platform, env);
  const cached = puppeteerCacheBrowsers(env, platform);
  const firstOf = (files: readonly string[]) => files.find((f) => isExecutableFile(f, platform));
  const system = systemPaths.filter(isHeadlessShell);
  const shellOnPath = HEADLESS_SHELL_COMMANDS.map((c) => onPath(c, env, platform)).find((f) => f !== undefined);
  const candidates: Array<[string | undefined, BrowserSource]> = [
    [firstOf(system), 'system'],
    [shellOnPath, 'path'],
    [firstOf(cached.filter(isHeadlessShell)), 'puppeteer-cache'],
    [firstOf(systemPaths.filter((f) => !isHeadlessShell(f))), 'system'],
    [firstOf(cached.filter((f) => !isHeadlessShell(f))), 'puppeteer-cache'],
  ];
  for (const [file, source] of candidates) if (file !== undefined) return found(file, source);

  throw new NoBrowserError(
    t('browser.notFound', {
      variables: BROWSER_ENV_VARS.join(', '),
      paths: systemPaths.map(displayName).join(', '),
      hint: t('browser.installHint'),
    }),
  );
}
