#!/usr/bin/env node
// `npm test`: the whole suite under the event's own zone, then every test that needs no browser
// under three more machine zones: results must not depend on the machine's TZ. Then the PDF
// tests again with full Chromium named by --browser (CCI_TEST_BROWSER), when it is installed:
// the suite's own runs use the browser cci finds, a headless shell where there is one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BROWSER_TESTS = ['test/pdf/**', 'test/e2e/**', 'test/preview/**', 'test/email/**'];
/** The tests of what a PDF guarantees, run a second time with full Chromium. */
const PDF_TESTS = ['test/e2e/brief.test.ts', 'test/pdf/printer.test.ts', 'test/pdf/failures.test.ts'];
const FULL_CHROMIUM = process.env.CCI_TEST_FULL_BROWSER ?? '/usr/bin/chromium';
const runs = [
  { tz: 'Europe/Paris', exclude: [] },
  { tz: 'UTC', exclude: BROWSER_TESTS },
  { tz: 'Asia/Tokyo', exclude: BROWSER_TESTS },
  { tz: 'America/New_York', exclude: BROWSER_TESTS },
];
const extra = process.argv.slice(2);
if (extra.length === 0 && existsSync(FULL_CHROMIUM)) {
  runs.push({
    tz: 'Europe/Paris', exclude: [], only: PDF_TESTS, label: `the PDF tests with --browser ${FULL_CHROMIUM}`,
    env: { CCI_TEST_BROWSER: FULL_CHROMIUM, CCI_BROWSER: FULL_CHROMIUM },
  });
} else if (extra.length === 0) {
  process.stdout.write(`(no ${FULL_CHROMIUM}: the PDF tests run with the browser cci finds only)\n`);
}
const dir = mkdtempSync(join(tmpdir(), 'cci-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
let broken = 0;
for (const [i, { tz, exclude, only = [], label, env = {} }] of runs.entries()) {
  process.stdout.write(`\n=== TZ=${tz}${exclude.length ? ' (tests that need no browser)' : ''}${label ? `: ${label}` : ''}\n`);
  const report = join(dir, `report-${i}.json`);
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
    ...exclude.flatMap((g) => ['--exclude', g]), ...only, ...extra];
  const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, TZ: tz, ...env } });
  try {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += j.numPendingTests + j.numTodoTests;
  } catch {
    broken++;
  }
  if (r.status !== 0) broken++;
}
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed === 0 && broken === 0 ? 0 : 1);
