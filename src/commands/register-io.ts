// What cci history and cci verify share: finding the register (--state, CCI_STATE_DIR, else the
// event of the data folder), reading it, and writing its instants in the event's time zone.
//
// Both read the register only. With --state (or CCI_STATE_DIR) and no --data, no data folder is
// read at all (./data may be absent, or hold another event). Without either, ./data's event.yaml
// names the register's folder; with no ./data, the run says to give --state or --data.
// A state folder without a register (mistyped, or where nothing was ever issued) is a usage error
// naming it (exit 2): read as an empty register, it would make a genuine document look forged.

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readEnvironment } from '../config/environment.js';
import { stateDirFor } from '../config/state-dir.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';
import type { RegisterView } from '../register/view.js';
import { localTime as localStamp } from '../register/history.js';
import type { Io } from './io.js';

export interface RegisterReadOptions {
  data?: string;
  state?: string;
}

/**
 * The register's folder and, when one is read, its event: --data's, else ./data's unless --state
 * or CCI_STATE_DIR names the folder. Throws UsageError (no ./data and no --state), DataError (its event.yaml).
 */
export async function locateRegister(
  opts: RegisterReadOptions,
  io: Io,
): Promise<{ event?: EventConfig; stateDir: string }> {
  const env = readEnvironment(io.env);
  const { loadEvent } = await import('../data/event.js');
  const named = opts.state !== undefined || (env.state !== undefined && 'dir' in env.state);
  let event: EventConfig | undefined;
  if (opts.data !== undefined) {
    // a data folder named: its event is the register's (its errors are the user's to see)
    event = await loadEvent(resolve(io.cwd, opts.data));
  } else if (!named) {
    // event.yaml of ./data gives the register's folder
    const dataDir = resolve(io.cwd, 'data');
    const isFolder = await stat(dataDir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isFolder) throw new UsageError(t('history.whichRegister', { dir: dataDir }));
    event = await loadEvent(dataDir);
  }
  const stateDir = stateDirFor({ option: opts.state, env, eventId: event?.id ?? '', cwd: io.cwd });
  return { ...(event && { event }), stateDir };
}

/**
 * Reads and checks the register of `stateDir` (of `event`, when known). Throws UsageError when
 * there is none (exit 2: `no register in DIR`), RegisterError when it is damaged.
 */
export async function readExistingRegister(stateDir: string, event: EventConfig | undefined): Promise<RegisterView> {
  const { readRegister } = await import('../register/index.js');
  const view = await readRegister(stateDir, event?.id);
  if (!view.exists) throw new UsageError(t('history.noRegister', { dir: stateDir }));
  return view;
}

/** locateRegister, then readExistingRegister. */
export async function openRegisterOf(
  opts: RegisterReadOptions,
  io: Io,
): Promise<{ view: RegisterView; event?: EventConfig; stateDir: string }> {
  const { event, stateDir } = await locateRegister(opts, io);
  return { view: await readExistingRegister(stateDir, event), ...(event && { event }), stateDir };
}

/**
 * `2024-08-05 11:31` in the time zone recorded with the entry (else the event's): the same with or
 * without --data. An entry of an older cci read without its event: `2024-08-05 09:31 UTC`.
 */
export function localTime(iso: string, zone: string | undefined, event: EventConfig | undefined): string {
  const tz = zone ?? event?.timezone;
  if (tz !== undefined) return localStamp(iso, tz);
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function versionText(version: number, corrigendum: number): string {
  return corrigendum > 0 ? t('history.corrigendum', { n: corrigendum, version }) : t('history.original', { version });
}
