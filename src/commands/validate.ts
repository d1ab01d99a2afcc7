// `cci validate`: every problem of a data folder, one a line, in one run (problems of one kind in
// one file summarised after a few), and the warnings about what it does not read.

import { resolve } from 'node:path';
import { checkFolder } from '../data/index.js';
import { errorsOf, EXIT, problemLines } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import type { Io } from './io.js';

export async function runValidate(opts: { data?: string }, io: Io): Promise<number> {
  const dataDir = resolve(io.cwd, opts.data ?? 'data');
  const checked = await checkFolder(dataDir);
  // the misdated records are warnings too: the data is valid, and the exit status says so
  const clock = checked.eventWarnings ?? [];
  const problems = [
    ...checked.problems,
    ...[...clock, ...checked.warnings].map((w) => ({ ...w, severity: 'warning' as const })),
  ];
  for (const line of problemLines(problems)) io.out(line);
  const errors = errorsOf(problems).length;
  const warnings = problems.length - errors;
  const misdated = checked.warnings.length;
  const notRead = warnings - misdated - clock.length;
  // what the warnings are about: files not read, records dated far from their folder, division
  // times on the days the clocks change, or several of these
  const kinds = [notRead, misdated, clock.length].filter((n) => n > 0).length;
  const andWarnings =
    warnings === 0
      ? ''
      : kinds > 1
        ? misdated > 0 && notRead > 0 && clock.length === 0
          ? tn('validate.andWarningsMixed', warnings)
          : tn('validate.andWarningsSeveral', warnings)
        : misdated > 0
          ? tn('validate.andWarningsMisdated', warnings)
          : clock.length > 0
            ? tn('validate.andWarningsClock', warnings)
            : tn('validate.andWarnings', warnings);
  if (errors === 0) {
    io.info(t('validate.noProblem', { dir: dataDir }) + andWarnings);
    return EXIT.OK;
  }
  io.warn(tn('validate.problemsFound', errors) + andWarnings);
  return EXIT.DATA;
}
