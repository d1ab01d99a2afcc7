// Section late_reports (SPEC §6): records reported after the briefing of their period was
// issued, records changed since, figures revised; never a record the audience may not see.

import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import { renderBriefingHtml } from '../../src/render/index.js';
import type { Incident } from '../../src/model/types.js';
import { assessment, dataset, deployment, division, event, incident } from '../helpers/dataset.js';
import { MemoryRegister } from '../helpers/register.js';

const SECTIONS = ['key_messages', 'key_figures', 'late_reports', 'notable_facts'] as const;
const EVENT = event({
  divisions: [
    division(
      'securite',
      '11:30',
      { fr: 'Sécurité', en: 'Security' },
      { records: ['incidents', 'deployments', 'agenda'], sections: [...SECTIONS] },
    ),
  ],
});
const PARTNERS = { kind: 'partners' } as const;
const data = (incidents: Incident[], o = {}) => dataset({ event: EVENT, incidents, ...o });

/** An event whose one division briefs assessments, with its late reports. */
function intelligenceEvent() {
  return event({
    divisions: [
      division(
        'renseignement',
        '09:30',
        { en: 'Intelligence' },
        { records: ['assessments'], sections: ['key_messages', 'late_reports', 'assessments'] },
      ),
    ],
    defaultTlp: 'CLEAR',
  });
}

describe('the late-report section', () => {
  it('says that nothing could be compared without a register, or before the first issue', () => {
    const d = data([incident('2024-08-04T10:00:00+02:00')]);
    const none = buildBriefing(d, { division: 'securite', date: '2024-08-05', audience: PARTNERS, draft: false });
    expect(none.model.lateReports).toEqual({ compared: false, items: [], revisions: [], unbriefed: [] });
    const empty = new MemoryRegister('test-event');
    empty.append([]);
    expect(empty.compose(d, 'securite', '2024-08-05', PARTNERS).model.lateReports?.compared).toBe(false);
  });

  it('shows a record timed in an issued window and entered after its issue, and marks the previous period revised', () => {
    const reg = new MemoryRegister('test-event');
    const before = [incident('2024-08-05T09:00:00+02:00', { id: 'A', arrests: 1 })];
    reg.issue(data(before), 'securite', '2024-08-05', PARTNERS);
    const late = incident('2024-08-05T10:50:00+02:00', { id: 'LATE', category: 'theft', arrests: 2 });
    const next = reg.compose(data([...before, late]), 'securite', '2024-08-06', PARTNERS);
    const lr = next.model.lateReports!;
    expect(lr.compared).toBe(true);
    expect(lr.since).toMatchObject({ date: '2024-08-05', version: 1, corrigendum: 0 });
    expect(lr.items.map((i) => [i.status, i.windowDate, i.incident?.id])).toEqual([['new', '2024-08-05', 'LATE']]);
    expect(lr.unbriefed).toEqual([]);
    expect(lr.revisions).toEqual([
      { date: '2024-08-05', serial: 15, figure: 'incidents', from: 1, to: 2 },
      { date: '2024-08-05', serial: 15, figure: 'arrests', from: 1, to: 3 },
    ]);
    expect(next.late.map((f) => f.id)).toEqual(['LATE']);
    // the JSON's items name every record shown, the late ones flagged
    expect(next.model.items).toEqual([{ id: 'LATE', kind: 'incident', late: true }]);
    // once the next briefing is issued with it, it is not reported again, and the revision neither
    reg.issue(data([...before, late]), 'securite', '2024-08-06', PARTNERS);
    const third = reg.compose(data([...before, late]), 'securite', '2024-08-07', PARTNERS).model.lateReports!;
    expect(third.items).toEqual([]);
    expect(third.revisions).toEqual([]);
  });

  it('says what changed in a record shown with other content, and nothing for one shown as it is', () => {
    const reg = new MemoryRegister('test-event');
    const a = incident('2024-08-05T09:00:00+02:00', { id: 'A', arrests: 1, summary: { fr: 'Vol', en: 'Theft' } });
    const b = incident('2024-08-05T09:10:00+02:00', { id: 'B' });
    reg.issue(data([a, b]), 'securite', '2024-08-05', PARTNERS);
    const a2 = { ...a, arrests: 3, severity: 'high' as const, summary: { fr: 'Vol avec violence', en: 'Theft' } };
    // a new marking is not new content
    const b2 = { ...b, tlp: 'GREEN' as const };
    const lr = reg.compose(data([a2, b2]), 'securite', '2024-08-06', PARTNERS).model.lateReports!;
    expect(lr.items).toHaveLength(1);
    expect(lr.items[0]).toMatchObject({
      status: 'changed',
      windowDate: '2024-08-05',
      incident: { id: 'A', arrests: 3 },
    });
    expect(lr.items[0]!.changes).toEqual([
      { field: 'severity', from: 'medium', to: 'high' },
      { field: 'summary_fr', text: true },
      { field: 'arrests', from: 1, to: 3 },
    ]);
  });

  it('names a window between two issued ones that no briefing covered, with what it holds, listing only its notable incidents', () => {
    const reg = new MemoryRegister('test-event');
    const gap = [
      incident('2024-08-05T15:00:00+02:00', { id: 'GAP', severity: 'low' }),
      incident('2024-08-05T16:00:00+02:00', { id: 'GAP2', severity: 'medium' }),
      incident('2024-08-05T16:30:00+02:00', { id: 'GAP-CRITICAL', severity: 'critical' }),
      incident('2024-08-05T16:40:00+02:00', { id: 'GAP-IMPACT', severity: 'low', gamesImpact: true }),
    ];
    const hidden = incident('2024-08-05T17:00:00+02:00', { id: 'STRICT', tlp: 'AMBER+STRICT', severity: 'critical' });
    reg.issue(data([]), 'securite', '2024-08-05', PARTNERS);
    // 6 August was never issued: a critical incident of it must reach the partners somewhere
    const lr = reg.compose(data([...gap, hidden]), 'securite', '2024-08-07', PARTNERS).model.lateReports!;
    expect(lr.items.map((i) => [i.status, i.windowDate, i.incident?.id])).toEqual([
      ['new', '2024-08-06', 'GAP-CRITICAL'],
      ['new', '2024-08-06', 'GAP-IMPACT'],
    ]);
    expect(lr.unbriefed).toEqual([{ date: '2024-08-06', serial: 16, incidents: 4, assessments: 0 }]);
  });

  it('never shows a record the audience may not see, and counts what it shows for the marking', () => {
    const reg = new MemoryRegister('test-event');
    reg.issue(data([]), 'securite', '2024-08-05', PARTNERS);
    const late = [
      incident('2024-08-05T10:00:00+02:00', { id: 'RED', tlp: 'RED' }),
      incident('2024-08-05T10:01:00+02:00', { id: 'STRICT', tlp: 'AMBER+STRICT' }),
      incident('2024-08-05T10:02:00+02:00', { id: 'DRAFT', status: 'draft' }),
      incident('2024-08-05T10:03:00+02:00', { id: 'EXCL', exclude: ['DEU'] }),
      incident('2024-08-05T10:04:00+02:00', { id: 'OK', tlp: 'CLEAR' }),
    ];
    const partners = reg.compose(data(late), 'securite', '2024-08-06', PARTNERS);
    expect(partners.model.lateReports!.items.map((i) => i.incident!.id)).toEqual(['OK']);
    expect(JSON.stringify(partners)).not.toMatch(/"(RED|STRICT|DRAFT|EXCL)"/);
    const national = reg.compose(data(late), 'securite', '2024-08-06', { kind: 'national' });
    // national has nothing issued: nothing compared
    expect(national.model.lateReports!.compared).toBe(false);
  });

  it('gives the document the marking of a late record (an assessment: counted nowhere else)', () => {
    const intel = intelligenceEvent();
    const reg = new MemoryRegister('test-event');
    const clear = assessment('2024-08-05T08:00:00+02:00', { tlp: 'CLEAR' });
    reg.issue(dataset({ event: intel, assessments: [clear] }), 'renseignement', '2024-08-05', PARTNERS);
    const amber = assessment('2024-08-05T09:00:00+02:00', { id: 'AMBERLATE', tlp: 'AMBER' });
    const m = reg.compose(
      dataset({ event: intel, assessments: [clear, amber] }),
      'renseignement',
      '2024-08-06',
      PARTNERS,
    ).model;
    expect(m.lateReports!.items.map((i) => i.assessment!.id)).toEqual(['AMBERLATE']);
    expect(m.marking).toBe('TLP:AMBER');
    expect(
      reg.compose(dataset({ event: intel, assessments: [clear] }), 'renseignement', '2024-08-06', PARTNERS).model
        .marking,
    ).toBe('TLP:CLEAR');
  });

  it('lists the high and very high assessments of a window no intelligence briefing covered, and counts the others', () => {
    const intel = intelligenceEvent();
    const reg = new MemoryRegister('test-event');
    reg.issue(dataset({ event: intel, assessments: [] }), 'renseignement', '2024-08-04', PARTNERS);
    // 5 August was never issued
    const gap = [
      assessment('2024-08-04T12:00:00+02:00', { id: 'LOW-5', level: 'low' }),
      assessment('2024-08-04T13:00:00+02:00', { id: 'VERY-HIGH-5', level: 'very_high' }),
      assessment('2024-08-04T14:00:00+02:00', { id: 'HIGH-5', level: 'high' }),
    ];
    const lr = reg.compose(dataset({ event: intel, assessments: gap }), 'renseignement', '2024-08-06', PARTNERS).model
      .lateReports!;
    expect(lr.items.map((i) => [i.windowDate, i.assessment?.id])).toEqual([
      ['2024-08-05', 'VERY-HIGH-5'],
      ['2024-08-05', 'HIGH-5'],
    ]);
    expect(lr.unbriefed).toEqual([{ date: '2024-08-05', serial: 15, incidents: 0, assessments: 3 }]);
  });

  it('reports forces revised for an issued day', () => {
    const reg = new MemoryRegister('test-event');
    const deps = [deployment('2024-08-05', 'police', 100)];
    reg.issue(data([], { deployments: deps }), 'securite', '2024-08-05', PARTNERS);
    const more = [...deps, deployment('2024-08-05', 'military', 20), deployment('2024-08-06', 'police', 90)];
    const m = reg.compose(data([], { deployments: more }), 'securite', '2024-08-06', PARTNERS).model;
    expect(m.lateReports!.revisions).toEqual([
      { date: '2024-08-05', serial: 15, figure: 'forces', from: 100, to: 120 },
    ]);
    expect(m.previous.forces).toBe(120);
  });

  it('reports forces issued as n/a (no figures) and counted since as revised from n/a, not from 0, and renders it so', () => {
    const reg = new MemoryRegister('test-event');
    reg.issue(data([]), 'securite', '2024-08-05', PARTNERS); // no deployment figures yet: n/a
    const deps = [deployment('2024-08-05', 'police', 61_220), deployment('2024-08-06', 'police', 60_000)];
    const m = reg.compose(data([], { deployments: deps }), 'securite', '2024-08-06', PARTNERS).model;
    expect(m.lateReports!.revisions).toEqual([
      { date: '2024-08-05', serial: 15, figure: 'forces', from: null, to: 61_220 },
    ]);
    const html = renderBriefingHtml(m, { lang: 'en' });
    expect(html).toMatch(/<td class="num"><span class="na">n\/a<\/span><\/td><td class="num new-value">61,220<\/td>/);
    expect(html).toContain('Previous period revised: n/a\u00a0→\u00a061,220');
    // issued with figures, then none: revised to n/a
    const reg2 = new MemoryRegister('test-event');
    reg2.issue(
      data([], { deployments: [deployment('2024-08-05', 'police', 100)] }),
      'securite',
      '2024-08-05',
      PARTNERS,
    );
    const gone = reg2.compose(data([]), 'securite', '2024-08-06', PARTNERS).model;
    expect(gone.lateReports!.revisions).toEqual([
      { date: '2024-08-05', serial: 15, figure: 'forces', from: 100, to: null },
    ]);
  });

  it('lists forces issued as n/a and counted since in a corrigendum as n/a → the figure', () => {
    const reg = new MemoryRegister('test-event');
    reg.issue(data([]), 'securite', '2024-08-05', PARTNERS);
    const amended = reg.issue(
      data([], { deployments: [deployment('2024-08-05', 'police', 61_220)] }),
      'securite',
      '2024-08-05',
      PARTNERS,
    )!;
    expect(amended.model.corrigendum!.figures).toEqual([
      { figure: 'forces', scope: 'figures', from: null, to: 61_220 },
    ]);
    expect(renderBriefingHtml(amended.model, { lang: 'en' })).toMatch(
      /<td class="num"><span class="na">n\/a<\/span><\/td><td class="num new-value">61,220<\/td>/,
    );
  });

  it('compares a briefing built again with the register as it stood before its first issue', () => {
    const reg = new MemoryRegister('test-event');
    const a = incident('2024-08-04T12:00:00+02:00', { id: 'A' });
    reg.issue(data([]), 'securite', '2024-08-04', PARTNERS);
    const first = reg.issue(data([a]), 'securite', '2024-08-05', PARTNERS)!;
    expect(first.model.lateReports!.items.map((i) => i.incident!.id)).toEqual([]);
    // A is in 5 August's own window (after 11:30 on the 4th): shown in its main sections
    expect(first.shown.map((f) => f.id)).toEqual(['A']);
    const again = reg.compose(data([a]), 'securite', '2024-08-05', PARTNERS);
    expect(again.model).toEqual(first.model);
  });
});
