#!/usr/bin/env node
// The floor of (b) for a tool written in Node: one process that starts, loads puppeteer, starts
// the browser, prints one ready HTML file as cci prints it (tagged A4, backgrounds, cci's
// running header and footer, bookmarks), writes the PDF and exits. No data read, no HTML made:
// what any Node program driving the browser pays before its own work. Run by scripts/bench.mjs.
//
//   node scripts/bench-bare-print.mjs [--plain] EXECUTABLE HTML_FILE PDF_FILE
//
// --plain: printed as the one-shot `--print-to-pdf` prints (tagged, no header or footer, no
// bookmarks): what driving the browser from Node costs, cci's print options apart.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { isHeadlessShell } from '../dist/pdf/find-browser.js';
import { asCciPrints, BARE_ARGS } from './bench-print.mjs';

const plain = process.argv[2] === '--plain';
const [exe, htmlFile, pdfFile, ...more] = process.argv.slice(plain ? 3 : 2);
const fail = (message, status) => {
  process.stderr.write(`bench-bare-print: ${message}\n`);
  process.exit(status);
};
if (!exe || !htmlFile || !pdfFile || more.length > 0)
  fail('usage: node scripts/bench-bare-print.mjs [--plain] EXECUTABLE HTML_FILE PDF_FILE', 2);
for (const [what, file] of [
  ['the browser', exe],
  ['the HTML file', htmlFile],
]) {
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) fail(`${what} ${file} is not a file`, 2);
}
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cci-bench-bare-'));
process.on('exit', () => fs.rmSync(profile, { recursive: true, force: true }));
const browser = await puppeteer.launch({
  executablePath: exe,
  userDataDir: profile,
  env: { ...process.env, CHROME_CONFIG_HOME: profile },
  pipe: true,
  headless: isHeadlessShell(exe) ? 'shell' : true,
  args: BARE_ARGS,
});
try {
  const html = fs.readFileSync(htmlFile, 'utf8');
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setContent(html, { waitUntil: 'load' });
  const pdf = await page.pdf(
    plain ? { printBackground: true, preferCSSPageSize: true, tagged: true, outline: false } : asCciPrints(html),
  );
  fs.writeFileSync(pdfFile, pdf);
} finally {
  // as cci ends its browser: killed (its profile is thrown away)
  browser.process()?.kill('SIGKILL');
}
process.exit(0);
