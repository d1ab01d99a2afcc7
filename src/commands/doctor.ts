// `cci doctor`: what the tool found on this machine — browser and version, fonts, the data
// folder, the mail setting — and whether it can run. Exit 0 when briefings can be made.

import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { validateFolder, scanDataFolder, loadEvent } from '../data/index.js';
import { parseSmtpUrl } from '../deliver/smtp-url.js';
import { CciError, EXIT } from '../errors.js';
import { browserVersion, findBrowser } from '../pdf/index.js';
import type { Io } from './io.js';

const run = promisify(execFile);

type Status = 'ok' | 'warn' | 'fail';
interface Check {
  what: string;
  status: Status;
  detail: string;
}

/** Font families the briefings use: Latin text, and names in other scripts. */
export const FONT_FAMILIES: readonly { family: string; for: string; required: boolean; debian: string }[] = [
  { family: 'Noto Sans', for: 'body text (Latin, Greek, Cyrillic)', required: true, debian: 'fonts-noto-core' },
  { family: 'DejaVu Sans', for: 'fallback text', required: false, debian: 'fonts-dejavu-core' },
  { family: 'Noto Sans Arabic', for: 'Arabic names', required: false, debian: 'fonts-noto-core' },
  { family: 'Noto Sans CJK SC', for: 'Chinese, Japanese and Korean names', required: false, debian: 'fonts-noto-cjk' },
];

export async function runDoctor(opts: { data?: string; browser?: string }, io: Io): Promise<number> {
  const checks: Check[] = [];
  checks.push(await checkBrowser(opts.browser, io.env));
  checks.push(...(await checkFonts()));
  checks.push(...(await checkData(resolve(io.cwd, opts.data ?? 'data'))));
  checks.push(checkMail(io.env));

  const mark: Record<Status, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };
  for (const c of checks) io.out(`${mark[c.status]}  ${c.what}: ${c.detail}`);
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) {
    io.info('cci can make briefings on this machine');
    return EXIT.OK;
  }
  io.warn(`cci cannot run fully here: ${failed.map((c) => c.what).join(', ')}`);
  return failed.some((c) => c.what === 'browser') ? EXIT.NO_BROWSER : EXIT.DATA;
}

async function checkBrowser(executablePath: string | undefined, env: NodeJS.ProcessEnv): Promise<Check> {
  try {
    const found = await findBrowser({ ...(executablePath !== undefined && { executablePath }), env });
    const version = await browserVersion(found.path).catch((e: Error) => `version unknown (${e.message})`);
    return { what: 'browser', status: 'ok', detail: `${found.path} (${version}; found by ${found.source})` };
  } catch (error) {
    return { what: 'browser', status: 'fail', detail: error instanceof CciError ? error.message : String(error) };
  }
}

async function checkFonts(): Promise<Check[]> {
  let families: Set<string>;
  try {
    const { stdout } = await run('fc-list', [':', 'family'], { timeout: 10_000 });
    families = new Set(stdout.split('\n').flatMap((l) => l.split(',')).map((f) => f.trim()));
  } catch {
    return [{ what: 'fonts', status: 'warn', detail: 'fc-list is not available: cannot tell which fonts Chromium will use (Debian: apt-get install fontconfig)' }];
  }
  return FONT_FAMILIES.map((f) => ({
    what: `font ${f.family}`,
    status: families.has(f.family) ? 'ok' : f.required ? 'fail' : 'warn',
    detail: families.has(f.family) ? `installed, for ${f.for}` : `missing, for ${f.for} (Debian: apt-get install ${f.debian})`,
  }));
}

async function checkData(dataDir: string): Promise<Check[]> {
  try {
    const event = await loadEvent(dataDir);
    const { dates } = await scanDataFolder(dataDir);
    const problems = await validateFolder(dataDir);
    const range = dates.length > 0 ? `${dates.length} days, ${dates[0]} to ${dates.at(-1)}` : 'no day folder yet';
    return [
      { what: 'data folder', status: 'ok', detail: `${dataDir}: ${event.id}, ${event.timezone}, ${range}` },
      {
        what: 'data validity',
        status: problems.length === 0 ? 'ok' : 'warn',
        detail: problems.length === 0 ? 'no problem found' : `${problems.length} problem(s): run cci validate --data ${dataDir}`,
      },
    ];
  } catch (error) {
    const message = error instanceof CciError ? error.message.split('\n')[0]! : String(error);
    return [{ what: 'data folder', status: 'fail', detail: message }];
  }
}

function checkMail(env: NodeJS.ProcessEnv): Check {
  if (!env.CCI_SMTP_URL) return { what: 'mail', status: 'warn', detail: 'CCI_SMTP_URL is not set: --email cannot send (the rest works)' };
  const parsed = parseSmtpUrl(env.CCI_SMTP_URL);
  return parsed.ok
    ? { what: 'mail', status: 'ok', detail: `CCI_SMTP_URL ${parsed.settings.display}` }
    : { what: 'mail', status: 'fail', detail: parsed.problem };
}
