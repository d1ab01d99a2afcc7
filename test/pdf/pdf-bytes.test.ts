import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { RenderError } from '../../src/errors.js';
import { checkPdf, pdfTextString, setPdfInfo } from '../../src/pdf/index.js';
import { Semaphore } from '../../src/pdf/semaphore.js';
import { pdfFacts, removeTmp, writePdf } from './helpers.js';

afterAll(removeTmp);

/** A minimal one-page PDF with a classic xref table, laid out as Chromium (Skia) writes it. */
function minimalPdf(): Uint8Array {
  const objects = [
    "<</Title (Old title)\n/Creator (HeadlessChrome)\n/Producer (Skia/PDF m131)\n/CreationDate (D:20240805093000+00'00')>>",
    '<</Type /Catalog\n/Pages 3 0 R\n/Lang (fr)>>',
    '<</Type /Pages\n/Count 1\n/Kids [4 0 R]>>',
    '<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 595 842]>>',
  ];
  let text = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(text, 'latin1'));
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(text, 'latin1');
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) text += `${String(o).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

describe('checkPdf', () => {
  it('accepts a complete PDF, with or without trailing whitespace', () => {
    expect(() => checkPdf(minimalPdf())).not.toThrow();
    expect(() => checkPdf(new Uint8Array([...minimalPdf(), 0x0a, 0x20, 0x0d, 0x0a]))).not.toThrow();
  });

  it('rejects bytes that are not a PDF, a truncated PDF and a PDF without pages', () => {
    const pdf = minimalPdf();
    expect(() => checkPdf(new Uint8Array(Buffer.from('<html>'.padEnd(200, ' '))))).toThrow(RenderError);
    expect(() => checkPdf(new Uint8Array(0))).toThrow(/empty or truncated/);
    expect(() => checkPdf(pdf.slice(0, pdf.length - 20))).toThrow(/does not end with %%EOF/);
    const noPage = Buffer.from(pdf)
      .toString('latin1')
      .replace('/Type /Page\n', '/Type /Xxxx\n')
      .replace('/Count 1', '/Count 0');
    expect(() => checkPdf(new Uint8Array(Buffer.from(noPage, 'latin1')))).toThrow(/no page/);
  });
});

describe('setPdfInfo', () => {
  it('replaces the document information with an incremental update readers understand', async () => {
    const original = minimalPdf();
    const updated = setPdfInfo(original, {
      title: 'Briefing Sécurité générale (5 août)',
      subject: 'TLP:AMBER — DIFFUSION RESTREINTE',
      keywords: 'cci, J+15',
    });
    expect(Buffer.from(updated.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    expect(() => checkPdf(updated)).not.toThrow();
    const { info, pages } = await pdfFacts(updated);
    expect(pages).toBe(1);
    expect(info).toMatchObject({
      Title: 'Briefing Sécurité générale (5 août)',
      Subject: 'TLP:AMBER — DIFFUSION RESTREINTE',
      Keywords: 'cci, J+15',
      Author: 'cci',
      Creator: 'cci',
      Producer: 'Skia/PDF m131',
      Language: 'fr',
    });
    const pdfinfo = execFileSync('pdfinfo', [writePdf(updated)], { encoding: 'utf8' });
    expect(pdfinfo).toMatch(/Subject:\s+TLP:AMBER — DIFFUSION RESTREINTE/);
    expect(pdfinfo).toMatch(/CreationDate:.*2024/);
    expect(pdfinfo).not.toMatch(/Syntax (Error|Warning)/);
  });

  it('leaves a PDF it does not understand unchanged', () => {
    const odd = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\nstartxref\n9\n%%EOF\n', 'latin1'));
    expect(setPdfInfo(odd, { title: 'x' })).toBe(odd);
  });

  it('encodes any text as a UTF-16 hex string', () => {
    expect(pdfTextString('a(é)')).toBe('<FEFF0061002800E90029>');
  });
});

describe('Semaphore', () => {
  it('never runs more tasks at once than its limit and runs them all', async () => {
    const sem = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        sem
          .run(async () => {
            running++;
            peak = Math.max(peak, running);
            await new Promise((r) => setTimeout(r, 5 + (i % 3)));
            running--;
            if (i === 3) throw new Error('boom');
            return i;
          })
          .catch(() => -1),
      ),
    );
    expect(peak).toBe(2);
    expect(results).toEqual([0, 1, 2, -1, 4, 5, 6]);
    expect(sem.active).toBe(0);
  });
});
