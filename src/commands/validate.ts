// `cci validate`: every problem of a data folder, one a line, in one run.

import { resolve } from 'node:path';
import { checkFolder } from '../data/index.js';
import { EXIT, formatProblem } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import type { Io } from './io.js';

export async function runValidate(opts: { data?: string }, io: Io): Promise<number> {
  const dataDir = resolve(io.cwd, opts.data ?? 'data');
  const { problems, warnings } = await checkFolder(dataDir);
  for (const p of problems) io.out(formatProblem(p));
  // a warning is not a problem: the data is valid, and the exit status says so
  for (const w of warnings) io.out(formatProblem({ ...w, message: t('validate.warning', { message: w.message }) }));
  if (warnings.length > 0) io.warn(tn('validate.warningsFound', warnings.length));
  if (problems.length === 0) {
    io.info(t('validate.noProblem', { dir: dataDir }));
    return EXIT.OK;
  }
  io.warn(tn('validate.problemsFound', problems.length));
  return EXIT.DATA;
}
