// The real edges: this process's streams, clock and working folder, and a Chromium printer.

import { styleText } from 'node:util';
import type { Io } from '../commands/io.js';

export function nodeIo(): Io {
  // colour decided here (a TTY, no --no-color, no NO_COLOR), not by styleText's own check of stdout
  const colour = Boolean(process.stderr.isTTY) && !process.argv.includes('--no-color') && !process.env.NO_COLOR;
  return {
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
    out: (line) => {
      process.stdout.write(`${line}\n`);
    },
    info: (message) => {
      process.stderr.write(`${colour ? styleText('dim', message, { validateStream: false }) : message}\n`);
    },
    warn: (message) => {
      process.stderr.write(`${colour ? styleText('yellow', message, { validateStream: false }) : message}\n`);
    },
    isTTY: Boolean(process.stderr.isTTY) && !process.env.CI,
    startPrinter: async (opts) => {
      const { startBriefingPrinter } = await import('../pipeline/printer.js');
      return startBriefingPrinter(opts);
    },
  };
}
