// The `cci` command line. Each command's module is loaded only when that command runs, so
// `cci --help` stays fast.

import { Command, CommanderError, Option } from 'commander';
import { CciError, DataError, EXIT, formatProblem } from '../errors.js';
import { nodeIo } from './node-io.js';
import type { Io } from '../commands/io.js';
import { cliLangOf, setCliLang } from '../i18n/cli-lang.js';
import { t, tn } from '../i18n/messages.js';
import { packageVersion } from '../package-files.js';

/** The exit statuses after --help, in the language of messages. */
function exitHelp(): string {
  const codes = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'];
  return `\n${t('help.exitStatus')}\n${codes.map((c) => `  ${c}  ${t(`help.exit${c}`)}`).join('\n')}`;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('cci')
    .description(t('help.program'))
    .version(packageVersion(), '-V, --version', t('help.version'))
    .helpOption('-h, --help', t('help.help'))
    .helpCommand('help [command]', t('help.helpCommand'))
    .showHelpAfterError(t('help.afterError'))
    .addHelpText('after', exitHelp())
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    });

  program
    .command('brief')
    .description(t('help.brief.description'))
    .requiredOption('-d, --division <division>', t('help.brief.division'))
    .option('--date <YYYY-MM-DD>', t('help.brief.date'))
    .option('-a, --audience <audience>', t('help.brief.audience'), 'partners')
    .option('-l, --lang <lang>', t('help.brief.lang'))
    .option('-f, --format <formats>', t('help.brief.format'), 'html,pdf')
    .option('--data <dir>', t('help.data'), 'data')
    .option('-o, --out <dir>', t('help.out'), 'out')
    .option('--draft', t('help.brief.draft'))
    .option('--email', t('help.brief.email'))
    .option('--resend', t('help.brief.resend'))
    .option('--issue', t('help.brief.issue'))
    .option('--amend', t('help.brief.amend'))
    .option('--require-approval', t('help.brief.requireApproval'))
    .option('--by <name>', t('help.brief.by'))
    .option('--state <dir>', t('help.state'))
    .option('--browser <path>', t('help.brief.browser'))
    .option('--no-cache', t('help.brief.noCache'))
    .action(async (opts) => {
      const { runBrief } = await import('../commands/brief.js');
      setExit(await runBrief(opts, io));
    });

  program
    .command('approve')
    .description(t('help.approve.description'))
    .requiredOption('-d, --division <division>', t('help.approve.division'))
    .option('--date <YYYY-MM-DD>', t('help.brief.date'))
    .option('-a, --audience <audience>', t('help.brief.audience'), 'partners')
    .option('--by <name>', t('help.approve.by'))
    .option('--data <dir>', t('help.data'), 'data')
    .option('--state <dir>', t('help.state'))
    .option('--no-cache', t('help.brief.noCache'))
    .action(async (opts) => {
      const { runApprove } = await import('../commands/approve.js');
      setExit(await runApprove(opts, io));
    });

  program
    .command('history')
    .description(t('help.history.description'))
    .option('--date <YYYY-MM-DD>', t('help.history.date'))
    .option('-d, --division <division>', t('help.history.division'))
    .option('-a, --audience <audience>', t('help.history.audience'))
    .option('-f, --format <format>', t('help.history.format'), 'text')
    .option('--data <dir>', t('help.data'), 'data')
    .option('--state <dir>', t('help.state'))
    .action(async (opts) => {
      const { runHistory } = await import('../commands/history.js');
      setExit(await runHistory(opts, io));
    });

  program
    .command('verify')
    .description(t('help.verify.description'))
    .argument('<file>', t('help.verify.file'))
    .option('-f, --format <format>', t('help.history.format'), 'text')
    .option('--data <dir>', t('help.data'), 'data')
    .option('--state <dir>', t('help.state'))
    .action(async (file: string, opts) => {
      const { runVerify } = await import('../commands/verify.js');
      setExit(await runVerify({ ...opts, file }, io));
    });

  program
    .command('validate')
    .description(t('help.validate.description'))
    .option('--data <dir>', t('help.data'), 'data')
    .action(async (opts) => {
      const { runValidate } = await import('../commands/validate.js');
      setExit(await runValidate(opts, io));
    });

  program
    .command('preview')
    .description(t('help.preview.description'))
    .option('--data <dir>', t('help.data'), 'data')
    .option('-p, --port <port>', t('help.preview.port'), '4173')
    .option('--open', t('help.preview.open'))
    .option('--state <dir>', t('help.state'))
    .option('--no-cache', t('help.preview.noCache'))
    .action(async (opts) => {
      const { runPreview } = await import('../commands/preview.js');
      setExit(await runPreview(opts, io));
    });

  program
    .command('init')
    .description(t('help.init.description'))
    .argument('<dir>', t('help.init.dir'))
    .action(async (dir: string) => {
      const { runInit } = await import('../commands/init.js');
      setExit(await runInit({ dir }, io));
    });

  program
    .command('schedule')
    .description(t('help.schedule.description'))
    .option('--data <dir>', t('help.data'), 'data')
    .option('-o, --out <dir>', t('help.out'), 'out')
    .option('-a, --audience <audience>', t('help.schedule.audience'), (v: string, prev: string[] = []) => [...prev, v])
    .option('--systemd', t('help.schedule.systemd'))
    .option('--require-approval', t('help.schedule.requireApproval'))
    .option('--state <dir>', t('help.state'))
    .action(async (opts) => {
      const { runSchedule } = await import('../commands/schedule.js');
      setExit(await runSchedule(opts, io));
    });

  program
    .command('doctor')
    .description(t('help.doctor.description'))
    .option('--data <dir>', t('help.data'), 'data')
    .option('--browser <path>', t('help.doctor.browser'))
    .option('--state <dir>', t('help.state'))
    .action(async (opts) => {
      const { runDoctor } = await import('../commands/doctor.js');
      setExit(await runDoctor(opts, io));
    });

  program.addOption(new Option('--no-color', t('help.noColor')).hideHelp());
  return program;
}

export async function main(argv: string[], io: Io = nodeIo()): Promise<number> {
  // The language of messages, once, from the environment (never from --lang: that is the briefing's).
  setCliLang(cliLangOf(io.env));
  let code = 0;
  const program = buildProgram(io, (c) => { code = c; });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    return reportError(error, io);
  }
}

export function reportError(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; commander has already printed its message.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    return EXIT.USAGE;
  }
  if (error instanceof DataError) {
    for (const p of error.problems) io.warn(formatProblem(p));
    io.warn(tn('errors.problemsInData', error.problems.length));
    return error.exitCode;
  }
  if (error instanceof CciError) {
    io.warn(error.message);
    return error.exitCode;
  }
  io.warn(t('errors.internal', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  return EXIT.INTERNAL;
}
