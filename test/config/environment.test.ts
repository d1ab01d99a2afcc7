import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { briefConfig, briefFlags } from '../../src/config/brief-config.js';
import { readEnvironment } from '../../src/config/environment.js';
import { UsageError } from '../../src/errors.js';
import { event } from '../helpers/dataset.js';

describe('the environment', () => {
  it("is read once into values: language of messages, SMTP server, cache folder, the browser's variables", () => {
    const env = readEnvironment({
      CCI_LANG: 'fr',
      CCI_SMTP_URL: 'smtp://h:25',
      CCI_CACHE_DIR: '/c',
      CCI_BROWSER: '/b',
      PATH: '/usr/bin',
      CCI_STATE_DIR: '/s',
      USER: 'alice',
    });
    expect(env).toEqual({
      cliLang: 'fr',
      smtpUrl: 'smtp://h:25',
      cacheDir: '/c',
      browserEnv: {
        CCI_LANG: 'fr',
        CCI_SMTP_URL: 'smtp://h:25',
        CCI_CACHE_DIR: '/c',
        CCI_BROWSER: '/b',
        PATH: '/usr/bin',
        CCI_STATE_DIR: '/s',
        USER: 'alice',
        HOME: userInfo().homedir, // none in the variables: the account's
      },
      state: { dir: '/s' },
      userName: 'alice',
    });
    expect(readEnvironment({ CCI_SMTP_URL: '', XDG_CACHE_HOME: '/x' })).toMatchObject({
      cliLang: 'en',
      smtpUrl: undefined,
      cacheDir: '/x/cci',
    });
    expect(readEnvironment({ XDG_STATE_HOME: '/st' }).state).toEqual({ base: '/st/cci' });
    expect(readEnvironment({ HOME: '/home/duty' }).state).toEqual({ base: '/home/duty/.local/state/cci' });
  });
});

describe('who runs cci (the default of --by)', () => {
  const account = (name: () => string, uid: number | undefined) => ({ userName: name, uid: () => uid });
  const named = account(() => 'svc-cci', 1001);

  it('is USER, else LOGNAME, before the account', () => {
    expect(readEnvironment({ USER: 'alice', LOGNAME: 'bob' }, named).userName).toBe('alice');
    expect(readEnvironment({ USER: '', LOGNAME: 'bob' }, named).userName).toBe('bob');
  });

  it("is the account's name when neither is set (a container, a systemd unit), else its uid, never unknown when a uid exists", () => {
    expect(readEnvironment({}, named).userName).toBe('svc-cci');
    expect(readEnvironment({ USER: '', LOGNAME: '' }, named).userName).toBe('svc-cci');
    const noPasswd = account(() => {
      throw new Error('ENOENT: no such file or directory, uv_os_get_passwd');
    }, 4242);
    expect(readEnvironment({}, noPasswd).userName).toBe('uid 4242');
    expect(
      readEnvironment(
        {},
        account(() => ' ', 0),
      ).userName,
    ).toBe('uid 0');
    expect(
      readEnvironment(
        {},
        account(() => '', undefined),
      ).userName,
    ).toBeUndefined();
  });

  it("is this process's account by default", () => {
    expect(readEnvironment({}).userName).toBe(userInfo().username);
  });
});

describe('the run configuration of cci brief', () => {
  const env = readEnvironment({ CCI_CACHE_DIR: '/cache', CCI_SMTP_URL: 'smtp://h:25' });

  it('resolves the folders against the working folder and the flags before anything is read', () => {
    const flags = briefFlags({ division: 'securite', lang: 'en,fr', format: 'json' }, '/work', env);
    expect(flags).toMatchObject({
      dataDir: '/work/data',
      outDir: '/work/out',
      formats: ['json'],
      langs: ['en', 'fr'],
      draft: false,
      email: false,
      cacheDir: '/cache',
      smtpUrl: 'smtp://h:25',
      audienceText: 'partners',
    });
    expect(briefFlags({ division: 'x', cache: false }, '/w', env).cacheDir).toBeUndefined();
  });

  it('refuses --email with --draft, and --email without pdf', () => {
    expect(() => briefFlags({ division: 'x', email: true, draft: true }, '/w', env)).toThrow(UsageError);
    expect(() => briefFlags({ division: 'x', email: true, format: 'html' }, '/w', env)).toThrow(/add pdf to --format/);
  });

  it('reads the divisions, the date and the audiences against the event', () => {
    const flags = briefFlags({ division: 'all', audience: 'national,country:de' }, '/w', env);
    const config = briefConfig(flags, event(), new Date('2024-08-05T20:00:00Z'));
    expect(config.divisions).toEqual(['renseignement', 'securite']);
    expect(config.date).toBe('2024-08-05');
    expect(config.audiences).toEqual([{ kind: 'national' }, { kind: 'country', country: 'DEU' }]);
  });
  it("gives the browser's variables the account's home when HOME is unset, so puppeteer's cache is looked in", () => {
    const account = { userName: () => 'duty', uid: () => 1000, home: () => '/home/duty' };
    expect(readEnvironment({ PATH: '/usr/bin' }, account).browserEnv).toEqual({ PATH: '/usr/bin', HOME: '/home/duty' });
    expect(readEnvironment({ HOME: '/srv/cci' }, account).browserEnv.HOME).toBe('/srv/cci');
    expect(readEnvironment({}, { ...account, home: () => '/' }).browserEnv.HOME).toBeUndefined();
    expect(readEnvironment({}, { ...account, home: () => undefined }).browserEnv.HOME).toBeUndefined();
  });
});
