#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (a faster start); Node 20 has no such cache.
module.enableCompileCache?.();

const { main } = await import('../dist/cli/main.js');

// A reader that stops early (`cci validate | head`) is not an error of cci.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`cci: internal error: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
