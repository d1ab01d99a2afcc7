// What a tally cache entry read back must look like before it is counted (tally-cache.ts): an
// entry of the wrong shape, out of order or out of range is a miss, whatever its MAC says.

import { describe, expect, it } from 'vitest';
import { isTallyCacheEntry, type TallyCacheEntry } from '../../src/data/tally-cache.js';
import { tallyPartOf } from '../../src/data/tally.js';
import { incident } from '../helpers/dataset.js';

const ids = { ids: new Uint32Array(8), lines: Uint32Array.of(2, 3), columns: Uint32Array.of(1, 1) };

function incidents(): TallyCacheEntry & { kind: 'incidents' } {
  const part = tallyPartOf([
    incident('2024-08-01T10:00:00Z', { tlp: 'AMBER', arrests: 2 }),
    incident('2024-08-01T09:00:00Z', { tlp: 'GREEN' }),
  ]);
  return { kind: 'incidents', file: '2024-08-01/incidents.csv', min: 0, max: 1, ...ids, part };
}

function deployments(): TallyCacheEntry & { kind: 'deployments' } {
  return {
    kind: 'deployments',
    file: '2024-08-01/deployments.csv',
    rows: {
      marks: [{ tlp: 'CLEAR', releasableTo: [], exclude: [], specialFrance: false, status: 'validated' }],
      strings: ['2024-08-01', 'police', '75'],
      date: Uint32Array.of(0),
      force: Uint32Array.of(1),
      area: Int32Array.of(2),
      count: Float64Array.of(1200),
      mark: Uint32Array.of(0),
      line: Uint32Array.of(2),
    },
  };
}

describe('a tally cache entry read back', () => {
  it('is taken in the shapes cci writes', () => {
    expect(isTallyCacheEntry(incidents())).toBe(true);
    expect(isTallyCacheEntry(deployments())).toBe(true);
    expect(
      isTallyCacheEntry({
        kind: 'assessments',
        file: 'a.yaml',
        min: Infinity,
        max: -Infinity,
        ids: new Uint32Array(0),
        lines: new Uint32Array(0),
        columns: new Uint32Array(0),
      }),
    ).toBe(true);
    expect(isTallyCacheEntry({ kind: 'day', file: '2024-08-01/day.yaml', threatLevel: 'urgence_attentat' })).toBe(true);
    expect(incidents().part.time[0]).toBeLessThan(incidents().part.time[1]!); // rows in time order
  });

  it('is refused with rows out of time order, an index out of range, a RED or unknown marking, or counts that are not whole', () => {
    const bad: ((e: ReturnType<typeof incidents>) => void)[] = [
      (e) => {
        e.part.time.reverse();
      },
      (e) => {
        e.part.mark[0] = 5;
      },
      (e) => {
        e.part.category[1] = 9;
      },
      (e) => {
        e.part.marks[0]!.tlp = 'RED';
      },
      (e) => {
        (e.part.marks[0] as { tlp: string }).tlp = 'PURPLE';
      },
      (e) => {
        e.part.arrests = Float64Array.of(-1, 0);
      },
      (e) => {
        e.part.arrests = Float64Array.of(1.5, 0);
      },
      (e) => {
        e.part.gamesImpact[0] = 2;
      },
      (e) => {
        e.part.custody = new Float64Array(1);
      },
      (e) => {
        (e.part as { time: unknown }).time = [1, 2];
      },
      (e) => {
        e.lines = Uint32Array.of(2);
      },
      (e) => {
        e.ids = new Uint32Array(7);
      },
      (e) => {
        (e as { min: unknown }).min = 'x';
      },
    ];
    for (const change of bad) {
      const e = incidents();
      change(e);
      expect(isTallyCacheEntry(e)).toBe(false);
    }
  });

  it('is refused for deployments with an unknown force, a date that is not one, a negative count or a RED row', () => {
    const bad: ((e: ReturnType<typeof deployments>) => void)[] = [
      (e) => {
        e.rows.strings[1] = 'navy';
      },
      (e) => {
        e.rows.strings[0] = '1 August';
      },
      (e) => {
        e.rows.count[0] = -3;
      },
      (e) => {
        e.rows.marks[0]!.tlp = 'RED';
      },
      (e) => {
        e.rows.area[0] = 3;
      },
      (e) => {
        e.rows.mark[0] = 1;
      },
    ];
    for (const change of bad) {
      const e = deployments();
      change(e);
      expect(isTallyCacheEntry(e)).toBe(false);
    }
    expect(isTallyCacheEntry({ kind: 'day', file: 'd', threatLevel: 3 })).toBe(false);
    expect(isTallyCacheEntry({ kind: 'other', file: 'd' })).toBe(false);
  });

  it('is taken for a day.yaml with its key messages, and refused with a RED or malformed one', () => {
    const message = () => ({
      kind: 'key_message',
      division: 'securite',
      text: { fr: 'Aucun incident majeur.', en: 'No major incident.' },
      tlp: 'AMBER+STRICT',
      releasableTo: [],
      exclude: [],
      specialFrance: true,
      status: 'validated',
      source: { file: '2024-08-01/day.yaml', line: 4 },
    });
    const day = (m: Record<string, unknown>) => ({ kind: 'day', file: '2024-08-01/day.yaml', keyMessages: [m] });
    expect(isTallyCacheEntry(day(message()))).toBe(true);
    expect(isTallyCacheEntry({ kind: 'day', file: 'd', keyMessages: [] })).toBe(true);
    for (const bad of [
      { tlp: 'RED' },
      { kind: 'incident' },
      { text: 'No major incident.' },
      { text: { fr: 3 } },
      { division: undefined },
      { source: { file: 'd', line: 'x' } },
      { status: 'maybe' },
    ]) {
      expect(isTallyCacheEntry(day({ ...message(), ...bad }))).toBe(false);
    }
    expect(isTallyCacheEntry({ kind: 'day', file: 'd', keyMessages: 'x' })).toBe(false);
  });
});
