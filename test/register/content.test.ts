// The content hash of a briefing: what "changed since issued" and approvals compare.

import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/register/content.js';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import { dataset, event } from '../helpers/dataset.js';
import { briefingModel } from '../helpers/model.js';

describe('the content hash of a briefing', () => {
  it('is the one an earlier cci gave the same briefing, the briefing time added since included (an upgrade is no change)', () => {
    const model = briefingModel();
    const { briefingTime: _b, ...asBefore } = model;
    // the model an earlier cci made, without the field, hashes the same
    expect(contentHash(model)).toBe(contentHash(asBefore as typeof model));
    // where the briefing time says something new (the clocks skipped the division's time), it counts
    expect(contentHash({ ...model, briefingTime: '12:30' })).not.toBe(contentHash(model));
  });

  it('is the one an earlier cci gave a briefing without forces figures, which it wrote as 0 where cci now writes null', () => {
    const model = briefingModel();
    const without = { ...model, figures: { ...model.figures, forces: null } };
    expect(contentHash(without)).toBe(contentHash({ ...model, figures: { ...model.figures, forces: 0 } }));
    expect(contentHash(without)).not.toBe(contentHash({ ...model, figures: { ...model.figures, forces: 1 } }));
  });

  it('is the one an earlier cci gave a closing briefing, which named the day after as its next briefing', () => {
    const build = (closes: string) =>
      buildBriefing(dataset({ event: event({ closes }) }), {
        division: 'securite',
        date: '2024-08-05',
        audience: { kind: 'partners' },
        draft: false,
      }).model;
    const closing = build('2024-08-04'); // 5 August: the closing briefing, no next briefing
    const asBefore = build('2024-09-08'); // as every cci before it: the next day named
    expect(closing.nextBriefing).toBeUndefined();
    expect(asBefore.nextBriefing?.at).toBe('2024-08-06T11:30:00+02:00');
    expect(contentHash(closing)).toBe(contentHash(asBefore));
    expect(contentHash(closing)).not.toBe(contentHash({ ...closing, serial: closing.serial + 1 }));
  });

  it('changes with anything a recipient reads, and not with the corrigendum block', () => {
    const model = briefingModel();
    expect(contentHash({ ...model, figures: { ...model.figures, arrests: model.figures.arrests + 1 } })).not.toBe(
      contentHash(model),
    );
    expect(
      contentHash({
        ...model,
        corrigendum: {
          number: 1,
          supersedes: { version: 1, corrigendum: 0, at: '2024-08-05T09:31:00Z' },
          added: [],
          removed: [],
          changed: [],
          figures: [],
        },
      }),
    ).toBe(contentHash(model));
  });
});
