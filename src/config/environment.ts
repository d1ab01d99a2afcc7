// The environment variables cci reads, read once at start-up into values. Nothing below the
// command line reads process.env: the values (or, for the browser, the variables it finds a
// browser with and runs with) are passed down.

import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import { defaultCacheDir } from '../data/tally-cache.js';
import { cliLangOf } from '../i18n/cli-lang.js';
import type { Lang } from '../i18n/lang.js';

export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

export interface Environment {
  /** The language of messages: CCI_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG). */
  cliLang: Lang;
  /** CCI_SMTP_URL: the SMTP server of `--email` (secret: never printed as it is). */
  smtpUrl: string | undefined;
  /** The tally cache folder: CCI_CACHE_DIR, else $XDG_CACHE_HOME/cci, else ~/.cache/cci. */
  cacheDir: string | undefined;
  /**
   * The folder of the scheduled runs' log (`cci schedule`): CCI_LOG_DIR, else
   * $XDG_STATE_HOME/cci/log, else $HOME/.local/state/cci/log; undefined without any of them.
   */
  logDir: string | undefined;
  /**
   * The variables the browser is found with (CCI_BROWSER, PUPPETEER_EXECUTABLE_PATH,
   * CHROME_PATH, HOME, PATH...) and runs with (CCI_NO_SANDBOX, the rest of the environment).
   */
  browserEnv: NodeJS.ProcessEnv;
  /**
   * Where the register of issued briefings lives (src/config/state-dir.ts): CCI_STATE_DIR (the
   * folder itself), else a folder per event in $XDG_STATE_HOME/cci or ~/.local/state/cci.
   */
  state: { dir: string } | { base: string } | undefined;
  /**
   * Who runs cci, the default of --by: USER, else LOGNAME, else the account's name
   * (os.userInfo: a container or a systemd unit often sets neither), else `uid N`; undefined
   * only where none is known.
   */
  userName: string | undefined;
}

/** The account of the process (os.userInfo, process.getuid), injected by tests. */
export interface ProcessAccount {
  /** The account's name; throws where the system has none for the uid (a container's arbitrary uid). */
  userName(): string;
  /** The uid; undefined where there is none (Windows). */
  uid(): number | undefined;
  /** The account's home folder from the system's database; undefined where it has none. */
  home?(): string | undefined;
}

const PROCESS_ACCOUNT: ProcessAccount = {
  userName: () => userInfo().username,
  uid: () => process.getuid?.(),
  home: () => {
    try {
      return userInfo().homedir || undefined;
    } catch {
      return undefined;
    }
  },
};

/**
 * The browser's variables: the environment's, with HOME set to the account's home when it is
 * unset (a systemd unit, `env -i`), so that puppeteer's cache (~/.cache/puppeteer) is looked in
 * as when cci's set-up put a headless shell there.
 */
function browserEnvOf(env: EnvironmentVariables, account: ProcessAccount): NodeJS.ProcessEnv {
  if (env.HOME) return { ...env };
  const home = account.home?.();
  return home && home !== '/' ? { ...env, HOME: home } : { ...env };
}

export function readEnvironment(env: EnvironmentVariables, account: ProcessAccount = PROCESS_ACCOUNT): Environment {
  const smtp = env.CCI_SMTP_URL;
  return {
    cliLang: cliLangOf(env),
    smtpUrl: smtp === undefined || smtp === '' ? undefined : smtp,
    cacheDir: defaultCacheDir(env),
    logDir: defaultLogDir(env),
    browserEnv: browserEnvOf(env, account),
    state: stateOf(env),
    userName: env.USER || env.LOGNAME || accountName(account),
  };
}

/** See Environment.userName: the account's name, else `uid N`. */
function accountName(account: ProcessAccount): string | undefined {
  try {
    const name = account.userName().trim();
    if (name !== '') return name;
  } catch {
    // no name for this uid (no passwd entry): the uid says who it was
  }
  const uid = account.uid();
  return uid === undefined ? undefined : `uid ${uid}`;
}

/** See Environment.logDir: a folder of cci's own, never the output folder. */
export function defaultLogDir(env: EnvironmentVariables): string | undefined {
  if (env.CCI_LOG_DIR) return path.resolve(env.CCI_LOG_DIR);
  if (env.XDG_STATE_HOME) return path.join(path.resolve(env.XDG_STATE_HOME), 'cci', 'log');
  if (env.HOME) return path.join(path.resolve(env.HOME), '.local', 'state', 'cci', 'log');
  return undefined;
}

function stateOf(env: EnvironmentVariables): Environment['state'] {
  if (env.CCI_STATE_DIR) return { dir: env.CCI_STATE_DIR };
  if (env.XDG_STATE_HOME) return { base: path.join(env.XDG_STATE_HOME, 'cci') };
  try {
    const home = env.HOME || homedir();
    return home ? { base: path.join(home, '.local', 'state', 'cci') } : undefined;
  } catch {
    return undefined;
  }
}
