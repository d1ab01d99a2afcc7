// The map's texts in the document's language(s): the captions of its tiles.

import { describe, expect, it } from 'vitest';
import type { InsetSpec } from '../../src/model/area-geometry.js';
import { insetCaptions } from '../../src/render/map-helpers.js';

const tile = (label: InsetSpec['label']): InsetSpec => ({
  id: 'far-TSV',
  kind: 'overseas',
  codes: ['TSV'],
  label,
  show: 'always',
});

describe('insetCaptions', () => {
  it('captions a far area’s tile with its code then its name in each language, once when the same', () => {
    const named = tile({ fr: 'Ville de Townsville', en: 'City of Townsville' });
    expect(insetCaptions('both')(named)).toEqual(['TSV Ville de Townsville', 'City of Townsville']);
    expect(insetCaptions('en')(named)).toEqual(['TSV City of Townsville']);
    expect(insetCaptions('both')(tile({ fr: 'Townsville', en: 'Townsville' }))).toEqual(['TSV Townsville']);
  });

  it('says the code once for an area named nowhere, never "TSV TSV"', () => {
    for (const mode of ['fr', 'en', 'both'] as const) {
      expect(insetCaptions(mode)(tile({})), mode).toEqual(['TSV']);
      expect(insetCaptions(mode)(tile({ fr: 'TSV', en: 'TSV' })), mode).toEqual(['TSV']);
    }
  });
});
