// The preview's printer: one browser for the preview's life, started on the first PDF asked for,
// and started again after a print that failed (a browser that crashed and would not restart).

import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/commands/io.js';
import { RenderError } from '../../src/errors.js';
import type { BriefingPrinter } from '../../src/pipeline/print.js';
import { PreviewPrinter } from '../../src/preview/pdf.js';
import type { RenderedView } from '../../src/preview/render-view.js';

/** An Io whose printers are made by `make` (the n-th started printer); counts starts and closes. */
function ioWith(make: (n: number) => BriefingPrinter['print']) {
  const counts = { started: 0, closed: 0 };
  const io = {
    startPrinter: () => {
      const n = counts.started++;
      const printer: BriefingPrinter = {
        print: make(n),
        close: () => {
          counts.closed++;
          return Promise.resolve();
        },
      };
      return Promise.resolve(printer);
    },
  } as unknown as Io;
  return { io, counts };
}

const view = {
  plan: { baseName: 'cci-2024-08-05-securite-partners' },
  model: {},
  html: '<p>x</p>',
} as unknown as RenderedView;
const PDF = Uint8Array.from([37, 80, 68, 70]);

describe('the preview printer', () => {
  it('keeps one printer while its prints succeed', async () => {
    const { io, counts } = ioWith(() => () => Promise.resolve(PDF));
    const p = new PreviewPrinter(io, {});
    expect((await p.print(view)).fileName).toBe('cci-2024-08-05-securite-partners.pdf');
    await p.print(view);
    expect(counts.started).toBe(1);
    await p.close();
    expect(counts.closed).toBe(1);
  });

  it('starts a new printer after a failed print, instead of failing every request after it', async () => {
    // the first printer's browser crashed and would not start again: each of its prints fails
    const { io, counts } = ioWith((n) =>
      n === 0
        ? () => Promise.reject(new RenderError('crashed and could not be started again'))
        : () => Promise.resolve(PDF),
    );
    const p = new PreviewPrinter(io, {});
    await expect(p.print(view)).rejects.toThrow(/could not be started again/);
    expect(counts.closed).toBe(1);
    expect((await p.print(view)).pdf).toEqual(PDF);
    expect((await p.print(view)).pdf).toEqual(PDF);
    expect(counts.started).toBe(2);
    await p.close();
  });

  it('lets a print under way on a dropped printer finish before closing it, and closes it with the preview', async () => {
    let finishSlow: (() => void) | undefined;
    const { io, counts } = ioWith((n) =>
      n === 0
        ? (job) =>
            (job as unknown as { html: string }).html === 'slow'
              ? new Promise<Uint8Array>((resolve) => {
                  finishSlow = () => resolve(PDF);
                })
              : Promise.reject(new RenderError('this page crashed'))
        : () => Promise.resolve(PDF),
    );
    const p = new PreviewPrinter(io, {});
    const slow = p.print({ ...view, html: 'slow' } as RenderedView);
    await new Promise((r) => setTimeout(r, 10));
    await expect(p.print(view)).rejects.toThrow(/this page crashed/);
    expect(counts.closed).toBe(0); // the slow print still runs on it
    expect((await p.print(view)).pdf).toEqual(PDF); // a new printer meanwhile
    expect(counts.started).toBe(2);
    finishSlow!();
    expect((await slow).pdf).toEqual(PDF);
    await new Promise((r) => setTimeout(r, 10));
    expect(counts.closed).toBe(1); // the dropped one, once its last print ended
    await p.close();
    expect(counts.closed).toBe(2);
  });
});
