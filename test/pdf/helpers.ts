// Shared helpers for the PDF tests: reading printed PDFs back with poppler and pdfjs-dist.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const tmp = mkdtempSync(path.join(tmpdir(), 'cci-pdf-test-'));
let n = 0;

export function removeTmp(): void {
  rmSync(tmp, { recursive: true, force: true });
}

export function writePdf(bytes: Uint8Array, name = `doc-${++n}.pdf`): string {
  const file = path.join(tmp, name);
  writeFileSync(file, bytes);
  return file;
}

/** Text of one page (1-based), or of the whole document. */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' });
}

export interface PdfFacts {
  pages: number;
  info: Record<string, unknown>;
}

export async function pdfFacts(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const meta = await doc.getMetadata();
    return { pages: doc.numPages, info: meta.info as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}

/** Writes an executable shell script (`name` may hold folders) and returns its path. */
export function script(name: string, body: string): string {
  const file = path.join(tmp, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** Is a process still alive (and not a zombie)? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return stat !== '' && !stat.startsWith('Z');
  } catch {
    return false;
  }
}

export function html(body: string, opts: { title?: string; lang?: string; head?: string } = {}): string {
  return (
    `<!doctype html><html lang="${opts.lang ?? 'en'}"><head><meta charset="utf-8">` +
    `<meta name="cci-document" content="briefing"><title>${opts.title ?? 'Test'}</title>` +
    `<style>body{font-family:'Liberation Sans',sans-serif;font-size:11pt}</style>${opts.head ?? ''}</head>` +
    `<body>${body}</body></html>`
  );
}

export async function waitFor(cond: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}
