// Preloaded by scripts/bench.mjs (`node --import ./scripts/report-rss.mjs ...`) where GNU time
// is missing: writes the process's peak resident set size, in kilobytes, to
// $CCI_BENCH_RSS_FILE when it exits. Not part of cci.

import { writeFileSync } from 'node:fs';

const file = process.env.CCI_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
