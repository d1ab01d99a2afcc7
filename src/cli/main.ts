// The `cci` command line. Each command's module is loaded only when that command runs, so
// `cci --help` stays fast.

import { Command, CommanderError, Option } from 'commander';
import { CciError, DataError, EXIT, formatProblem } from '../errors.js';
import { nodeIo } from './node-io.js';
import type { Io } from '../commands/io.js';

const EXIT_HELP = `
Exit status:
  0  success
  1  internal error (a bug in cci)
  2  usage error (unknown option or value)
  3  bad data (the data folder has problems, or no data for the dates asked)
  4  rendering failure (HTML or PDF could not be made or written)
  5  no browser found to print PDFs (see cci doctor)
  6  delivery failure (email); the documents are kept on disk
  7  another run is already writing the same briefing`;

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('cci')
    .description('Daily security briefings of an international police cooperation centre, in French and English, as HTML and PDF.')
    .version(process.env.npm_package_version ?? '0.1.0', '-V, --version')
    .showHelpAfterError('(run cci --help for usage)')
    .addHelpText('after', EXIT_HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    });

  program
    .command('brief')
    .description('write the briefing of a division for a date and an audience')
    .requiredOption('-d, --division <division>', 'securite | renseignement (also security, intelligence; comma-separated, or all)')
    .option('--date <YYYY-MM-DD>', 'briefing date (default: today in the event time zone)')
    .option('-a, --audience <audience>', 'partners | national | country:XXX | country:all', 'partners')
    .option('-l, --lang <lang>', 'fr | en (default: one bilingual document)')
    .option('-f, --format <formats>', 'comma-separated: html, pdf, json', 'html,pdf')
    .option('--data <dir>', 'data folder', 'data')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('--draft', 'include draft records; every page is stamped PROJET / DRAFT; never emailed')
    .option('--email', 'email each PDF to the distribution lists of event.yaml (CCI_SMTP_URL)')
    .option('--resend', 'with --email: send again to addresses that already received this briefing')
    .option('--browser <path>', 'Chrome or Chromium to print PDFs with (default: CCI_BROWSER, then system paths)')
    .action(async (opts) => {
      const { runBrief } = await import('../commands/brief.js');
      setExit(await runBrief(opts, io));
    });

  program
    .command('validate')
    .description('check every file of a data folder and list every problem')
    .option('--data <dir>', 'data folder', 'data')
    .action(async (opts) => {
      const { runValidate } = await import('../commands/validate.js');
      setExit(await runValidate(opts, io));
    });

  program
    .command('preview')
    .description('serve the briefings of a data folder on 127.0.0.1, drafts included, reloading as files change')
    .option('--data <dir>', 'data folder', 'data')
    .option('-p, --port <port>', 'port on 127.0.0.1 (0 picks a free one)', '4173')
    .option('--open', 'open the preview in the desktop browser')
    .action(async (opts) => {
      const { runPreview } = await import('../commands/preview.js');
      setExit(await runPreview(opts, io));
    });

  program
    .command('init')
    .description("write a new event's data folder: a filled-in event.yaml and one example day")
    .argument('<dir>', 'folder to create (must not exist or be empty)')
    .action(async (dir: string) => {
      const { runInit } = await import('../commands/init.js');
      setExit(await runInit({ dir }, io));
    });

  program
    .command('schedule')
    .description("print the crontab lines (or systemd units) that build and email the briefings at the divisions' times")
    .option('--data <dir>', 'data folder', 'data')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('-a, --audience <audience>', 'audience to email (repeatable or comma-separated; default: those distribution lists)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--systemd', 'print systemd .service and .timer units instead of crontab lines')
    .action(async (opts) => {
      const { runSchedule } = await import('../commands/schedule.js');
      setExit(await runSchedule(opts, io));
    });

  program
    .command('doctor')
    .description('what cci found on this machine: browser and version, fonts, data folder, mail setting')
    .option('--data <dir>', 'data folder', 'data')
    .option('--browser <path>', 'Chrome or Chromium to check instead of the one cci would find')
    .action(async (opts) => {
      const { runDoctor } = await import('../commands/doctor.js');
      setExit(await runDoctor(opts, io));
    });

  program.addOption(new Option('--no-color', 'plain messages without colour').hideHelp());
  return program;
}

export async function main(argv: string[], io: Io = nodeIo()): Promise<number> {
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
    const n = error.problems.length;
    io.warn(`${n} problem${n > 1 ? 's' : ''} in the data; nothing was written`);
    return error.exitCode;
  }
  if (error instanceof CciError) {
    io.warn(error.message);
    return error.exitCode;
  }
  io.warn(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT.INTERNAL;
}
