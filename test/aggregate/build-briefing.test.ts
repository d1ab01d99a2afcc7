import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markingsArb } from '../helpers/arbitraries.js';
import { isVisible, type Audience } from '../../src/audience/audience.js';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import type { Incident, Markings } from '../../src/model/types.js';
import {
  agenda,
  assessment,
  dataset,
  daysBetween,
  deployment,
  division,
  event,
  incident,
  keyMessage,
} from '../helpers/dataset.js';

const partners: Audience = { kind: 'partners' };
const national: Audience = { kind: 'national' };
const brief = (
  data: ReturnType<typeof dataset>,
  o: { division?: string; date?: string; audience?: Audience; draft?: boolean } = {},
) =>
  buildBriefing(data, {
    division: o.division ?? 'securite',
    date: o.date ?? '2024-08-05',
    audience: o.audience ?? partners,
    draft: o.draft ?? false,
  });

describe('the Sécurité générale figures', () => {
  it('count the window, the previous window and the running total from the opening day', () => {
    const data = dataset({
      incidents: [
        incident('2024-07-22T00:30:00+02:00', { arrests: 1 }), // first day of the event
        incident('2024-08-04T11:29:00+02:00', { arrests: 2, custody: 2 }), // previous window
        incident('2024-08-04T11:30:00+02:00', { arrests: 3, custody: 1, gamesImpact: true }), // window start
        incident('2024-08-05T11:29:59+02:00', { arrests: 4 }), // last second of the window
        incident('2024-08-05T11:30:00+02:00', { arrests: 100 }), // next window
        incident('2024-07-21T23:59:00+02:00', { arrests: 50 }), // before the opening
      ],
    });
    const { model } = brief(data);
    expect(model.figures).toMatchObject({ incidents: 2, gamesImpact: 1, arrests: 7, custody: 1 });
    expect(model.previous).toMatchObject({ incidents: 1, arrests: 2, custody: 2 });
    expect(model.cumulative).toEqual({ incidents: 4, gamesImpact: 1, arrests: 10, custody: 3 });
    expect(model.serial).toBe(15);
    expect(model.window).toEqual({ start: '2024-08-04T11:30:00+02:00', end: '2024-08-05T11:30:00+02:00', hours: 24 });
  });

  it('list notable facts (high, critical or affecting the Games) in time order', () => {
    const data = dataset({
      incidents: [
        incident('2024-08-05T09:00:00+02:00', { id: 'late', severity: 'critical' }),
        incident('2024-08-04T20:00:00+02:00', { id: 'games', gamesImpact: true, severity: 'low' }),
        incident('2024-08-04T21:00:00+02:00', { id: 'minor', severity: 'medium' }),
      ],
    });
    expect(brief(data).model.notable!.map((r) => r.id)).toEqual(['games', 'late']);
  });

  it('report forces of the day with the change on the day before, and fall back to the latest earlier day', () => {
    const deployments = [
      deployment('2024-08-03', 'police', 1000),
      deployment('2024-08-04', 'police', 1200),
      deployment('2024-08-04', 'police', 300, { area: '93' }),
      deployment('2024-08-04', 'military', 500),
    ];
    const onDay = brief(dataset({ deployments }), { date: '2024-08-04' }).model.forces!;
    expect(onDay).toMatchObject({ date: '2024-08-04', fallback: false, total: 2000, previousTotal: 1000 });
    expect(onDay.rows).toEqual([
      { force: 'police', count: 1500, previous: 1000, change: 500 },
      { force: 'military', count: 500, previous: 0, change: 500 },
    ]);
    const later = brief(dataset({ deployments }), { date: '2024-08-06' }).model.forces;
    expect(later).toMatchObject({ date: '2024-08-04', fallback: true, total: 2000 });
  });

  it('compare the forces with one day, the latest earlier day with figures, in the section, the card and the JSON alike', () => {
    // 4 August has no figures: the briefing shows 3 August's, compared with 2 August's.
    const deployments = [
      deployment('2024-08-02', 'police', 77_860),
      deployment('2024-08-03', 'police', 79_130),
      deployment('2024-08-05', 'police', 78_450),
    ];
    const on4 = brief(dataset({ deployments }), { date: '2024-08-04' }).model;
    expect(on4.forces).toMatchObject({
      date: '2024-08-03',
      fallback: true,
      total: 79_130,
      previousDate: '2024-08-02',
      previousTotal: 77_860,
    });
    expect(on4.figures.forces).toBe(79_130);
    expect(on4.previous.forces).toBe(77_860); // not 3 August's figures again ("=")
    // 5 August: compared with 3 August, the latest earlier day with figures, named as such.
    const on5 = brief(dataset({ deployments }), { date: '2024-08-05' }).model;
    expect(on5.forces).toMatchObject({
      date: '2024-08-05',
      fallback: false,
      previousDate: '2024-08-03',
      previousTotal: 79_130,
    });
    expect(on5.previous.forces).toBe(79_130);
    // No earlier figures: nothing to compare with.
    const first = brief(dataset({ deployments }), { date: '2024-08-02' }).model;
    expect(first.forces!.previousDate).toBeUndefined();
    expect(first.forces!.previousTotal).toBeUndefined();
    // the same value as forces.previousTotal: null in the JSON, never a made-up 0
    expect(first.previous.forces).toBeNull();
    expect(JSON.parse(JSON.stringify(first)).previous.forces).toBeNull();
    // An event with no deployment figures at all: no figures day, no rows.
    const none = brief(dataset({}), { date: '2024-08-05' }).model;
    expect(none.forces).toMatchObject({ rows: [], total: 0 });
    expect(none.forces!.date).toBeUndefined();
    // and no forces figure: null in the JSON, not 0 forces deployed that nobody counted
    expect(none.figures.forces).toBeNull();
    expect(JSON.parse(JSON.stringify(none)).figures.forces).toBeNull();
    // nor before the first day with figures
    expect(brief(dataset({ deployments }), { date: '2024-08-01' }).model.figures.forces).toBeNull();
  });

  it('give no forces figure to a division that does not cover deployments (Renseignement), where deployments are reported', () => {
    const deployments = [deployment('2024-08-05', 'police', 78_450)];
    const intel = brief(dataset({ deployments }), { division: 'renseignement' }).model;
    expect(intel.keyFigures).not.toContain('forces');
    expect(intel.forces).toBeUndefined();
    expect(JSON.parse(JSON.stringify(intel)).figures.forces).toBeNull();
    expect(intel.previous.forces).toBeNull();
  });

  it('mark the trend days before the opening and those without any data folder as not applicable', () => {
    const incidents = [incident('2024-07-22T12:00:00+02:00'), incident('2024-07-23T12:00:00+02:00')];
    const opening = brief(dataset({ incidents }), { date: '2024-07-23' }).model.trend!;
    expect(opening.map((p) => [p.date, p.applicable])).toEqual([
      ['2024-07-17', false],
      ['2024-07-18', false],
      ['2024-07-19', false],
      ['2024-07-20', false],
      ['2024-07-21', false],
      ['2024-07-22', true],
      ['2024-07-23', true],
    ]);
    // A window is applicable when a folder holds one of its two days: 1 and 2 August have none.
    const gaps = brief(
      dataset({
        incidents,
        availableDates: daysBetween('2024-07-22', '2024-07-31').concat(['2024-08-03', '2024-08-04', '2024-08-05']),
      }),
      { date: '2024-08-05' },
    ).model.trend!;
    expect(gaps.map((p) => [p.date, p.applicable])).toEqual([
      ['2024-07-30', true],
      ['2024-07-31', true],
      ['2024-08-01', true],
      ['2024-08-02', false],
      ['2024-08-03', true],
      ['2024-08-04', true],
      ['2024-08-05', true],
    ]);
  });

  it('give the local time zone of a venue in another zone than the event, and only then', () => {
    const data = dataset({
      incidents: [
        incident('2024-08-05T09:00:00+02:00', { id: 'surf', venue: 'teahupoo', area: '987', severity: 'high' }),
        incident('2024-08-05T10:00:00+02:00', { id: 'sdf', venue: 'stade-de-france', area: '93', severity: 'high' }),
      ],
      agenda: [agenda('2024-08-05T19:00:00+02:00', { venue: 'teahupoo' })],
    });
    const { model } = brief(data);
    expect(model.notable!.find((r) => r.id === 'surf')!.localTimezone).toBe('Pacific/Tahiti');
    expect(model.notable!.find((r) => r.id === 'sdf')!.localTimezone).toBeUndefined();
    expect(model.outlook![0]!.localTimezone).toBe('Pacific/Tahiti');
  });

  it('group incidents involving foreign nationals by country with names in both languages', () => {
    const data = dataset({
      incidents: [
        incident('2024-08-05T08:00:00+02:00', { nationalities: ['DEU', 'BRA'] }),
        incident('2024-08-05T09:00:00+02:00', { nationalities: ['DEU'] }),
      ],
    });
    const rows = brief(data).model.foreignNationals!;
    expect(rows.map((r) => [r.country, r.count])).toEqual([
      ['DEU', 2],
      ['BRA', 1],
    ]);
    expect(rows[0]!.name).toEqual({ fr: 'Allemagne', en: 'Germany' });
  });

  it('draw the 7-day trend from seven consecutive windows ending with this one', () => {
    const data = dataset({ incidents: [incident('2024-07-30T12:00:00+02:00'), incident('2024-08-05T10:00:00+02:00')] });
    const trend = brief(data).model.trend!;
    expect(trend.map((p) => p.date)).toEqual([
      '2024-07-30',
      '2024-07-31',
      '2024-08-01',
      '2024-08-02',
      '2024-08-03',
      '2024-08-04',
      '2024-08-05',
    ]);
    expect(trend.map((p) => p.incidents)).toEqual([0, 1, 0, 0, 0, 0, 1]);
  });

  it('end on the first of a division time the clocks show twice, and say the later time the clocks skip to, on any machine', () => {
    const machineZone = process.env.TZ;
    const berlin = (time: string) =>
      dataset({
        event: {
          ...dataset().event,
          timezone: 'Europe/Berlin',
          opens: '2030-03-20',
          closes: '2030-11-10',
          divisions: [division('nacht', time, { en: 'Night briefing' }, { records: ['incidents'] })],
        },
        incidents: [
          incident('2030-10-27T02:45:00+02:00', { id: 'first-0245' }), // after the first 02:30: the next window
          incident('2030-10-27T02:15:00+02:00', { id: 'first-0215' }),
          incident('2030-10-27T02:15:00+01:00', { id: 'second-0215' }),
        ],
      });
    try {
      for (const tz of ['UTC', 'America/Chicago', 'America/Adak', 'Europe/Berlin', 'Australia/Sydney']) {
        process.env.TZ = tz;
        const back = brief(berlin('02:30'), { division: 'nacht', date: '2030-10-27' }).model;
        expect([back.window.end, back.window.hours, back.briefingTime], tz).toEqual([
          '2030-10-27T02:30:00+02:00',
          24,
          '02:30',
        ]);
        expect(back.figures.incidents, tz).toBe(1); // the first 02:15 only
        const next = brief(berlin('02:30'), { division: 'nacht', date: '2030-10-28' }).model;
        expect([next.window.start, next.window.hours, next.figures.incidents], tz).toEqual([
          '2030-10-27T02:30:00+02:00',
          25,
          2,
        ]);
        const forward = brief(berlin('02:30'), { division: 'nacht', date: '2030-03-31' }).model;
        expect([forward.window.end, forward.divisionTime, forward.briefingTime, forward.nextBriefing?.at], tz).toEqual([
          '2030-03-31T03:30:00+02:00',
          '02:30',
          '03:30',
          '2030-04-01T02:30:00+02:00',
        ]);
      }
    } finally {
      if (machineZone === undefined) delete process.env.TZ;
      else process.env.TZ = machineZone;
    }
  });

  it('say when a window holds 25 hours across the autumn change', () => {
    const data = dataset({ event: { ...dataset().event, opens: '2024-10-20', closes: '2024-10-30' } });
    expect(brief(data, { date: '2024-10-27' }).model.window.hours).toBe(25);
  });
});

describe('the Renseignement briefing', () => {
  it('covers the intelligence categories and groups assessments by theme, highest level first', () => {
    const data = dataset({
      incidents: [
        incident('2024-08-05T08:00:00+02:00', { id: 'd', category: 'drone' }),
        incident('2024-08-05T08:00:00+02:00', { id: 't', category: 'theft' }),
      ],
      assessments: [
        assessment('2024-08-05T07:00:00+02:00', { theme: 'cyber', level: 'moderate' }),
        assessment('2024-08-05T07:00:00+02:00', { theme: 'terrorism', level: 'very_high' }),
        assessment('2024-08-05T06:00:00+02:00', { theme: 'cyber', level: 'high' }),
      ],
    });
    const { model } = brief(data, { division: 'renseignement' });
    expect(model.intelligenceIncidents!.map((r) => r.id)).toEqual(['d']);
    expect(model.figures.incidents).toBe(1);
    expect(model.assessments!.map((g) => [g.theme, g.level, g.assessments.map((a) => a.level)])).toEqual([
      ['terrorism', 'very_high', ['very_high']],
      ['cyber', 'high', ['high', 'moderate']],
    ]);
  });
});

describe('markings of a document', () => {
  it('carries the most restrictive TLP of what it includes, CLEAR when empty', () => {
    expect(brief(dataset()).model.marking).toBe('TLP:CLEAR');
    const data = dataset({
      incidents: [
        incident('2024-08-05T08:00:00+02:00', { tlp: 'GREEN' }),
        incident('2024-08-05T08:00:00+02:00', { tlp: 'AMBER+STRICT' }),
      ],
    });
    expect(brief(data).model.marking).toBe('TLP:GREEN');
    expect(brief(data, { audience: national }).model.marking).toBe('TLP:AMBER+STRICT');
  });

  it('says SPÉCIAL FRANCE only on a national document that includes such a record', () => {
    const data = dataset({ incidents: [incident('2024-08-05T08:00:00+02:00', { specialFrance: true })] });
    expect(brief(data, { audience: national }).model.specialFrance).toBe(true);
    expect(brief(data).model.specialFrance).toBe(false);
    expect(brief(data).model.figures.incidents).toBe(0);
  });

  it('counts the RED records it holds back without showing them', () => {
    const data = dataset({ incidents: [incident('2024-08-05T08:00:00+02:00', { tlp: 'RED', arrests: 9 })] });
    const { model, heldBackRed } = brief(data, { audience: national });
    expect(heldBackRed).toBe(1);
    expect(model.figures.arrests).toBe(0);
    expect(JSON.stringify(model)).not.toContain('RED');
  });
});

describe('no withheld record changes anything a document shows', () => {
  const markings = markingsArb;
  const audiences = fc.constantFrom<Audience>(
    partners,
    national,
    { kind: 'country', country: 'DEU' },
    { kind: 'country', country: 'USA' },
  );
  const when = fc.integer({ min: Date.parse('2024-07-25T00:00:00Z'), max: Date.parse('2024-08-07T00:00:00Z') });

  it('holds for incidents, assessments, agenda items, deployments and key messages of any marking', () => {
    const base = dataset({
      incidents: [
        incident('2024-08-05T08:00:00+02:00', { nationalities: ['DEU'], arrests: 2 }),
        incident('2024-08-01T08:00:00+02:00'),
      ],
      assessments: [assessment('2024-08-05T07:00:00+02:00')],
      agenda: [agenda('2024-08-05T20:00:00+02:00')],
      deployments: [deployment('2024-08-05', 'police', 1000)],
      days: new Map([
        ['2024-08-05', { date: '2024-08-05', keyMessages: [keyMessage('securite')], source: { file: 'x', line: 1 } }],
      ]),
    });
    fc.assert(
      fc.property(
        markings,
        audiences,
        when,
        fc.boolean(),
        fc.constantFrom('securite', 'renseignement'),
        fc.constantFrom('incident', 'assessment', 'agenda', 'deployment', 'key_message'),
        (m: Markings, audience, t, draft, division, kind) => {
          fc.pre(!isVisible(m, audience, { draft }));
          const time = new Date(t).toISOString();
          const extra = {
            ...base,
            incidents: [...base.incidents],
            assessments: [...base.assessments],
            agenda: [...base.agenda],
            deployments: [...base.deployments],
            days: new Map(base.days),
          };
          if (kind === 'incident')
            extra.incidents.push(
              incident(time, {
                ...m,
                category: 'drone',
                severity: 'critical',
                nationalities: ['DEU', 'USA'],
                arrests: 5,
                gamesImpact: true,
              }) as Incident,
            );
          if (kind === 'assessment') extra.assessments.push(assessment(time, { ...m, level: 'very_high' }));
          if (kind === 'agenda') extra.agenda.push(agenda(time, { ...m }));
          if (kind === 'deployment') extra.deployments.push(deployment(time.slice(0, 10), 'military', 7000, m));
          if (kind === 'key_message') {
            const day = base.days.get('2024-08-05')!;
            extra.days.set('2024-08-05', {
              ...day,
              keyMessages: [...day.keyMessages, keyMessage(division, { ...m, text: { fr: 'secret', en: 'secret' } })],
            });
          }
          const req = { division, date: '2024-08-05', audience, draft };
          expect(buildBriefing(extra, req).model).toEqual(buildBriefing(base, req).model);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the outlook', () => {
  it('runs to the next briefing, so consecutive outlooks tile across the autumn change with no gap', () => {
    const data = dataset({
      event: { ...dataset().event, opens: '2024-10-20', closes: '2024-10-30' },
      agenda: [
        // 24 hours after 26 Oct 11:30 (+02:00) is 27 Oct 10:30 (+01:00): this one is in the 25th hour.
        agenda('2024-10-27T11:29:00+01:00', { id: '25th-hour' }),
        agenda('2024-10-28T10:45:00+01:00', { id: 'next-day' }),
        agenda('2024-10-28T11:30:00+01:00', { id: 'day-after' }),
      ],
    });
    const outlook = (date: string) => brief(data, { date }).model;
    const oct26 = outlook('2024-10-26');
    expect(oct26.outlookWindow).toEqual({
      start: '2024-10-26T11:30:00+02:00',
      end: '2024-10-27T11:30:00+01:00',
      hours: 25,
    });
    expect(oct26.outlook!.map((a) => a.id)).toEqual(['25th-hour']);
    expect(outlook('2024-10-27').outlook!.map((a) => a.id)).toEqual(['next-day']);
    expect(outlook('2024-10-28').outlook!.map((a) => a.id)).toEqual(['day-after']);
  });
});

describe('any event: divisions, areas, threat scale and host as data', () => {
  const cyber = division(
    'cyber',
    '16:00',
    { en: 'Cyber briefing' },
    {
      records: ['incidents', 'assessments'],
      categories: ['cyber', 'fraud'],
      sections: ['key_messages', 'key_figures', 'intelligence_incidents', 'assessments', 'country_notes'],
    },
  );
  const la = () =>
    event({
      timezone: 'America/Los_Angeles',
      opens: '2028-07-14',
      closes: '2028-07-30',
      host: 'USA',
      partners: ['MEX', 'CAN'],
      areas: {
        field: 'county',
        label: { en: 'County' },
        codes: new Map([['06037', { fr: 'Los Angeles County', en: 'Los Angeles County' }]]),
        source: 'counties.csv',
      },
      categories: [
        ...event().categories,
        { id: 'cyber', label: { fr: 'Cyber', en: 'Cyber' }, intelligence: true },
        { id: 'fraud', label: { fr: 'Escroquerie', en: 'Fraud' }, intelligence: false },
      ],
      divisions: [...event().divisions, cyber],
    });

  it('briefs a third division at its own time on its own categories and sections', () => {
    const data = dataset({
      event: la(),
      incidents: [
        incident('2028-07-20T16:00:00-07:00', { id: 'c1', category: 'cyber', area: '06037', arrests: 1 }),
        incident('2028-07-21T15:59:00-07:00', { id: 'f1', category: 'fraud', area: '06037', nationalities: ['MEX'] }),
        incident('2028-07-21T10:00:00-07:00', { id: 't1', category: 'theft', area: '06037', arrests: 5 }),
        incident('2028-07-21T16:00:00-07:00', { id: 'next', category: 'cyber', area: '06037' }),
      ],
      assessments: [assessment('2028-07-21T06:00:00-07:00', { theme: 'cyber' })],
      deployments: [deployment('2028-07-21', 'police', 9000)],
    });
    const { model } = brief(data, {
      division: 'cyber',
      date: '2028-07-21',
      audience: { kind: 'country', country: 'MEX' },
    });
    expect(model.window).toEqual({ start: '2028-07-20T16:00:00-07:00', end: '2028-07-21T16:00:00-07:00', hours: 24 });
    expect(model.sections).toEqual([
      'key_messages',
      'key_figures',
      'intelligence_incidents',
      'assessments',
      'country_notes',
    ]);
    expect(model.intelligenceIncidents!.map((r) => r.id)).toEqual(['c1', 'f1']);
    expect(model.figures).toEqual({ incidents: 2, gamesImpact: 0, arrests: 1, custody: 0, forces: null });
    expect(model.keyFigures).toEqual(['incidents', 'gamesImpact', 'arrests', 'custody']);
    expect(model.forces).toBeUndefined();
    expect(model.assessments!.map((g) => g.theme)).toEqual(['cyber']);
    expect(model.countryNotes!.map((r) => r.id)).toEqual(['f1']);
    expect(model.intelligenceIncidents![0]).toMatchObject({ area: '06037', areaName: { en: 'Los Angeles County' } });
    expect(model.coverage).toEqual({ records: ['incidents', 'assessments'], categories: ['cyber', 'fraud'] });
    expect(model.event.host).toBe('USA');
    for (const part of ['notable', 'byArea', 'foreignNationals', 'outlook', 'trend', 'threatScale'])
      expect(model, part).not.toHaveProperty(part);
  });

  it("never lists the host nation's nationals as foreign nationals", () => {
    const ev = la();
    ev.divisions = [
      division('security', '10:00', { en: 'Security' }, { records: ['incidents'], sections: ['nationals'] }),
    ];
    const data = dataset({
      event: ev,
      incidents: [
        incident('2028-07-21T08:00:00-07:00', { area: '06037', nationalities: ['USA', 'MEX'] }),
        incident('2028-07-21T09:00:00-07:00', { area: '06037', nationalities: ['USA'] }),
      ],
    });
    const { model } = brief(data, { division: 'security', date: '2028-07-21' });
    expect(model.foreignNationals!.map((r) => [r.country, r.count])).toEqual([['MEX', 1]]);
  });

  it('derives nothing from a record kind the division does not cover: no figure, no marking, no RED count', () => {
    const data = dataset({
      deployments: [deployment('2024-08-05', 'police', 1000, { tlp: 'AMBER+STRICT' })],
      assessments: [assessment('2024-08-05T07:00:00+02:00', { tlp: 'RED' })],
    });
    const intel = brief(data, { division: 'renseignement', audience: national });
    expect(intel.model.figures.forces).toBeNull(); // no forces figure, not 0 deployed
    expect(intel.model.tlp).toBe('CLEAR');
    expect(intel.heldBackRed).toBe(1); // the RED assessment: renseignement shows assessments
    const sec = brief(data, { division: 'securite', audience: national });
    expect(sec.model.figures.forces).toBe(1000);
    expect(sec.model.tlp).toBe('AMBER+STRICT');
    expect(sec.heldBackRed).toBe(0); // securite shows no assessment
  });

  it('shows the threat scale of the event, with the level of the latest day that states one', () => {
    const data = dataset({
      days: new Map([
        [
          '2024-08-03',
          { date: '2024-08-03', threatLevel: 'securite_renforcee', keyMessages: [], source: { file: 'x', line: 1 } },
        ],
      ]),
    });
    const { model } = brief(data);
    expect(model.threatScale!.levels.map((l) => l.id)).toEqual(['vigilance', 'securite_renforcee', 'urgence_attentat']);
    expect(model.threatLevel).toBe('securite_renforcee');
  });
});
