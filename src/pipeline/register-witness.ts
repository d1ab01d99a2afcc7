// The register of issued briefings is a hash chain (register/chain.ts): an edited line breaks it.
// But a register cut back to an earlier line (a state folder restored from last night's backup,
// an older copy put in its place) or rewritten whole reads as a valid chain, and the briefings
// it no longer holds would be issued again as new, with other content, their late reports lost.
// The output folder's send log and hand-out log are witnesses kept outside the state folder: each
// line names the register entry of the version it emailed or handed out (its seq and hash,
// deliver/send-log.ts, output/handout-log.ts). Every `cci brief` run checks, before it writes,
// sends or hands out anything, that the register still holds every entry they name (a briefing's
// late reports are computed from it); otherwise it stops (RegisterError, exit 10), naming the
// first entry missing.

import { basename } from 'node:path';
import { SendLog } from '../deliver/send-log.js';
import { RegisterError } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import { handOutLogPath, readHandOutLog } from '../output/handout-log.js';
import { localTime } from '../register/history.js';
import { readRegister, registerPath } from '../register/register-file.js';
import type { RegisterView } from '../register/view.js';
import { displayName } from '../text/control-chars.js';

/** What the refusal says each command left undone. */
const OUTCOME = {
  brief: 'register.witness.outcome.brief',
  approve: 'register.witness.outcome.approve',
  doctor: 'register.witness.outcome.doctor',
} as const;

/**
 * The register of `stateDir` (register-file.ts readRegister), read after the logs of `outDir`
 * and checked against them: throws RegisterError when it lacks an entry, or holds another one at
 * its place, that the send log or the hand-out log names for `event`. The logs are read first,
 * then the register: an entry is appended to the register before its email is sent and logged, so a
 * run recording meanwhile (another audience's) cannot make a register read after look behind.
 */
export async function readWitnessedRegister(ctx: {
  event: { id: string; timezone: string };
  stateDir: string;
  outDir: string;
  /** The command asking, for what its refusal says it left undone (default `brief`). */
  command?: 'brief' | 'approve' | 'doctor';
}): Promise<RegisterView> {
  // unreadable: said by the delivery's own check of the send log (preflight.ts) and by the
  // issued-file guard for the hand-out log, not here
  const log = await SendLog.open(ctx.outDir).catch(() => undefined);
  const handedOut = await readHandOutLog(ctx.outDir).catch(() => []);
  const named = [
    ...(log?.registerEntries(ctx.event.id).map((n) => ({ ...n, log: log.path })) ?? []),
    ...handedOut.flatMap((h) =>
      h.event === ctx.event.id && h.entry
        ? [{ ...h.entry, file: h.file, at: h.at, log: handOutLogPath(ctx.outDir) }]
        : [],
    ),
  ];
  // the register the caller goes on with: read once, after the logs
  const view = await readRegister(ctx.stateDir, ctx.event.id);
  if (named.length === 0) return view;
  const bySeq = new Map(view.entries.map((e) => [e.seq, e.hash]));
  // every log behind which the register is: the way out names them all at once
  const behind = [...new Set(named.filter((n) => bySeq.get(n.seq) !== n.hash).map((n) => displayName(n.log)))];
  for (const n of named.sort((a, b) => a.seq - b.seq)) {
    const held = bySeq.get(n.seq);
    if (held === n.hash) continue;
    const words = {
      path: displayName(registerPath(ctx.stateDir)),
      dir: displayName(ctx.stateDir),
      seq: n.seq,
      log: displayName(n.log),
      file: displayName(basename(n.file)),
      at: localTime(n.at, ctx.event.timezone),
      outcome: t(OUTCOME[ctx.command ?? 'brief']),
      lost: tn('register.witness.lost', behind.length, { log: behind.join(t('register.witness.and')) }),
    };
    const key = !view.exists
      ? 'register.witness.none'
      : held === undefined
        ? 'register.witness.missing'
        : 'register.witness.other';
    throw new RegisterError(t(key, words));
  }
  return view;
}
