// The tiles derived for an event's own geometry: far areas apart, near ones in the main frame.

import { describe, expect, it } from 'vitest';
import { farAreaInsets, MAX_TILES } from '../../src/data/geometry-insets.js';
import type { AreaShape } from '../../src/model/area-geometry.js';

/** A square area of `size` degrees with its south-west corner at (x, y), wound as d3-geo draws it. */
function square(code: string, x: number, y: number, size = 1, name?: string): AreaShape {
  const ring = [
    [x, y],
    [x, y + size],
    [x + size, y + size],
    [x + size, y],
    [x, y],
  ];
  return { code, ...(name !== undefined && { name }), geometry: { type: 'Polygon', coordinates: [ring] } };
}

const areas = (list: AreaShape[]): Map<string, AreaShape> => new Map(list.map((a) => [a.code, a]));

/** A block of n × n touching squares from (x, y). */
const block = (prefix: string, x: number, y: number, n: number): AreaShape[] =>
  Array.from({ length: n * n }, (_, i) => square(`${prefix}${i}`, x + (i % n), y + Math.floor(i / n)));

describe('the tiles of an event’s own geometry', () => {
  it('puts none when every area touches another', () => {
    expect(farAreaInsets(areas(block('A', 0, 40, 4)))).toEqual([]);
  });

  it('puts none for a single area, or for none', () => {
    expect(farAreaInsets(areas([square('A', 0, 0)]))).toEqual([]);
    expect(farAreaInsets(new Map())).toEqual([]);
  });

  it('keeps an island near the coast in the main frame (Corsica off Provence)', () => {
    const main = block('M', 0, 42, 6);
    expect(farAreaInsets(areas([...main, square('2A', 7.5, 41, 1)]))).toEqual([]);
  });

  it('puts a far area in a tile of its own, captioned with its name', () => {
    const main = block('M', -119, 33, 3);
    const insets = farAreaInsets(areas([...main, square('40109', -97.7, 35.3, 0.6, 'Oklahoma')]));
    expect(insets).toEqual([
      {
        id: 'far-40109',
        kind: 'overseas',
        codes: ['40109'],
        label: { fr: 'Oklahoma', en: 'Oklahoma' },
        show: 'always',
      },
    ]);
  });

  it('captions a far area’s tile with the event’s own names for it in each language, else the geometry’s, never its code as its name', () => {
    const main = block('M', 145, -28, 3);
    const tsv = (name?: string) => square('TSV', 146.5, -19.5, 0.6, name);
    const names = new Map([['TSV', { fr: 'Ville de Townsville', en: 'City of Townsville' }]]);
    expect(farAreaInsets(areas([...main, tsv('Townsville (C)')]), names)[0]!.label).toEqual({
      fr: 'Ville de Townsville',
      en: 'City of Townsville',
    });
    expect(farAreaInsets(areas([...main, tsv('Townsville (C)')]))[0]!.label).toEqual({
      fr: 'Townsville (C)',
      en: 'Townsville (C)',
    });
    // one language given: the other takes it
    expect(farAreaInsets(areas([...main, tsv()]), new Map([['TSV', { en: 'City of Townsville' }]]))[0]!.label).toEqual({
      fr: 'City of Townsville',
      en: 'City of Townsville',
    });
    // no name anywhere: no label (the caption says the code once)
    expect(farAreaInsets(areas([...main, tsv()]))[0]!.label).toEqual({});
  });

  it('keeps the areas of a far group together in one tile (an archipelago), in the geometry’s order', () => {
    const main = block('M', 0, 45, 5);
    const islands = [
      square('I1', 60, -21, 0.5, 'One'),
      square('I2', 60.6, -21, 0.5, 'Two'),
      square('I3', 61.2, -21, 0.5, 'Three'),
      square('I4', 61.8, -21, 0.5),
    ];
    const far = square('F', -60, 15, 0.5, 'Far');
    const insets = farAreaInsets(areas([...main, far, ...islands]));
    expect(insets.map((i) => i.codes)).toEqual([['F'], ['I1', 'I2', 'I3', 'I4']]);
    expect(insets[1]!.label.en).toBe('One, Two, Three…');
  });

  it('sees areas either side of the antimeridian as neighbours', () => {
    expect(farAreaInsets(areas([...block('W', 177, -18, 3), ...block('E', -180, -18, 2)]))).toEqual([]);
  });

  it(`draws the geometry as it is when more than ${MAX_TILES} groups are far from the main one`, () => {
    const main = block('M', 0, 45, 3);
    const scattered = Array.from({ length: MAX_TILES + 1 }, (_, i) => square(`S${i}`, -150 + i * 15, -30, 0.5));
    expect(farAreaInsets(areas([...main, ...scattered]))).toEqual([]);
    expect(farAreaInsets(areas([...main, ...scattered.slice(0, MAX_TILES)]))).toHaveLength(MAX_TILES);
  });
});
