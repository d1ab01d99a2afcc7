// The area level: the French list cci ships, an event's own list file, and the checking of
// area codes against them (or their form, without a list).

import { describe, expect, it } from 'vitest';
import { AREA_LISTS, areaCodeParser, parseAreaListText, shippedAreaList } from '../../src/data/areas.js';
import { Reporter } from '../../src/data/values.js';
import type { Problem } from '../../src/errors.js';
import { formatProblem } from '../../src/errors.js';
import type { AreaScheme } from '../../src/model/types.js';

function check(scheme: AreaScheme, value: string): { code?: string; problems: string[] } {
  const problems: Problem[] = [];
  const code = areaCodeParser(scheme)(
    { kind: 'text', text: value, name: scheme.field, line: 3, column: 7, key: { line: 3, column: 1 } },
    new Reporter('f.csv', problems),
  );
  return { ...(code !== undefined && { code }), problems: problems.map(formatProblem) };
}

const FR: AreaScheme = {
  field: 'departement',
  codes: shippedAreaList('fr-departements')!.codes,
  source: 'fr-departements',
};

describe('the French départements cci ships', () => {
  it('hold the 96 metropolitan départements with 2A and 2B, the overseas ones 971–976 and the collectivities', () => {
    const list = shippedAreaList('fr-departements')!;
    expect(list.codes.size).toBe(109);
    expect(list.label).toEqual({ fr: 'Département', en: 'Department' });
    for (const [code, name] of [
      ['01', 'Ain'],
      ['2A', 'Corse-du-Sud'],
      ['2B', 'Haute-Corse'],
      ['75', 'Paris'],
      ['93', 'Seine-Saint-Denis'],
      ['971', 'Guadeloupe'],
      ['974', 'La Réunion'],
      ['976', 'Mayotte'],
      ['987', 'Polynésie française'],
      ['988', 'Nouvelle-Calédonie'],
    ] as const) {
      expect(list.codes.get(code), code).toEqual({ fr: name, en: name });
    }
    for (const none of ['20', '96', '970', '985', '999']) expect(list.codes.has(none), none).toBe(false);
    expect(Object.keys(AREA_LISTS)).toEqual(['fr-departements']);
    expect(AREA_LISTS['fr-departements']!.source).toMatch(/@etalab\/decoupage-administratif .*Licence Ouverte/);
  });

  it('take a code in any case, and a lone digit a spreadsheet stripped of its zero', () => {
    expect(check(FR, '2a').code).toBe('2A');
    expect(check(FR, ' 75 ').code).toBe('75');
    expect(check(FR, '1').code).toBe('01');
    expect(check(FR, '987').code).toBe('987');
  });

  it('refuse a code of no département, naming the field, the list and the nearest code', () => {
    expect(check(FR, '96').problems).toEqual([
      'f.csv:3:7: departement "96" is not a code of this event\'s areas (fr-departements); expected a code such as 01, 02, 03; did you mean "06"?',
    ]);
    for (const bad of ['00', '20', '970', '2C', 'Paris', 'CA', '06037'])
      expect(check(FR, bad).code, bad).toBeUndefined();
  });
});

describe("an event's own list of areas", () => {
  const counties: AreaScheme = {
    field: 'county',
    codes: parseAreaListText('code,name\n06037,Los Angeles County\n40109,Oklahoma County\n', 'counties.csv', 'csv')
      .codes,
    source: 'counties.csv',
  };

  it('reads code,name and code,name_fr,name_en in CSV, and a YAML list', () => {
    expect(counties.codes!.get('06037')).toEqual({ fr: 'Los Angeles County', en: 'Los Angeles County' });
    const both = parseAreaListText('code;name_fr;name_en\r\nBY;Bavière;Bavaria\r\n', 'laender.csv', 'csv');
    expect(both.problems).toEqual([]);
    expect(both.codes.get('BY')).toEqual({ fr: 'Bavière', en: 'Bavaria' });
    const yaml = parseAreaListText(
      '- { code: "01", name: North }\n- code: "02"\n  name_en: South\n',
      'areas.yaml',
      'yaml',
    );
    expect(yaml.problems).toEqual([]);
    expect([...yaml.codes]).toEqual([
      ['01', { fr: 'North', en: 'North' }],
      ['02', { en: 'South' }],
    ]);
  });

  it('puts back the leading zero a spreadsheet dropped, and refuses a code of another state', () => {
    expect(check(counties, '6037').code).toBe('06037');
    expect(check(counties, '04013').problems).toEqual([
      'f.csv:3:7: county "04013" is not a code of this event\'s areas (counties.csv); expected a code such as 06037, 40109',
    ]);
    expect(check(counties, '974').code).toBeUndefined();
  });

  it('reports duplicate codes, empty names, unknown and missing columns at their line', () => {
    const r = parseAreaListText(
      'code,name,state\n06037,Los Angeles County,CA\n06037,LA again,CA\n06059,,CA\n',
      'counties.csv',
      'csv',
    );
    expect(r.problems.map(formatProblem)).toEqual([
      'counties.csv:1:3: unknown column "state"; expected code, name, name_fr, name_en',
      'counties.csv:3:1: area code 06037 is listed twice (first at line 2); each code once',
      'counties.csv:4: area 06059 has no name; expected name, or name_fr and/or name_en',
    ]);
    expect(parseAreaListText('name\nNorth\n', 'a.csv', 'csv').problems.map(formatProblem)[0]).toBe(
      'a.csv:1:1: the code column is missing; expected a header such as code,name or code,name_fr,name_en',
    );
    expect(parseAreaListText('code,name\n', 'a.csv', 'csv').problems.map(formatProblem)).toEqual([
      'a.csv:1:1: the list of areas is empty; expected one code and name a row (code,name)',
    ]);
  });
});

describe('area codes without a list', () => {
  const free: AreaScheme = { field: 'area' };

  it('take one short word, shown as written', () => {
    for (const ok of ['CA', '06037', 'north-east', 'Westminster', 'Île-de-France', 'A.1'])
      expect(check(free, ok).code, ok).toBe(ok);
  });

  it('refuse text that is not a code', () => {
    for (const bad of ['Los Angeles County', 'a'.repeat(33), '-x', '<b>']) {
      expect(check(free, bad).problems[0], bad).toMatch(
        /^f\.csv:3:7: area .* is not an area code; expected one short word/,
      );
    }
  });
});
