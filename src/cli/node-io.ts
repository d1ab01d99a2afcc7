// The real edges: this process's streams, clock and working folder, and a Chromium printer.

import chalk from 'chalk';
import type { Io } from '../commands/io.js';

export function nodeIo(): Io {
  const colour = Boolean(process.stderr.isTTY) && !process.argv.includes('--no-color') && !process.env.NO_COLOR;
  return {
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
    out: (line) => { process.stdout.write(`${line}\n`); },
    info: (message) => { process.stderr.write(`${colour ? chalk.dim(message) : message}\n`); },
    warn: (message) => { process.stderr.write(`${colour ? chalk.yellow(message) : message}\n`); },
    isTTY: Boolean(process.stderr.isTTY) && !process.env.CI,
    startPrinter: async (opts) => {
      const { startBriefingPrinter } = await import('../pipeline/printer.js');
      return startBriefingPrinter(opts);
    },
  };
}
