#!/usr/bin/env node
// `npm run bench` (builds first): cci on a full event's data, side by side with the physical
// limits of this kind of tool (Node's own start-up, Chromium's own one-shot print). Never part
// of `npm test`. Prints each measure's median and a markdown table with PASS/FAIL per target.
//
//   node scripts/bench.mjs [--quick] [--only a,b,c,d,e] [--reps N] [--all-one-shots]
//
// cci runs with a tally cache of its own, warmed by a first run (as the daily runs before would
// have); (a) also reports the runs without a cache and with an empty one.
// --quick: fewer repetitions. (c) runs country:all once and, to keep the whole bench near ten
// minutes, times 30 of the 141 one-shot prints (spread over the list) and scales to 141;
// --all-one-shots times all 141, one after the other.
// The data set is generated into ./bench-data when missing (scripts/bench-data.mjs).
// The browser is CCI_BROWSER, else the first of chromium, chromium-browser, google-chrome found.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DATA_OPTIONS, ensureBenchData } from './bench-data.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'cci.js');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const ALL_ONE_SHOTS = args.includes('--all-one-shots');
const ONLY = (() => {
  const i = args.indexOf('--only');
  return i >= 0 ? new Set(args[i + 1].split(',')) : new Set(['a', 'b', 'c', 'd', 'e']);
})();
const REPS_OVERRIDE = (() => {
  const i = args.indexOf('--reps');
  return i >= 0 ? Number(args[i + 1]) : undefined;
})();
const reps = (n) => REPS_OVERRIDE ?? (QUICK ? Math.max(1, Math.ceil(n / 2)) : n);

const DAYS = (() => {
  const out = [];
  for (let t = Date.parse(`${BENCH_DATA_OPTIONS.from}T00:00:00Z`); t <= Date.parse(`${BENCH_DATA_OPTIONS.to}T00:00:00Z`); t += 86400000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
})();
const LAST_DAY = DAYS.at(-1); // day 49: every folder of the event is read
const DIVISION = 'securite';

const log = (s) => process.stderr.write(`${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmtMB = (kb) => `${(kb / 1024).toFixed(0)} MB`;

// ---------------------------------------------------------------------------------------------
// Running things

const TIME_BIN = ['/usr/bin/time', '/bin/time'].find((p) => {
  try {
    return spawnSync(p, ['-f', '%M', 'true'], { stdio: 'pipe' }).status === 0;
  } catch {
    return false;
  }
});
const RSS_HOOK = path.join(ROOT, 'scripts', 'report-rss.mjs');

function findChromium() {
  if (process.env.CCI_BROWSER) return process.env.CCI_BROWSER;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

/** Runs a command; resolves { ms, maxRssKb?, code, stdout, stderr }. `rss`: measure peak RSS. */
function run(cmd, cmdArgs, { rss = false, env = {} } = {}) {
  let file = cmd;
  let argv = cmdArgs;
  let rssFile;
  if (rss) {
    rssFile = path.join(os.tmpdir(), `cci-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
    if (TIME_BIN) {
      file = TIME_BIN;
      argv = ['-f', '%M', '-o', rssFile, cmd, ...cmdArgs];
    } else if (cmd === process.execPath) {
      argv = ['--import', RSS_HOOK, ...cmdArgs];
      env = { ...env, CCI_BENCH_RSS_FILE: rssFile };
    }
  }
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      let maxRssKb;
      if (rssFile && fs.existsSync(rssFile)) {
        const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n');
        maxRssKb = Number(lines.at(-1));
        fs.rmSync(rssFile, { force: true });
      }
      resolve({ ms, maxRssKb, code, stdout, stderr });
    });
  });
}

// Every cci run of the bench uses its own tally cache (src/data/tally-cache.ts), set in main().
let CACHE_DIR;
async function cci(cliArgs, opts = {}) {
  const r = await run(process.execPath, [CLI, ...cliArgs], { ...opts, env: { CCI_CACHE_DIR: CACHE_DIR, ...opts.env } });
  if (r.code !== 0) throw new Error(`cci ${cliArgs.join(' ')} exited with ${r.code}:\n${r.stderr}`);
  return r;
}

/** Chromium's own one-shot print, as a user would script it. */
function chromiumFlags(pdf, html) {
  return [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--no-pdf-header-footer',
    `--user-data-dir=${path.join(os.tmpdir(), `cci-bench-profile-${process.pid}`)}`,
    `--print-to-pdf=${pdf}`, `file://${html}`,
  ];
}
async function oneShot(chromium, html, pdf) {
  const r = await run(chromium, chromiumFlags(pdf, html));
  if (r.code !== 0 || !fs.existsSync(pdf)) throw new Error(`${chromium} --print-to-pdf failed (${r.code}):\n${r.stderr.slice(-2000)}`);
  return r;
}

/** Prints HTML files with one browser, two pages at a time, as tagged A4 PDFs with backgrounds; returns ms. */
async function bareBatchPrint(chromium, htmlFiles, outDir) {
  const { default: puppeteer } = await import('puppeteer-core');
  fs.mkdirSync(outDir, { recursive: true });
  const t = performance.now();
  const browser = await puppeteer.launch({
    executablePath: chromium, pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    let next = 0;
    const worker = async () => {
      while (next < htmlFiles.length) {
        const i = next++;
        const page = await browser.newPage();
        await page.setJavaScriptEnabled(false);
        await page.setContent(fs.readFileSync(htmlFiles[i], 'utf8'), { waitUntil: 'load' });
        const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, margin: { top: '22mm', bottom: '22mm', left: '15mm', right: '15mm' }, tagged: true });
        fs.writeFileSync(path.join(outDir, `${i}.pdf`), pdf);
        await page.close();
      }
    };
    await Promise.all([worker(), worker()]);
  } finally {
    await browser.close();
  }
  return performance.now() - t;
}

async function repeat(n, label, fn) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = await fn(i);
    out.push(r);
    log(`  ${label} #${i + 1}: ${fmtS(r.ms)}${r.maxRssKb ? `, ${fmtMB(r.maxRssKb)}` : ''}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The measures

const rows = []; // { id, measure, value, target, pass }
const row = (id, measure, value, target, pass) => {
  rows.push({ id, measure, value, target, pass });
  log(`${id}. ${measure}: ${value} (target ${target}) ${pass === undefined ? '' : pass ? 'PASS' : 'FAIL'}`);
};

async function main() {
  const t0 = performance.now();
  const dataDir = ensureBenchData({ log });
  const data = path.relative(ROOT, dataDir);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cci-bench-'));
  const out = (name) => path.join(work, name);
  CACHE_DIR = out('cache');
  const chromium = findChromium();
  log(`cci bench: ${os.cpus().length} CPU(s), Node ${process.version}, ${chromium ?? 'no Chromium found'}, peak RSS via ${TIME_BIN ?? 'process.resourceUsage()'}`);
  log(`data: ${data}/ (${DAYS.length} days, ${BENCH_DATA_OPTIONS.incidentsPerDay} incidents a day, ${BENCH_DATA_OPTIONS.partners} partners)`);
  const html = (date, extra = []) => ['brief', '--division', DIVISION, '--date', date, '--format', 'html', '--data', data, ...extra];

  // warm the file cache, the compile cache and the tally cache once (as the daily runs before
  // this one would have: earlier days' incident files are counted from the tally cache)
  await cci([...html(LAST_DAY), '--out', out('warm')]);

  // (a) one day, HTML, full event
  let aMs;
  if (ONLY.has('a') || ONLY.has('e')) {
    log(`\n(a) cci brief --format html, ${LAST_DAY} (day ${DAYS.length}: all ${DAYS.length} folders read)`);
    const rs = await repeat(reps(5), 'html', () => cci([...html(LAST_DAY), '--out', out('a')], { rss: true }));
    aMs = median(rs.map((r) => r.ms));
    const rss = median(rs.map((r) => r.maxRssKb ?? NaN));
    if (ONLY.has('a')) {
      row('a', `\`brief --format html\`, one day (day ${DAYS.length}), wall time`, fmtS(aMs), '≤ 1.5 s', aMs <= 1500);
      row('a', `\`brief --format html\`, one day (day ${DAYS.length}), peak RSS`, Number.isNaN(rss) ? 'n/a' : fmtMB(rss), '≤ 400 MB', Number.isNaN(rss) ? undefined : rss <= 400 * 1024);
      // the same without the tally cache, and with an empty one (the first run on a data folder)
      const none = await repeat(reps(3), 'html --no-cache', () => cci([...html(LAST_DAY), '--out', out('a'), '--no-cache'], { rss: true }));
      row('a', `same with \`--no-cache\` (every file parsed): wall time, peak RSS`,
        `${fmtS(median(none.map((r) => r.ms)))}, ${fmtMB(median(none.map((r) => r.maxRssKb ?? NaN)))}`, '', undefined);
      const cold = await repeat(reps(3), 'html, empty cache', (i) =>
        cci([...html(LAST_DAY), '--out', out('a')], { rss: true, env: { CCI_CACHE_DIR: out(`cold-cache-${i}`) } }));
      row('a', 'same with an empty cache (first run: every file parsed, the cache written)',
        `${fmtS(median(cold.map((r) => r.ms)))}, ${fmtMB(median(cold.map((r) => r.maxRssKb ?? NaN)))}`, '', undefined);
    }
  }

  // (b) one bilingual PDF end to end vs Chromium's one-shot print of the same HTML
  if (ONLY.has('b')) {
    if (!chromium) log('\n(b) skipped: no Chromium');
    else {
      const date = '2024-08-05';
      log(`\n(b) cci brief --format pdf (bilingual, ${date}) vs chromium --print-to-pdf of the same HTML`);
      const h = await cci([...html(date), '--out', out('b-html')]);
      const htmlFile = h.stdout.trim().split('\n')[0];
      const n = reps(3);
      const cciRuns = [];
      const shotRuns = [];
      for (let i = 0; i < n; i++) { // interleaved: both see the same machine state
        const c = await cci(['brief', '--division', DIVISION, '--date', date, '--format', 'pdf', '--data', data, '--out', out('b')]);
        cciRuns.push(c.ms);
        const s = await oneShot(chromium, htmlFile, out(`b-one-shot-${i}.pdf`));
        shotRuns.push(s.ms);
        log(`  #${i + 1}: cci ${fmtS(c.ms)}, one-shot ${fmtS(s.ms)}`);
      }
      const c = median(cciRuns);
      const s = median(shotRuns);
      row('b', '`brief --format pdf`, one bilingual PDF, end to end', fmtS(c), '', undefined);
      row('b', 'Chromium one-shot `--print-to-pdf` of the same HTML', fmtS(s), '', undefined);
      row('b', 'ratio cci / one-shot', (c / s).toFixed(2), '≤ 1.0', c / s <= 1.0);
    }
  }

  // (c) one PDF per partner country vs one one-shot print per country, sequentially
  if (ONLY.has('c')) {
    if (!chromium) log('\n(c) skipped: no Chromium');
    else {
      const date = '2024-08-05';
      log(`\n(c) cci brief --audience country:all --format pdf (${BENCH_DATA_OPTIONS.partners} documents) vs ${BENCH_DATA_OPTIONS.partners} one-shot prints`);
      const h = await cci([...html(date, ['--audience', 'country:all']), '--out', out('c-html')]);
      const htmlFiles = h.stdout.trim().split('\n');
      const rs = await repeat(REPS_OVERRIDE ?? 1, 'country:all pdf', () =>
        cci(['brief', '--division', DIVISION, '--date', date, '--audience', 'country:all', '--format', 'pdf', '--data', data, '--out', out('c')]));
      const c = median(rs.map((r) => r.ms));
      // the one-shots one after the other: 30 spread over the list, scaled (or all of them)
      const sample = ALL_ONE_SHOTS ? htmlFiles : htmlFiles.filter((_, i) => i % Math.ceil(htmlFiles.length / 30) === 0);
      const t = performance.now();
      for (const [i, f] of sample.entries()) await oneShot(chromium, f, out(`c-one-shot-${i}.pdf`));
      const s = ((performance.now() - t) / sample.length) * htmlFiles.length;
      log(`  ${sample.length} one-shot prints: ${fmtS(performance.now() - t)}${sample.length < htmlFiles.length ? ` (scaled to ${htmlFiles.length}: ${fmtS(s)})` : ''}`);
      row('c', `\`brief --audience country:all --format pdf\`, ${htmlFiles.length} PDFs`, fmtS(c), '', undefined);
      row('c', `${htmlFiles.length} one-shot prints, one after the other${sample.length < htmlFiles.length ? ' (scaled)' : ''}`, fmtS(s), '', undefined);
      row('c', 'ratio cci / one-shots', (c / s).toFixed(2), '≤ 0.3', c / s <= 0.3);
      // What Chromium alone can do with these documents on this machine: the same HTML files
      // printed by a bare puppeteer loop, one browser, two pages at a time, no data work at all.
      const floor = await bareBatchPrint(chromium, htmlFiles, out('c-floor'));
      log(`  bare puppeteer loop, ${htmlFiles.length} prints two at a time: ${fmtS(floor)}`);
      row('c', `the same ${htmlFiles.length} HTML files printed by a bare puppeteer loop (2 at a time): Chromium's own throughput`, fmtS(floor), '', undefined);
      row('c', 'ratio bare loop / one-shots (the lowest (c) can be with this Chromium on this machine)', (floor / s).toFixed(2), '', undefined);
    }
  }

  // (d) start-up: cci --help vs node -e 0
  if (ONLY.has('d')) {
    log('\n(d) cci --help vs node -e 0');
    const n = reps(10);
    const helpRuns = [];
    const nodeRuns = [];
    for (let i = 0; i < n; i++) {
      helpRuns.push((await cci(['--help'])).ms);
      nodeRuns.push((await run(process.execPath, ['-e', '0'])).ms);
    }
    const c = median(helpRuns);
    const s = median(nodeRuns);
    log(`  cci --help ${fmtS(c)}, node -e 0 ${fmtS(s)} (medians of ${n})`);
    row('d', '`cci --help`', fmtS(c), '', undefined);
    row('d', '`node -e 0`', fmtS(s), '', undefined);
    row('d', 'ratio', (c / s).toFixed(2), '≤ 2.0', c / s <= 2.0);
  }

  // (e) growth with the days held: the loader reads every folder up to date + 2 (earlier days'
  // incidents from the tally cache, or parsed again with --no-cache: both are measured)
  if (ONLY.has('e')) {
    log('\n(e) growth with the days held');
    for (const mode of ['cache', 'no-cache']) {
      const extra = mode === 'cache' ? [] : ['--no-cache'];
      const points = [];
      for (const day of [10, 25, 49]) {
        const date = DAYS[day - 1];
        const loaded = Math.min(DAYS.length, day + 2);
        const ms = day === DAYS.length && aMs !== undefined && mode === 'cache'
          ? aMs
          : median((await repeat(reps(3), `html day ${day} ${mode}`, () => cci([...html(date, extra), '--out', out('e')]))).map((r) => r.ms));
        points.push({ day, loaded, ms });
        row('e', `\`brief --format html${mode === 'cache' ? '' : ' --no-cache'}\` on day ${day} (${date}, ${loaded} folders read)`, `${fmtS(ms)} (${(ms / loaded).toFixed(0)} ms/day)`, '', undefined);
      }
      // no worse than linear: the time per folder read must not grow (10% noise allowed)
      const perDay = points.map((p) => p.ms / p.loaded);
      const linear = perDay.every((x, i) => i === 0 || x <= perDay[0] * 1.1);
      row('e', `time per day held, day 49 vs day 10${mode === 'cache' ? '' : ', --no-cache'}`, `${(perDay.at(-1) / perDay[0]).toFixed(2)}×`, '≤ 1.1× (linear)', linear);
    }
  }

  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(path.join(os.tmpdir(), `cci-bench-profile-${process.pid}`), { recursive: true, force: true });

  // table
  const lines = [
    '',
    `cci bench — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model.trim() ?? ''}, Node ${process.version}, ${chromium ? path.basename(chromium) : 'no Chromium'}; medians`,
    '',
    '| | measure | median | target | |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.id} | ${r.measure} | ${r.value} | ${r.target} | ${r.pass === undefined ? '' : r.pass ? 'PASS' : '**FAIL**'} |`),
    '',
    `(bench took ${fmtS(performance.now() - t0)})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return rows.some((r) => r.pass === false) ? 1 : 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`bench: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
