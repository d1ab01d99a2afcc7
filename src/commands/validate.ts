// `cci validate`: every problem of a data folder, one a line, in one run.

import { resolve } from 'node:path';
import { validateFolder } from '../data/index.js';
import { EXIT, formatProblem } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import type { Io } from './io.js';

export async function runValidate(opts: { data?: string }, io: Io): Promise<number> {
  const dataDir = resolve(io.cwd, opts.data ?? 'data');
  const problems = await validateFolder(dataDir);
  for (const p of problems) io.out(formatProblem(p));
  if (problems.length === 0) {
    io.info(t('validate.noProblem', { dir: dataDir }));
    return EXIT.OK;
  }
  io.warn(tn('validate.problemsFound', problems.length));
  return EXIT.DATA;
}
