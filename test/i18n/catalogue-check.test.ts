import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setCliLang } from '../../src/i18n/cli-lang.js';
import { catalogueProblems, catalogueShape, type CatalogueFile } from '../../src/i18n/catalogue-check.js';
import { cataloguesDigest } from '../../src/i18n/document-messages.js';
import { templatesDir } from '../../src/package-files.js';

afterEach(() => setCliLang('en'));

const shipped = (lang: 'fr' | 'en'): string => readFileSync(join(templatesDir(), 'i18n', `${lang}.json`), 'utf8');
const SHAPE = catalogueShape(JSON.parse(shipped('en')));
const files = (fr: string, en: string): CatalogueFile[] => [
  { lang: 'fr', path: '/t/i18n/fr.json', text: fr },
  { lang: 'en', path: '/t/i18n/en.json', text: en },
];
/** The shipped text with one message changed (its line kept where it was). */
const edit = (text: string, from: string, to: string): string => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe('catalogueProblems', () => {
  it('finds nothing in the catalogues cci ships, checked against their shape or against each other', () => {
    expect(catalogueProblems(files(shipped('fr'), shipped('en')), SHAPE).problems).toEqual([]);
    expect(catalogueProblems(files(shipped('fr'), shipped('en')), undefined).problems).toEqual([]);
  });

  it('says every problem of both files at its line and column, in the order of the files', () => {
    const fr = edit(shipped('fr'), '"window": "Période couverte",', '"window": "Période {from}",');
    let en = edit(shipped('en'), '"serialLabel": "Event day",\n', '');
    en = edit(en, '"date": "Date",', '"date": "Date {oops}",');
    en = edit(en, '"time": "Briefing time",', '"time": 3,');
    const line = (text: string, s: string) => text.slice(0, text.indexOf(s)).split('\n').length;
    const { problems, catalogues } = catalogueProblems(files(fr, en), SHAPE);
    expect(catalogues).toBeUndefined();
    expect(problems).toEqual([
      `/t/i18n/fr.json:${line(fr, '"window"')}:15: the message “title.window” has {from}, which cci gives it no value for: it may use no placeholder at all`,
      `/t/i18n/en.json:${line(en, '"title"')}:12: the documents' catalogue has no message “title.serialLabel”, which the documents use: put it back (copy it from the catalogue cci ships, in templates/i18n/)`,
      `/t/i18n/en.json:${line(en, '"date"')}:13: the message “title.date” has {oops}, which cci gives it no value for: it may use no placeholder at all`,
      `/t/i18n/en.json:${line(en, '"time"')}:13: a message of the documents' catalogue must be a text in double quotes (or a group of messages in braces)`,
    ]);
  });

  it('says where JSON breaks, in words, and in French too', () => {
    const en = edit(shipped('en'), '"serialLabel": "Event day",', '"serialLabel": "Event day"');
    const at = en.slice(0, en.indexOf('"serialLabel"')).split('\n').length + 1;
    expect(catalogueProblems(files(shipped('fr'), en), SHAPE).problems).toEqual([
      `/t/i18n/en.json:${at}:5: the documents' catalogue is not valid JSON: expected a comma (,) between two values`,
    ]);
    setCliLang('fr');
    expect(catalogueProblems(files(shipped('fr'), en), SHAPE).problems).toEqual([
      `/t/i18n/en.json:${at}:5 : le catalogue des documents n’est pas du JSON valide : attendu une virgule (,) entre deux valeurs`,
    ]);
  });

  it('lets an analyst reword a message, or leave a value out of it', () => {
    const en = edit(shipped('en'), '"serialLabel": "Event day",', '"serialLabel": "Day of the Games",');
    const fr = edit(shipped('fr'), '"nextAt": "{title}, {when}",', '"nextAt": "{when}",');
    const { problems, catalogues } = catalogueProblems(files(fr, en), SHAPE);
    expect(problems).toEqual([]);
    expect(catalogues?.en.title).toMatchObject({ serialLabel: 'Day of the Games' });
  });

  it('without the shipped shape, checks each language against the other', () => {
    const en = edit(shipped('en'), '"serialLabel": "Event day",', '"serialLabel": "Event day {n}",');
    const fr = edit(shipped('fr'), '"briefing": "Briefing",\n', '');
    expect(catalogueProblems(files(fr, en), undefined).problems).toEqual([
      expect.stringMatching(/^\/t\/i18n\/fr\.json:\d+:\d+: the documents' catalogue has no message “title\.briefing”/),
      expect.stringMatching(
        /^\/t\/i18n\/en\.json:\d+:\d+: the message “title\.serialLabel” has \{n\}, which cci gives it no value for/,
      ),
    ]);
  });
});

describe('the catalogues the build recorded (npm run build)', () => {
  it('are those of templates/i18n/ as they are now', () => {
    const recorded = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../dist/i18n/document-catalogues.json'), 'utf8'),
    ) as {
      digest: string;
      shape: Record<string, string[]>;
    };
    expect(recorded.digest).toBe(cataloguesDigest(shipped('fr'), shipped('en')));
    expect(recorded.shape).toEqual(SHAPE);
  });
});
