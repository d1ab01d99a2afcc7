// Gives the PDF's bookmarks (the document outline Chromium builds from the headings with
// page.pdf's `outline`) the titles the document means, by appending a standard incremental
// update that rewrites each outline item with a new /Title; the original bytes are left as
// they are. Chromium's own titles are the headings' text fragments run together: two languages
// with no space between them ("Messages clésKey messages"), and a heading that a page break
// moved to the next page written twice.

import { pdfTextString } from './pdf-info.js';

const latin1 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

interface Trailer {
  size: number;
  root: number;
  /** The rest of the trailer to carry over: /Info and /ID. */
  carried: string;
  xref: number;
}

function lastTrailer(text: string): Trailer | undefined {
  const tail = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!tail) return undefined;
  const xref = Number(tail[1]);
  if (!text.startsWith('xref', xref)) return undefined; // an xref stream: not handled
  const at = text.lastIndexOf('trailer', tail.index);
  if (at < xref) return undefined;
  const dict = text.slice(at, tail.index);
  const size = /\/Size\s+(\d+)/.exec(dict)?.[1];
  const root = /\/Root\s+(\d+)\s+0\s+R/.exec(dict)?.[1];
  if (size === undefined || root === undefined) return undefined;
  const info = /\/Info\s+\d+\s+\d+\s+R/.exec(dict)?.[0];
  const id = /\/ID\s*\[[^\]]*\]/.exec(dict)?.[0];
  return { size: Number(size), root: Number(root), carried: [info, id].filter(Boolean).join('\n'), xref };
}

/** The body of the last definition of object `num` (between `num 0 obj` and `endobj`). */
function objectBody(text: string, num: number): string | undefined {
  const re = new RegExp(String.raw`(?:^|[\r\n\s>])${num}\s+0\s+obj\b`, 'g');
  let start = -1;
  for (const m of text.matchAll(re)) start = m.index + m[0].length;
  if (start < 0) return undefined;
  const end = text.indexOf('endobj', start);
  return end < 0 ? undefined : text.slice(start, end).trim();
}

const ref = (body: string, key: string): number | undefined => {
  const m = new RegExp(String.raw`/${key}\s+(\d+)\s+0\s+R`).exec(body);
  return m ? Number(m[1]) : undefined;
};

/** Outline items in reading order: depth first, from /First along /Next. */
function outlineItems(text: string, root: number): number[] | undefined {
  const catalog = objectBody(text, root);
  const outlines = catalog === undefined ? undefined : ref(catalog, 'Outlines');
  const top = outlines === undefined ? undefined : objectBody(text, outlines);
  if (!top) return undefined;
  const out: number[] = [];
  const seen = new Set<number>();
  const walk = (first: number | undefined): boolean => {
    for (let n = first; n !== undefined;) {
      if (seen.has(n) || seen.size > 10_000) return false; // a loop, or not an outline
      seen.add(n);
      const body = objectBody(text, n);
      if (!body) return false;
      out.push(n);
      if (!walk(ref(body, 'First'))) return false;
      n = ref(body, 'Next');
    }
    return true;
  };
  return walk(ref(top, 'First')) ? out : undefined;
}

/** The item's dictionary with its /Title value (a literal or hex string) replaced. */
function withTitle(body: string, title: string): string | undefined {
  const at = body.indexOf('/Title');
  if (at < 0) return undefined;
  let i = at + '/Title'.length;
  while (/\s/.test(body[i] ?? '')) i++;
  let end: number;
  if (body[i] === '<') {
    end = body.indexOf('>', i) + 1;
    if (end <= 0) return undefined;
  } else if (body[i] === '(') {
    let depth = 0;
    end = -1;
    for (let j = i; j < body.length; j++) {
      const c = body[j];
      if (c === '\\') j++;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) {
        end = j + 1;
        break;
      }
    }
    if (end < 0) return undefined;
  } else {
    return undefined;
  }
  return `${body.slice(0, i)}${pdfTextString(title)}${body.slice(end)}`;
}

/**
 * Returns the PDF with its bookmarks titled `titles`, in the outline's reading order; the same
 * bytes when the outline does not have exactly that many items or the file is not laid out as
 * Chromium writes it (classic xref table, plain objects).
 */
export function setOutlineTitles(bytes: Uint8Array, titles: readonly string[]): Uint8Array {
  const text = latin1(bytes);
  const trailer = lastTrailer(text);
  if (!trailer) return bytes;
  const items = outlineItems(text, trailer.root);
  if (!items || items.length !== titles.length || items.length === 0) return bytes;

  const lead = text.endsWith('\n') ? '' : '\n';
  let offset = bytes.byteLength + lead.length;
  let body = '';
  const xref: string[] = [];
  for (const [k, num] of items.entries()) {
    const dict = withTitle(objectBody(text, num)!, titles[k]!);
    if (dict === undefined) return bytes;
    const obj = `${num} 0 obj\n${dict}\nendobj\n`;
    xref.push(`${num} 1\n${String(offset).padStart(10, '0')} 00000 n \n`);
    body += obj;
    offset += obj.length; // plain ASCII: characters are bytes
  }
  const update =
    `${lead}${body}xref\n${xref.join('')}trailer\n<</Size ${trailer.size}\n/Root ${trailer.root} 0 R\n` +
    `${trailer.carried ? `${trailer.carried}\n` : ''}/Prev ${trailer.xref}>>\nstartxref\n${offset}\n%%EOF\n`;
  const out = new Uint8Array(bytes.byteLength + update.length);
  out.set(bytes, 0);
  out.set(Buffer.from(update, 'latin1'), bytes.byteLength);
  return out;
}
