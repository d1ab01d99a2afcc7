// `cci validate`: every problem of a data folder, one a line, in one run.

import { resolve } from 'node:path';
import { validateFolder } from '../data/index.js';
import { EXIT, formatProblem } from '../errors.js';
import type { Io } from './io.js';

export async function runValidate(opts: { data?: string }, io: Io): Promise<number> {
  const dataDir = resolve(io.cwd, opts.data ?? 'data');
  const problems = await validateFolder(dataDir);
  for (const p of problems) io.out(formatProblem(p));
  if (problems.length === 0) {
    io.info(`${dataDir}: no problem found`);
    return EXIT.OK;
  }
  io.warn(`${problems.length} problem${problems.length > 1 ? 's' : ''} found`);
  return EXIT.DATA;
}
