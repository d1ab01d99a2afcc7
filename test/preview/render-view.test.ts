import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issuedStatus, renderView } from '../../src/preview/render-view.js';
import { dataset, division, event } from '../helpers/dataset.js';
import { MemoryRegister } from '../helpers/register.js';
import { deliveryBody } from '../../src/register/entries.js';

const DATA = join(import.meta.dirname, '../../fixtures/preview');

describe('the preview’s rendering of a view', () => {
  it('shows the map of the audience’s incidents, as the printed briefing does', async () => {
    const { html, model } = await renderView(DATA, {
      division: 'securite',
      date: '2024-08-05',
      audience: { kind: 'partners' },
      lang: 'both',
    });
    expect(model.sections).toContain('map');
    expect(model.byArea!.length).toBeGreaterThan(0);
    const section = html.slice(html.indexOf('<section class="sec map"'));
    expect(section).toMatch(/^<section class="sec map">[\s\S]*<svg class="chart map"/);
    for (const row of model.byArea!) expect(section).toContain(`data-area="${row.key}"`);
    expect(html).toContain('<div class="map-notes">');
  });
});

describe('the preview’s line on which version is out', () => {
  const EVENT = event({ divisions: [division('securite', '11:30', { en: 'Security' }, { records: ['incidents'] })] });
  const view = { division: 'securite', date: '2024-08-05', audience: { kind: 'partners' }, lang: 'both' } as const;

  it('says a version emailed with an uncertain delivery may be held, not that it was issued or not issued', () => {
    const reg = new MemoryRegister('test-event');
    expect(issuedStatus(reg.view, view, 'Europe/Paris')).toBe(
      'Not issued to this audience yet (the view below is a draft).',
    );
    reg.issue(dataset({ event: EVENT }), 'securite', '2024-08-05', { kind: 'partners' }, undefined, {
      uncertain: true,
    });
    expect(issuedStatus(reg.view, view, 'Europe/Paris')).toBe(
      'Emailed: version 1 (original), 2024-08-01 11:31, TLP:CLEAR, delivery uncertain: the server may have taken the message, and no server confirmed it (the server broke off before answering, or the run sending it stopped), so a recipient may hold it. The view below is a draft of it as it would be now.',
    );
    reg.confirm(reg.view.documents[0]!.entry.seq, '2024-08-01T11:00:00.000Z');
    expect(issuedStatus(reg.view, view, 'Europe/Paris')).toMatch(
      /^Issued: version 1 \(original\), 2024-08-01 11:31, emailed to 1 address\(es\), TLP:CLEAR\./,
    );
    // a second address whose sending broke off: said too
    reg.append([
      deliveryBody(reg.view.documents[0]!.entry.seq, [
        {
          address: 'cab2@example.org',
          messageId: '<m4@example.org>',
          at: '2024-08-01T12:00:00.000Z',
          status: 'uncertain',
        },
      ]),
    ]);
    expect(issuedStatus(reg.view, view, 'Europe/Paris')).toMatch(
      /^Issued: version 1 \(original\), 2024-08-01 11:31, emailed to 1 address\(es\), and to 1 more whose delivery is uncertain/,
    );
  });
});
