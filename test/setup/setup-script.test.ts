// scripts/setup.sh (`npm run setup`) on machines it cannot be tried on for real here: a fresh
// Debian or Ubuntu, as root or as a user with or without sudo, a system without apt. Each
// runs with a PATH of its own: the few real tools the script needs, and stubs for the package
// tools, sudo, npm and npx that record how they were called. Nothing is installed.

import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts', 'setup.sh');
const BASH = ['/bin/bash', '/usr/bin/bash'].find(existsSync) ?? 'bash';
const REAL_TOOLS = ['node', 'dirname', 'sed', 'grep', 'cat', 'tr', 'env', 'sleep', 'readlink'];
const PACKAGES = [
  'chromium-headless-shell',
  'fonts-noto-core',
  'fonts-noto-cjk',
  'fonts-noto-color-emoji',
  'fonts-dejavu-core',
  'fontconfig',
  'poppler-utils',
];
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

interface Machine {
  /** Has apt-get, dpkg-query and apt-cache. */
  apt: boolean;
  /** Packages dpkg says are installed. */
  installed?: readonly string[];
  /** Packages apt has no candidate for (Ubuntu: chromium-headless-shell). */
  unavailable?: readonly string[];
  uid: number;
  sudo: boolean;
  /** Google's chrome-headless-shell in puppeteer's cache under the home folder. */
  cachedShell?: boolean;
  /** The home folder's name (in the test's folder): "home" unless told. */
  homeName?: string;
  /** sudo cannot ask for a password (no terminal): it says so and exits 1, running nothing. */
  sudoNeedsPassword?: boolean;
  /** Exit statuses of the commands that fail: apt-get's update, install or satisfy, npm, npx. */
  fails?: Partial<Record<'update' | 'install' | 'satisfy' | 'npm' | 'npx', number>>;
  /** What the headless shell download writes as its deb.deps (the libraries it needs). */
  debDeps?: string;
  /** Environment besides PATH, HOME=<the made-up home> and LANG=C.UTF-8; undefined removes one. */
  env?: Record<string, string | undefined>;
}

/** How the script is started: the folder it is started in, and the path it is named by. */
interface Start {
  cwd?: string;
  script?: string;
}

/**
 * The labels of `apt-cache policy` as apt writes them: translated by gettext, which takes
 * LC_ALL, else LC_MESSAGES, else LANG, and then LANGUAGE before it unless that locale is
 * exactly C or POSIX (C.UTF-8 is not: LANG=C.UTF-8 LANGUAGE=fr gets French).
 */
const APT_CACHE_LABELS = [
  'msg="${LC_ALL:-${LC_MESSAGES:-${LANG:-C}}}"',
  'case "$msg" in C | POSIX) lang=C ;; *) lang="${LANGUAGE:-$msg}" ;; esac',
  'case "$lang" in',
  "  fr*) installed='  Installé : '; candidate='  Candidat : '; none='(aucun)'; table='  Table de version :' ;;",
  "  *) installed='  Installed: '; candidate='  Candidate: '; none='(none)'; table='  Version table:' ;;",
  'esac',
].join('\n');

/** Whether puppeteer's cache folder holds a chrome-headless-shell, as the script looks for one. */
function cachedShellIn(cache: string): boolean {
  const root = path.join(cache, 'chrome-headless-shell');
  if (!existsSync(root)) return false;
  return readdirSync(root).some((version) =>
    readdirSync(path.join(root, version)).some(
      (folder) =>
        folder.startsWith('chrome-headless-shell-') &&
        existsSync(path.join(root, version, folder, 'chrome-headless-shell')),
    ),
  );
}

function which(tool: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return r.stdout.trim();
}

/** Runs the set-up script on a made-up machine; returns its output and the commands the stubs saw. */
function setup(
  machine: Machine,
  args: string[],
  start: Start = {},
): { code: number | null; out: string; calls: string[]; seen: string[]; home: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cci-setup-test-'));
  made.push(dir);
  const bin = path.join(dir, 'bin');
  const home = path.join(dir, machine.homeName ?? 'home');
  mkdirSync(bin);
  mkdirSync(home);
  if (machine.cachedShell) {
    const exe = path.join(
      home,
      '.cache',
      'puppeteer',
      'chrome-headless-shell',
      'linux-131.0.6778.85',
      'chrome-headless-shell-linux64',
      'chrome-headless-shell',
    );
    mkdirSync(path.dirname(exe), { recursive: true });
    writeFileSync(exe, '');
  }
  const log = path.join(dir, 'calls.log');
  for (const tool of REAL_TOOLS) symlinkSync(which(tool), path.join(bin, tool));
  const stub = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!${BASH}\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  const record = `printf '%s\\n' "\${0##*/} $*" >> '${log}'`;
  // where npm ran and with what HOME
  const seenLog = path.join(dir, 'seen.log');
  const fail = (what: keyof NonNullable<Machine['fails']>) =>
    machine.fails?.[what] === undefined ? '' : `exit ${machine.fails[what]}`;
  stub('id', `[ "$1" = -u ] && echo ${machine.uid}`);
  stub('npm', `${record}\nprintf '%s\\n' "npm $1 in $PWD, HOME=\${HOME-unset}" >> '${seenLog}'\n${fail('npm')}`);
  // the download: the shell, and its deb.deps, in the folder named by --path (the last argument)
  const shellDir = '"${@: -1}/chrome-headless-shell/linux-131.0.6778.85/chrome-headless-shell-linux64"';
  stub(
    'npx',
    [
      record,
      fail('npx'),
      machine.debDeps === undefined
        ? ''
        : `'${which('mkdir')}' -p ${shellDir} && printf '%s' '${machine.debDeps}' > ${shellDir}/deb.deps`,
    ].join('\n'),
  );
  if (machine.sudo && machine.sudoNeedsPassword) {
    stub(
      'sudo',
      `${record}\necho 'sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper' >&2\necho 'sudo: a password is required' >&2\nexit 1`,
    );
  } else if (machine.sudo) stub('sudo', `${record}\nexec "$@"`);
  if (machine.apt) {
    const installed = (machine.installed ?? []).join(' ');
    const unavailable = (machine.unavailable ?? []).join(' ');
    stub(
      'dpkg-query',
      `pkg="\${@: -1}"; for p in ${installed}; do [ "$p" = "$pkg" ] && { printf 'install ok installed'; exit 0; }; done; exit 1`,
    );
    // apt-cache policy as the real one writes it: line by line, the version table after the
    // candidate (a reader that stops at the candidate line makes it die of SIGPIPE, exit 141),
    // in the language of the locale
    stub(
      'apt-cache',
      [
        APT_CACHE_LABELS,
        `pkg="\${@: -1}"; echo "$pkg:"; echo "$installed$none"`,
        `version='1.0-1'; for p in ${unavailable}; do [ "$p" = "$pkg" ] && version="$none"; done`,
        `echo "$candidate$version"; sleep 0.05`,
        `echo "$table"; echo "     $version 500"; echo '        500 http://deb.debian.org/debian bookworm/main amd64 Packages'`,
      ].join('\n'),
    );
    stub(
      'apt-get',
      `${record}\ncase "$1" in update) ${fail('update')} ;; install) ${fail('install')} ;; satisfy) ${fail('satisfy')} ;; esac`,
    );
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ PATH: bin, HOME: home, LANG: 'C.UTF-8', ...machine.env })) {
    if (v !== undefined) env[k] = v;
  }
  const r = spawnSync(BASH, [start.script ?? SCRIPT, ...args], { cwd: start.cwd ?? ROOT, encoding: 'utf8', env });
  const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);
  return { code: r.status, out: r.stdout + r.stderr, calls: lines(log), seen: lines(seenLog), home };
}

const aptInstall = (pkgs: readonly string[], sudo: boolean) =>
  `+ ${sudo ? 'sudo ' : ''}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${pkgs.join(' ')}`;

describe('npm run setup (scripts/setup.sh)', () => {
  it('on a fresh Debian, as a user, installs every missing package with sudo in one apt-get call, then npm ci and the briefing', () => {
    const r = setup({ apt: true, uid: 1000, sudo: true }, ['--dry-run']);
    expect(r.code, r.out).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('+ sudo apt-get update -qq');
    expect(lines).toContain(aptInstall(PACKAGES, true));
    expect(lines).toContain('+ env PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund');
    expect(lines).toContain('+ node bin/cci.js brief --division securite --date 2024-08-05');
    expect(lines.findIndex((l) => l.includes('apt-get install'))).toBeLessThan(
      lines.findIndex((l) => l.includes('npm ci')),
    );
    expect(r.out).not.toMatch(/@puppeteer\/browsers/);
    expect(r.calls, 'a dry run runs nothing').toEqual([]);
  });

  it('runs those very commands when it is not a dry run', () => {
    const r = setup({ apt: true, uid: 1000, sudo: true }, ['--no-brief']);
    expect(r.calls.slice(0, 4)).toEqual([
      'sudo apt-get update -qq',
      'apt-get update -qq',
      `sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${PACKAGES.join(' ')}`,
      `apt-get install -y -qq --no-install-recommends ${PACKAGES.join(' ')}`,
    ]);
    expect(r.calls[4]).toBe('npm ci --no-audit --no-fund');
  });

  it('as root uses no sudo', () => {
    const r = setup({ apt: true, uid: 0, sudo: false }, ['--dry-run']);
    expect(r.code, r.out).toBe(0);
    expect(r.out.split('\n')).toContain(aptInstall(PACKAGES, false));
    expect(r.out).not.toMatch(/\+ sudo/);
  });

  it('installs only what is missing, and runs no apt-get at all when everything is there', () => {
    const some = setup(
      { apt: true, installed: ['chromium-headless-shell', 'fonts-noto-core', 'fontconfig'], uid: 0, sudo: false },
      ['--dry-run'],
    );
    expect(some.out.split('\n')).toContain(
      aptInstall(['fonts-noto-cjk', 'fonts-noto-color-emoji', 'fonts-dejavu-core', 'poppler-utils'], false),
    );
    const all = setup({ apt: true, installed: PACKAGES, uid: 1000, sudo: true }, ['--no-brief']);
    // no apt-get command run (a machine without a browser is also told how to get one)
    expect(all.out).not.toMatch(/^\+ .*apt-get/m);
    expect(all.out).toMatch(/system packages: all present/);
    expect(all.calls).toEqual(['npm ci --no-audit --no-fund']);
  });

  it("says cci's own reason and exits 1 when the browser found cannot print, or a variable names none: never 'browser: …' then done", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cci-setup-browser-'));
    made.push(dir);
    const exits = path.join(dir, 'chrome');
    writeFileSync(exits, '#!/bin/sh\necho "chrome: cannot open shared object file: libnss3.so" >&2\nexit 1\n');
    chmodSync(exits, 0o755);
    const broken = setup({ apt: true, installed: PACKAGES, uid: 0, sudo: false, env: { CCI_BROWSER: exits } }, [
      '--no-brief',
    ]);
    expect(broken.code, broken.out).toBe(1);
    expect(broken.out).toContain(`setup: The browser ${exits} could not start`);
    expect(broken.out).toContain('libnss3.so');
    expect(broken.out).toContain('setup: no browser to print PDFs with (the reason is above)');
    expect(broken.out).not.toMatch(/^setup: browser: /m);
    const missing = setup(
      { apt: true, installed: PACKAGES, uid: 0, sudo: false, env: { CCI_BROWSER: path.join(dir, 'nothing') } },
      ['--no-brief'],
    );
    expect(missing.code, missing.out).toBe(1);
    expect(missing.out).toContain(`setup: CCI_BROWSER=${path.join(dir, 'nothing')} does not name an executable file`);
  });

  it('as a user without sudo says what to run as root, and stops before changing anything', () => {
    const r = setup({ apt: true, installed: ['fontconfig'], uid: 1000, sudo: false }, []);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'as root, run   apt-get update && apt-get install -y --no-install-recommends chromium-headless-shell fonts-noto-core',
    );
    expect(r.calls).toEqual([]);
  });

  it('on Ubuntu, where no package has the headless shell, installs the fonts and downloads the shell after npm ci', () => {
    const r = setup({ apt: true, unavailable: ['chromium-headless-shell'], uid: 1000, sudo: true }, ['--dry-run']);
    expect(r.code, r.out).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain(
      aptInstall(
        PACKAGES.filter((p) => p !== 'chromium-headless-shell'),
        true,
      ),
    );
    const download = `+ npx --no-install @puppeteer/browsers install chrome-headless-shell@stable --path ${path.join(r.home, '.cache', 'puppeteer')}`;
    expect(lines).toContain(download);
    expect(lines.indexOf(download)).toBeGreaterThan(lines.findIndex((l) => l.includes('npm ci')));
    expect(r.out).toMatch(/\+ sudo env DEBIAN_FRONTEND=noninteractive apt-get satisfy .*deb\.deps/);
    expect(
      setup({ apt: true, unavailable: ['chromium-headless-shell'], uid: 0, sudo: false }, [
        '--dry-run',
        '--no-download',
      ]).out,
    ).toMatch(
      /--no-download: no headless shell\. To get one: npx --no-install @puppeteer\/browsers install chrome-headless-shell@stable/,
    );
  });

  it("takes a headless shell already in puppeteer's cache as the browser, and installs none", () => {
    const without = setup({ apt: true, installed: PACKAGES.slice(1), uid: 0, sudo: false }, ['--dry-run']);
    expect(without.out.split('\n')).toContain(aptInstall(['chromium-headless-shell'], false));
    const cached = setup({ apt: true, installed: PACKAGES.slice(1), uid: 0, sudo: false, cachedShell: true }, [
      '--dry-run',
    ]);
    expect(cached.out).toMatch(/system packages: all present/);
    expect(cached.out).not.toMatch(/apt-get|@puppeteer\/browsers/);
  });

  it('elsewhere (no apt) says what to install, then npm ci and the headless shell download', () => {
    const r = setup({ apt: false, uid: 501, sudo: true }, ['--dry-run']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/no apt-get here: install these yourself/);
    expect(r.out).toMatch(/Noto Sans Arabic, Noto Sans CJK, Noto Color Emoji/);
    expect(r.out).toMatch(/poppler \(pdftotext/);
    expect(r.out).toContain('+ env PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund');
    expect(r.out).toMatch(/\+ npx --no-install @puppeteer\/browsers install chrome-headless-shell@stable/);
    expect(r.out).not.toMatch(/apt-get (update|install)/);
  });

  it("asks apt in the C locale, so a French machine's missing packages are still installed from apt", () => {
    // apt-cache says "Candidat : 1.0-1" there; read as "no candidate", every package was taken as
    // one Debian does not have: the shell downloaded from Google, fonts and poppler skipped
    for (const env of [{ LANG: 'fr_FR.UTF-8' }, { LANG: 'C.UTF-8', LANGUAGE: 'fr' }, { LC_ALL: 'fr_FR.UTF-8' }]) {
      const r = setup({ apt: true, uid: 1000, sudo: true, env }, ['--dry-run']);
      expect(r.code, `${JSON.stringify(env)}\n${r.out}`).toBe(0);
      expect(r.out.split('\n'), JSON.stringify(env)).toContain(aptInstall(PACKAGES, true));
      expect(r.out).not.toMatch(/@puppeteer\/browsers|no package|pas de paquet/);
    }
  });

  it("without HOME (env -i, a service), takes the account's home from the password database, and says so to npm", () => {
    const home = userInfo().homedir;
    const r = setup({ apt: true, installed: PACKAGES, uid: 0, sudo: false, env: { HOME: undefined } }, ['--no-brief']);
    expect(r.out).not.toMatch(/unbound variable/);
    expect(r.seen).toEqual([`npm ci in ${ROOT}, HOME=${home}`]);
    // the headless shell goes into puppeteer's cache under that home (unless one is there already)
    const ubuntu = setup(
      { apt: true, unavailable: ['chromium-headless-shell'], uid: 0, sudo: false, env: { HOME: undefined } },
      ['--dry-run'],
    );
    expect(ubuntu.code, ubuntu.out).toBe(0);
    const download = `+ npx --no-install @puppeteer/browsers install chrome-headless-shell@stable --path ${path.join(home, '.cache', 'puppeteer')}`;
    if (cachedShellIn(path.join(home, '.cache', 'puppeteer'))) expect(ubuntu.out).not.toMatch(/@puppeteer\/browsers/);
    else expect(ubuntu.out.split('\n')).toContain(download);
  });

  it('finds itself and cci wherever it is started from: --help in scripts/, and npm ci in cci even with a CDPATH', () => {
    for (const start of [
      { cwd: path.join(ROOT, 'scripts'), script: 'setup.sh' },
      { cwd: tmpdir(), script: SCRIPT },
    ]) {
      const r = setup({ apt: true, uid: 0, sudo: false }, ['--help'], start);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(/^npm run setup \(bash scripts\/setup\.sh\): everything cci needs/);
      expect(r.out).toMatch(/\nOptions:\n {2}--dry-run /);
      expect(r.out.trimEnd()).toMatch(/Exit status: 0 when [^]*, else the locale\)\.$/);
    }
    // in French as its other lines, from the same catalogue
    const fr = setup({ apt: true, uid: 0, sudo: false, env: { CCI_LANG: 'fr' } }, ['--help']);
    expect(fr.code, fr.out).toBe(0);
    expect(fr.out).toMatch(/^npm run setup \(bash scripts\/setup\.sh\) : tout ce dont cci a besoin/);
    expect(fr.out).toMatch(/\nOptions :\n {2}--dry-run /);
    expect(fr.out).not.toMatch(/everything|Exit status/);
    // CDPATH makes `cd scripts/..` go to another folder's scripts/.. (and print it)
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'cci-setup-cdpath-'));
    made.push(elsewhere);
    mkdirSync(path.join(elsewhere, 'scripts'));
    const r = setup(
      { apt: true, installed: PACKAGES, uid: 0, sudo: false, env: { CDPATH: elsewhere } },
      ['--no-brief'],
      {
        cwd: ROOT,
        script: path.join('scripts', 'setup.sh'),
      },
    );
    expect(r.seen).toEqual([`npm ci in ${ROOT}, HOME=${r.home}`]);
    expect(r.out).not.toContain(elsewhere);

    // started through a link elsewhere (absolute, then relative, then a link to a link): cci's folder all the same
    const links = mkdtempSync(path.join(tmpdir(), 'cci-setup-link-'));
    made.push(links);
    symlinkSync(SCRIPT, path.join(links, 'cci-setup'));
    symlinkSync(path.relative(links, SCRIPT), path.join(links, 'relative-setup'));
    symlinkSync('cci-setup', path.join(links, 'link-to-link'));
    for (const name of ['cci-setup', 'relative-setup', 'link-to-link']) {
      const viaLink = setup({ apt: true, installed: PACKAGES, uid: 0, sudo: false }, ['--no-brief'], {
        cwd: tmpdir(),
        script: path.join(links, name),
      });
      expect(viaLink.seen, name).toEqual([`npm ci in ${ROOT}, HOME=${viaLink.home}`]);
    }
  });

  it('when apt-get update or install fails, says which command failed, with its exit status, and what to run as root, and stops before npm ci', () => {
    const asRoot = `as root, run   apt-get update && apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`;
    for (const [fails, command] of [
      [{ update: 100 }, 'apt-get update -qq'],
      [
        { install: 100 },
        `env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${PACKAGES.join(' ')}`,
      ],
    ] as const) {
      const r = setup({ apt: true, uid: 0, sudo: false, fails }, ['--no-brief']);
      expect(r.code, r.out).toBe(1);
      expect(r.out).toContain(`setup: failed, with exit status 100: ${command}\n`);
      expect(r.out).toContain(asRoot);
      expect(r.out).toMatch(/^setup: then run npm run setup again\.$/m);
      expect(r.calls.join('\n')).not.toMatch(/npm ci/);
    }
  });

  it('when sudo cannot ask for a password (no terminal), says so and what to run as root, and exits 1', () => {
    const r = setup({ apt: true, installed: PACKAGES.slice(1), uid: 1000, sudo: true, sudoNeedsPassword: true }, []);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('setup: failed, with exit status 1: sudo apt-get update -qq\n');
    expect(r.out).toMatch(
      /sudo with no terminal to ask for your password in \(then run npm run setup from a terminal\)/,
    );
    expect(r.out).toContain(
      'as root, run   apt-get update && apt-get install -y --no-install-recommends chromium-headless-shell',
    );
    expect(r.calls).toEqual(['sudo apt-get update -qq']);
  });

  it('when npm ci fails, says so with its exit status and exits 1', () => {
    const r = setup({ apt: true, installed: PACKAGES, uid: 0, sudo: false, fails: { npm: 1 } }, []);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(
      'setup: failed, with exit status 1: env PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund\n',
    );
    expect(r.out).toMatch(/^setup: then run npm run setup again\.$/m);
  });

  it("when the headless shell's download or its libraries fail, says which command failed, with its exit status", () => {
    const ubuntu = { apt: true, unavailable: ['chromium-headless-shell'], uid: 0, sudo: false } as const;
    const download = setup({ ...ubuntu, fails: { npx: 1 } }, ['--no-brief']);
    expect(download.out).toMatch(
      /^setup: failed, with exit status 1: npx --no-install @puppeteer\/browsers install chrome-headless-shell@stable --path \S+$/m,
    );
    expect(download.out).toMatch(/cci will print with Chrome or Chromium if one is installed/);
    expect(download.calls.join('\n')).not.toMatch(/satisfy/);
    // deb.deps: one library a line, a blank line at the end
    const libraries = setup(
      { ...ubuntu, debDeps: 'libasound2 (>= 1.0.17)\nlibatk1.0-0 (>= 2.5.0)\n\n', fails: { satisfy: 100 } },
      ['--no-brief'],
    );
    const satisfy = "apt-get satisfy -y -qq --no-install-recommends 'libasound2 (>= 1.0.17), libatk1.0-0 (>= 2.5.0)'";
    expect(libraries.code, libraries.out).toBe(1);
    expect(libraries.out).toContain(
      `setup: failed, with exit status 100: env DEBIAN_FRONTEND=noninteractive ${satisfy}\n`,
    );
    expect(libraries.out).toContain(`as root, run   ${satisfy.replace(' -qq', '')}`);
    expect(libraries.calls).toContain(
      'apt-get satisfy -y -qq --no-install-recommends libasound2 (>= 1.0.17), libatk1.0-0 (>= 2.5.0)',
    );
  });

  it('in a dry run runs nothing, even where the commands would fail', () => {
    const r = setup(
      {
        apt: true,
        unavailable: ['chromium-headless-shell'],
        uid: 1000,
        sudo: true,
        sudoNeedsPassword: true,
        fails: { update: 100, install: 100, npm: 1, npx: 1 },
      },
      ['--dry-run'],
    );
    expect(r.code, r.out).toBe(0);
    expect(r.calls).toEqual([]);
    expect(r.out).not.toMatch(/failed/);
  });

  it('reads paths as given: a home folder whose name has a space and brackets, a relative PUPPETEER_CACHE_DIR', () => {
    // a glob would take "[x]" as one of x: the cached shell not found, a second one downloaded
    const cached = setup(
      { apt: true, installed: PACKAGES.slice(1), uid: 0, sudo: false, cachedShell: true, homeName: 'home [x]' },
      ['--dry-run'],
    );
    expect(cached.out).toMatch(/system packages: all present/);
    // relative to the folder it was started in, not to cci's folder it moves to
    const started = mkdtempSync(path.join(tmpdir(), 'cci-setup-started-'));
    made.push(started);
    const r = setup(
      {
        apt: true,
        unavailable: ['chromium-headless-shell'],
        uid: 0,
        sudo: false,
        homeName: 'home [x]',
        env: { PUPPETEER_CACHE_DIR: 'browsers' },
      },
      ['--dry-run'],
      { cwd: started },
    );
    expect(r.out.split('\n')).toContain(
      `+ npx --no-install @puppeteer/browsers install chrome-headless-shell@stable --path ${path.join(started, 'browsers')}`,
    );
    const home = setup(
      { apt: true, unavailable: ['chromium-headless-shell'], uid: 0, sudo: false, homeName: 'home [x]' },
      ['--dry-run'],
    );
    expect(home.out.split('\n')).toContain(
      `+ npx --no-install @puppeteer/browsers install chrome-headless-shell@stable --path '${path.join(home.home, '.cache', 'puppeteer')}'`,
    );
  });

  it.skipIf(!existsSync('/bin/dash'))('started with sh (dash), says it needs bash and how to run it', () => {
    const r = spawnSync('/bin/dash', [SCRIPT, '--dry-run'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin' },
    });
    expect(r.status).toBe(1);
    // in both languages: nothing can choose one yet
    expect(r.stdout + r.stderr).toBe(
      'setup: this script needs bash: run npm run setup, or bash scripts/setup.sh\n' +
        'setup: ce script demande bash : lancez npm run setup, ou bash scripts/setup.sh\n',
    );
  });

  it('speaks the language of cci messages (CCI_LANG, else the locale), apt still asked in the C locale', () => {
    for (const env of [{ CCI_LANG: 'fr' }, { LANG: 'fr_FR.UTF-8' }, { LC_ALL: 'fr_BE.UTF-8' }]) {
      const r = setup({ apt: true, uid: 1000, sudo: true, env }, ['--dry-run']);
      expect(r.code, `${JSON.stringify(env)}\n${r.out}`).toBe(0);
      expect(r.out).toContain(`setup: installation des paquets du système manquants : ${PACKAGES.join(' ')}\n`);
      expect(r.out).toContain('setup: essai à blanc : rien n’a été changé\n');
      expect(r.out.split('\n')).toContain(aptInstall(PACKAGES, true));
      expect(r.out).not.toMatch(/^setup: (installing|dry run)/m);
    }
    // CCI_LANG=en on a French machine: English
    const en = setup({ apt: true, uid: 1000, sudo: true, env: { LANG: 'fr_FR.UTF-8', CCI_LANG: 'en' } }, ['--dry-run']);
    expect(en.out).toContain('setup: dry run: nothing was changed\n');
    const unknown = setup({ apt: true, uid: 0, sudo: false, env: { CCI_LANG: 'fr' } }, ['--oui']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toMatch(/^setup: option inconnue --oui \(attendu/m);
  });

  it("shows a command whose argument holds a line break on one line ($'…\\n…'), so that no line of its own can be forged", () => {
    const r = setup(
      {
        apt: true,
        uid: 0,
        sudo: false,
        unavailable: ['chromium-headless-shell'],
        env: { PUPPETEER_CACHE_DIR: '/tmp/a\nsetup: FORGED $(touch /tmp/p)' },
      },
      ['--dry-run'],
    );
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/^setup: FORGED/m);
    expect(r.out).toContain("--path $'/tmp/a\\nsetup: FORGED $(touch /tmp/p)'");
  });

  it('refuses an unknown option with exit 2', () => {
    const r = setup({ apt: true, uid: 0, sudo: false }, ['--yes']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/unknown option --yes/);
  });
});
