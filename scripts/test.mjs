#!/usr/bin/env node
// `npm test`: the whole suite under the event's own zone, then every test that needs no browser
// under three more machine zones: results must not depend on the machine's TZ. Then the PDF
// tests again with full Chromium named by --browser (CCI_TEST_BROWSER), when it is installed:
// the suite's own runs use the browser cci finds, a headless shell where there is one. On a
// machine without any browser or without poppler-utils, one message says what the browser
// tests need.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BROWSER_TESTS = ['test/pdf/**', 'test/e2e/**', 'test/preview/**', 'test/deliver/*-smtp.test.ts'];
/** The tests of what a PDF guarantees, run a second time with full Chromium. */
const PDF_TESTS = ['test/e2e/brief.test.ts', 'test/pdf/printer.test.ts', 'test/pdf/failures.test.ts'];
const FULL_CHROMIUM = process.env.CCI_TEST_FULL_BROWSER ?? '/usr/bin/chromium';

// The browser tests print real PDFs with the browser cci finds, as it finds it (CCI_BROWSER,
// then a headless shell, then Chrome or Chromium), and read them back with poppler-utils.
// Without them, say so once and plainly, run every other test, and fail: not dozens of
// low-level errors.
const missing = await whatBrowserTestsLack();
if (missing) process.stdout.write(`\n${missing}\n`);

const runs = [
  { tz: 'Europe/Paris', exclude: missing ? BROWSER_TESTS : [] },
  { tz: 'UTC', exclude: BROWSER_TESTS },
  { tz: 'Asia/Tokyo', exclude: BROWSER_TESTS },
  { tz: 'America/New_York', exclude: BROWSER_TESTS },
];
const extra = process.argv.slice(2);
if (extra.length === 0 && !missing && existsSync(FULL_CHROMIUM)) {
  runs.push({
    tz: 'Europe/Paris',
    exclude: [],
    only: PDF_TESTS,
    label: `the PDF tests with --browser ${FULL_CHROMIUM}`,
    env: { CCI_TEST_BROWSER: FULL_CHROMIUM, CCI_BROWSER: FULL_CHROMIUM },
  });
} else if (extra.length === 0 && !missing) {
  process.stdout.write(`(no ${FULL_CHROMIUM}: the PDF tests run with the browser cci finds only)\n`);
}
const dir = mkdtempSync(join(tmpdir(), 'cci-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
let broken = 0;
let unloaded = 0;
for (const [i, { tz, exclude, only = [], label, env = {} }] of runs.entries()) {
  process.stdout.write(
    `\n=== TZ=${tz}${exclude.length ? ' (tests that need no browser)' : ''}${label ? `: ${label}` : ''}\n`,
  );
  const report = join(dir, `report-${i}.json`);
  const args = [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...exclude.flatMap((g) => ['--exclude', g]),
    ...only,
    ...extra,
  ];
  const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, TZ: tz, ...env } });
  try {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += j.numPendingTests + j.numTodoTests;
    // a file that failed to load (a missing module, a syntax error) holds no test to count
    unloaded += j.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  } catch {
    broken++;
  }
  if (r.status !== 0) broken++;
}
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `\n${passed} passed, ${failed} failed, ${skipped} skipped${unloaded ? `, ${unloaded} test files failed to run` : ''}\n`,
);
if (missing) process.stdout.write(`\n${missing}\n`);
process.exit(failed === 0 && broken === 0 && !missing ? 0 : 1);

/** What the browser tests need and this machine lacks, as one message; undefined when nothing. */
async function whatBrowserTestsLack() {
  const lacks = [];
  try {
    const { findBrowser } = await import('../dist/pdf/find-browser.js');
    await findBrowser({ env: process.env });
  } catch (error) {
    const why = String(error?.message ?? error)
      .split('\n')[0]
      .replace(/\.$/, '');
    lacks.push(`a browser: a headless shell, Chrome or Chromium (${why})`);
  }
  const poppler = ['pdftotext', 'pdfinfo', 'pdffonts'].filter(
    (tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error !== undefined,
  );
  if (poppler.length > 0) lacks.push(`poppler-utils (${poppler.join(', ')} not found)`);
  if (lacks.length === 0) return undefined;
  return [
    `npm test: the browser tests cannot run here; this machine lacks ${lacks.join(' and ')}.`,
    `  They print real PDFs with the browser cci finds and read them back with poppler-utils (${BROWSER_TESTS.join(', ')}).`,
    '  Install them (Debian/Ubuntu): npm run setup, or sudo apt-get install chromium-headless-shell poppler-utils fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji',
    '  (.ci/run runs npm run setup on a clean Debian machine), or point CCI_BROWSER at a headless shell, Chrome or Chromium: CCI_BROWSER=/path/to/chrome npm test',
    '  Every other test runs now; npm test fails until the browser tests can run too.',
  ].join('\n');
}
