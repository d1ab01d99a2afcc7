// pdfMetadata: the PDF's Subject and Keywords carry the mentions of its pages (issue 11, item 8).
// The printed PDFs are checked with pdfinfo in test/e2e/pdf-metadata.test.ts.

import { describe, expect, it } from 'vitest';
import type { BriefingModel } from '../../src/aggregate/model.js';
import { pageMentions, pdfMetadata } from '../../src/pipeline/pdf-metadata.js';

function model(
  o: Partial<
    Pick<BriefingModel, 'marking' | 'protectionMention' | 'specialFrance' | 'draft' | 'corrigendum' | 'audience'>
  >,
): BriefingModel {
  return {
    marking: 'TLP:CLEAR',
    specialFrance: false,
    draft: false,
    division: 'cyber',
    date: '2028-07-20',
    audience: 'partners',
    ...o,
  } as BriefingModel;
}

describe('pdfMetadata', () => {
  it('gives only the marking when the pages carry nothing else (no protection mention set)', () => {
    expect(pdfMetadata(model({}), ['en'])).toEqual({
      subject: 'TLP:CLEAR — Briefing partners',
      keywords: 'TLP:CLEAR, cyber, 2028-07-20, partners',
    });
  });

  it("names a corrigendum in the document's own language only", () => {
    const corrigendum = { number: 2 } as BriefingModel['corrigendum'];
    expect(pageMentions(model({ corrigendum }), ['fr'])).toEqual(['TLP:CLEAR', 'RECTIFICATIF n° 2']);
    expect(pageMentions(model({ corrigendum }), ['en'])).toEqual(['TLP:CLEAR', 'CORRIGENDUM No. 2']);
    expect(pageMentions(model({ corrigendum }), ['fr', 'en'])).toEqual([
      'TLP:CLEAR',
      'RECTIFICATIF n° 2 / CORRIGENDUM No. 2',
    ]);
  });

  it('lists every mention in the order of the page header, the marking first', () => {
    const m = model({
      marking: 'TLP:AMBER+STRICT',
      protectionMention: 'LAW ENFORCEMENT SENSITIVE',
      specialFrance: true,
      draft: true,
      audience: 'national',
    });
    expect(pdfMetadata(m, ['fr', 'en']).subject).toBe(
      'TLP:AMBER+STRICT — LAW ENFORCEMENT SENSITIVE — SPÉCIAL FRANCE — PROJET / DRAFT — Briefing national',
    );
  });
});
