#!/usr/bin/env node
// `npm test`: the whole suite under the event's own zone, then every test that needs no browser
// under three more machine zones: results must not depend on the machine's TZ.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BROWSER_TESTS = ['test/pdf/**', 'test/e2e/**', 'test/preview/**', 'test/deliver/*-smtp.test.ts'];
const runs = [
  { tz: 'Europe/Paris', exclude: [] },
  { tz: 'UTC', exclude: BROWSER_TESTS },
  { tz: 'Asia/Tokyo', exclude: BROWSER_TESTS },
  { tz: 'America/New_York', exclude: BROWSER_TESTS },
];
const extra = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'cci-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
let broken = 0;
for (const [i, { tz, exclude }] of runs.entries()) {
  process.stdout.write(`\n=== TZ=${tz}${exclude.length ? ' (tests that need no browser)' : ''}\n`);
  const report = join(dir, `report-${i}.json`);
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
    ...exclude.flatMap((g) => ['--exclude', g]), ...extra];
  const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, TZ: tz } });
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
