// Sets the PDF's document information (Title, Author, Subject, Keywords, Creator) by appending
// a standard incremental update: a new Info object, a one-entry xref section and a trailer
// pointing back (/Prev) to the original one. The original bytes are left untouched. The
// language needs no update here: Chromium writes the catalog's /Lang from <html lang>.

export interface PdfInfo {
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  creator?: string;
}

const latin1 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** A PDF text string: UTF-16BE with byte order mark, hex-encoded (any text, no escaping). */
export function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex.toUpperCase()}>`;
}

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}+00'00')`;
}

const LITERAL = String.raw`\((?:\\.|[^\\()])*\)`;

interface Trailer {
  size: number;
  root: string;
  info?: string;
  id?: string;
  prevXref: number;
}

/** Reads the last trailer of a PDF with a classic xref table; undefined if it is not one. */
function readTrailer(text: string): Trailer | undefined {
  const tail = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!tail) return undefined;
  const prevXref = Number(tail[1]);
  if (!text.startsWith('xref', prevXref)) return undefined; // an xref stream: not handled
  const trailerAt = text.lastIndexOf('trailer', tail.index);
  if (trailerAt < prevXref) return undefined;
  const dict = text.slice(trailerAt, tail.index);
  const size = /\/Size\s+(\d+)/.exec(dict);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(dict);
  if (!size || !root || !root[1]) return undefined;
  const info = /\/Info\s+(\d+\s+\d+)\s+R/.exec(dict)?.[1];
  const id = /\/ID\s*(\[[^\]]*\])/.exec(dict)?.[1];
  return {
    size: Number(size[1]),
    root: root[1].replace(/\s+/g, ' '),
    ...(info !== undefined ? { info } : {}),
    ...(id !== undefined ? { id } : {}),
    prevXref,
  };
}

/** Entries of the existing Info dictionary worth keeping (dates, producer). */
function keptEntries(text: string, infoRef: string | undefined): string[] {
  if (infoRef === undefined) return [];
  const [num, gen] = infoRef.split(/\s+/);
  const re = new RegExp(String.raw`(?:^|[\s>])${num}\s+${gen}\s+obj\s*<<([\s\S]*?)>>\s*endobj`, 'g');
  const body = [...text.matchAll(re)].pop()?.[1];
  if (body === undefined) return [];
  const kept: string[] = [];
  for (const key of ['Producer', 'CreationDate', 'ModDate']) {
    const m = new RegExp(String.raw`/${key}\s*(${LITERAL}|<[0-9A-Fa-f\s]*>)`).exec(body);
    if (m?.[1]) kept.push(`/${key} ${m[1]}`);
  }
  return kept;
}

/**
 * Returns the PDF with its Info dictionary replaced, or the same bytes unchanged when the file
 * is not laid out as expected (classic xref table and trailer, as Chromium writes them).
 */
export function setPdfInfo(bytes: Uint8Array, info: PdfInfo, now = new Date()): Uint8Array {
  const text = latin1(bytes);
  const trailer = readTrailer(text);
  if (!trailer) return bytes;

  const kept = keptEntries(text, trailer.info);
  const entries = [
    `/Title ${pdfTextString(info.title)}`,
    `/Author ${pdfTextString(info.author ?? 'cci')}`,
    `/Creator ${pdfTextString(info.creator ?? 'cci')}`,
    ...(info.subject !== undefined ? [`/Subject ${pdfTextString(info.subject)}`] : []),
    ...(info.keywords !== undefined ? [`/Keywords ${pdfTextString(info.keywords)}`] : []),
    ...kept,
  ];
  if (!kept.some((e) => e.startsWith('/CreationDate'))) entries.push(`/CreationDate ${pdfDate(now)}`);
  if (!kept.some((e) => e.startsWith('/ModDate'))) entries.push(`/ModDate ${pdfDate(now)}`);
  if (!kept.some((e) => e.startsWith('/Producer'))) entries.push(`/Producer ${pdfTextString('cci')}`);

  const objNum = trailer.size;
  const lead = text.endsWith('\n') ? '' : '\n';
  const objOffset = bytes.byteLength + lead.length;
  const obj = `${objNum} 0 obj\n<<${entries.join('\n')}>>\nendobj\n`;
  const xrefOffset = objOffset + obj.length; // obj is pure ASCII: characters = bytes
  const update =
    lead +
    obj +
    `xref\n${objNum} 1\n${String(objOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${objNum + 1}\n/Root ${trailer.root}\n/Info ${objNum} 0 R\n/Prev ${trailer.prevXref}` +
    (trailer.id !== undefined ? `\n/ID ${trailer.id}` : '') +
    `>>\nstartxref\n${xrefOffset}\n%%EOF\n`;

  const out = new Uint8Array(bytes.byteLength + update.length);
  out.set(bytes, 0);
  out.set(Buffer.from(update, 'latin1'), bytes.byteLength);
  return out;
}
