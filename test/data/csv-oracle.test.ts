// cci reads CSV with its own single-pass tokenizer (csv-parse was several times slower on a
// full event: see docs/performance.md). This holds it to csv-parse, the reference, on any
// table people could write: quotes, doubled quotes, delimiters and line ends inside values,
// comma or semicolon, LF or CRLF, accents.

import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/index.js';

const cellChars = fc.constantFrom('a', 'b', 'é', 'œ', '€', ' ', ',', ';', '"', '\n', '\r\n', '1', '2', '’', '|');
const cell = fc.array(cellChars, { maxLength: 8 }).map((cs) => cs.join('').trim());
const table = fc
  .record({
    columns: fc.integer({ min: 2, max: 5 }), // the delimiter is detected from the header line
    delimiter: fc.constantFrom(',', ';'),
    eol: fc.constantFrom('\n', '\r\n'),
  })
  .chain(({ columns, delimiter, eol }) =>
    fc.record({
      delimiter: fc.constant(delimiter),
      eol: fc.constant(eol),
      header: fc.constant(Array.from({ length: columns }, (_, i) => `field_${i}`)),
      rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 6 }),
    }),
  );

function quote(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

describe('the CSV tokenizer', () => {
  it('reads every table exactly as csv-parse does', () => {
    fc.assert(
      fc.property(table, ({ delimiter, eol, header, rows }) => {
        const text = [header, ...rows].map((r) => r.map((v) => quote(v, delimiter)).join(delimiter)).join(eol) + eol;
        const reference = (
          parse(text, { delimiter, columns: true, skip_empty_lines: true, relax_quotes: false }) as Record<
            string,
            string
          >[]
        )
          // cci trims values, leaves empty ones out and writes line ends inside values as \n.
          .map((r) =>
            Object.fromEntries(
              Object.entries(r)
                .map(([k, v]) => [k, v.trim().replace(/\r\n?/g, '\n')])
                .filter(([, v]) => v !== ''),
            ),
          )
          .filter((r) => Object.keys(r).length > 0);
        const ours = parseCsv(text, 'f.csv');
        expect(ours.problems).toEqual([]);
        const got = ours.records.map((r) =>
          Object.fromEntries([...r.fields].map(([k, f]) => [k, f.kind === 'text' ? f.text : f.kind])),
        );
        expect(got).toEqual(reference);
      }),
      { numRuns: 3000 },
    );
  });
});
