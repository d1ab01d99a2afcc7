// `cci approve`: records in the register that a person approved the content of a briefing (the
// SHA-256 of its model, src/register/content.ts) as it would be issued now — the original, or
// the corrigendum it would be. `cci brief --email --require-approval` then sends exactly that
// content and nothing else. Writes no file of the output folder; needs no browser.

import { resolve } from 'node:path';
import { audienceId } from '../audience/audience.js';
import { parseAudience } from '../audience/parse-audience.js';
import { issuerName } from '../config/brief-config.js';
import { readEnvironment } from '../config/environment.js';
import { parseBriefingDate, parseDivisions } from '../config/options.js';
import { stateDirFor } from '../config/state-dir.js';
import { t } from '../i18n/messages.js';
import { planDocuments } from '../pipeline/plan.js';
import type { Io } from './io.js';

export interface ApproveOptions {
  division: string;
  date?: string;
  audience?: string;
  by?: string;
  data?: string;
  state?: string;
  /** The output folder the briefing is issued to: its logs witness the register (register-witness.ts). */
  out?: string;
  /** false with --no-cache. */
  cache?: boolean;
}

export async function runApprove(opts: ApproveOptions, io: Io): Promise<number> {
  const env = readEnvironment(io.env);
  const dataDir = resolve(io.cwd, opts.data ?? 'data');
  const [{ loadEvent }, { loadBriefingData }, register, { registerComposer }] = await Promise.all([
    import('../data/event.js'),
    import('../pipeline/load.js'),
    import('../register/index.js'),
    import('../pipeline/issued-compose.js'),
  ]);
  const event = await loadEvent(dataDir);
  const divisions = parseDivisions(opts.division, event);
  const date = parseBriefingDate(opts.date, event, io.now());
  const audiences = parseAudience(opts.audience ?? 'partners', event.partners);
  const by = issuerName(opts.by, env);
  const stateDir = stateDirFor({ option: opts.state, env, eventId: event.id, cwd: io.cwd });

  // a register behind what the output folder's logs say was issued (restored from a backup?) is
  // refused, as cci brief refuses it: an approval appended to it would make it look rewritten
  const { readWitnessedRegister } = await import('../pipeline/register-witness.js');
  const outDir = resolve(io.cwd, opts.out ?? 'out');
  // deliveries a stopped run sent but did not record, recorded first: the content approved is the
  // one the issuing run will compute, whose late reports count them
  const { recoverDeliveries } = await import('../pipeline/issue.js');
  const view = await recoverDeliveries(await readWitnessedRegister({ event, stateDir, outDir, command: 'approve' }), {
    stateDir,
    event,
    now: io.now,
    warn: io.warn,
  });
  // the content is the same in every language: one bilingual document per briefing
  const plans = planDocuments({ divisions, audiences, langs: ['both'], date, draft: false });
  const keys = plans.map((p) => ({ division: p.division, date, audience: audienceId(p.audience) }));
  const data = await loadBriefingData(dataDir, [date], {
    cacheDir: opts.cache === false ? undefined : env.cacheDir,
    event,
    warn: io.warn,
    late: register.lateLoadPlan(view, keys, false),
  });
  const compose = registerComposer(view, outDir, [], true);
  const bodies = [];
  const approved: string[] = [];
  for (const plan of plans) {
    const c = await compose(data, plan);
    const what = `${plan.division} ${date} ${audienceId(plan.audience)}`;
    const d = c.decision;
    if (d.kind === 'same' && d.record.issued) {
      io.info(
        t('approve.alreadyIssued', {
          document: what,
          at: register.localTime(d.record.issuedAt ?? d.record.entry.at, event.timezone),
          version: d.record.entry.version,
        }),
      );
      continue;
    }
    const model = c.doc.base ?? c.doc.model;
    bodies.push(register.approvalBody(model, c.content, c.corrigendum, by));
    const as = c.corrigendum > 0 ? t('approve.asCorrigendum', { n: c.corrigendum }) : t('approve.asOriginal');
    approved.push(
      t('approve.approved', {
        document: what,
        content: register.shortHash(c.content),
        marking: c.doc.model.marking,
        as,
        by,
      }),
    );
  }
  if (bodies.length > 0) {
    // said approved only once recorded (a register that cannot be written: nothing said)
    let started = false;
    await register.appendRegister(stateDir, bodies, {
      event: event.id,
      timezone: event.timezone,
      now: io.now,
      warn: io.warn,
      onStarted: () => (started = true),
    });
    for (const line of approved) io.out(line);
    io.info(register.registerNotice(stateDir, !started));
  }
  return 0;
}
