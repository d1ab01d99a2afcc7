import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../src/data/index.js';

const cells = (text: string) =>
  parseCsv(text, 'f.csv').records.map((r) =>
    Object.fromEntries([...r.fields].map(([k, f]) => [k, f.kind === 'text' ? f.text : f.kind])),
  );

describe('parseCsv', () => {
  it('detects a semicolon delimiter from the header line', () => {
    expect(detectDelimiter('id;time;summary_fr')).toBe(';');
    expect(detectDelimiter('id,time,"a;b;c"')).toBe(',');
    expect(detectDelimiter('id\ttime\tcount')).toBe('\t');
    expect(cells('id;count\nA;1 234\n')).toEqual([{ id: 'A', count: '1 234' }]);
  });

  it('reads CRLF line ends and gives each record the line it starts on', () => {
    const r = parseCsv('id,summary_fr\r\nA,un\r\n\r\nB,"deux\r\nlignes"\r\nC,trois\r\n', 'f.csv');
    expect(r.problems).toEqual([]);
    expect(
      r.records.map((x) => [x.line, x.fields.get('summary_fr')?.kind === 'text' && x.fields.get('summary_fr')]),
    ).toMatchObject([
      [2, { text: 'un' }],
      [4, { text: 'deux\nlignes' }],
      [6, { text: 'trois' }],
    ]);
  });

  it('strips a BOM left in the text, trims values and leaves empty cells out', () => {
    expect(cells('\ufeff id , commune ,summary_fr\n A ,  , "  Vol  " \n')).toEqual([{ id: 'A', summary_fr: 'Vol' }]);
  });

  it('unescapes doubled quotes and keeps delimiters inside quoted values', () => {
    expect(cells('id;summary_fr\nA;"Il a dit ""stop""; puis est parti"\n')).toEqual([
      { id: 'A', summary_fr: 'Il a dit "stop"; puis est parti' },
    ]);
  });

  it('keeps a quote inside an unquoted value as written', () => {
    expect(cells('id,commune\nA,Stade "Pierre Mauroy"\n')).toEqual([{ id: 'A', commune: 'Stade "Pierre Mauroy"' }]);
  });

  it('honours an Excel sep= first line', () => {
    const r = parseCsv('sep=;\nid;count\nA;3\n', 'f.csv');
    expect(r.delimiter).toBe(';');
    expect(r.headerLine).toBe(2);
    expect(r.records[0]?.line).toBe(3);
  });

  it('skips rows of empty cells as spreadsheets write them', () => {
    expect(cells('id;count\n;;\nA;1\n;\n')).toEqual([{ id: 'A', count: '1' }]);
  });

  it('reports an unclosed quote at the line where the quoted value starts', () => {
    const r = parseCsv('id,summary_fr\nA,ok\nB,"never closed\nC,lost\n', 'f.csv');
    expect(r.records).toHaveLength(1);
    expect(r.problems).toMatchObject([{ file: 'f.csv', line: 3, message: expect.stringContaining('closing quote') }]);
  });

  it('reports values in columns the header does not name, and duplicated header columns', () => {
    const r = parseCsv('id,id,count\nA,B,1,extra\n', 'f.csv');
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([
      [1, 2],
      [2, 4],
    ]);
    expect(r.problems[1]?.message).toContain('check the commas');
  });

  it('keeps field names lower-cased and as plain map keys, so __proto__ is just a name', () => {
    const r = parseCsv('ID,__proto__\nA,x\n', 'f.csv');
    expect([...r.records[0]!.fields.keys()]).toEqual(['id', '__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('the fields of a CSV row', () => {
  // the rule as a Map filled column by column: empty cells left out, the first non-empty cell of
  // a name written twice kept, columns without a name left out
  const reference = (header: string[], cells: string[]) => {
    const m = new Map<string, string>();
    cells.forEach((c, j) => {
      const name = header[j];
      if (c !== '' && name !== undefined && name !== '' && !m.has(name)) m.set(name, c);
    });
    return m;
  };

  it('are read like the Map of the rule, in the same order, whatever the header', () => {
    const name = fc.constantFrom('id', 'time', 'tlp', 'x', '', '__proto__', 'constructor');
    const cell = fc.constantFrom('', 'a', 'b c', '1');
    fc.assert(
      fc.property(
        fc
          .uniqueArray(name, { minLength: 1, maxLength: 5 })
          .chain((h) =>
            fc.tuple(
              fc.oneof(fc.constant(h), fc.constant([...h, h[0]!])),
              fc.array(fc.array(cell, { minLength: 1, maxLength: h.length + 2 }), { maxLength: 6 }),
            ),
          ),
        ([header, rows]) => {
          // a header naming no column is not a header: one named cell first
          const head = ['first', ...header];
          const text = [head, ...rows.map((r) => ['v', ...r])].map((r) => r.join(';')).join('\n');
          const got = parseCsv(text, 'f.csv').records;
          const want = rows.map((r) => reference(head, ['v', ...r]));
          expect(got.map((r) => [...r.fields].map(([k, f]) => [k, f.kind === 'text' && f.text]))).toEqual(
            want.map((m) => [...m]),
          );
          got.forEach((r, i) => {
            expect([...r.fields.keys()]).toEqual([...want[i]!.keys()]);
            expect(r.fields.size).toBe(want[i]!.size);
            for (const n of ['first', 'id', 'time', 'tlp', 'x', '', '__proto__', 'constructor', 'toString']) {
              expect(r.fields.has(n)).toBe(want[i]!.has(n));
              const f = r.fields.get(n);
              expect(f?.kind === 'text' ? f.text : undefined).toBe(want[i]!.get(n));
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
