#!/usr/bin/env node
// Writes the area lists cci ships (src/data/area-lists/*.json), from maintained sources:
//
//   fr-departements  the French départements (2A and 2B for Corsica), the overseas départements
//                    and regions (971–976) and the overseas collectivities (975, 977, 978,
//                    984, 986–989), from @etalab/decoupage-administratif (data: INSEE's Code
//                    officiel géographique, Licence Ouverte / Etalab 2.0).
//
// Run it after updating that package (npm run build-area-lists); the output is committed.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgFile = require.resolve('@etalab/decoupage-administratif/package.json');
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
const departements = JSON.parse(readFileSync(path.join(path.dirname(pkgFile), 'data', 'departements.json'), 'utf8'));

const codes = departements
  .map((d) => [String(d.code), String(d.nom)])
  .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
for (const [code, name] of codes) {
  if (!/^(?:\d{2}|2[AB]|\d{3})$/.test(code) || name.trim() === '')
    throw new Error(`unexpected département ${code} ${name}`);
}
const list = {
  source: `@etalab/decoupage-administratif ${pkg.version} (INSEE, Code officiel géographique; Licence Ouverte / Etalab 2.0)`,
  label: { fr: 'Département', en: 'Department' },
  codes,
};
const out = path.join(ROOT, 'src', 'data', 'area-lists', 'fr-departements.json');
writeFileSync(
  out,
  `${JSON.stringify(list, null, 0).replace(/\],\[/g, '],\n[').replace('"codes":[[', '"codes":[\n[')}\n`,
);
process.stdout.write(`wrote ${codes.length} codes to ${path.relative(ROOT, out)}\n`);
