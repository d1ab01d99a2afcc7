// A cheap sanity check of printed bytes before they are written anywhere.

import { RenderError } from '../errors.js';

/**
 * Throws RenderError unless `bytes` look like a complete PDF: the `%PDF-` header, `%%EOF` at
 * the end (trailing whitespace allowed) and at least one page.
 */
export function checkPdf(bytes: Uint8Array, what = 'The PDF'): void {
  if (bytes.byteLength < 64) throw new RenderError(`${what} is empty or truncated (${bytes.byteLength} bytes).`);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.toString('latin1', 0, 5) !== '%PDF-') {
    throw new RenderError(`${what} is not a PDF: it does not start with %PDF-.`);
  }
  const tail = buf.toString('latin1', Math.max(0, buf.byteLength - 1024));
  if (!/%%EOF\s*$/.test(tail)) {
    throw new RenderError(`${what} is truncated: it does not end with %%EOF.`);
  }
  const text = buf.toString('latin1');
  const hasPage = /\/Type\s*\/Page(?![A-Za-z])/.test(text) || /\/Count\s+[1-9]/.test(text);
  if (!hasPage) throw new RenderError(`${what} has no page.`);
}
