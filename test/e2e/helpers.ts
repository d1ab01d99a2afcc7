// Runs the built command line as a user would, and reads what it wrote.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin', 'cci.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The tally cache of this test process's runs: never the user's ~/.cache/cci. */
export const E2E_CACHE_DIR = join(tmpdir(), `cci-e2e-cache-${process.pid}`);
/** The log folder `cci schedule` prepares: never the user's ~/.local/state/cci/log. */
export const E2E_LOG_DIR = join(tmpdir(), `cci-e2e-log-${process.pid}`, 'cci', 'log');

/**
 * The state folders (registers of issued briefings) of this test process's runs: never the
 * user's ~/.local/state/cci. One per output folder, so that tests writing to their own output
 * folder do not see each other's issued briefings, and runs of one test share theirs.
 */
export const E2E_STATE_ROOT = join(tmpdir(), `cci-e2e-state-${process.pid}`);

function stateDirOf(args: readonly string[], cwd: string): string {
  const i = args.findIndex((a) => a === '--out' || a === '-o');
  const out = i >= 0 && args[i + 1] !== undefined ? resolve(cwd, args[i + 1]!) : cwd;
  return join(E2E_STATE_ROOT, createHash('sha256').update(out).digest('hex').slice(0, 16));
}

/**
 * The browser the PDF tests name with --browser (npm test's second run: full Chromium); unset,
 * cci finds its own (a headless shell where one is installed).
 */
export const TEST_BROWSER = process.env.CCI_TEST_BROWSER || undefined;

/** `brief` runs get `--browser TEST_BROWSER`, unless they choose a browser themselves. */
function withTestBrowser(args: string[], env: NodeJS.ProcessEnv | undefined): string[] {
  if (TEST_BROWSER === undefined || args[0] !== 'brief' || args.includes('--browser')) return args;
  if (env !== undefined && 'CCI_BROWSER' in env) return args;
  return [...args, '--browser', TEST_BROWSER];
}

/**
 * Runs cci; the environment is this process's, with CCI_LANG=en, and CCI_CACHE_DIR,
 * CCI_STATE_DIR and CCI_LOG_DIR in temporary folders, unless `env` sets them (undefined removes
 * a variable). `brief` runs name TEST_BROWSER when npm test sets one.
 */
export async function cci(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  try {
    const r = await exec(process.execPath, [BIN, ...withTestBrowser(args, opts.env)], {
      cwd: opts.cwd ?? ROOT,
      // English messages whatever the machine's locale, unless a test asks for another.
      env: {
        ...process.env,
        NO_COLOR: '1',
        CCI_LANG: 'en',
        CCI_CACHE_DIR: E2E_CACHE_DIR,
        CCI_LOG_DIR: E2E_LOG_DIR,
        CCI_STATE_DIR: stateDirOf(args, opts.cwd ?? ROOT),
        ...opts.env,
      },
      timeout: opts.timeoutMs ?? 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

export async function tempDir(prefix = 'cci-e2e-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A private copy of a fixture data folder, safe to edit. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await tempDir();
  await cp(join(ROOT, 'fixtures', name), join(dir, 'data'), { recursive: true });
  return join(dir, 'data');
}

export async function pdfPageCount(file: string): Promise<number> {
  const { stdout } = await exec('pdfinfo', [file]);
  return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
}

export async function pdfPageText(file: string, page: number): Promise<string> {
  const { stdout } = await exec('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-']);
  return stdout;
}

export async function pdfText(file: string): Promise<string> {
  const { stdout } = await exec('pdftotext', [file, '-']);
  return stdout;
}

export async function pdfInfo(file: string): Promise<string> {
  const { stdout } = await exec('pdfinfo', [file]);
  return stdout;
}

export async function pdfFonts(file: string): Promise<string> {
  const { stdout } = await exec('pdffonts', [file]);
  return stdout;
}

/** Every file of a folder (recursively) with its bytes and modification time. */
export async function snapshot(dir: string): Promise<Map<string, { bytes: Buffer; mtimeMs: number }>> {
  const out = new Map<string, { bytes: Buffer; mtimeMs: number }>();
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    const s = await stat(path);
    if (s.isFile()) out.set(name, { bytes: await readFile(path), mtimeMs: s.mtimeMs });
  }
  return out;
}

export async function readJson<T = Record<string, unknown>>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/**
 * The demo's 4 and 5 August with its event.yaml edited by `edit` (which must change it), and the
 * bilingual and one-language briefings of 5 August written to `<dir>/out` in `formats`: the
 * set-up of the tests of texts at their validated limit. Returns the output folder.
 */
export async function demoBriefingsWith(
  prefix: string,
  edit: (eventYaml: string) => string,
  formats: string,
): Promise<string> {
  const dir = await tempDir(prefix);
  const data = join(dir, 'data');
  await mkdir(data);
  for (const day of ['2024-08-04', '2024-08-05'])
    await cp(join(ROOT, 'data', day), join(data, day), { recursive: true });
  const y = await readFile(join(ROOT, 'data', 'event.yaml'), 'utf8');
  const edited = edit(y);
  if (edited === y) throw new Error('demoBriefingsWith: the edit changed nothing in event.yaml');
  await writeFile(join(data, 'event.yaml'), edited);
  const out = join(dir, 'out');
  const r = await cci([
    'brief',
    '--data',
    data,
    '--division',
    'securite',
    '--date',
    '2024-08-05',
    '--lang',
    'both,fr,en',
    '--format',
    formats,
    '--out',
    out,
    '--no-cache',
  ]);
  if (r.code !== 0) throw new Error(`cci brief exited ${r.code}: ${r.stderr}`);
  return out;
}
