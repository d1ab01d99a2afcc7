#!/usr/bin/env node
// `npm run bench` (builds first): cci on the demo and on a full event's data, side by side with
// the physical limits of this kind of tool, measured in the same run: Node's own start-up, and
// the fastest one-shot print of the same HTML on this machine (the headless shell where one is
// installed; full Chromium's is measured too). Never part of `npm test`. Prints each measure's
// median and a markdown table with each baseline, ratio and target.
//
//   node scripts/bench.mjs [--quick] [--only a,b,c,d,e] [--reps N] [--all-one-shots]
//
// cci runs with a tally cache of its own, warmed by a first run (as the daily runs before would
// have); (a) also reports the runs without a cache and with an empty one (a first run).
// --quick: fewer repetitions. (c) runs country:all once and, to keep the whole bench near ten
// minutes, times 30 of the 141 one-shot prints (spread over the list) and scales to 141;
// --all-one-shots times all 141, one after the other.
// The data set is generated into ./bench-data when missing (scripts/bench-data.mjs).
// The browsers: the one cci finds (dist/pdf/find-browser.js: CCI_BROWSER, else a headless shell,
// else Chrome or Chromium) and, for comparison, full Chromium or Chrome when installed.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_DATA_OPTIONS, ensureBenchData } from './bench-data.mjs';
import { findBrowser, isHeadlessShell } from '../dist/pdf/find-browser.js';
import { A4_TAGGED, asCciPrints, BARE_ARGS } from './bench-print.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'cci.js');
const USAGE = `usage: node scripts/bench.mjs [--quick] [--only a,b,c,d,e] [--reps N] [--all-one-shots]
  (npm run bench -- [options]: builds first)
  --only LIST      the measures to take (default: all); a: HTML on the full event, b: one PDF,
                   c: country:all PDFs, d: --help, e: the warm cache against --no-cache
  --reps N         N rounds of each timed measure (default: 5 to 10, halved by --quick)
  --quick          fewer rounds
  --all-one-shots  (c) with all 141 one-shot prints, not 30 scaled up
  --help           this text
About eight minutes in full; it generates ./bench-data (42 MB) when missing.`;
const MEASURES = ['a', 'b', 'c', 'd', 'e'];
/** Refuses what it does not know (the whole bench is long: never run it on a mistyped option). */
function usageError(message) {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}
let parsed;
try {
  parsed = parseArgs({
    options: {
      quick: { type: 'boolean' },
      'all-one-shots': { type: 'boolean' },
      only: { type: 'string' },
      reps: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  usageError(error.message);
}
if (parsed.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const QUICK = parsed.quick === true;
const ALL_ONE_SHOTS = parsed['all-one-shots'] === true;
const ONLY = (() => {
  if (parsed.only === undefined) return new Set(MEASURES);
  const list = parsed.only.split(',').map((m) => m.trim());
  const unknown = list.filter((m) => !MEASURES.includes(m));
  if (list.length === 0 || unknown.length > 0)
    usageError(`--only ${JSON.stringify(parsed.only)}: expected some of ${MEASURES.join(',')}`);
  return new Set(list);
})();
const REPS_OVERRIDE = (() => {
  if (parsed.reps === undefined) return undefined;
  const n = Number(parsed.reps);
  if (!/^\d+$/.test(parsed.reps) || n < 1 || n > 100)
    usageError(`--reps ${JSON.stringify(parsed.reps)}: expected a whole number from 1 to 100`);
  return n;
})();
const reps = (n) => REPS_OVERRIDE ?? (QUICK ? Math.max(1, Math.ceil(n / 2)) : n);

const DAYS = (() => {
  const out = [];
  for (
    let t = Date.parse(`${BENCH_DATA_OPTIONS.from}T00:00:00Z`);
    t <= Date.parse(`${BENCH_DATA_OPTIONS.to}T00:00:00Z`);
    t += 86400000
  ) {
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

/** The browser cci prints with, and a full Chromium or Chrome for comparison (its binary, not a wrapper). */
async function browsers() {
  const cciBrowser = await findBrowser({ env: process.env }).catch(() => undefined);
  let full;
  for (const p of [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ]) {
    full = await findBrowser({ executablePath: p, env: {} }).catch(() => undefined);
    if (full) break;
  }
  if (cciBrowser?.kind === 'chrome' && !full) full = cciBrowser;
  return { cciBrowser, full: full && full.path !== cciBrowser?.path ? full : undefined };
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
    const child = spawn(file, argv, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
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

/** A browser's own one-shot print of an HTML file, as a user would script it. */
function oneShotFlags(pdf, html, profile) {
  return [
    '--headless',
    ...BARE_ARGS,
    '--no-pdf-header-footer',
    `--user-data-dir=${profile}`,
    `--print-to-pdf=${pdf}`,
    `file://${html}`,
  ];
}
let oneShots = 0;
async function oneShot(exe, html, pdf) {
  const profile = path.join(os.tmpdir(), `cci-bench-profile-${process.pid}-${oneShots++}`);
  // Debian's Chromium writes a crash database under the home folder: keep it in the profile
  const r = await run(exe, oneShotFlags(pdf, html, profile), { env: { CHROME_CONFIG_HOME: profile } });
  fs.rmSync(profile, { recursive: true, force: true });
  if (r.code !== 0 || !fs.existsSync(pdf))
    throw new Error(`${exe} --print-to-pdf failed (${r.code}):\n${r.stderr.slice(-2000)}`);
  return r;
}

/** (b)'s floor for a Node program: scripts/bench-bare-print.mjs, one process, one print. */
async function barePrint(exe, html, pdf, plain = false) {
  const script = path.join(ROOT, 'scripts', 'bench-bare-print.mjs');
  const r = await run(process.execPath, [script, ...(plain ? ['--plain'] : []), exe, html, pdf]);
  if (r.code !== 0 || !fs.existsSync(pdf)) throw new Error(`bench-bare-print.mjs failed (${r.code}):\n${r.stderr}`);
  return r;
}

/**
 * Prints HTML files with one browser, two pages at a time, as tagged A4 PDFs with backgrounds;
 * returns ms. `same`: with what cci adds to each print, the running header and footer (built by
 * cci's own header-footer module, for the marking the document names in its cci-marking meta
 * element) and the bookmarks: the browser's work for the same PDFs, without cci's.
 */
async function bareBatchPrint(exe, htmlFiles, outDir, same = false) {
  const { default: puppeteer } = await import('puppeteer-core');
  fs.mkdirSync(outDir, { recursive: true });
  const t = performance.now();
  const browser = await puppeteer.launch({
    executablePath: exe,
    pipe: true,
    headless: isHeadlessShell(exe) ? 'shell' : true,
    args: BARE_ARGS,
  });
  try {
    let next = 0;
    const worker = async () => {
      while (next < htmlFiles.length) {
        const i = next++;
        const page = await browser.newPage();
        await page.setJavaScriptEnabled(false);
        const html = fs.readFileSync(htmlFiles[i], 'utf8');
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf(same ? asCciPrints(html) : A4_TAGGED);
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

const rows = []; // { id, measure, value, baseline, ratio, target, pass }
const row = (id, measure, value, { baseline = '', ratio = '', target = '', pass } = {}) => {
  rows.push({ id, measure, value, baseline, ratio, target, pass });
  log(
    `${id}. ${measure}: ${value}${baseline ? ` against ${baseline}` : ''}${ratio ? ` = ${ratio}` : ''}${target ? ` (target ${target})` : ''} ${pass === undefined ? '' : pass ? 'PASS' : 'FAIL'}`,
  );
};
const ratioRow = (id, measure, cciMs, baseLabel, baseMs, max) =>
  row(id, measure, fmtS(cciMs), {
    baseline: `${baseLabel}: ${fmtS(baseMs)}`,
    ratio: (cciMs / baseMs).toFixed(2),
    target: max === undefined ? '' : `≤ ${max}`,
    pass: max === undefined ? undefined : cciMs / baseMs <= max,
  });

/**
 * (b) for one document: cci end to end against the one-shot prints of the same HTML, all
 * interleaved. Returns the medians.
 */
async function pdfEndToEnd({ label, dataDir, date, extra = [], n, shell, full, outDir }) {
  const htmlArgs = [
    'brief',
    '--division',
    DIVISION,
    '--date',
    date,
    '--format',
    'html',
    '--data',
    dataDir,
    '--out',
    `${outDir}-html`,
    ...extra,
  ];
  const htmlFile = (await cci(htmlArgs)).stdout.trim().split('\n')[0];
  const pdfArgs = [
    'brief',
    '--division',
    DIVISION,
    '--date',
    date,
    '--format',
    'pdf',
    '--data',
    dataDir,
    '--out',
    outDir,
    ...extra,
  ];
  const pages = Number(
    /Pages:\s+(\d+)/.exec(
      spawnSync('pdfinfo', [(await cci(pdfArgs)).stdout.trim()], { encoding: 'utf8' }).stdout ?? '',
    )?.[1] ?? NaN,
  );
  log(
    `\n(b) ${label}: ${Number.isNaN(pages) ? '?' : pages} pages; cci brief --format pdf vs one-shot prints of the same HTML, interleaved`,
  );
  const runs = { cci: [], shell: [], full: [], cciFull: [], bare: [], plain: [] };
  const fastestExe = shell ?? full;
  for (let i = 0; i < n; i++) {
    runs.cci.push((await cci(pdfArgs)).ms);
    if (shell) runs.shell.push((await oneShot(shell, htmlFile, `${outDir}-shot-${i}.pdf`)).ms);
    if (fastestExe) {
      runs.bare.push((await barePrint(fastestExe, htmlFile, `${outDir}-bare-${i}.pdf`)).ms);
      runs.plain.push((await barePrint(fastestExe, htmlFile, `${outDir}-plain-${i}.pdf`, true)).ms);
    }
    if (full) runs.full.push((await oneShot(full, htmlFile, `${outDir}-full-shot-${i}.pdf`)).ms);
    if (full) runs.cciFull.push((await cci([...pdfArgs, '--browser', full])).ms);
    log(
      `  #${i + 1}: cci ${fmtS(runs.cci.at(-1))}${shell ? `, shell one-shot ${fmtS(runs.shell.at(-1))}` : ''}` +
        `${fastestExe ? `, bare puppeteer print ${fmtS(runs.bare.at(-1))} (plain ${fmtS(runs.plain.at(-1))})` : ''}` +
        `${full ? `, full Chromium one-shot ${fmtS(runs.full.at(-1))}, cci --browser full ${fmtS(runs.cciFull.at(-1))}` : ''}`,
    );
  }
  const m = Object.fromEntries(Object.entries(runs).map(([k, xs]) => [k, xs.length ? median(xs) : undefined]));
  return { ...m, pages };
}

async function main() {
  const t0 = performance.now();
  const dataDir = ensureBenchData({ log });
  const data = path.relative(ROOT, dataDir);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cci-bench-'));
  const out = (name) => path.join(work, name);
  CACHE_DIR = out('cache');
  const { cciBrowser, full } = await browsers();
  const shell = cciBrowser?.kind === 'headless-shell' ? cciBrowser.path : undefined;
  log(
    `cci bench: ${os.cpus().length} CPU(s), Node ${process.version}, cci prints with ${cciBrowser ? `${cciBrowser.path} (${cciBrowser.kind})` : 'no browser found'}` +
      `${full ? `, full browser for comparison ${full.path}` : ''}, peak RSS via ${TIME_BIN ?? 'process.resourceUsage()'}`,
  );
  log(
    `data: ${data}/ (${DAYS.length} days, ${BENCH_DATA_OPTIONS.incidentsPerDay} incidents a day, ${BENCH_DATA_OPTIONS.partners} partners)`,
  );
  const html = (date, extra = []) => [
    'brief',
    '--division',
    DIVISION,
    '--date',
    date,
    '--format',
    'html',
    '--data',
    data,
    ...extra,
  ];

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
      row('a', `\`brief --format html\`, day ${DAYS.length}, warm cache: wall time`, fmtS(aMs), {
        target: '≤ 0.5 s',
        pass: aMs <= 500,
      });
      row('a', 'same, peak RSS', Number.isNaN(rss) ? 'n/a' : fmtMB(rss), {
        target: '≤ 300 MB',
        pass: Number.isNaN(rss) ? undefined : rss <= 300 * 1024,
      });
      // an empty cache (the first run on a new data folder), and no cache at all
      const cold = await repeat(reps(3), 'html, empty cache', (i) =>
        cci([...html(LAST_DAY), '--out', out('a')], { rss: true, env: { CCI_CACHE_DIR: out(`cold-cache-${i}`) } }),
      );
      const coldMs = median(cold.map((r) => r.ms));
      const coldRss = median(cold.map((r) => r.maxRssKb ?? NaN));
      row(
        'a',
        'same, first run on a new data folder (empty cache: every file parsed, the cache written): wall time',
        fmtS(coldMs),
        { target: '≤ 1.0 s', pass: coldMs <= 1000 },
      );
      row('a', 'same, first run: peak RSS', fmtMB(coldRss), {
        target: '≤ 300 MB',
        pass: Number.isNaN(coldRss) ? undefined : coldRss <= 300 * 1024,
      });
      const none = await repeat(reps(3), 'html --no-cache', () =>
        cci([...html(LAST_DAY), '--out', out('a'), '--no-cache'], { rss: true }),
      );
      row(
        'a',
        'same with `--no-cache` (every file parsed, nothing written): wall time, peak RSS',
        `${fmtS(median(none.map((r) => r.ms)))}, ${fmtMB(median(none.map((r) => r.maxRssKb ?? NaN)))}`,
      );
    }
  }

  // (b) one bilingual PDF end to end vs the fastest one-shot print of the same HTML
  if (ONLY.has('b')) {
    if (!cciBrowser) log('\n(b) skipped: no browser');
    else {
      const fastest = (m) => Math.min(...[m.shell, m.full].filter((x) => x !== undefined));
      const fastestName = (m) =>
        m.shell !== undefined && (m.full === undefined || m.shell <= m.full) ? 'headless shell' : 'full Chromium';
      for (const doc of [
        {
          label: "the demo's 5 August (data/)",
          dataDir: 'data',
          date: '2024-08-05',
          n: reps(7),
          outDir: out('b-demo'),
        },
        {
          label: 'a long document: bench data, 5 August, partners',
          dataDir: data,
          date: '2024-08-05',
          n: reps(3),
          outDir: out('b-long'),
        },
      ]) {
        const m = await pdfEndToEnd({ ...doc, shell, full: full?.path });
        const what = `${doc.label}, ${m.pages} pages`;
        ratioRow(
          'b',
          `\`brief --format pdf\`, one bilingual PDF, end to end: ${what}`,
          m.cci,
          `${fastestName(m)} one-shot \`--print-to-pdf\``,
          fastest(m),
          1.5,
        );
        if (m.bare !== undefined) {
          ratioRow(
            'b',
            `a bare puppeteer script printing the same HTML as the one-shot prints it (tagged; no header, footer or bookmarks): what driving the browser from Node costs: ${what}`,
            m.plain,
            `${fastestName(m)} one-shot`,
            fastest(m),
          );
          ratioRow(
            'b',
            `floor for a Node program: a bare puppeteer script printing the same HTML, as cci prints it (Node's start, puppeteer, the browser's start and the print; no data read, no HTML made): ${what}`,
            m.bare,
            `${fastestName(m)} one-shot`,
            fastest(m),
          );
          ratioRow('b', `cci against that bare print: ${what}`, m.cci, 'bare puppeteer print', m.bare);
        }
        if (m.shell !== undefined && m.full !== undefined) {
          row(
            'b',
            `one-shots of the same HTML: headless shell, full Chromium (${what})`,
            `${fmtS(m.shell)}, ${fmtS(m.full)}`,
          );
          ratioRow(
            'b',
            `cci with full Chromium (\`--browser ${full.wrapper ?? full.path}\`), same document`,
            m.cciFull,
            'full Chromium one-shot',
            m.full,
          );
        }
      }
    }
  }

  // (c) one PDF per partner country vs one one-shot print per country, and vs a bare loop
  if (ONLY.has('c')) {
    if (!cciBrowser) log('\n(c) skipped: no browser');
    else {
      const exe = cciBrowser.path;
      const date = '2024-08-05';
      log(
        `\n(c) cci brief --audience country:all --format pdf (${BENCH_DATA_OPTIONS.partners} documents) vs one-shot prints and a bare puppeteer loop, all with ${exe}`,
      );
      const h = await cci([...html(date, ['--audience', 'country:all']), '--out', out('c-html')]);
      const htmlFiles = h.stdout.trim().split('\n');
      // Interleaved, as the machine may be shared: half the one-shots, then cci and the bare
      // loop in turn (--reps N: N of each), then the other half of the one-shots.
      // What the browser alone does with these documents: the same HTML files printed by a bare
      // puppeteer loop, one browser, two pages at a time, no data work at all.
      const sample = ALL_ONE_SHOTS ? htmlFiles : htmlFiles.filter((_, i) => i % Math.ceil(htmlFiles.length / 30) === 0);
      let shotMs = 0;
      const shots = async (part) => {
        const t = performance.now();
        for (const [i, f] of part.entries()) await oneShot(exe, f, out(`c-one-shot-${i}.pdf`));
        shotMs += performance.now() - t;
      };
      await shots(sample.slice(0, sample.length >> 1));
      const cciRuns = [];
      const floorRuns = [];
      const sameRuns = [];
      for (let i = 0; i < (REPS_OVERRIDE ?? 1); i++) {
        cciRuns.push(
          (
            await cci([
              'brief',
              '--division',
              DIVISION,
              '--date',
              date,
              '--audience',
              'country:all',
              '--format',
              'pdf',
              '--data',
              data,
              '--out',
              out('c'),
            ])
          ).ms,
        );
        log(`  country:all pdf #${i + 1}: ${fmtS(cciRuns.at(-1))}`);
        floorRuns.push(await bareBatchPrint(exe, htmlFiles, out('c-floor')));
        log(`  bare puppeteer loop, ${htmlFiles.length} prints two at a time #${i + 1}: ${fmtS(floorRuns.at(-1))}`);
        sameRuns.push(await bareBatchPrint(exe, htmlFiles, out('c-same'), true));
        log(`  same, with cci's header, footer and bookmarks #${i + 1}: ${fmtS(sameRuns.at(-1))}`);
      }
      await shots(sample.slice(sample.length >> 1));
      const c = median(cciRuns);
      const floor = median(floorRuns);
      const s = (shotMs / sample.length) * htmlFiles.length;
      log(
        `  ${sample.length} one-shot prints: ${fmtS(shotMs)}${sample.length < htmlFiles.length ? ` (scaled to ${htmlFiles.length}: ${fmtS(s)})` : ''}`,
      );
      const kind = cciBrowser.kind === 'headless-shell' ? 'headless shell' : 'browser';
      ratioRow(
        'c',
        `\`brief --audience country:all --format pdf\`, ${htmlFiles.length} PDFs`,
        c,
        `${htmlFiles.length} ${kind} one-shots, one after the other${sample.length < htmlFiles.length ? ` (${sample.length} timed, scaled)` : ''}`,
        s,
        0.35,
      );
      ratioRow(
        'c',
        'same',
        c,
        `bare puppeteer loop over the same ${htmlFiles.length} HTML files, same browser, 2 pages at a time`,
        floor,
        1.1,
      );
      const same = median(sameRuns);
      ratioRow(
        'c',
        'same',
        c,
        `bare loop printing the same PDFs: cci's running header and footer, and bookmarks, with each print`,
        same,
      );
      row('c', 'bare loop: what the running header and footer cost the browser', fmtS(same), {
        baseline: `without: ${fmtS(floor)}`,
        ratio: (same / floor).toFixed(2),
      });
      row('c', 'bare loop against the one-shots: the floor of the first ratio with this browser here', fmtS(floor), {
        baseline: `one-shots: ${fmtS(s)}`,
        ratio: (floor / s).toFixed(2),
      });
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
    ratioRow('d', '`cci --help`', c, '`node -e 0`', s, 2.0);
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
        const ms =
          day === DAYS.length && aMs !== undefined && mode === 'cache'
            ? aMs
            : median(
                (
                  await repeat(reps(3), `html day ${day} ${mode}`, () => cci([...html(date, extra), '--out', out('e')]))
                ).map((r) => r.ms),
              );
        points.push({ day, loaded, ms });
        row(
          'e',
          `\`brief --format html${mode === 'cache' ? '' : ' --no-cache'}\` on day ${day} (${date}, ${loaded} folders read)`,
          `${fmtS(ms)} (${(ms / loaded).toFixed(0)} ms/day)`,
        );
      }
      // no worse than linear: the time per folder read must not grow (10% noise allowed)
      const perDay = points.map((p) => p.ms / p.loaded);
      const linear = perDay.every((x, i) => i === 0 || x <= perDay[0] * 1.1);
      row(
        'e',
        `time per day held, day 49 vs day 10${mode === 'cache' ? '' : ', --no-cache'}`,
        `${(perDay.at(-1) / perDay[0]).toFixed(2)}×`,
        { target: '≤ 1.1× (linear)', pass: linear },
      );
    }
  }

  fs.rmSync(work, { recursive: true, force: true });

  // table
  const lines = [
    '',
    `cci bench — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model.trim() ?? ''}, Node ${process.version}, ` +
      `cci prints with ${cciBrowser ? `${cciBrowser.path} (${cciBrowser.kind})` : 'no browser'}; medians, baselines measured in the same run`,
    '',
    '| | measure | cci | baseline | ratio | target | |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.id} | ${r.measure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.pass === undefined ? '' : r.pass ? 'PASS' : '**FAIL**'} |`,
    ),
    '',
    `(bench took ${fmtS(performance.now() - t0)})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return rows.some((r) => r.pass === false) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`bench: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
