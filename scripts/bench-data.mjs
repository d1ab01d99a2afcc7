#!/usr/bin/env node
// The full-event data set of `npm run bench`, generated once into ./bench-data (gitignored):
// 49 days (22 July - 8 September 2024), 2,000 incidents a day, deployments of every force in
// every département, assessments and agenda items every day, 141 partner countries.
//
//   node scripts/bench-data.mjs [--force]      (re)generates it; otherwise only when missing
//
// Seeded through scripts/generate-demo.mjs: the same files on every machine. A stamp file
// records the options, so a change of options regenerates the set.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateDemo } from './generate-demo.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DATA_DIR = path.join(ROOT, 'bench-data');

export const BENCH_DATA_OPTIONS = Object.freeze({
  seed: 'bench-2024',
  from: '2024-07-22',
  to: '2024-09-08',
  incidentsPerDay: 2000,
  partners: 141,
  allDeployments: true,
  dailyAgenda: 4,
});

const STAMP = '.bench-data.json';

/** Generates the set when it is missing or was made with other options; returns its folder. */
export function ensureBenchData({ force = false, log = (s) => process.stderr.write(`${s}\n`) } = {}) {
  const stampPath = path.join(BENCH_DATA_DIR, STAMP);
  const wanted = JSON.stringify(BENCH_DATA_OPTIONS);
  const have = fs.existsSync(stampPath) ? fs.readFileSync(stampPath, 'utf8') : undefined;
  if (!force && have === wanted) return BENCH_DATA_DIR;
  log(`generating the benchmark data set into ${path.relative(process.cwd(), BENCH_DATA_DIR) || '.'} ...`);
  const t0 = performance.now();
  const s = generateDemo({ ...BENCH_DATA_OPTIONS, out: BENCH_DATA_DIR, force: true });
  fs.writeFileSync(stampPath, wanted);
  log(
    `  ${s.days} days, ${s.incidents} incidents, ${s.deployments} deployment rows, ${s.assessments} assessments, ` +
      `${s.agenda} agenda items, ${s.files} files (${(s.bytes / 1048576).toFixed(1)} MiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return BENCH_DATA_DIR;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  ensureBenchData({ force: process.argv.includes('--force') });
}
