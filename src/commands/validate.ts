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
  const problems = [...checked.problems, ...checked.warnings.map((w) => ({ ...w, severity: 'warning' as const }))];
  for (const line of problemLines(problems)) io.out(line);
  const errors = errorsOf(problems).length;
  const warnings = problems.length - errors;
  const misdated = checked.warnings.length;
  // what the warnings are about: files not read, records dated far from their folder, or both
  const andWarnings =
    warnings === 0
      ? ''
      : misdated === 0
        ? tn('validate.andWarnings', warnings)
        : misdated === warnings
          ? tn('validate.andWarningsMisdated', warnings)
          : tn('validate.andWarningsMixed', warnings);
  if (errors === 0) {
    io.info(t('validate.noProblem', { dir: dataDir }) + andWarnings);
    return EXIT.OK;
  }
  io.warn(tn('validate.problemsFound', errors) + andWarnings);
  return EXIT.DATA;
}
