// Searching what cci leaves behind for canary strings (test/e2e/canary.test.ts): every file of a
// folder, every email, every output, read in every form a string can hide in — as bytes, UTF-16,
// gzip, base64 runs, percent- and entity-escapes, and for PDFs their text (pdftotext), their
// metadata (pdfinfo) and every inflated stream with its hex and UTF-16 strings; emails part by
// part, base64 and quoted-printable decoded, headers' encoded words decoded.

import { execFile } from 'node:child_process';
import { lstat, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, inflateSync, constants as zlib } from 'node:zlib';
import { decodeWords, mimeParts, partContent, partHeader } from '../deliver/smtp-harness.js';

const exec = promisify(execFile);

/** Every regular file under `dir` (recursively, links not followed), absolute paths. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(d);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      const s = await lstat(p).catch(() => undefined);
      if (!s) continue;
      if (s.isDirectory()) await walk(p);
      else if (s.isFile()) out.push(p);
    }
  };
  await walk(dir);
  return out.sort();
}

const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';

/**
 * UTF-16 reads of bytes: little-endian at both alignments, which also covers big-endian (its
 * `00 51 00 5A` read from the second byte is `51 00 5A 00`).
 */
function utf16Views(b: Buffer): string[] {
  if (b.length < 4) return [];
  const at = (from: number) => b.subarray(from, from + ((b.length - from) & ~1)).toString('utf16le');
  return [at(0), at(1)];
}

/** The escapes a text may hold a string in: base64 runs, %XX, &#NN; / &#xNN;, PDF hex strings. */
function unescapedViews(text: string): string[] {
  const out: string[] = [];
  const b64 = text.match(/[A-Za-z0-9+/]{16,}={0,2}/g) ?? [];
  if (b64.length > 0) {
    const decoded: string[] = [];
    for (const run of b64) {
      // every alignment: the run may start with letters that are not base64 of the text
      for (let shift = 0; shift < 4 && shift < run.length; shift++) {
        // Node decodes a last, partial group too
        decoded.push(Buffer.from(run.slice(shift).replace(/=+$/, ''), 'base64').toString('latin1'));
      }
    }
    out.push(decoded.join('\n'));
  }
  if (text.includes('%'))
    out.push(text.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))));
  if (text.includes('&#')) {
    out.push(
      text
        .replace(/&#x([0-9A-Fa-f]+);?/g, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
        .replace(/&#(\d+);?/g, (_m, d: string) => String.fromCodePoint(Number(d))),
    );
  }
  const hex = text.match(/<[0-9A-Fa-f\s]{8,}>/g);
  if (hex) {
    out.push(
      hex
        .map((h) => {
          const bytes = Buffer.from(h.slice(1, -1).replace(/\s+/g, ''), 'hex');
          return [bytes.toString('latin1'), ...utf16Views(bytes)].join('\n');
        })
        .join('\n'),
    );
  }
  return out;
}

/** The streams of a PDF, inflated where they are Flate-compressed. */
function pdfStreams(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  const text = b.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const raw = b.subarray(start, end);
    try {
      out.push(inflateSync(raw, { finishFlush: zlib.Z_SYNC_FLUSH }));
    } catch {
      out.push(raw);
    }
    re.lastIndex = end;
  }
  return out;
}

let scratch: string | undefined;

/** Text and metadata of a PDF as poppler reads them. */
async function popplerViews(b: Buffer): Promise<string[]> {
  scratch ??= await mkdtemp(join(tmpdir(), 'cci-canary-scratch-'));
  const file = join(scratch, `${process.hrtime.bigint()}.pdf`);
  await writeFile(file, b);
  try {
    const [text, info, meta] = await Promise.all([
      exec('pdftotext', [file, '-'], { maxBuffer: 256 * 1024 * 1024 }).then(
        (r) => r.stdout,
        () => '',
      ),
      exec('pdfinfo', [file]).then(
        (r) => r.stdout,
        () => '',
      ),
      exec('pdfinfo', ['-meta', file]).then(
        (r) => r.stdout,
        () => '',
      ),
    ]);
    return [text, info, meta];
  } finally {
    await rm(file, { force: true });
  }
}

export async function removeScratch(): Promise<void> {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
}

/** What bytes may say, in every form searched (see the module's comment). */
export async function viewsOf(b: Buffer): Promise<string[]> {
  const views: string[] = [];
  const add = (bytes: Buffer) => {
    const s = bytes.toString('latin1');
    views.push(s, bytes.toString('utf8'), ...utf16Views(bytes), ...unescapedViews(s));
  };
  add(b);
  if (b[0] === 0x1f && b[1] === 0x8b) {
    try {
      add(gunzipSync(b));
    } catch {
      /* not gzip after all */
    }
  }
  if (isPdf(b)) {
    for (const s of pdfStreams(b)) add(s);
    views.push(...(await popplerViews(b)));
  }
  return views;
}

/** An email, part by part: raw, headers (encoded words decoded), each part decoded. */
export async function emailViews(raw: string): Promise<string[]> {
  const views = [raw, decodeWords(raw.replace(/\r?\n[ \t]+/g, ' ')), ...unescapedViews(raw)];
  for (const part of mimeParts(raw)) {
    views.push(decodeWords(part.headers));
    const name = partHeader(part, 'content-disposition');
    if (name) views.push(name);
    views.push(...(await viewsOf(partContent(part))));
  }
  return views;
}

/** The PDF attachments of an email, decoded. */
export function pdfAttachments(raw: string): Buffer[] {
  return mimeParts(raw)
    .filter((p) => (partHeader(p, 'content-type') ?? '').toLowerCase().startsWith('application/pdf'))
    .map(partContent);
}

/** The canaries (case-insensitive) any of the views holds. */
export function found(views: readonly string[], canaries: readonly string[]): string[] {
  const lower = views.map((v) => v.toLowerCase());
  return canaries.filter((c) => lower.some((v) => v.includes(c.toLowerCase())));
}

/** The bytes of a file. */
export function bytesOf(file: string): Promise<Buffer> {
  return readFile(file);
}
