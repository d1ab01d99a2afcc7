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

// Once its work is done, cci ends even if something still holds the process: a timer left by
// a browser call it gave up on (puppeteer's 30 s wait for a page whose renderer could not
// start, after cci printed on a new browser). Not a timer that keeps it running: it fires only
// when something else does, a second after main() has returned and its output was written.
const end = () => setTimeout(() => process.exit(), 1000).unref();

main(process.argv).then(
  (code) => {
    process.exitCode = code;
    end();
  },
  (error) => {
    process.stderr.write(`cci: internal error: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
    end();
  },
);
