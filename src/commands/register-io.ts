// What cci history and cci verify share: finding the register (--state, CCI_STATE_DIR, else the
// event of the data folder), reading it, and writing its instants in the event's time zone.

import { resolve } from 'node:path';
import { readEnvironment } from '../config/environment.js';
import { stateDirFor } from '../config/state-dir.js';
import { t } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';
import type { RegisterView } from '../register/view.js';
import { localTime as localStamp } from '../register/history.js';
import type { Io } from './io.js';

export interface RegisterReadOptions {
  data?: string;
  state?: string;
}

export async function openRegisterOf(opts: RegisterReadOptions, io: Io): Promise<{ view: RegisterView; event?: EventConfig; stateDir: string }> {
  const env = readEnvironment(io.env);
  const dataDir = resolve(io.cwd, opts.data ?? 'data');
  const [{ loadEvent }, { readRegister }] = await Promise.all([import('../data/event.js'), import('../register/index.js')]);
  const named = opts.state !== undefined || (env.state !== undefined && 'dir' in env.state);
  // event.yaml gives the register's folder when none is named, and the time zone of the times shown
  const event = named ? await loadEvent(dataDir).catch(() => undefined) : await loadEvent(dataDir);
  const stateDir = stateDirFor({ option: opts.state, env, eventId: event?.id ?? '', cwd: io.cwd });
  return { view: await readRegister(stateDir, event?.id), ...(event && { event }), stateDir };
}

/** `2024-08-05 11:31` in the event's zone (or the instant as recorded when the event is unknown). */
export function localTime(iso: string, event: EventConfig | undefined): string {
  return localStamp(iso, event?.timezone);
}

export function versionText(version: number, corrigendum: number): string {
  return corrigendum > 0 ? t('history.corrigendum', { n: corrigendum, version }) : t('history.original', { version });
}
