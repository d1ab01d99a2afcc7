// The preview's own pages speak the language of messages; the briefing inside keeps its own.

import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEvent } from '../../src/data/index.js';
import { setCliLang } from '../../src/i18n/cli-lang.js';
import type { EventConfig } from '../../src/model/types.js';
import { briefingPage, indexPage, messagePage, problemsMessage } from '../../src/preview/pages.js';
import type { PreviewView } from '../../src/preview/view-query.js';

const VIEW: PreviewView = { division: 'securite', date: '2024-08-05', audience: { kind: 'partners' }, lang: 'both' };
let event: EventConfig;

beforeAll(async () => {
  event = await loadEvent(join(import.meta.dirname, '../../data'));
});
afterEach(() => setCliLang('en'));

describe('the preview pages', () => {
  it('are in English by default', () => {
    const site = { event, dates: ['2024-08-05'] };
    const index = indexPage(site, '/data', 'n0nce');
    expect(index).toContain('<html lang="en">');
    expect(index).toContain('<h2>Open a briefing</h2>');
    expect(index).toContain('data-on="live reload: on"');
    expect(briefingPage(site, VIEW, 'n0nce')).toContain('title="day before"');
    expect(messagePage(problemsMessage([{ file: 'a.yaml', line: 2, column: 3, message: 'm' }]), 'n0nce')).toContain(
      '<h1>The data has 1 problem</h1>',
    );
  });

  it('are in French when the language of messages is French', () => {
    setCliLang('fr');
    const site = { event, dates: ['2024-08-05'] };
    const index = indexPage(site, '/data', 'n0nce');
    expect(index).toContain('<html lang="fr">');
    expect(index).toContain('<h2>Ouvrir un briefing</h2>');
    expect(index).toContain('<h2>Dates présentes dans les données</h2>');
    expect(index).toContain('data-on="rechargement automatique : actif"');
    expect(index).not.toMatch(/Open a briefing|Dates in the data|live reload/);
    const page = briefingPage(site, VIEW, 'n0nce');
    expect(page).toContain('title="jour précédent"');
    expect(page).toContain('<label>Destinataires <select name="audience">');
    const problems = messagePage(
      problemsMessage([
        { file: 'a.yaml', line: 2, column: 3, message: 'm' },
        { file: 'b.csv', line: 4, message: 'n' },
      ]),
      'n0nce',
    );
    expect(problems).toContain('<h1>Les données ont 2 problèmes</h1>');
    expect(problems).toContain('<code>a.yaml:2:3: m</code>');
  });
});
