// The lines of `npm run setup` come from cci's command-line catalogues, in the language cci
// itself would speak (scripts/setup-messages.mjs reads them before cci is built).

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cliLangOf } from '../../src/i18n/cli-lang.js';
// @ts-expect-error: a plain JavaScript module of the set-up, without declarations
import { setupLangOf, setupMessage } from '../../scripts/setup-messages.mjs';

const SAY = path.resolve(import.meta.dirname, '../../scripts/setup-say.mjs');
const langOf = setupLangOf as (env: Record<string, string | undefined>) => 'fr' | 'en';
const message = setupMessage as (lang: string, key: string, params: Record<string, string>) => string | undefined;

describe('the set-up’s messages (scripts/setup-messages.mjs)', () => {
  it('choose the language by the rule of cci’s own messages (src/i18n/cli-lang.ts), for any environment', () => {
    const value = fc.oneof(
      fc.constantFrom(
        undefined,
        '',
        'fr',
        'FR',
        ' fr ',
        'en',
        'de',
        'C',
        'C.UTF-8',
        'POSIX',
        'fr_FR.UTF-8',
        'en_GB',
        'fr_BE',
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.record({ CCI_LANG: value, LC_ALL: value, LC_MESSAGES: value, LANG: value }), (env) => {
        expect(langOf(env)).toBe(cliLangOf(env));
      }),
      { numRuns: 500 },
    );
  });

  it('put the values in, with their control, line-break and bidi characters escaped', () => {
    expect(message('en', 'setup.downloading', { folder: '/home/x\n* evil\u202e' })).toBe(
      "downloading Google's chrome-headless-shell into /home/x\\u000a* evil\\u202e (needs the internet)",
    );
    expect(message('fr', 'setup.dryRun', {})).toBe('essai à blanc : rien n’a été changé');
    expect(message('en', 'setup.noSuchKey', {})).toBeUndefined();
  });

  it('are said by scripts/setup-say.mjs as lines of the set-up, and an unknown key is exit 2', () => {
    const say = (args: string[], env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [SAY, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
    expect(say(['--line', 'setup.packagesMissing', 'packages=a b'], { LANG: 'fr_FR.UTF-8' }).stdout).toBe(
      'setup: paquets du système manquants : a b\n',
    );
    expect(say(['setup.runAgain'], { LANG: 'C.UTF-8' }).stdout).toBe('then run npm run setup again.\n');
    const unknown = say(['setup.nothing'], {});
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no message setup.nothing');
  });
});
