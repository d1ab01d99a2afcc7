// `cci doctor`: what the tool found on this machine — browser and version, fonts, the data
// folder, the mail setting — and whether it can run. Exit 0 when briefings can be made.

import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { readEnvironment } from '../config/environment.js';
import { causeText } from '../output/write-error.js';
import { stateDirFor } from '../config/state-dir.js';
import { checkFolder, scanDataFolder, loadEvent } from '../data/index.js';
import {
  charsetPattern,
  coverage,
  describeChar,
  scriptName,
  scriptsUsed,
  stringsIn,
  type FontLookup,
  type ScriptCoverage,
} from './font-coverage.js';
import { checkMailServer } from '../deliver/mail-check.js';
import { defaultCacheDir } from '../data/tally-cache.js';
import { BrowserStartError, CciError, DataError, errorsOf, EXIT, type ExitCode } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import { cliLang } from '../i18n/cli-lang.js';
import { BROWSER_ENV_VARS, browserVersion, findBrowser, type FoundBrowser } from '../pdf/index.js';
import type { Io } from './io.js';
import { errorText, oneLine } from '../text/one-line.js';
import { displayName } from '../text/control-chars.js';
import { CJK_FAMILY, cjkFormsOf, type CjkForms } from '../render/cjk-forms.js';

const run = promisify(execFile);

type Status = 'ok' | 'warn' | 'fail';
type CheckId = 'browser' | 'fonts' | 'font' | 'scripts' | 'dataFolder' | 'dataValidity' | 'mail' | 'cache' | 'register';
interface Check {
  id: CheckId;
  /** What was checked, as the person reads it. */
  what: string;
  status: Status;
  detail: string;
  /**
   * For a failed browser check: the exit code `brief --format pdf` would give for the same
   * failure (5 for no browser or one that does not start, 4 for a print that fails, e.g. a
   * temporary folder where the browser's private folder cannot be made).
   */
  exitCode?: ExitCode;
}

/** Font families the briefings use: Latin text, and names in other scripts (`for`: a key of cli.doctor.fontFor). */
export const FONT_FAMILIES: readonly { family: string; for: string; required: boolean; debian: string }[] = [
  { family: 'Noto Sans', for: 'body', required: true, debian: 'fonts-noto-core' },
  { family: 'DejaVu Sans', for: 'fallback', required: false, debian: 'fonts-dejavu-core' },
  { family: 'Noto Sans Arabic', for: 'arabic', required: false, debian: 'fonts-noto-core' },
  { family: 'Noto Sans CJK SC', for: 'cjk', required: false, debian: 'fonts-noto-cjk' },
  { family: 'Noto Color Emoji', for: 'emoji', required: false, debian: 'fonts-noto-color-emoji' },
];

/** The families the briefing asks for, in its order (templates/briefing.css): the one named for a script. */
const PREFERRED = [
  'Noto Sans',
  'Noto Sans Arabic',
  'DejaVu Sans',
  'Liberation Sans',
  'Noto Sans CJK SC',
  'Noto Color Emoji',
];

/** The Debian package that draws a script. */
function packageFor(script: string): string {
  if (script === 'Zsye') return 'fonts-noto-color-emoji';
  if (['Hani', 'Hira', 'Kana', 'Hang', 'Bopo'].includes(script)) return 'fonts-noto-cjk';
  return 'fonts-noto-core fonts-noto-extra';
}

export async function runDoctor(
  opts: { data?: string; browser?: string; state?: string; out?: string },
  io: Io,
): Promise<number> {
  const checks: Check[] = [];
  // the environment brief gives the browser (a home found for it when HOME is unset)
  checks.push(await checkBrowser(opts.browser, readEnvironment(io.env).browserEnv));
  for (const c of await checkFonts()) checks.push(c);
  const data = await checkData(resolve(io.cwd, opts.data ?? 'data'));
  for (const c of data.checks) checks.push(c);
  if (data.texts) checks.push(await checkScripts(data.texts, fcLookup, data.cjk));
  checks.push(await checkMail(readEnvironment(io.env).smtpUrl));
  checks.push(await checkCache(io.env));
  checks.push(
    await checkRegister(resolve(io.cwd, opts.data ?? 'data'), opts.state, resolve(io.cwd, opts.out ?? 'out'), io),
  );

  const marks = { ok: t('doctor.mark.ok'), warn: t('doctor.mark.warn'), fail: t('doctor.mark.fail') };
  const width = Math.max(...Object.values(marks).map((m) => m.length));
  for (const c of checks)
    io.out(t('doctor.line', { mark: marks[c.status].padEnd(width), what: c.what, detail: c.detail }));
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) {
    io.info(t('doctor.canRun'));
    return EXIT.OK;
  }
  io.warn(t('doctor.cannotRun', { what: failed.map((c) => c.what).join(', ') }));
  const browser = failed.find((c) => c.id === 'browser');
  if (browser) return browser.exitCode ?? EXIT.NO_BROWSER;
  if (failed.every((c) => c.id === 'mail')) return EXIT.DELIVERY;
  return failed.every((c) => c.id === 'register') ? EXIT.REGISTER : EXIT.DATA;
}

/** The register of issued briefings: where it is, what it holds, whether its chain holds. */
async function checkRegister(dataDir: string, state: string | undefined, outDir: string, io: Io): Promise<Check> {
  const what = t('doctor.what.register');
  try {
    const event = await loadEvent(dataDir);
    const dir = stateDirFor({ option: state, env: readEnvironment(io.env), eventId: event.id, cwd: io.cwd });
    const { historyRows, stateFolderProblem } = await import('../register/index.js');
    // what `brief --issue` would refuse (exit 10), said here too
    const problem = await stateFolderProblem(dir);
    if (problem !== undefined) return { id: 'register', what, status: 'fail', detail: problem };
    // and what every brief writing to the output folder would refuse: a register behind its logs
    const { readWitnessedRegister } = await import('../pipeline/register-witness.js');
    const view = await readWitnessedRegister({ event, stateDir: dir, outDir, command: 'doctor' });
    if (!view.exists) return { id: 'register', what, status: 'ok', detail: t('doctor.registerNone', { dir }) };
    const rows = historyRows(view).filter((r) => r.status === 'issued');
    return {
      id: 'register',
      what,
      status: 'ok',
      detail: t('doctor.register', { dir, entries: view.entries.length, issued: rows.length }),
    };
  } catch (error) {
    if (error instanceof DataError)
      return { id: 'register', what, status: 'warn', detail: t('doctor.registerNoEvent') };
    return {
      id: 'register',
      what,
      status: 'fail',
      detail: error instanceof CciError ? error.message : errorText(error),
    };
  }
}

async function checkBrowser(executablePath: string | undefined, env: NodeJS.ProcessEnv): Promise<Check> {
  const what = t('doctor.what.browser');
  try {
    const found = await findBrowser({ ...(executablePath !== undefined && { executablePath }), env });
    // found is not enough: it must start and print as for a briefing
    const { printTestPage } = await import('../pdf/print-check.js');
    let ms: number;
    try {
      ms = await printTestPage({ executablePath: found.path, env });
    } catch (error) {
      return {
        id: 'browser',
        what,
        status: 'fail',
        // one that does not start says so itself, naming it ("found, but it cannot print" would contradict it)
        detail:
          error instanceof BrowserStartError
            ? error.message
            : t('doctor.browserCannotPrint', {
                path: displayName(found.path),
                reason: error instanceof CciError ? error.message : errorText(error),
              }),
        exitCode: error instanceof CciError ? error.exitCode : EXIT.NO_BROWSER,
      };
    }
    const version = await browserVersion(found.path, undefined, env).catch((e: Error) =>
      t('doctor.versionUnknown', { reason: errorText(e) }),
    );
    return {
      id: 'browser',
      what,
      status: 'ok',
      detail: `${await describeBrowser(found, version, env)} ${t('doctor.printedTestPage', { seconds: oneDecimal(ms / 1000) })}`,
    };
  } catch (error) {
    return {
      id: 'browser',
      what,
      status: 'fail',
      detail: error instanceof CciError ? error.message : errorText(error),
    };
  }
}

/** Which browser, of which kind, found how, and why it is the one (a headless shell is preferred). */
async function describeBrowser(found: FoundBrowser, version: string, env: NodeJS.ProcessEnv): Promise<string> {
  let note: string;
  if (found.kind === 'headless-shell') {
    note =
      found.source === 'option' || found.source === 'env'
        ? t('doctor.browserNote.chosen')
        : t('doctor.browserNote.shell');
  } else {
    // what cci would take by itself, without --browser or a variable
    const byItself = await findBrowser({ env: withoutBrowserVariables(env) }).catch(() => undefined);
    note =
      byItself?.kind === 'headless-shell'
        ? t('doctor.browserNote.shellAvailable', { shell: displayName(byItself.wrapper ?? byItself.path) })
        : t('doctor.browserNote.noShell', { hint: t('doctor.shellHint') });
  }
  return t('doctor.browserFound', {
    path: displayName(found.path),
    // what the browser says of itself, on one line and escaped
    version: oneLine(version),
    kind: t(`doctor.browserKind.${found.kind}`),
    why: t(`doctor.browserWhy.${found.source}`, { variable: found.variable ?? '' }),
    wrapper: found.wrapper === undefined ? '' : t('doctor.browserWrapper', { wrapper: displayName(found.wrapper) }),
    note,
  });
}

function withoutBrowserVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  for (const name of BROWSER_ENV_VARS) delete rest[name];
  return rest;
}

async function checkFonts(): Promise<Check[]> {
  let families: Set<string>;
  try {
    const { stdout } = await run('fc-list', [':', 'family'], { timeout: 10_000 });
    families = new Set(
      stdout
        .split('\n')
        .flatMap((l) => l.split(','))
        .map((f) => f.trim()),
    );
  } catch {
    return [{ id: 'fonts', what: t('doctor.what.fonts'), status: 'warn', detail: t('doctor.noFcList') }];
  }
  return FONT_FAMILIES.map((f) => {
    const use = t(`doctor.fontFor.${f.for}`);
    return {
      id: 'font',
      what: t('doctor.what.font', { family: f.family }),
      status: families.has(f.family) ? 'ok' : f.required ? 'fail' : 'warn',
      detail: families.has(f.family)
        ? t('doctor.fontInstalled', { use })
        : t('doctor.fontMissing', { use, package: f.debian }),
    };
  });
}

async function checkData(dataDir: string): Promise<{ checks: Check[]; texts?: string[]; cjk?: CjkForms }> {
  try {
    const event = await loadEvent(dataDir);
    const { dates } = await scanDataFolder(dataDir);
    const checked = await checkFolder(dataDir);
    const problems = errorsOf(checked.problems);
    const read = checked.read;
    const range =
      dates.length > 0
        ? tn('doctor.days', dates.length, { first: dates[0]!, last: dates.at(-1)! })
        : t('doctor.noDayFolder');
    return {
      checks: [
        {
          id: 'dataFolder',
          what: t('doctor.what.dataFolder'),
          status: 'ok',
          detail: t('doctor.dataFolder', { dir: dataDir, event: event.id, zone: event.timezone, range }),
        },
        {
          id: 'dataValidity',
          what: t('doctor.what.dataValidity'),
          status: problems.length === 0 ? 'ok' : 'warn',
          detail:
            problems.length === 0 ? t('doctor.noProblem') : t('doctor.problems', { n: problems.length, dir: dataDir }),
        },
      ],
      cjk: cjkFormsOf(event.host),
      // Every text of event.yaml and of the records that a briefing may print, whatever their
      // other markings: a font is needed for any of them. Not a RED record's: none is ever
      // printed, and doctor quotes the characters it finds no font for.
      texts: stringsIn([
        event,
        notRed(read?.incidents),
        notRed(read?.assessments),
        notRed(read?.agenda),
        notRed(read?.deployments),
        [...(read?.days.values() ?? [])].map((d) => ({ ...d, keyMessages: notRed(d.keyMessages) })),
      ]),
    };
  } catch (error) {
    const message = error instanceof CciError ? error.message.split('\n')[0]! : errorText(error);
    return { checks: [{ id: 'dataFolder', what: t('doctor.what.dataFolder'), status: 'fail', detail: message }] };
  }
}

/** The records not marked RED. */
function notRed<R extends { tlp: string }>(records: readonly R[] | undefined): R[] {
  return (records ?? []).filter((r) => r.tlp !== 'RED');
}

/** Families covering the characters, as fontconfig (and so Chromium) finds them. */
const fcLookup: FontLookup = async (chars) => {
  const { stdout } = await run('fc-list', [charsetPattern(chars), 'family'], { timeout: 10_000 });
  return [
    ...new Set(
      stdout
        .split('\n')
        .map((l) => l.split(',')[0]!.trim())
        .filter((f) => f !== ''),
    ),
  ];
};

/**
 * The scripts the data's texts use, each drawn by an installed font or not (a character no
 * font covers prints as an empty box). A warning, not a failure: the briefing still prints.
 */
export async function checkScripts(texts: readonly string[], lookup: FontLookup, cjk: CjkForms = 'sc'): Promise<Check> {
  // the page asks for the CJK forms of the event's host (render/cjk-forms.ts)
  const preferred = PREFERRED.map((f) => (f === CJK_FAMILY.sc ? CJK_FAMILY[cjk] : f));
  const what = t('doctor.what.scripts');
  let found: ScriptCoverage[];
  try {
    found = await coverage(scriptsUsed(texts), lookup);
  } catch {
    return { id: 'scripts', what, status: 'warn', detail: t('doctor.noFcList') };
  }
  if (found.length === 0) return { id: 'scripts', what, status: 'ok', detail: t('doctor.scriptsAscii') };
  const lacking = found.filter((c) => c.families.length === 0);
  if (lacking.length > 0) {
    const lines = lacking.map((c) =>
      t('doctor.scriptMissing', {
        script: scriptName(c.script, cliLang()),
        chars: (c.missing.length > 0 ? c.missing : c.chars).slice(0, 5).map(describeChar).join(', '),
        package: packageFor(c.script),
      }),
    );
    return { id: 'scripts', what, status: 'warn', detail: lines.join('; ') };
  }
  const named = found.map(
    (c) => `${scriptName(c.script, cliLang())} (${preferred.find((f) => c.families.includes(f)) ?? c.families[0]!})`,
  );
  return { id: 'scripts', what, status: 'ok', detail: t('doctor.scriptsCovered', { scripts: named.join(', ') }) };
}

/** The mail server of CCI_SMTP_URL, checked for real (no mail sent): see deliver/mail-check.ts. */
async function checkMail(smtpUrl: string | undefined): Promise<Check> {
  const { status, detail } = await checkMailServer(smtpUrl);
  return { id: 'mail', what: t('doctor.what.mail'), status, detail };
}

/** The tally cache of earlier days: where, how big, and whether it can be written (a warning only). */
async function checkCache(env: NodeJS.ProcessEnv): Promise<Check> {
  const what = t('doctor.what.cache');
  const dir = defaultCacheDir(env);
  if (dir === undefined) return { id: 'cache', what, status: 'warn', detail: t('doctor.cacheNone') };
  // what `brief` would not use (it says so and reads every file): said here too
  const { inspectOwnFolder } = await import('../output/own-folder.js');
  const problem = await inspectOwnFolder(dir);
  if (problem === 'notFolder' || problem === 'notOurs') {
    const detail = problem === 'notFolder' ? t('doctor.cache.notFolder', { dir }) : t('doctor.cache.notOurs', { dir });
    return { id: 'cache', what, status: 'warn', detail };
  }
  if (problem === 'notPrivate') {
    return { id: 'cache', what, status: 'warn', detail: t('doctor.cache.notPrivate', { dir }) };
  }
  if (problem !== undefined) {
    return {
      id: 'cache',
      what,
      status: 'warn',
      detail: t('doctor.cacheUnwritable', { dir, reason: causeText(problem) }),
    };
  }
  // the folder, or the nearest existing folder above it (where brief would create it)
  let probe = dir;
  let found = await stat(probe).catch(() => undefined);
  while (!found && dirname(probe) !== probe) {
    probe = dirname(probe);
    found = await stat(probe).catch(() => undefined);
  }
  try {
    if (found && !found.isDirectory()) throw Object.assign(new Error(`${probe} is a file`), { code: 'ENOTDIR' });
    await access(probe, constants.W_OK);
  } catch (error) {
    return {
      id: 'cache',
      what,
      status: 'warn',
      detail: t('doctor.cacheUnwritable', { dir, reason: causeText((error as NodeJS.ErrnoException).code ?? 'EIO') }),
    };
  }
  const files = await readdir(dir).then(
    (names) => names.filter((n) => /^tally-.*\.cache$/.test(n)),
    () => [],
  );
  if (files.length === 0) return { id: 'cache', what, status: 'ok', detail: t('doctor.cacheEmpty', { dir }) };
  let bytes = 0;
  for (const f of files)
    bytes += await stat(join(dir, f)).then(
      (s) => s.size,
      () => 0,
    );
  const size =
    bytes >= 1e6
      ? t('doctor.sizeMB', { n: oneDecimal(bytes / 1e6) })
      : t('doctor.sizeKB', { n: oneDecimal(Math.max(1, Math.round(bytes / 1e3))) });
  return {
    id: 'cache',
    what,
    status: 'ok',
    detail: t('doctor.cacheUsed', { dir, files: tn('doctor.cacheFiles', files.length), size }),
  };
}

/** A number with at most one decimal, as the language of messages writes it (0,2 / 0.2). */
function oneDecimal(n: number): string {
  return n.toLocaleString(cliLang() === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
}
