// The command line's own messages: the language rule, the `cli` namespace of the catalogues,
// and every key the code asks for.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHAIN_PROBLEM_KEYS } from '../../src/register/chain.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FONT_FAMILIES } from '../../src/commands/doctor.js';
import { formatProblem } from '../../src/errors.js';
import { cliLang, cliLangOf, setCliLang } from '../../src/i18n/cli-lang.js';
import { t, tn } from '../../src/i18n/messages.js';
import type { BrowserKind, BrowserSource } from '../../src/pdf/find-browser.js';
import { catalogueKeys, lookup } from '../../src/i18n/catalogue.js';
import { cliCatalogues as catalogues } from '../../src/i18n/messages.js';
import { printParseErrorCode } from 'jsonc-parser';
import { WRITE_CAUSES } from '../../src/output/write-error.js';
import { READ_CAUSES } from '../../src/output/error-code.js';

const SRC = join(import.meta.dirname, '../../src');

afterEach(() => setCliLang('en'));

describe('the language of messages', () => {
  it('is CCI_LANG when it says fr or en, whatever the locale', () => {
    expect(cliLangOf({ CCI_LANG: 'fr', LANG: 'en_US.UTF-8' })).toBe('fr');
    expect(cliLangOf({ CCI_LANG: 'en', LC_ALL: 'fr_FR.UTF-8' })).toBe('en');
    expect(cliLangOf({ CCI_LANG: 'FR' })).toBe('fr');
    expect(cliLangOf({ CCI_LANG: 'fr_CA.UTF-8' })).toBe('fr');
  });

  it('is French for a POSIX locale starting with fr, LC_ALL first, then LC_MESSAGES, then LANG', () => {
    expect(cliLangOf({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(cliLangOf({ LANG: 'fr_BE' })).toBe('fr');
    expect(cliLangOf({ LC_MESSAGES: 'fr_FR.UTF-8', LANG: 'en_GB.UTF-8' })).toBe('fr');
    expect(cliLangOf({ LC_ALL: 'C', LC_MESSAGES: 'fr_FR.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(cliLangOf({ LC_ALL: 'fr_FR.UTF-8', LANG: 'C' })).toBe('fr');
    expect(cliLangOf({ LC_ALL: '', LANG: 'fr_FR.UTF-8' })).toBe('fr'); // empty is unset
  });

  it('is English otherwise: unset, C, C.UTF-8, POSIX, en_*, or a CCI_LANG it does not speak', () => {
    for (const LANG of [undefined, 'C', 'C.UTF-8', 'POSIX', 'en_US.UTF-8', 'de_DE.UTF-8'])
      expect(cliLangOf({ LANG }), String(LANG)).toBe('en');
    expect(cliLangOf({})).toBe('en');
    expect(cliLangOf({ CCI_LANG: 'de', LANG: 'C.UTF-8' })).toBe('en');
    expect(cliLangOf({ CCI_LANG: 'de', LANG: 'fr_FR.UTF-8' })).toBe('fr'); // not a language of cci: the locale decides
  });

  it('is English until start-up sets it', () => {
    expect(cliLang()).toBe('en');
    expect(t('validate.noProblem', { dir: '/d' })).toBe('/d: no problem found');
    setCliLang('fr');
    expect(t('validate.noProblem', { dir: '/d' })).toBe('/d : aucun problème trouvé');
  });

  it('writes 0 and 1 in the singular, more in the plural, in both languages', () => {
    expect([0, 1, 2].map((n) => tn('validate.problemsFound', n))).toEqual([
      '0 problem found',
      '1 problem found',
      '2 problems found',
    ]);
    setCliLang('fr');
    expect(tn('errors.problemsInData', 3)).toBe('3 problèmes dans les données ; aucun fichier n’a été écrit');
    expect(tn('errors.problemsInData', 1)).toBe('1 problème dans les données ; aucun fichier n’a été écrit');
  });

  it('writes French elisions with the typographic apostrophe (’), never a straight one', () => {
    const straight = catalogueKeys(catalogues.fr).filter((key) =>
      /\p{L}'\p{L}/u.test(lookup(catalogues.fr, key) ?? ''),
    );
    expect(straight).toEqual([]);
  });

  it('writes a problem as file:line:column: message, with the French space before the colon', () => {
    const p = { file: '2024-08-05/incidents.csv', line: 3, column: 2, message: 'm' };
    expect(formatProblem(p)).toBe('2024-08-05/incidents.csv:3:2: m');
    setCliLang('fr');
    // The place keeps the form tools read (file:line:column:), in French too.
    expect(formatProblem(p)).toBe('2024-08-05/incidents.csv:3:2: m');
    expect(formatProblem({ file: 'event.yaml', message: 'm' })).toBe('event.yaml: m');
  });
});

// --- the catalogues --------------------------------------------------------------------------

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .filter((src) => src.includes('i18n/messages.js') || src.includes("from './messages.js'"));
}

const NAMESPACES = Object.keys(catalogues.en);
const cliKeys = (lang: 'fr' | 'en') => catalogueKeys(catalogues[lang]);

/** Every message key the code names: string literals of the cli namespaces, plural keys, and the keys built from a value. */
function usedKeys(): { literal: Set<string>; plural: Set<string>; all: Set<string> } {
  const literal = new Set<string>();
  const plural = new Set<string>();
  for (const src of sources(SRC)) {
    for (const m of src.matchAll(/'([a-zA-Z]+(?:\.[\w-]+)*)'/g)) {
      const key = m[1]!;
      if (NAMESPACES.includes(key.split('.')[0]!) && (key.includes('.') || lookup(catalogues.en, key) !== undefined))
        literal.add(key);
    }
    for (const m of src.matchAll(/\btn\(\s*'([^']+)'/g)) plural.add(m[1]!);
  }
  // the lines of `npm run setup`, said by scripts/setup-say.mjs from the same catalogues
  for (const m of readFileSync(join(SRC, '..', 'scripts', 'setup.sh'), 'utf8').matchAll(/\b(setup\.(?!sh\b)\w+)\b/g))
    literal.add(m[1]!);
  // every value of the types (the compiler checks that none is missing)
  const sourcesOfBrowsers = Object.keys({
    option: 1,
    env: 1,
    system: 1,
    path: 1,
    'puppeteer-cache': 1,
  } satisfies Record<BrowserSource, 1>);
  const kindsOfBrowsers = Object.keys({ 'headless-shell': 1, chrome: 1 } satisfies Record<BrowserKind, 1>);
  const built = [
    ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((c) => `help.exit${c}`),
    ...CHAIN_PROBLEM_KEYS.map((k) => `register.chain.${k}`),
    ...FONT_FAMILIES.map((f) => `doctor.fontFor.${f.for}`),
    ...sourcesOfBrowsers.map((s) => `doctor.browserWhy.${s}`),
    ...kindsOfBrowsers.map((k) => `doctor.browserKind.${k}`),
    // Every error jsonc-parser can report in a geometry file (its codes are 1 to 16).
    ...Array.from({ length: 16 }, (_, i) => `data.geometry.json.${printParseErrorCode(i + 1)}`),
    ...WRITE_CAUSES.map((c) => `write.cause.${c}`),
    ...READ_CAUSES.map((c) => `fs.cause.${c}`),
  ];
  const all = new Set([...literal].filter((k) => !plural.has(k)));
  for (const k of plural) all.add(`${k}.one`).add(`${k}.other`);
  for (const k of built) all.add(k);
  return { literal, plural, all };
}

describe('the command line catalogues (src/i18n/cli/)', () => {
  it('have the same keys in French and English, and many of them', () => {
    expect(cliKeys('fr')).toEqual(cliKeys('en'));
    expect(cliKeys('fr').length).toBeGreaterThan(250);
  });

  it('give the same placeholders in both languages', () => {
    const names = (s: string | undefined) => [...(s ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of cliKeys('en')) {
      expect(names(lookup(catalogues.fr, key)), key).toEqual(names(lookup(catalogues.en, key)));
    }
  });

  it('hold every key the code asks for, and no key it never asks for', () => {
    const { all } = usedKeys();
    const known = new Set(cliKeys('en'));
    expect(
      [...all].filter((k) => !known.has(k)),
      'keys missing from the catalogues',
    ).toEqual([]);
    expect(
      [...known].filter((k) => !all.has(k)),
      'keys no code uses',
    ).toEqual([]);
  });

  it('no message is empty', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const key of catalogueKeys(catalogues[lang]))
        expect(lookup(catalogues[lang], key)?.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('write French for French readers', () => {
    const fr = (key: string) => lookup(catalogues.fr, key);
    expect(fr('errors.problemsInData.other')).toBe('{n} problèmes dans les données ; aucun fichier n’a été écrit');
    expect(fr('problem')).toBe('{where}: {message}');
    expect(fr('help.exitStatus')).toBe('Codes de sortie :');
  });
});

describe('the command line catalogues of any event', () => {
  it('name no host country, games or French institution: the event says those (SPÉCIAL FRANCE is a marking, Europe/Paris an example of a zone)', () => {
    for (const lang of ['fr', 'en'] as const) {
      const found = catalogueKeys(catalogues[lang])
        .map((key) => [key, String(lookup(catalogues[lang], key))] as const)
        .filter(([, text]) =>
          /\b(French|France|français\w*|Jeux|Games|Olympi\w*|Vigipirate|préfecture|gendarmerie nationale)\b/i.test(
            text.replace(
              /SPÉCIAL FRANCE|Spécial France|special_france|Europe\/Paris|en français et en anglais|in French and English/g,
              '',
            ),
          ),
        );
      expect(found, lang).toEqual([]);
    }
  });
});

describe('a place in a message', () => {
  it('never carries a control, line-break or bidi character, whatever parameter names it, and is written once escaped', () => {
    const hostile = '/srv/o\nok    FAKE line\u001b[2J\u202e';
    const said = [
      t('config.stateInOut', { state: hostile, out: hostile }),
      t('schedule.logInOut', { log: hostile, out: hostile }),
      t('write.failed', { path: hostile, cause: 'x' }),
      t('issue.wouldReplace', { files: `${hostile}; ${hostile}` }),
      t('problem', { where: hostile, message: 'm' }),
    ];
    for (const s of said) {
      // eslint-disable-next-line no-control-regex
      expect(s).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
      expect(s).toContain('/srv/o\\u000aok    FAKE line\\u001b[2J\\u202e');
      expect(s).not.toContain('\\\\u000a'); // not escaped twice
    }
  });
});

describe('formatMiB', () => {
  it('writes a size as each language does: 1.5 MiB, 1,5 Mio, one decimal under 10', async () => {
    const { formatMiB } = await import('../../src/i18n/units.js');
    expect(formatMiB(1.5 * 1024 * 1024, 'en')).toBe('1.5 MiB');
    expect(formatMiB(1.5 * 1024 * 1024, 'fr')).toBe('1,5 Mio');
    expect(formatMiB(33 * 1024 * 1024, 'fr')).toBe('33 Mio');
    expect(formatMiB(10, 'en')).toBe('0.0 MiB');
  });
});
