// The state folder of a run: where the register of issued briefings lives (src/register).
// `--state DIR`, else CCI_STATE_DIR, else `$XDG_STATE_HOME/cci/<event id>/`, else
// `~/.local/state/cci/<event id>/`; resolved once, here. It is never the output folder nor
// inside it: the output folder may be shared with partners, the register holds every
// audience's figures and record ids.

import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { t } from '../i18n/messages.js';
import type { Environment } from './environment.js';
import { isSameOrInside } from './folder-within.js';

/** The event id as a folder name (ids are checked by event.yaml's reader; this keeps any other character out). */
function folderName(eventId: string): string {
  return eventId.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^\.+/, '_') || 'event';
}

/**
 * The absolute state folder. `option` is --state as written (relative to `cwd`). Throws
 * UsageError when none can be found (no HOME), or when it is the output folder `outDir` or inside it.
 */
export function stateDirFor(o: {
  option?: string | undefined;
  env: Pick<Environment, 'state'>;
  eventId: string;
  cwd: string;
  outDir?: string | undefined;
}): string {
  let dir: string;
  if (o.option !== undefined && o.option.trim() !== '') dir = resolve(o.cwd, o.option);
  else if (o.env.state && 'dir' in o.env.state) dir = resolve(o.cwd, o.env.state.dir);
  else if (o.env.state) dir = resolve(o.cwd, join(o.env.state.base, folderName(o.eventId)));
  else throw new UsageError(t('config.noStateDir'));
  if (o.outDir !== undefined && isSameOrInside(dir, resolve(o.cwd, o.outDir))) {
    throw new UsageError(t('config.stateInOut', { state: dir, out: resolve(o.cwd, o.outDir) }));
  }
  return dir;
}
