import { describe, expect, it } from 'vitest';
import { workbookRecords } from '../../src/data/xlsx-records.js';
import type { SheetRead } from '../../src/data/xlsx.js';
import { formatProblem } from '../../src/errors.js';

/** A sheet of these rows (row 1 first), every value a cell from column A. */
function sheet(name: string, rows: string[][]): SheetRead {
  return {
    name,
    rows: rows.map((cells, i) => ({ row: i + 1, cells: cells.map((text, c) => ({ column: c + 1, text })) })),
  };
}

describe('workbookRecords', () => {
  it('warns of a sheet holding values that is not read because other sheets are named after record kinds (incidents on Feuil1 beside an agenda sheet)', () => {
    const book = {
      sheets: [
        sheet('Feuil1', [
          ['id', 'time', 'category', 'departement', 'summary_fr'],
          ['XS-1', '2026-11-30 10:00', 'theft', '75', 'lost incident'],
        ]),
        sheet('agenda', [
          ['id', 'start', 'kind', 'title_fr', 'departement'],
          ['XS-AG-1', '2026-11-30 20:00', 'visit', 'visite', '75'],
        ]),
        sheet('empty', []),
      ],
      problems: [],
    };
    const { parts, problems } = workbookRecords(book, '2026-11-30/incidents-pp.xlsx', 'incidents', 'departement');
    expect(parts.map((p) => [p.sheet, p.kind])).toEqual([['agenda', 'agenda']]);
    expect(problems.map(formatProblem)).toEqual([
      '2026-11-30/incidents-pp.xlsx:Feuil1!A1: warning: sheet "Feuil1" holds values but is not read: this workbook has sheets named after a record kind (agenda), and then only those are read; if its rows are records, name the sheet after them (incidents, deployments, assessments, agenda)',
    ]);
    expect(problems[0]!.severity).toBe('warning');
  });
});
