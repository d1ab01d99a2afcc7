import { describe, expect, it } from 'vitest';
import { farFromFolderWarnings } from '../../src/data/far-dates.js';
import { formatPlace } from '../../src/errors.js';
import { assessment, deployment, event, incident } from '../helpers/dataset.js';

const at = (file: string, line = 2) => ({ source: { file, line } });

describe('a record dated far from its folder', () => {
  it('is a warning naming file and line when more than a day away (08/05 read as 8 May in folder 2026-08-05)', () => {
    const w = farFromFolderWarnings(
      {
        incidents: [
          incident('2026-05-08T14:10:00+02:00', { id: 'SWAPPED', ...at('2026-08-05/incidents.csv', 7) }),
          incident('2026-08-04T01:00:00+02:00', { id: 'DAY-BEFORE', ...at('2026-08-05/incidents.csv', 8) }),
          incident('2026-08-06T23:00:00+02:00', { id: 'DAY-AFTER', ...at('2026-08-05/incidents.csv', 9) }),
        ],
        assessments: [
          assessment('2026-09-05T09:00:00+02:00', { id: 'ASSESS', ...at('2026-08-05/assessments.yaml', 3) }),
        ],
        deployments: [
          deployment('2026-05-08', 'police', 10, at('2026-08-05/deployments.csv', 4)),
          deployment('2026-08-04', 'police', 10, at('2026-08-05/deployments.csv', 5)),
        ],
      },
      event(),
    );
    expect(w.map((p) => `${p.file}:${p.line}`)).toEqual([
      '2026-08-05/assessments.yaml:3',
      '2026-08-05/deployments.csv:4',
      '2026-08-05/incidents.csv:7',
    ]);
    // filed after its own date: the briefings of that date never read the folder
    expect(w[2]!.message).toBe(
      "SWAPPED is timed 2026-05-08, 89 days before its folder 2026-08-05: the briefings of 2026-05-08 read the folders up to 2026-05-10 only, so it is in none of them, however often they are made; it counts in the running totals, and once a briefing of its window was issued it shows in the next one's late reports. If it is a late report, nothing to do; otherwise move it to the folder 2026-05-08 (or day and month swapped, e.g. 08/05 for 05/08? date_order in event.yaml says which one a date with slashes starts with)",
    );
  });

  it('says a record filed before its own date goes to the briefings of that date, which read its folder', () => {
    const w = farFromFolderWarnings(
      {
        incidents: [incident('2026-08-09T14:10:00+02:00', { id: 'AHEAD', ...at('2026-08-05/incidents.csv', 7) })],
        assessments: [],
        deployments: [],
      },
      event(),
    );
    expect(w.map((p) => p.message)).toEqual([
      'AHEAD is timed 2026-08-09, 4 days from its folder 2026-08-05: records are briefed by their own time, so it goes to the briefings of 2026-08-09, not of 2026-08-05 (day and month swapped, e.g. 08/05 for 05/08? date_order in event.yaml says which one a date with slashes starts with)',
    ]);
  });

  it('names neither the id nor the date of a RED record, only its place (issue 11: RED reaches no log)', () => {
    const w = farFromFolderWarnings(
      {
        incidents: [
          incident('2026-05-08T14:10:00+02:00', { id: 'QZXRED-1', tlp: 'RED', ...at('2026-08-05/incidents.csv', 7) }),
        ],
        assessments: [
          assessment('2026-05-09T09:00:00+02:00', {
            id: 'QZXRED-2',
            tlp: 'RED',
            ...at('2026-08-05/assessments.yaml', 3),
          }),
        ],
        deployments: [deployment('2026-05-07', 'police', 10, { tlp: 'RED', ...at('2026-08-05/deployments.csv', 4) })],
      },
      event(),
    );
    expect(w.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      '2026-08-05/assessments.yaml:3: this record, marked RED (its id and time not shown), is timed more than a day away from its folder 2026-08-05: records are briefed by their own time (day and month swapped, e.g. 08/05 for 05/08? date_order in event.yaml says which one a date with slashes starts with)',
      '2026-08-05/deployments.csv:4: this record, marked RED (its id and time not shown), is timed more than a day away from its folder 2026-08-05: records are briefed by their own time (day and month swapped, e.g. 08/05 for 05/08? date_order in event.yaml says which one a date with slashes starts with)',
      '2026-08-05/incidents.csv:7: this record, marked RED (its id and time not shown), is timed more than a day away from its folder 2026-08-05: records are briefed by their own time (day and month swapped, e.g. 08/05 for 05/08? date_order in event.yaml says which one a date with slashes starts with)',
    ]);
  });

  it('names a workbook record by its sheet and row, and keeps the sheets of one file apart in order', () => {
    const inSheet = (sheet: string, line: number) => ({ source: { file: '2026-08-05/incidents.xlsx', sheet, line } });
    const w = farFromFolderWarnings(
      {
        incidents: [
          incident('2026-05-08T14:10:00+02:00', { id: 'B-3', ...inSheet('PP', 3) }),
          incident('2026-05-08T14:10:00+02:00', { id: 'A-9', ...inSheet('GN', 9) }),
        ],
        assessments: [],
        deployments: [deployment('2026-05-08', 'police', 10, inSheet('forces', 2))],
      },
      event(),
    );
    expect(w.map((p) => formatPlace(p))).toEqual([
      '2026-08-05/incidents.xlsx:forces!2:2',
      '2026-08-05/incidents.xlsx:GN!9:9',
      '2026-08-05/incidents.xlsx:PP!3:3',
    ]);
  });
});
