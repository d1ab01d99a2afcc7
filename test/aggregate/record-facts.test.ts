import { describe, expect, it } from 'vitest';
import { changedFields, factsOf } from '../../src/aggregate/record-facts.js';
import { assessment, incident } from '../helpers/dataset.js';

describe('the facts of a record, as the register keeps them', () => {
  it('give the same digest for the same content however it is marked, and another for other content', () => {
    const a = incident('2024-08-05T09:00:00+02:00', { id: 'A', nationalities: ['DEU', 'BRA'] });
    expect(factsOf({ ...a, tlp: 'CLEAR', status: 'draft', exclude: ['USA'] }).digest).toBe(factsOf(a).digest);
    expect(factsOf({ ...a, nationalities: ['BRA', 'DEU'] }).digest).toBe(factsOf(a).digest);
    expect(factsOf({ ...a, arrests: 1 }).digest).not.toBe(factsOf(a).digest);
    expect(factsOf({ ...a, summary: { fr: 'Fait', en: 'Fact.' } }).digest).not.toBe(factsOf(a).digest);
    expect(factsOf({ ...a, id: 'B' }).digest).not.toBe(factsOf(a).digest);
    expect(factsOf(a).digest).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keep short values as they are and never a text, only its digest', () => {
    const a = incident('2024-08-05T09:00:00+02:00', {
      id: 'A',
      commune: 'Saint-Denis',
      summary: { fr: 'Vol de sac', en: 'Bag theft' },
      arrests: 2,
    });
    const f = factsOf(a);
    expect(f.fields).toMatchObject({
      time: '2024-08-05T07:00:00.000Z',
      category: 'public_order',
      arrests: 2,
      area: '75',
      games_impact: false,
    });
    expect(f.fields.summary_fr).toMatch(/^#[0-9a-f]{16}$/);
    expect(f.fields.commune).toMatch(/^#[0-9a-f]{16}$/);
    expect(JSON.stringify(f)).not.toMatch(/Vol de sac|Bag theft|Saint-Denis/);
    expect(
      factsOf(assessment('2024-08-05T09:00:00+02:00', { id: 'S', title: { fr: 'Secret', en: 'Secret' } })).fields
        .title_fr,
    ).toMatch(/^#/);
  });

  it('say which fields changed: short values old → new, texts only that they changed', () => {
    const a = factsOf(incident('2024-08-05T09:00:00+02:00', { id: 'A', arrests: 1, grading: 'B2' }));
    const b = factsOf(
      incident('2024-08-05T09:05:00+02:00', { id: 'A', arrests: 3, summary: { fr: 'Autre', en: 'Fact' } }),
    );
    expect(changedFields(a.fields, b.fields)).toEqual([
      { field: 'time', from: '2024-08-05T07:00:00.000Z', to: '2024-08-05T07:05:00.000Z' },
      { field: 'summary_fr', text: true },
      { field: 'arrests', from: 1, to: 3 },
      { field: 'grading', from: 'B2' },
    ]);
    expect(changedFields(a.fields, a.fields)).toEqual([]);
  });
});
