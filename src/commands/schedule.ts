// `cci schedule`: the crontab lines (or systemd units) that run `cci brief --email` for every
// division at its time, in the event's time zone, on the event's days only, with absolute paths
// and output to a log in a private folder of cci's own (never the output folder).
// scheduleText is pure; runSchedule loads event.yaml, prepares the log folder and prints.

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCacheOutside } from '../config/brief-config.js';
import { readEnvironment } from '../config/environment.js';
import { isSameOrInside } from '../config/folder-within.js';
import { stateDirFor } from '../config/state-dir.js';
import { parseAudience } from '../audience/parse-audience.js';
import { toAlpha3 } from '../data/countries.js';
import { readEvent } from '../data/index.js';
import { DataError, EXIT, problemLines, UsageError } from '../errors.js';
import { countriesWithoutList, shortList } from '../deliver/recipients.js';
import { t, tn } from '../i18n/messages.js';
import { nameInBoth } from '../model/bilingual.js';
import type { Division, EventConfig } from '../model/types.js';
import { preparePrivateLog } from '../output/log-folder.js';
import { addDays } from '../window/calendar.js';
import { briefingDays } from '../window/briefing-days.js';
import { scheduledInstant } from '../window/zone.js';
import { shellQuote } from '../text/shell-quote.js';
import type { Io } from './io.js';

export interface ScheduleOptions {
  data?: string;
  out?: string;
  audience?: string[] | string;
  systemd?: boolean;
  /** The runs send only content approved with cci approve (cci brief --require-approval). */
  requireApproval?: boolean;
  /** The state folder the runs use (the register of issued briefings). */
  state?: string;
}

export interface ScheduleInput {
  event: EventConfig;
  /** Absolute paths. */
  cwd: string;
  dataDir: string;
  outDir: string;
  nodePath: string;
  binPath: string;
  /** The log file of the runs (absolute): in the log folder, never in the output folder. */
  logPath: string;
  /** --audience values to run, in order; empty: the audiences distribution has addresses for. */
  audiences: readonly string[];
  systemd: boolean;
  requireApproval?: boolean;
  /** Absolute; the runs' default (CCI_STATE_DIR or the user's state folder) when absent. */
  stateDir?: string;
}

export const CRON_LOG_NAME = 'cci-cron.log';

export async function runSchedule(opts: ScheduleOptions, io: Io): Promise<number> {
  const dataDir = resolve(io.cwd, opts.data ?? 'data');
  const outDir = resolve(io.cwd, opts.out ?? 'out');
  const read = await readEvent(dataDir);
  if (read.problems.length > 0 || !read.event) throw new DataError(read.problems);
  const event = read.event;
  // a division time the clocks skip or show twice on a day of the event: said before the lines
  for (const line of problemLines(read.warnings ?? [])) io.warn(line);
  const raw = opts.audience === undefined ? [] : Array.isArray(opts.audience) ? opts.audience : [opts.audience];
  const audiences = raw
    .flatMap((a) => a.split(','))
    .map((a) => a.trim())
    .filter(Boolean);
  for (const a of audiences) parseAudience(a, event.partners); // UsageError when unknown
  const env = readEnvironment(io.env);
  const logDir = env.logDir;
  if (logDir === undefined) throw new UsageError(t('schedule.noLogDir'));
  // A crontab line or a systemd unit cannot hold a line break: a folder named with one (or any
  // control character) would split a job into lines of its own, one of them a job of its own.
  const state = env.state === undefined ? undefined : 'dir' in env.state ? env.state.dir : env.state.base;
  for (const place of [io.cwd, dataDir, outDir, logDir, opts.state, state]) {
    // eslint-disable-next-line no-control-regex
    if (place !== undefined && /[\u0000-\u001f\u007f]/.test(place)) {
      throw new UsageError(t('schedule.controlInPath', { path: place }));
    }
  }
  // every "never inside the output folder" rule of the runs, checked now rather than at 11:30
  if (isSameOrInside(logDir, outDir)) throw new UsageError(t('schedule.logInOut', { log: logDir, out: outDir }));
  if (opts.state !== undefined || env.state !== undefined)
    stateDirFor({ option: opts.state, env, eventId: event.id, cwd: io.cwd, outDir });
  checkCacheOutside(env.cacheDir, outDir);
  // made now, private, so that the lines below append to a file only this user reads
  const logPath = await preparePrivateLog(logDir, CRON_LOG_NAME);
  const text = scheduleText({
    event,
    cwd: io.cwd,
    dataDir,
    outDir,
    audiences,
    systemd: Boolean(opts.systemd),
    logPath,
    requireApproval: Boolean(opts.requireApproval),
    ...(opts.state !== undefined && { stateDir: resolve(io.cwd, opts.state) }),
    nodePath: process.execPath,
    binPath: fileURLToPath(new URL('../../bin/cci.js', import.meta.url)),
  });
  for (const line of text.replace(/\n$/, '').split('\n')) io.out(line);
  io.info(t('schedule.log', { path: logPath }));
  for (const warning of distributionWarnings(event, audiences)) io.warn(warning);
  if (opts.requireApproval && (event.distribution?.duty ?? []).length === 0) io.warn(t('schedule.noDuty'));
  return EXIT.OK;
}

/**
 * What the scheduled runs will not deliver, for stderr: the partner countries without an
 * address at distribution.countries (left out of the default audiences, or failing the runs
 * that name them), and a missing distribution section.
 */
export function distributionWarnings(event: EventConfig, audiences: readonly string[]): string[] {
  if (!event.distribution) return [t('schedule.noDistribution')];
  const missing = countriesWithoutList(event.distribution, event.partners);
  if (missing.length === 0) return [];
  const codesOf = (list: readonly string[]) => {
    const { list: shown, more } = shortList(list);
    return more > 0 ? t('deliver.check.andMore', { list: shown, more }) : shown;
  };
  const total = event.partners.length;
  if (audiences.length === 0)
    return [tn('schedule.countriesNotScheduled', missing.length, { total, codes: codesOf(missing) })];
  const out: string[] = [];
  for (const audience of audiences) {
    const m = /^(?:country|pays):(.+)$/i.exec(audience);
    if (!m) continue;
    const named = m[1]!.toLowerCase() === 'all' ? missing : missing.filter((c) => c === toAlpha3(m[1]!));
    if (named.length > 0)
      out.push(tn('schedule.countriesWillFail', named.length, { audience, total, codes: codesOf(named) }));
  }
  return out;
}

/** The audiences a division is emailed to by default: those distribution has addresses for. */
export function defaultAudiences(event: EventConfig, division: string): string[] {
  const d = event.distribution;
  if (!d) return ['partners'];
  const out: string[] = [];
  const lists = d.divisions[division];
  if (lists && lists.partners.length > 0) out.push('partners');
  if (lists && lists.national.length > 0) out.push('national');
  const withAddresses = event.partners.filter((c) => (d.countries[c] ?? []).length > 0);
  if (withAddresses.length > 0 && withAddresses.length === event.partners.length) out.push('country:all');
  else for (const c of withAddresses) out.push(`country:${c}`);
  return out.length > 0 ? out : ['partners'];
}

export function scheduleText(input: ScheduleInput): string {
  if (input.event.divisions.length === 0) throw new UsageError(t('schedule.noDivision'));
  return input.systemd ? systemdText(input) : crontabText(input);
}

function briefArgs(input: ScheduleInput, division: string, audience: string): string[] {
  return [
    input.nodePath,
    input.binPath,
    'brief',
    '--division',
    division,
    '--audience',
    audience,
    '--data',
    input.dataDir,
    '--out',
    input.outDir,
    '--email',
    '--within-event',
    ...(input.requireApproval ? ['--require-approval'] : []),
    ...(input.stateDir !== undefined ? ['--state', input.stateDir] : []),
  ];
}

function audiencesOf(input: ScheduleInput, division: string): string[] {
  return input.audiences.length > 0 ? [...input.audiences] : defaultAudiences(input.event, division);
}

function hourMinute(d: Division): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(d.time);
  if (!m) throw new UsageError(t('schedule.badTime', { division: d.id, time: d.time }));
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function exitCodeComment(outDir: string, logPath: string, requireApproval = false): string[] {
  return [
    `# Each run appends its messages to ${logPath} (a folder only this user reads, never the`,
    '# output folder), then a line "cci brief <division> <audiences>: exit N". Watch for N != 0:',
    `#   ${EXIT.USAGE} usage error   ${EXIT.DATA} bad data or no data for the day (fix data, run again)`,
    `#   ${EXIT.RENDER} rendering failed   ${EXIT.NO_BROWSER} no browser (see cci doctor)`,
    `#   ${EXIT.DELIVERY} email not delivered to every address, or uncertain: read the log; the PDFs written are kept in ${outDir};`,
    '#     rerun with the same command (addresses already served, or possibly served, are skipped; --resend sends again)',
    `#   ${EXIT.LOCKED} another run of the same briefing was still running`,
    `#   ${EXIT.CHANGED} the briefing was already issued and has changed since: nothing sent; send the corrigendum`,
    '#     by hand with the same command and --amend (cci history shows what went out)',
    ...(requireApproval
      ? [
          `#   ${EXIT.NOT_APPROVED} content not approved: not sent, the duty desk (distribution.duty) was emailed; approve it`,
          '#     (cci approve --division D --date YYYY-MM-DD --audience A) and run the same command again',
        ]
      : []),
    `#   ${EXIT.REGISTER} the register of issued briefings is damaged, edited or cut back: nothing sent; or it could not`,
    '#     record emails that went out (the log says so; the next run records them): see the log',
    ...(requireApproval
      ? [
          '# Release approval: each run sends only content someone approved beforehand with',
          '#   cci approve --division D --date YYYY-MM-DD [--audience A] [--by NAME]',
          '# (after reviewing it with cci preview or cci brief); any change to the data after the approval needs a new one.',
        ]
      : []),
    "# Runs are on the event's briefing days only; with --within-event, a run on another day (the same",
    '# dates a year later) does nothing and exits 0.',
  ];
}

/**
 * The event's briefing days, opens to the closing briefing's day after closes (event time zone,
 * window/briefing-days.ts), as runs of whole or partial months: { year, month, from, to, whole }
 * with days of the month.
 */
export function eventMonths(
  event: EventConfig,
): { year: number; month: number; from: number; to: number; whole: boolean }[] {
  const out: { year: number; month: number; from: number; to: number; whole: boolean }[] = [];
  const { first, last } = briefingDays(event);
  let day = first;
  while (day <= last) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const monthEnd = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const lastDay = `${y}-${pad(m)}-${pad(monthEnd)}`;
    const to = lastDay <= last ? monthEnd : Number(last.slice(8, 10));
    out.push({ year: y, month: m, from: d, to, whole: d === 1 && to === monthEnd });
    day = addDays(lastDay, 1);
  }
  return out;
}

// --- crontab -------------------------------------------------------------------------------

function crontabText(input: ScheduleInput): string {
  const { event, outDir, logPath } = input;
  const log = shellQuote(logPath);
  const months = eventMonths(event);
  // cron has no year: a year or more of event days runs every day (--within-event keeps it quiet)
  const spans =
    months.length > 12
      ? [{ days: '*', month: '*' }]
      : months.map((m) => ({
          days: m.whole ? '*' : m.from === m.to ? `${m.from}` : `${m.from}-${m.to}`,
          month: `${m.month}`,
        }));
  const lines = [
    `# cci: daily briefings of ${event.name.en ?? event.name.fr ?? event.id}, emailed (crontab -e)`,
    `# Times are in the event's time zone, ${event.timezone}, through CRON_TZ (cronie; with a cron`,
    "# that ignores CRON_TZ, the machine's zone must be the event's, or use cci schedule --systemd).",
    `# Days: ${event.opens} to ${briefingDays(event).last}, the event's and its closing briefing's, the day after it closes`,
    '#   (it covers the end of the last day). cron repeats them every year: remove these lines after the event.',
    `# The output folder must exist: mkdir -p ${shellQuote(outDir)}`,
    '# The SMTP server: set CCI_SMTP_URL here (crontab is private to its user), e.g.',
    '# CCI_SMTP_URL=smtps://user:password@smtp.example.org:465',
    ...exitCodeComment(outDir, logPath, input.requireApproval),
    `CRON_TZ=${event.timezone}`,
  ];
  for (const d of event.divisions) {
    const { hour, minute } = hourMinute(d);
    const audience = audiencesOf(input, d.id).join(',');
    const cmd = briefArgs(input, d.id, audience).map(shellQuote).join(' ');
    const run = `${cmd} >> ${log} 2>&1; echo "cci brief ${d.id} ${audience}: exit $?" >> ${log}`;
    const title = nameInBoth(d.title);
    lines.push(`# ${title.fr ?? d.id} / ${title.en ?? d.id}: ${d.time} ${event.timezone}`);
    for (const span of spans)
      lines.push(cronEscape(`${minute} ${hour} ${span.days} ${span.month} * cd ${shellQuote(input.cwd)} && ${run}`));
  }
  return `${lines.join('\n')}\n`;
}

/** cron turns an unescaped % into a newline. */
function cronEscape(line: string): string {
  return line.replace(/%/g, '\\%');
}

// --- systemd -------------------------------------------------------------------------------

function systemdText(input: ScheduleInput): string {
  const { event, outDir, logPath } = input;
  const log = logPath.replace(/%/g, '%%');
  const out: string[] = [
    `# cci: daily briefings of ${event.name.en ?? event.name.fr ?? event.id}, emailed, as systemd timers.`,
    '# Save each unit under ~/.config/systemd/user/ (they run as you, with your paths), then:',
    `#   systemctl --user daemon-reload && systemctl --user enable --now ${event.divisions.map((d) => `cci-${d.id}.timer`).join(' ')}`,
    '#   loginctl enable-linger "$USER"   # so that they run while you are logged out',
    '# (Under /etc/systemd/system/ instead, add User=<you> to each [Service] and drop --user.)',
    '# The SMTP server: CCI_SMTP_URL=smtps://user:password@smtp.example.org:465 in /etc/cci/cci.env (mode 600).',
    `# Days: ${event.opens} to ${briefingDays(event).last}, the event's and its closing briefing's, the day after it closes`,
    '#   (it covers the end of the last day): the timers never fire on another day.',
    ...exitCodeComment(outDir, logPath, input.requireApproval),
  ];
  for (const d of event.divisions) {
    const { hour, minute } = hourMinute(d);
    const audiences = audiencesOf(input, d.id);
    const title = nameInBoth(d.title).fr ?? d.id;
    const exitLine = `echo "cci brief ${d.id} ${audiences.join(',')}: exit $EXIT_STATUS" >> ${shellQuote(logPath)}`;
    const unit = [
      '',
      `# ---- cci-${d.id}.service`,
      '[Unit]',
      `Description=cci: ${title} (${d.id}), built and emailed`,
      'Wants=network-online.target',
      'After=network-online.target',
      '',
      '[Service]',
      'Type=oneshot',
      `WorkingDirectory=${systemdQuote(input.cwd)}`,
      'EnvironmentFile=-/etc/cci/cci.env',
      `ExecStart=${execStart(input, d.id, audiences)}`,
      // after the run, whatever its outcome: the same "exit N" line as the crontab's
      `ExecStopPost=/bin/sh -c ${systemdQuote(exitLine)}`,
      `StandardOutput=append:${log}`,
      `StandardError=append:${log}`,
      'TimeoutStartSec=30min',
      '',
      `# ---- cci-${d.id}.timer`,
      '[Unit]',
      `Description=cci: ${title} at ${d.time} ${event.timezone}, ${event.opens} to ${briefingDays(event).last}`,
      '',
      '[Timer]',
      ...eventMonths(event).map((m) => {
        const days = m.whole ? '*' : m.from === m.to ? pad(m.from) : `${pad(m.from)}..${pad(m.to)}`;
        return `OnCalendar=${m.year}-${pad(m.month)}-${days} ${pad(hour)}:${pad(minute)}:00 ${event.timezone}`;
      }),
      // systemd skips a day whose time the clocks jump over (cron runs it just after the
      // change): that day's run is timed in UTC at the instant its window ends
      ...skippedDays(event, hour, minute).flatMap((s) => [
        `# ${s.date}: the clocks skip ${pad(hour)}:${pad(minute)} in ${event.timezone}; its window ends at this instant`,
        `OnCalendar=${s.utc} UTC`,
      ]),
      'AccuracySec=1s',
      `Unit=cci-${d.id}.service`,
      '',
      '[Install]',
      'WantedBy=timers.target',
    ];
    for (const line of unit) out.push(line);
  }
  return `${out.join('\n')}\n`;
}

/**
 * The briefing days on which the clocks of the event's zone skip `hour:minute` (a spring-forward
 * gap), with the instant that day's briefing window ends (window/zone.ts scheduledInstant), as
 * `YYYY-MM-DD HH:MM:SS` in UTC.
 */
export function skippedDays(event: EventConfig, hour: number, minute: number): { date: string; utc: string }[] {
  const out: { date: string; utc: string }[] = [];
  const { first, last } = briefingDays(event);
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const at = scheduledInstant({ year, month, day, hour, minute, second: 0, millisecond: 0 }, event.timezone);
    if (at.kind === 'gap') out.push({ date, utc: new Date(at.ms).toISOString().slice(0, 19).replace('T', ' ') });
  }
  return out;
}

/** One run for every audience of the division: one browser prints them all. */
function execStart(input: ScheduleInput, division: string, audiences: readonly string[]): string {
  return briefArgs(input, division, audiences.join(',')).map(systemdQuote).join(' ');
}

/** A word for a systemd command line: quoted when needed; $ and % escaped. */
function systemdQuote(word: string): string {
  const escaped = word.replace(/%/g, '%%').replace(/\$/g, '$$$$');
  if (/^[A-Za-z0-9_./:=@+,-]+$/.test(escaped)) return escaped;
  return `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
