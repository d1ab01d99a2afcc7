#!/usr/bin/env node
// Does cci's hand-written fast path for flat YAML record files still pay now that earlier days
// are counted from the tally cache? Measures (a) of `npm run bench` (`brief --format html`, day
// 49 of ./bench-data) with the build as it is, and with a copy of the build where the fast YAML
// reader (src/data/yaml-fast.ts) is switched off, so that every file goes to the yaml library;
// interleaved, in one run, warm cache, first run (empty cache) and --no-cache. Prints the
// medians and the ratios. (The fast local-time reader it also measured was removed: it did not
// pay, see docs/performance.md.)
//
//   npm run build && node scripts/bench-fast-paths.mjs [--runs 5]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBenchData } from './bench-data.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const DATA = ensureBenchData();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cci-fast-paths-'));

/** A copy of the package root whose build has one fast path switched off. */
function variant(name, file, from, to) {
  const root = path.join(work, name);
  fs.mkdirSync(root);
  for (const entry of ['bin', 'dist', 'templates', 'package.json'])
    fs.cpSync(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  if (file) {
    const target = path.join(root, 'dist', file);
    const src = fs.readFileSync(target, 'utf8');
    if (!src.includes(from)) throw new Error(`${file}: "${from}" not found (the code changed: update this script)`);
    fs.writeFileSync(target, src.replace(from, to));
  }
  return root;
}

const variants = [
  { name: 'as built', root: ROOT },
  {
    name: 'no fast YAML',
    root: variant('no-yaml', 'data/yaml.js', 'const fast = fastYamlRecords(text, file);', 'const fast = undefined;'),
  },
];
const modes = ['warm cache', 'first run', '--no-cache'];

function brief(v, mode) {
  const cache = path.join(work, `cache-${v.name.replaceAll(' ', '-')}`);
  if (mode === 'first run') fs.rmSync(cache, { recursive: true, force: true });
  const args = [
    path.join(v.root, 'bin', 'cci.js'),
    'brief',
    '--division',
    'securite',
    '--date',
    '2024-09-08',
    '--format',
    'html',
    '--data',
    DATA,
    '--out',
    path.join(work, 'out'),
    ...(mode === '--no-cache' ? ['--no-cache'] : []),
  ];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    env: { ...process.env, CCI_CACHE_DIR: cache, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${v.name} ${mode}: exit ${r.status}\n${r.stderr}`);
  return ms;
}

const times = new Map();
for (const v of variants) brief(v, 'first run'); // warm the caches and the file system
for (let i = 0; i < RUNS; i++) {
  for (const mode of modes) {
    for (const v of variants) {
      const key = `${v.name}|${mode}`;
      times.set(key, [...(times.get(key) ?? []), brief(v, mode)]);
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const lines = ['| (a) day 49, html | as built | no fast YAML (ratio) |', '|---|---|---|'];
for (const mode of modes) {
  const base = median(times.get(`as built|${mode}`));
  const cell = (name) => {
    const m = median(times.get(`${name}|${mode}`));
    return `${(m / 1000).toFixed(2)} s (${(base / m).toFixed(2)})`;
  };
  lines.push(`| ${mode} | ${(base / 1000).toFixed(2)} s | ${cell('no fast YAML')} |`);
}
process.stdout.write(
  `medians of ${RUNS} interleaved runs; ratio = as built / variant (below 1: the fast path pays)\n${lines.join('\n')}\n`,
);
fs.rmSync(work, { recursive: true, force: true });
