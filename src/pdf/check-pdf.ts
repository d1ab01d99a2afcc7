// A cheap sanity check of printed bytes before they are written anywhere.

import { RenderError } from '../errors.js';
import { t, tn } from '../i18n/messages.js';

/**
 * Throws RenderError unless `bytes` look like a complete PDF: the `%PDF-` header, `%%EOF` at
 * the end (trailing whitespace allowed) and at least one page. `what`: the document, as messages
 * name it (`pdf.what.document`; by default `The PDF`, in the language of messages).
 */
export function checkPdf(bytes: Uint8Array, what = t('pdf.what.untitled')): void {
  if (bytes.byteLength < 64) throw new RenderError(tn('pdf.check.empty', bytes.byteLength, { what }));
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.toString('latin1', 0, 5) !== '%PDF-') {
    throw new RenderError(t('pdf.check.notPdf', { what }));
  }
  const tail = buf.toString('latin1', Math.max(0, buf.byteLength - 1024));
  if (!/%%EOF\s*$/.test(tail)) {
    throw new RenderError(t('pdf.check.truncated', { what }));
  }
  const text = buf.toString('latin1');
  const hasPage = /\/Type\s*\/Page(?![A-Za-z])/.test(text) || /\/Count\s+[1-9]/.test(text);
  if (!hasPage) throw new RenderError(t('pdf.check.noPage', { what }));
}
