// The `cci` command line. Each command's module is loaded only when that command runs, so
// `cci --help` stays fast.

import { CommanderError, Help, Option } from 'commander';
import type { Command } from 'commander';
import { CciError, DataError, errorsOf, EXIT, problemLines, UsageError } from '../errors.js';
import { nodeIo } from './node-io.js';
import { helpConfiguration, LocalizedCommand } from './localized-command.js';
import type { Io } from '../commands/io.js';
import { cliLangOf, setCliLang } from '../i18n/cli-lang.js';
import { DocumentCatalogueError } from '../i18n/document-messages.js';
import { t, tn } from '../i18n/messages.js';
import { packageVersion } from '../package-files.js';

/** The exit statuses after --help, in the language of messages, wrapped as commander wraps the rest. */
function exitHelp(): string {
  const codes = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];
  const help = Object.assign(new Help(), helpConfiguration());
  const width = Math.max(40, (process.stdout.columns || 80) - 5);
  const item = (c: string) =>
    `  ${c.padStart(2)}  ${help.boxWrap(t(`help.exit${c}`), width).replaceAll('\n', '\n      ')}`;
  return `\n${t('help.exitStatus')}\n${codes.map(item).join('\n')}`;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new LocalizedCommand('cci')
    .configureHelp(helpConfiguration())
    .description(t('help.program'))
    .version(packageVersion(), '-V, --version', t('help.version'))
    .helpOption('-h, --help', t('help.help'))
    .helpCommand(`help [${t('help.value.command')}]`, t('help.helpCommand'))
    .showHelpAfterError(t('help.afterError'))
    .addHelpText('after', exitHelp())
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    })
    // `--out "$OUT"` with OUT unset gives "": refused, not taken as the current folder
    .hook('preAction', (_program, command) => refuseEmptyValues(command));

  program
    .command('brief')
    .description(t('help.brief.description'))
    .requiredOption(`-d, --division <${t('help.value.division')}>`, t('help.brief.division'))
    .option(`--date <${t('help.value.date')}>`, t('help.brief.date'))
    .option(`-a, --audience <${t('help.value.audience')}>`, t('help.brief.audience'), 'partners')
    .option(`-l, --lang <${t('help.value.lang')}>`, t('help.brief.lang'))
    .option(`-f, --format <${t('help.value.formats')}>`, t('help.brief.format'), 'html,pdf')
    .option(`--data <${t('help.value.dir')}>`, t('help.data'), 'data')
    .option(`-o, --out <${t('help.value.dir')}>`, t('help.out'), 'out')
    .option('--draft', t('help.brief.draft'))
    .option('--email', t('help.brief.email'))
    .option('--resend', t('help.brief.resend'))
    .option('--issue', t('help.brief.issue'))
    .option('--amend', t('help.brief.amend'))
    .option('--require-approval', t('help.brief.requireApproval'))
    .option(`--by <${t('help.value.name')}>`, t('help.brief.by'))
    .option(`--state <${t('help.value.dir')}>`, t('help.state'))
    .option(`--browser <${t('help.value.path')}>`, t('help.brief.browser'))
    .option('--no-cache', t('help.brief.noCache'))
    .option('--within-event', t('help.brief.withinEvent'))
    .action(async (opts) => {
      const { runBrief } = await import('../commands/brief.js');
      setExit(await runBrief(opts, io));
    });

  program
    .command('approve')
    .description(t('help.approve.description'))
    .requiredOption(`-d, --division <${t('help.value.division')}>`, t('help.approve.division'))
    .option(`--date <${t('help.value.date')}>`, t('help.brief.date'))
    .option(`-a, --audience <${t('help.value.audience')}>`, t('help.brief.audience'), 'partners')
    .option(`--by <${t('help.value.name')}>`, t('help.approve.by'))
    .option(`--data <${t('help.value.dir')}>`, t('help.data'), 'data')
    .option(`--state <${t('help.value.dir')}>`, t('help.state'))
    .option(`-o, --out <${t('help.value.dir')}>`, t('help.witnessOut'), 'out')
    .option('--no-cache', t('help.brief.noCache'))
    .action(async (opts) => {
      const { runApprove } = await import('../commands/approve.js');
      setExit(await runApprove(opts, io));
    });

  program
    .command('history')
    .description(t('help.history.description'))
    .option(`--date <${t('help.value.date')}>`, t('help.history.date'))
    .option(`-d, --division <${t('help.value.division')}>`, t('help.history.division'))
    .option(`-a, --audience <${t('help.value.audience')}>`, t('help.history.audience'))
    .option(`-f, --format <${t('help.value.format')}>`, t('help.history.format'), 'text')
    .option(`--data <${t('help.value.dir')}>`, t('help.registerData'))
    .option(`--state <${t('help.value.dir')}>`, t('help.state'))
    .action(async (opts) => {
      const { runHistory } = await import('../commands/history.js');
      setExit(await runHistory(opts, io));
    });

  program
    .command('verify')
    .description(t('help.verify.description'))
    .argument(`<${t('help.value.file')}>`, t('help.verify.file'))
    .option(`-f, --format <${t('help.value.format')}>`, t('help.history.format'), 'text')
    .option(`--data <${t('help.value.dir')}>`, t('help.registerData'))
    .option(`--state <${t('help.value.dir')}>`, t('help.state'))
    .action(async (file: string, opts) => {
      const { runVerify } = await import('../commands/verify.js');
      setExit(await runVerify({ ...opts, file }, io));
    });

  program
    .command('validate')
    .description(t('help.validate.description'))
    .option(`--data <${t('help.value.dir')}>`, t('help.data'), 'data')
    .action(async (opts) => {
      const { runValidate } = await import('../commands/validate.js');
      setExit(await runValidate(opts, io));
    });

  program
    .command('preview')
    .description(t('help.preview.description'))
    .option(`--data <${t('help.value.dir')}>`, t('help.data'), 'data')
    .option(`-p, --port <${t('help.value.port')}>`, t('help.preview.port'), '4173')
    .option('--open', t('help.preview.open'))
    .option(`--state <${t('help.value.dir')}>`, t('help.state'))
    .option('--no-cache', t('help.preview.noCache'))
    .action(async (opts) => {
      const { runPreview } = await import('../commands/preview.js');
      setExit(await runPreview(opts, io));
    });

  program
    .command('init')
    .description(t('help.init.description'))
    .argument(`<${t('help.value.dir')}>`, t('help.init.dir'))
    .action(async (dir: string) => {
      const { runInit } = await import('../commands/init.js');
      setExit(await runInit({ dir }, io));
    });

  program
    .command('schedule')
    .description(t('help.schedule.description'))
    .option(`--data <${t('help.value.dir')}>`, t('help.data'), 'data')
    .option(`-o, --out <${t('help.value.dir')}>`, t('help.out'), 'out')
    .option(
      `-a, --audience <${t('help.value.audience')}>`,
      t('help.schedule.audience'),
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--systemd', t('help.schedule.systemd'))
    .option('--require-approval', t('help.schedule.requireApproval'))
    .option(`--state <${t('help.value.dir')}>`, t('help.state'))
    .action(async (opts) => {
      const { runSchedule } = await import('../commands/schedule.js');
      setExit(await runSchedule(opts, io));
    });

  program
    .command('doctor')
    .description(t('help.doctor.description'))
    .option(`--data <${t('help.value.dir')}>`, t('help.data'), 'data')
    .option(`--browser <${t('help.value.path')}>`, t('help.doctor.browser'))
    .option(`--state <${t('help.value.dir')}>`, t('help.state'))
    .option(`-o, --out <${t('help.value.dir')}>`, t('help.witnessOut'), 'out')
    .action(async (opts) => {
      const { runDoctor } = await import('../commands/doctor.js');
      setExit(await runDoctor(opts, io));
    });

  program.addOption(new Option('--no-color', t('help.noColor')).hideHelp());
  return program;
}

/**
 * Throws UsageError for a folder, program or name option given as an empty text (`--out ""`,
 * `--state "$UNSET"`): taken as given, it named the current folder, wrote there and made it private.
 */
function refuseEmptyValues(command: Command): void {
  const opts = command.opts<Record<string, unknown>>();
  const empty = (key: string): boolean =>
    command.getOptionValueSource(key) === 'cli' && typeof opts[key] === 'string' && opts[key].trim() === '';
  const defaults: Record<string, string> = { data: 'data', out: 'out', state: t('config.stateFallback') };
  for (const key of ['data', 'out', 'state'])
    if (empty(key)) throw new UsageError(t('config.emptyFolder', { option: `--${key}`, fallback: defaults[key]! }));
  if (empty('browser')) throw new UsageError(t('config.emptyPath', { option: '--browser' }));
  // schedule's --audience may be given several times: any empty one
  const audiences = opts.audience;
  if (
    command.getOptionValueSource('audience') === 'cli' &&
    Array.isArray(audiences) &&
    audiences.some((a) => typeof a === 'string' && a.trim() === '')
  )
    throw new UsageError(t('audience.empty', { option: '--audience' }));
  if (empty('by')) throw new UsageError(t('config.emptyName', { option: '--by' }));
  if (command.name() === 'init' && command.args[0]?.trim() === '')
    throw new UsageError(t('config.emptyFolder', { option: 'cci init DIR', fallback: '-' }));
}

export async function main(argv: string[], io: Io = nodeIo()): Promise<number> {
  // The language of messages, once, from the environment (never from --lang: that is the briefing's).
  setCliLang(cliLangOf(io.env));
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    return reportError(error, io);
  }
}

export function reportError(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Help asked for and the version exit 0; commander has already printed them. Bare `cci`
    // (no command) is a usage error: commander printed the help on stderr, and cci exits 2.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : EXIT.USAGE;
    return EXIT.USAGE;
  }
  if (error instanceof DataError) {
    for (const line of problemLines(error.problems)) io.warn(line);
    io.warn(tn('errors.problemsInData', errorsOf(error.problems).length));
    return error.exitCode;
  }
  if (error instanceof CciError) {
    io.warn(error.message);
    return error.exitCode;
  }
  if (error instanceof DocumentCatalogueError) {
    io.warn(error.message);
    return EXIT.RENDER;
  }
  io.warn(t('errors.internal', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  return EXIT.INTERNAL;
}
