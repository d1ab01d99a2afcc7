import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderView } from '../../src/preview/render-view.js';

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
