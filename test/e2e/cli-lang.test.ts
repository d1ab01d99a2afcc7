// The language of the command line's messages, run as a user would: CCI_LANG, else the POSIX
// locale. Documents keep their own language (--lang), whatever the messages speak.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cci, ROOT, tempDir } from './helpers.js';

const BAD = join(ROOT, 'fixtures', 'bad-fields');
/** No CCI_LANG and no locale from this machine: only what a test sets. */
const NO_LANG = { CCI_LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: undefined };
const location = (line: string) => /^([^:]+(?::\d+){0,2})/.exec(line)?.[1];

describe('messages in French (CCI_LANG=fr)', () => {
  it('explains a usage error in French, with the same exit status', async () => {
    const r = await cci(['brief', '--division', 'securite', '--format', 'docx'], { env: { CCI_LANG: 'fr' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      '--format "docx" est inconnu ; attendu : html, pdf, json, stix ou csv, séparés par des virgules (par ex. html,pdf)',
    );
  });

  it('lists the data problems in French at the same file:line:column as in English', async () => {
    const [fr, en] = await Promise.all([
      cci(['validate', '--data', BAD], { env: { CCI_LANG: 'fr' } }),
      cci(['validate', '--data', BAD]),
    ]);
    expect(fr.code).toBe(3);
    const lines = fr.stdout.trim().split('\n');
    const english = en.stdout.trim().split('\n');
    expect(lines.length).toBe(english.length);
    expect(lines.map(location)).toEqual(english.map(location));
    for (const line of lines) expect(line).toMatch(/^[^:]+:\d+(:\d+)?: \S/);
    expect(lines).toContain(
      '2024-08-05/deployments.csv:4:1: date "2024-13-01" n’est pas une date réelle : le mois 13 n’existe pas',
    );
    expect(lines).toContain(
      '2024-08-05/incidents.csv:2:4: severity "hgih" : valeur inconnue ; valeurs attendues : low, medium, high, critical ; vouliez-vous dire "high" ?',
    );
    expect(fr.stdout).not.toMatch(/expected|is not|missing/);
    expect(fr.stderr.trim()).toBe(`${lines.length} problèmes trouvés`);
  });

  it('says in French that nothing was written when cci brief meets bad data', async () => {
    const out = await tempDir();
    const r = await cci(
      ['brief', '--division', 'securite', '--date', '2024-08-05', '--data', BAD, '--out', out, '--format', 'html'],
      { env: { CCI_LANG: 'fr' } },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^\d+ problèmes dans les données ; aucun fichier n’a été écrit$/m);
    expect(r.stderr).toMatch(
      /^2024-08-05\/incidents\.csv:17: id manque ; ce champ est obligatoire \(par ex\. id: INC-0001\)$/m,
    );
  });

  it('reports cci doctor in French', async () => {
    const r = await cci(['doctor', '--data', join(ROOT, 'data')], {
      env: { CCI_LANG: 'fr', CCI_BROWSER: '/nonexistent/chrome', CCI_SMTP_URL: undefined },
    });
    expect(r.code).toBe(5);
    expect(r.stdout).toMatch(
      /^ÉCHEC +navigateur : CCI_BROWSER=\/nonexistent\/chrome ne désigne pas un fichier exécutable\./m,
    );
    expect(r.stdout).toMatch(
      /^\S+ +dossier de données : .*paris-2024, Europe\/Paris, 49 jours, du 2024-07-22 au 2024-09-08$/m,
    );
    expect(r.stdout).toMatch(/^\S+ +validité des données : aucun problème trouvé$/m);
    expect(r.stdout).toMatch(/^attention +courriel : CCI_SMTP_URL n’est pas défini/m);
    expect(r.stderr.trim()).toBe('cci ne peut pas fonctionner entièrement ici : navigateur');
  });

  it('describes the commands and exit statuses in French in --help', async () => {
    const r = await cci(['--help'], { env: { CCI_LANG: 'fr' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Codes de sortie :');
    expect(r.stdout).toMatch(/7 +une autre exécution écrit ou diffuse déjà le même briefing/);
    expect(r.stdout).toMatch(/8 +le briefing a déjà été diffusé et son contenu a changé/);
    expect(r.stdout).toMatch(/validate \[options\] +vérifie chaque fichier/);
  });

  it('leaves the documents in their own language: the same bytes whatever the messages speak', async () => {
    const [outFr, outEn] = await Promise.all([tempDir(), tempDir()]);
    const args = (out: string) => [
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      join(ROOT, 'fixtures', 'e2e'),
      '--out',
      out,
      '--format',
      'html,json',
      '--lang',
      'en',
    ];
    const [fr, en] = await Promise.all([cci(args(outFr), { env: { CCI_LANG: 'fr' } }), cci(args(outEn))]);
    expect([fr.code, en.code]).toEqual([0, 0]);
    expect(fr.stderr).toMatch(/1 enregistrement TLP:RED retenu : RED n’est jamais écrit dans un fichier/);
    expect(en.stderr).toMatch(/held back 1 TLP:RED record: RED is never written to a file/);
    for (const ext of ['html', 'json']) {
      const name = `cci-2024-08-05-securite-partners-en.${ext}`;
      expect(await readFile(join(outFr, name), 'utf8')).toBe(await readFile(join(outEn, name), 'utf8'));
    }
  });
});

describe('the language from the POSIX locale, without CCI_LANG', () => {
  it('speaks French with LANG=fr_FR.UTF-8', async () => {
    const r = await cci(['validate', '--data', BAD], { env: { ...NO_LANG, LANG: 'fr_FR.UTF-8' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^\d+ problèmes trouvés$/m);
  });

  it('speaks English with LANG=C.UTF-8, and when LC_ALL=C overrides a French LANG', async () => {
    for (const env of [
      { ...NO_LANG, LANG: 'C.UTF-8' },
      { ...NO_LANG, LC_ALL: 'C', LANG: 'fr_FR.UTF-8' },
    ]) {
      const r = await cci(['validate', '--data', BAD], { env });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^\d+ problems found$/m);
      expect(r.stdout).toMatch(
        /^2024-08-05\/deployments\.csv:4:1: date "2024-13-01" is not a real date: month 13 does not exist$/m,
      );
    }
  });

  it('lets CCI_LANG=en win over a French locale', async () => {
    const r = await cci(['brief', '--division', 'securite', '--format', 'docx'], {
      env: { ...NO_LANG, CCI_LANG: 'en', LANG: 'fr_FR.UTF-8' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      '--format "docx" is not known; expected html, pdf, json, stix or csv, comma-separated (e.g. html,pdf)',
    );
  });
});
