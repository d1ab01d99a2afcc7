// printJob: the PDF's running header and footer and its metadata, from the briefing's model.

import { describe, expect, it } from 'vitest';
import { printJob } from '../../src/pipeline/print-job.js';
import type { DocLang } from '../../src/i18n/lang.js';
import { sampleSecuriteModel } from '../render/sample-model.js';

function job(lang: DocLang) {
  const model = sampleSecuriteModel();
  model.audience = 'national';
  model.specialFrance = true;
  const word = { fr: 'AUS SEULEMENT', en: 'AUS ONLY' };
  model.words = { ...model.words, 'marking.specialFrance': word, 'email.specialFrance': word };
  return printJob({ plan: { baseName: 'x', lang }, model, html: '<html><body></body></html>' });
}

describe('printJob', () => {
  it('stamps an English document’s header, footer and metadata with the event’s English word', () => {
    const j = job('en');
    for (const s of [j.headerTemplate, j.footerTemplate, j.subject, j.keywords]) {
      expect(s).toContain('AUS ONLY');
      expect(s).not.toContain('AUS SEULEMENT');
      expect(s).not.toContain('SPÉCIAL FRANCE');
    }
  });

  it('stamps a French or bilingual document with the event’s French word, as its marking bar', () => {
    for (const lang of ['fr', 'both'] as const) {
      const j = job(lang);
      for (const s of [j.headerTemplate, j.footerTemplate, j.subject, j.keywords]) {
        expect(s).toContain('AUS SEULEMENT');
        expect(s).not.toContain('SPÉCIAL FRANCE');
      }
    }
  });
});
