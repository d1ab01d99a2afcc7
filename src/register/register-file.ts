// The register on disk: `<state folder>/register.jsonl` (format.ts), in a private folder of the
// user (0700; the file 0600), never in the output folder (which may be shared with partners,
// while the register holds every audience's figures and record ids).
//
// - Reading checks the whole chain (chain.ts): a damaged, truncated or hand-edited line, a
//   register of another event or of a newer cci is a RegisterError naming the file and the line;
//   nothing is sent and the register is never rewritten (cci only ever appends to it).
// - Appending takes the register's lock (`.cci-register.lock`, src/output/lock.ts), reads the
//   register again under it (its last hash and seq), then appends every entry of the call with
//   one write, flushed (durable-write.ts). Two runs appending at once take turns; a run waits up
//   to REGISTER_LOCK_WAIT_MS for the other.
// - The state folder is created 0700; one of this user readable by others is made 0700 (with a
//   warning); one of another user, or not a folder, is refused.

import { constants } from 'node:fs';
import { chmod, lstat, mkdir, open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LockedError, RegisterError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { appendDurably } from '../output/durable-write.js';
import { ensureFolder } from '../output/ensure-folder.js';
import { inspectOwnFolder, ownFolderProblem } from '../output/own-folder.js';
import { acquireLock, checkLockName, type Release } from '../output/lock.js';
import { causeText } from '../output/write-error.js';
import { encodeEntry, readChain } from './chain.js';
import { REGISTER_FILE, type EntryBody } from './format.js';
import { buildView, emptyView, type RegisterView } from './view.js';
import { localTime } from './history.js';

/** How far behind the register's last entry the clock may be before it is said (a minute: clocks of two machines sharing a state folder). */
const CLOCK_SLACK_MS = 60_000;

/** How long an append waits for another run's append. */
export const REGISTER_LOCK_WAIT_MS = 30_000;
/** The register's lock (output/lock.ts: `.cci-register.lock` in the state folder). */
const REGISTER_LOCK = 'register';

export function registerPath(stateDir: string): string {
  return join(stateDir, REGISTER_FILE);
}

/**
 * What a run that records in the register says about it: where it is, and whether this run
 * started it (`existed`: the register was there before), so that a mistyped --state is seen.
 */
export function registerNotice(stateDir: string, existed: boolean): string {
  return t(existed ? 'register.recordedIn' : 'register.startedIn', { path: registerPath(stateDir) });
}

/**
 * Reads and checks the register of `stateDir`; an empty view when there is none yet. `event`:
 * the id it must belong to (undefined: any). Throws RegisterError.
 */
export async function readRegister(stateDir: string, event: string | undefined): Promise<RegisterView> {
  const path = registerPath(stateDir);
  let s;
  try {
    s = await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return emptyView();
    // a state folder that is a file (or below one): its register cannot be known, so neither
    // what was issued nor what was reported late since; refused, as `brief --issue` refuses it
    if (code === 'ENOTDIR') throw new RegisterError(t('register.stateNotFolder', { dir: stateDir }));
    throw new RegisterError(t('register.unreadable', { path, reason: reasonOf(error) }));
  }
  if (s.isSymbolicLink()) throw new RegisterError(t('register.link', { path }));
  if (!s.isFile()) throw new RegisterError(t('register.notFile', { path }));
  let text: string;
  try {
    const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new RegisterError(t('register.unreadable', { path, reason: reasonOf(error) }));
  }
  const read = readChain(text, event);
  if (!read.ok) {
    const where = `${path}:${read.problem.line}`;
    throw new RegisterError(
      read.problem.newer
        ? t('register.newer', { where, problem: read.problem.message })
        : t('register.damaged', { where, problem: read.problem.message }),
    );
  }
  return buildView(read.entries);
}

/**
 * What privateStateFolder would refuse in `dir` (its RegisterError message), without making or
 * changing anything; undefined when it would take it (a missing folder is made then).
 */
export async function stateFolderProblem(dir: string): Promise<string | undefined> {
  const problem = await inspectOwnFolder(dir);
  if (problem === undefined || problem === 'notPrivate') return undefined; // made private then
  if (problem === 'notFolder') return t('register.stateNotFolder', { dir });
  if (problem === 'notOurs') return t('register.stateNotOurs', { dir });
  return t('register.stateUnusable', { dir, reason: causeText(problem) });
}

/** Makes the state folder private (0700). Throws RegisterError. */
export async function privateStateFolder(dir: string, warn: (message: string) => void): Promise<void> {
  try {
    await ensureFolder(dirname(dir));
    await mkdir(dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const problem = ownFolderProblem(await stat(dir));
    if (problem === 'notFolder') throw new RegisterError(t('register.stateNotFolder', { dir }));
    if (problem === 'notOurs') throw new RegisterError(t('register.stateNotOurs', { dir }));
    if (problem === 'notPrivate') {
      await chmod(dir, 0o700);
      warn(t('register.stateMadePrivate', { dir }));
    }
  } catch (error) {
    if (error instanceof RegisterError) throw error;
    throw new RegisterError(t('register.stateUnusable', { dir, reason: reasonOf(error) }), { cause: error });
  }
}

/**
 * Refuses (WriteError, exit 4) a register lock name taken by a folder, a named pipe, a link or a
 * device, before a run that will append to the register writes anything.
 */
export function checkRegisterLock(stateDir: string): Promise<void> {
  return checkLockName(stateDir, REGISTER_LOCK);
}

/** Takes a lock of the state folder, waiting up to `waitMs` for another run to release it (0: fails at once, exit 7). */
export async function stateLock(stateDir: string, key: string, waitMs: number): Promise<Release> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      return await acquireLock(stateDir, key);
    } catch (error) {
      if (!(error instanceof LockedError) || Date.now() >= until) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export interface AppendOptions {
  event: string;
  now: () => Date;
  warn: (message: string) => void;
  /** The event's zone, for the times a warning names (UTC without it). */
  timezone?: string;
  /** Told when this append started the register (its first line): what registerNotice says. */
  onStarted?: () => void;
}

/**
 * Appends entries (one write, flushed), creating the folder and the register (its first line
 * names the event) when there is none. Returns the register as it now is. Throws RegisterError
 * (a damaged register: nothing appended), LockedError (another run held it too long).
 */
export async function appendRegister(
  stateDir: string,
  bodies: readonly EntryBody[],
  o: AppendOptions,
): Promise<RegisterView> {
  if (bodies.length === 0) return readRegister(stateDir, o.event);
  await privateStateFolder(stateDir, o.warn);
  const release = await stateLock(stateDir, REGISTER_LOCK, REGISTER_LOCK_WAIT_MS);
  try {
    const view = await readRegister(stateDir, o.event);
    const all: EntryBody[] = view.exists ? [...bodies] : [{ type: 'register', event: o.event }, ...bodies];
    const started = !view.exists;
    let prev = view.lastHash;
    let seq = view.nextSeq;
    const at = o.now().toISOString();
    // a clock set back (a machine restored, a wrong date): the entries would read as issued before
    // what they follow; said, not refused (the chain orders them by number all the same)
    const last = view.entries.at(-1);
    if (last && Date.parse(at) < Date.parse(last.at) - CLOCK_SLACK_MS)
      o.warn(
        t('register.clockBack', {
          now: localTime(at, o.timezone),
          last: localTime(last.at, o.timezone),
          path: registerPath(stateDir),
        }),
      );
    const lines: string[] = [];
    for (const body of all) {
      const { line, hash } = encodeEntry(body, seq++, prev, at);
      lines.push(line);
      prev = hash;
    }
    const path = registerPath(stateDir);
    try {
      await appendDurably(path, `${lines.join('\n')}\n`);
    } catch (error) {
      throw new RegisterError(t('register.cannotWrite', { path, reason: reasonOf(error) }), { cause: error });
    }
    if (started) o.onStarted?.();
    return readRegister(stateDir, o.event);
  } finally {
    await release();
  }
}

function reasonOf(error: unknown): string {
  return causeText((error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO');
}
