// The register of issued briefings is a hash chain (register/chain.ts): an edited line breaks it.
// But a register cut back to an earlier line (a state folder restored from last night's backup,
// an older copy put in its place) or rewritten whole reads as a valid chain, and the briefings
// it no longer holds would be issued again as new, with other content, their late reports lost.
// The output folder's send log is a witness kept outside the state folder: each line names the
// register entry of the version it emailed (its seq and hash, deliver/send-log.ts). An emailing
// run checks, before it sends anything, that the register still holds every entry its send log
// names; otherwise it stops (RegisterError, exit 10), naming the first entry missing.

import { basename } from 'node:path';
import type * as DeliverIndex from '../deliver/index.js';
import { RegisterError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { readRegister, registerPath } from '../register/register-file.js';

/**
 * Throws RegisterError when the register of `stateDir` lacks an entry, or holds another one at
 * its place, that the send log of `outDir` names for `event`. The send log is read first, then
 * the register: an entry is appended to the register before its email is sent and logged, so a
 * run recording meanwhile (another audience's) cannot make a register read after look behind.
 */
export async function checkRegisterWitness(ctx: {
  event: { id: string };
  stateDir: string;
  outDir: string;
  deliver: Pick<typeof DeliverIndex, 'SendLog'>;
}): Promise<void> {
  // unreadable: said by the delivery's own check of the send log (preflight.ts), not here
  const log = await ctx.deliver.SendLog.open(ctx.outDir).catch(() => undefined);
  if (!log) return;
  const named = log.registerEntries(ctx.event.id);
  if (named.length === 0) return;
  const view = await readRegister(ctx.stateDir, ctx.event.id);
  const bySeq = new Map(view.entries.map((e) => [e.seq, e.hash]));
  for (const n of named.sort((a, b) => a.seq - b.seq)) {
    const held = bySeq.get(n.seq);
    if (held === n.hash) continue;
    throw new RegisterError(
      t(held === undefined ? 'register.witness.missing' : 'register.witness.other', {
        path: registerPath(ctx.stateDir),
        seq: n.seq,
        log: log.path,
        file: basename(n.file),
        at: n.at,
      }),
    );
  }
}
