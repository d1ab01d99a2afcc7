// Counting rows give the figures the full records give: sums and markings over any range, for
// any audience, whatever the order and the split of the rows into parts (files).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isVisible, type Audience } from '../../src/audience/audience.js';
import { markingOf } from '../../src/audience/marking.js';
import { markingsBetween, sumBetween, tallyFilter, tallyOfIncidents } from '../../src/aggregate/tally-sums.js';
import { mergeTallyParts, tallyPartOf } from '../../src/data/tally.js';
import type { Incident, Markings } from '../../src/model/types.js';
import { markingsArb } from '../helpers/arbitraries.js';
import { incident } from '../helpers/dataset.js';

const T0 = Date.parse('2024-08-01T00:00:00Z');
const HOUR = 3_600_000;

const incidentArb: fc.Arbitrary<Incident> = fc
  .record({
    hour: fc.integer({ min: 0, max: 96 }),
    minute: fc.constantFrom(0, 1, 29, 30, 59),
    category: fc.constantFrom('terrorism', 'public_order', 'theft', 'drone'),
    arrests: fc.nat(5),
    custody: fc.nat(5),
    gamesImpact: fc.boolean(),
    markings: markingsArb,
  })
  .map((r) =>
    incident(new Date(T0 + r.hour * HOUR + r.minute * 60_000).toISOString(), {
      category: r.category,
      arrests: r.arrests,
      custody: r.custody,
      gamesImpact: r.gamesImpact,
      ...r.markings,
    }),
  );

const audienceArb: fc.Arbitrary<Audience> = fc.oneof(
  fc.constant<Audience>({ kind: 'partners' }),
  fc.constant<Audience>({ kind: 'national' }),
  fc.constantFrom('DEU', 'BRA', 'USA').map((country): Audience => ({ kind: 'country', country })),
);

describe('counting rows', () => {
  it('sum and mark any range exactly as the full records do, for any audience and any split into files', () => {
    fc.assert(
      fc.property(
        fc.array(incidentArb, { maxLength: 60 }),
        audienceArb,
        fc.boolean(),
        fc.integer({ min: -2, max: 98 }),
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.nat(60), { maxLength: 4 }),
        (incidents, audience, draft, startHour, hours, cuts) => {
          const start = new Date(T0 + startHour * HOUR);
          const end = new Date(start.getTime() + hours * HOUR);
          const covers = (c: string) => c !== 'theft';
          const visible = (m: Incident) => isVisible(m, audience, { draft });
          const counted = incidents.filter((r) => visible(r) && covers(r.category) && r.time >= start && r.time < end);
          // the records split into "files" at arbitrary places, each made a part, then merged
          const bounds = [
            0,
            ...[...new Set(cuts)].filter((c) => c < incidents.length).sort((a, b) => a - b),
            incidents.length,
          ];
          const parts = bounds.slice(1).map((b, i) => tallyPartOf(incidents.slice(bounds[i], b)));
          for (const tally of [mergeTallyParts(parts), tallyOfIncidents(incidents)]) {
            const f = tallyFilter(tally, (m) => isVisible(m, audience, { draft }), covers);
            expect(sumBetween(f, start, end)).toEqual({
              incidents: counted.length,
              gamesImpact: counted.filter((r) => r.gamesImpact).length,
              arrests: counted.reduce((s, r) => s + r.arrests, 0),
              custody: counted.reduce((s, r) => s + r.custody, 0),
            });
            expect(markingOf([markingsBetween(f, start, end)])).toEqual(markingOf([counted]));
            // every distinct marking of the counted records, each once (the scan may stop early, never short)
            const key = (m: Markings): string =>
              JSON.stringify([m.tlp, m.releasableTo, m.exclude, m.specialFrance, m.status]);
            const found = markingsBetween(f, start, end).map(key);
            expect(new Set(found).size).toBe(found.length);
            expect(new Set(found)).toEqual(new Set(counted.map(key)));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('count a row at the start of a range and not one at its end', () => {
    const at = (iso: string) => incident(iso, { tlp: 'GREEN' });
    const tally = tallyOfIncidents([
      at('2024-08-05T09:30:00Z'),
      at('2024-08-05T11:30:00Z'),
      at('2024-08-05T11:29:59Z'),
    ]);
    const f = tallyFilter(
      tally,
      () => true,
      () => true,
    );
    expect(sumBetween(f, new Date('2024-08-05T09:30:00Z'), new Date('2024-08-05T11:30:00Z')).incidents).toBe(2);
  });
});
