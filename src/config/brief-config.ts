// `cci brief`'s run configuration: its flags, the environment and event.yaml resolved once
// into values. The flags are checked before anything slow starts (briefFlags); the values that
// need the event (divisions, date, audiences) once event.yaml is read (briefConfig).

import { resolve } from 'node:path';
import { parseAudience } from '../audience/parse-audience.js';
import type { Audience } from '../audience/audience.js';
import { UsageError } from '../errors.js';
import type { DocLang } from '../i18n/lang.js';
import { t } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';
import type { Environment } from './environment.js';
import { parseBriefingDate, parseDivisions, parseDocLangs, parseFormats, type Format } from './options.js';
import { isSameOrInside } from './folder-within.js';
import { escapeUnsafe, firstInvisibleChar, isDisplaySafe } from '../text/control-chars.js';
import { stateDirFor } from './state-dir.js';

/** The options of `cci brief` as commander gives them. */
export interface BriefOptions {
  division: string;
  date?: string;
  audience?: string;
  lang?: string;
  format?: string;
  data?: string;
  out?: string;
  draft?: boolean;
  email?: boolean;
  resend?: boolean;
  browser?: string;
  /** false with --no-cache: every file parsed again. */
  cache?: boolean;
  /** --within-event: a date outside the event's days is a quiet no-op (the scheduled runs). */
  withinEvent?: boolean;
  /** Record the briefing as issued, handed out without email. */
  issue?: boolean;
  /** Issue a briefing already issued with other content, as a corrigendum. */
  amend?: boolean;
  /** Send (or hand out) only content approved with cci approve. */
  requireApproval?: boolean;
  /** The state folder (the register of issued briefings). */
  state?: string;
  /** Who hands the briefing out (--issue); default: the user. */
  by?: string;
}

/** What the flags and the environment say, before event.yaml is read. */
export interface BriefFlags {
  /** Absolute. */
  dataDir: string;
  /** Absolute. */
  outDir: string;
  formats: Format[];
  langs: DocLang[];
  draft: boolean;
  email: boolean;
  resend: boolean;
  /** --within-event: nothing is done (exit 0) for a date before opens or after the closing briefing's, closes + 1 (window/briefing-days.ts). */
  withinEvent: boolean;
  /** --issue: handed out without email. */
  issue: boolean;
  amend: boolean;
  requireApproval: boolean;
  /** Who issues: --by, else the user's name. */
  by: string;
  /** --browser; else the environment's (browserEnv) or the system's. */
  browser: string | undefined;
  /** Tally cache folder; undefined with --no-cache or when there is none. */
  cacheDir: string | undefined;
  smtpUrl: string | undefined;
  browserEnv: NodeJS.ProcessEnv;
  /** As written, read against the event by briefConfig. */
  divisionText: string;
  dateText: string | undefined;
  audienceText: string;
  /** --state as given (absolute), and what the environment says, read against the event by briefConfig. */
  stateOption: string | undefined;
  stateEnv: Environment['state'];
  /** The working folder a relative folder of the environment (CCI_STATE_DIR, XDG_STATE_HOME) is read from. */
  cwd: string;
}

export interface BriefConfig extends BriefFlags {
  event: EventConfig;
  divisions: string[];
  date: string;
  audiences: Audience[];
  /** The state folder: the register of issued briefings (absolute; never inside outDir). */
  stateDir: string;
}

export function briefFlags(opts: BriefOptions, cwd: string, env: Environment): BriefFlags {
  const formats = parseFormats(opts.format);
  const langs = parseDocLangs(opts.lang);
  if (opts.email && opts.draft) throw new UsageError(t('brief.emailDraft'));
  if (opts.email && !formats.includes('pdf')) throw new UsageError(t('brief.emailNeedsPdf'));
  if (opts.email && opts.issue) throw new UsageError(t('brief.emailAndIssue'));
  if (opts.issue && opts.draft) throw new UsageError(t('brief.issueDraft'));
  if (opts.amend && !opts.email && !opts.issue) throw new UsageError(t('brief.needsIssuing', { option: '--amend' }));
  if (opts.requireApproval && !opts.email && !opts.issue)
    throw new UsageError(t('brief.needsIssuing', { option: '--require-approval' }));
  if (opts.resend && !opts.email) throw new UsageError(t('brief.needsEmail', { option: '--resend' }));
  const outDir = resolve(cwd, opts.out ?? 'out');
  const cacheDir = opts.cache === false ? undefined : env.cacheDir;
  checkCacheOutside(cacheDir, outDir);
  return {
    dataDir: resolve(cwd, opts.data ?? 'data'),
    outDir,
    formats,
    langs,
    draft: Boolean(opts.draft),
    email: Boolean(opts.email),
    resend: Boolean(opts.resend),
    withinEvent: Boolean(opts.withinEvent),
    issue: Boolean(opts.issue),
    amend: Boolean(opts.amend),
    requireApproval: Boolean(opts.requireApproval),
    by: issuerName(opts.by, env),
    browser: opts.browser,
    cacheDir,
    smtpUrl: env.smtpUrl,
    browserEnv: env.browserEnv,
    divisionText: opts.division,
    dateText: opts.date,
    audienceText: opts.audience ?? 'partners',
    stateOption: opts.state === undefined ? undefined : resolve(cwd, opts.state),
    stateEnv: env.state,
    cwd,
  };
}

/**
 * Throws UsageError when the tally cache folder is the output folder or inside it, links
 * resolved (src/config/folder-within.ts): it holds every audience's counts and its MAC key.
 */
export function checkCacheOutside(cacheDir: string | undefined, outDir: string): void {
  if (cacheDir !== undefined && isSameOrInside(cacheDir, outDir))
    throw new UsageError(t('config.cacheInOut', { cache: cacheDir, out: outDir }));
}

export function briefConfig(flags: BriefFlags, event: EventConfig, now: Date): BriefConfig {
  return {
    ...flags,
    event,
    divisions: parseDivisions(flags.divisionText, event),
    date: parseBriefingDate(flags.dateText, event, now),
    audiences: parseAudience(flags.audienceText, event.partners),
    stateDir: stateDirFor({
      option: flags.stateOption,
      env: { state: flags.stateEnv },
      eventId: event.id,
      // a relative CCI_STATE_DIR is the same folder for every command run from here (it was '/')
      cwd: flags.cwd,
      outDir: flags.outDir,
    }),
  };
}

/**
 * Who issues or approves, as the register records it and every message prints it: --by, else
 * the user's name (USER, LOGNAME, the account), else `unknown`. A --by holding a control, line
 * break or bidi character is a usage error (it would forge lines in history and verify); such a
 * character in the environment's name is written `\u001b`.
 */
export function issuerName(option: string | undefined, env: Pick<Environment, 'userName'>): string {
  const given = option?.trim();
  if (given) {
    if (!isDisplaySafe(given) || firstInvisibleChar(given) !== undefined)
      throw new UsageError(t('config.badBy', { option: '--by' }));
    return given;
  }
  return env.userName ? escapeUnsafe(env.userName) : 'unknown';
}
