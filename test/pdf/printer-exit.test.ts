import { describe, expect, it } from 'vitest';
import { PdfPrinter } from '../../src/pdf/printer.js';
import { html } from './helpers.js';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('a printer that is closed', () => {
  it('leaves no timer running, so that the run ends as soon as its work is done', async () => {
    const before = timers();
    const printer = PdfPrinter.start({});
    for (const text of ['first', 'second']) {
      await printer.print({ html: html(`<p>${text}</p>`), title: text, lang: 'en', subject: 'TLP:CLEAR' });
    }
    await printer.close();
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
