import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { setOutlineTitles } from '../../src/pdf/outline-titles.js';
import { headingTitles } from '../../src/render/outline.js';

/** A one-page PDF with a classic xref table and the outline A (with a child A1), then B. */
function pdfWithOutline(): Uint8Array {
  const objects = [
    '<</Type /Catalog /Pages 2 0 R /Outlines 4 0 R>>',
    '<</Type /Pages /Kids [3 0 R] /Count 1>>',
    '<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>>',
    '<</Type /Outlines /First 5 0 R /Last 6 0 R /Count 3>>',
    '<</Title (A\\(1\\)A)\n/Dest [3 0 R /XYZ 0 200 0]\n/Parent 4 0 R\n/Next 6 0 R\n/First 7 0 R\n/Last 7 0 R\n/Count 1>>',
    '<</Title <FEFF0042>\n/Dest [3 0 R /XYZ 0 100 0]\n/Parent 4 0 R\n/Prev 5 0 R>>',
    '<</Title (A1)\n/Dest [3 0 R /XYZ 0 150 0]\n/Parent 5 0 R>>',
  ];
  let text = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<</Size ${objects.length + 1}\n/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

async function outline(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  type Item = { title: string; items: Item[] };
  const flat = (items: Item[] | null): string[] => (items ?? []).flatMap((i) => [i.title, ...flat(i.items)]);
  try {
    return flat((await doc.getOutline()) as Item[] | null);
  } finally {
    await doc.destroy();
  }
}

describe('bookmark titles', () => {
  it('are replaced in reading order (depth first) by an incremental update, the original bytes kept', async () => {
    const before = pdfWithOutline();
    expect(await outline(before)).toEqual(['A(1)A', 'A1', 'B']);
    const after = setOutlineTitles(before, ['Messages clés / Key messages', 'Chiffres « clés »', 'Forces (déployées)']);
    expect(Buffer.from(after.subarray(0, before.byteLength)).equals(Buffer.from(before))).toBe(true);
    expect(await outline(after)).toEqual(['Messages clés / Key messages', 'Chiffres « clés »', 'Forces (déployées)']);
  });

  it('are left alone when their number is not the number of headings, or the file has no outline', () => {
    const before = pdfWithOutline();
    expect(setOutlineTitles(before, ['one', 'two'])).toBe(before);
    const plain = new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n', 'latin1'));
    expect(setOutlineTitles(plain, ['x'])).toBe(plain);
  });

  it('are the headings of the rendered document, its two languages joined with " / "', () => {
    const html =
      '<h1><span class="bi"><span class="fr">Briefing</span><span class="en" lang="en" id="l1">Brief &amp; co</span></span></h1>' +
      '<section><h2>Chiffres clés</h2></section><h3 class="x"><span class="theme-name">Drones</span> <span class="badge">Faible</span></h3>';
    expect(headingTitles(html)).toEqual(['Briefing / Brief & co', 'Chiffres clés', 'Drones Faible']);
  });
});
