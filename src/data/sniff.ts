// What a data file's first bytes say it is, whatever its name: a zip archive (an .xlsx workbook),
// an OLE2 compound file (a legacy or encrypted Office file) or text. Apart from the workbook
// reader (xlsx.ts), so that a data folder without workbooks never loads it (sax, yauzl).

/** What a file's first bytes say it is, whatever its name. */
export type Sniffed = 'zip' | 'ole' | 'text' | 'binary' | 'empty';

/** The kind of file the bytes start as: a zip archive (xlsx, ods), an OLE2 compound file (xls, encrypted Office), text. */
export function sniffFile(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return 'empty';
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7)
  )
    return 'zip';
  if (bytes.length >= 8 && OLE_MAGIC.every((b, i) => bytes[i] === b)) return 'ole';
  const head = bytes.subarray(0, 4096);
  return head.includes(0) && !(head[0] === 0xff && head[1] === 0xfe) && !(head[0] === 0xfe && head[1] === 0xff)
    ? 'binary'
    : 'text';
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
