import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AGENDA_KINDS,
  FORCES,
  INCIDENT_CATEGORIES,
  LEVELS,
  RISKS,
  SEVERITIES,
  THEMES,
  TLP_ORDER,
} from '../../src/model/types.js';
import { catalogueKeys, lookup } from '../../src/i18n/catalogue.js';
import { catalogues, loadCatalogue } from '../../src/i18n/document-messages.js';
import { templatesDir } from '../../src/package-files.js';

function templateSources(): { file: string; src: string }[] {
  const dir = templatesDir();
  const files = ['briefing.hbs', ...readdirSync(join(dir, 'partials')).map((f) => join('partials', f))];
  return files.filter((f) => f.endsWith('.hbs')).map((file) => ({ file, src: readFileSync(join(dir, file), 'utf8') }));
}

describe('message catalogues', () => {
  it('the French and English catalogues have exactly the same keys', () => {
    expect(catalogueKeys(loadCatalogue('en'))).toEqual(catalogueKeys(loadCatalogue('fr')));
    expect(catalogueKeys(catalogues.fr).length).toBeGreaterThan(100);
  });

  it('compares nested namespaces leaf by leaf, and holds none of the command line messages (src/i18n/cli/)', () => {
    const keys = catalogueKeys(catalogues.en);
    expect(keys).toContain('enums.force.police');
    expect(keys).toContain('email.figures.forces');
    expect(keys.filter((k) => k.startsWith('cli.'))).toEqual([]);
  });

  it('writes French elisions with the typographic apostrophe (’), never a straight one', () => {
    const straight = catalogueKeys(catalogues.fr).filter((key) =>
      /\p{L}'\p{L}/u.test(lookup(catalogues.fr, key) ?? ''),
    );
    expect(straight).toEqual([]);
  });

  it('a message has the same placeholders in both languages', () => {
    for (const key of catalogueKeys(catalogues.fr)) {
      const names = (s: string | undefined) => [...(s ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(lookup(catalogues.en, key)), key).toEqual(names(lookup(catalogues.fr, key)));
    }
  });

  it('no message is empty', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const key of catalogueKeys(catalogues[lang]))
        expect(lookup(catalogues[lang], key)?.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('every message key used in the templates exists in both catalogues', () => {
    const used = new Set<string>();
    for (const { src } of templateSources()) {
      for (const m of src.matchAll(/\{\{t1? "([^"]+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(40);
    for (const key of used) {
      expect(lookup(catalogues.fr, key), `fr ${key}`).toBeTypeOf('string');
      expect(lookup(catalogues.en, key), `en ${key}`).toBeTypeOf('string');
    }
  });

  it('every enum prefix used with enumLabel in the templates exists', () => {
    const prefixes = new Set<string>();
    for (const { src } of templateSources()) for (const m of src.matchAll(/enumLabel "([^"]+)"/g)) prefixes.add(m[1]!);
    for (const p of prefixes) expect(typeof loadCatalogue('fr')[p.split('.')[0]!], p).toBe('object');
  });

  it('every code of the data model has a label in both languages', () => {
    const enums: Record<string, readonly string[]> = {
      'enums.severity': SEVERITIES,
      'enums.force': FORCES,
      'enums.category': INCIDENT_CATEGORIES,
      'enums.theme': THEMES,
      'enums.level': LEVELS,
      'enums.agendaKind': AGENDA_KINDS,
      'enums.risk': RISKS,
      'enums.tlp': TLP_ORDER,
      figures: ['incidents', 'gamesImpact', 'arrests', 'custody', 'forces'],
      audience: ['partners', 'national'],
    };
    for (const [prefix, values] of Object.entries(enums)) {
      for (const v of values) {
        for (const lang of ['fr', 'en'] as const)
          expect(lookup(catalogues[lang], `${prefix}.${v}`), `${lang} ${prefix}.${v}`).toBeTypeOf('string');
      }
    }
  });

  it('the empty-section and pending messages read as the officers expect', () => {
    expect(lookup(catalogues.fr, 'common.nothingToReport')).toBe('RAS – rien à signaler');
    expect(lookup(catalogues.en, 'common.translationPending')).toBe('translation pending');
    expect(lookup(catalogues.fr, 'common.translationPending')).toBe('traduction en attente');
  });

  it('the templates never write unescaped output', () => {
    for (const { file, src } of templateSources()) {
      expect(src, file).not.toMatch(/\{\{\{|\{\{&/);
      expect(src, file).not.toMatch(/\{\{>\s*\(/); // no dynamic partial
    }
  });
});
