// A scheduled run never briefs a window that has not ended: cron runs a job whose time the clocks
// skip right after the change, before the window's end; a timer may fire a moment early.

import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBrief } from '../../src/commands/brief.js';
import type { Io } from '../../src/commands/io.js';
import { scheduledDate, windowEndWait } from '../../src/commands/window-end-wait.js';
import { division, event } from '../helpers/dataset.js';
import { ROOT, tempDir } from '../e2e/helpers.js';

const made: string[] = [];
async function dir(): Promise<string> {
  const d = await tempDir();
  made.push(d);
  return d;
}
afterAll(async () => {
  for (const d of made) await rm(d, { recursive: true, force: true });
});

/** An Io whose clock starts at `start` and whose sleep moves it on (and records how long). */
async function clockedIo(start: string) {
  let clock = new Date(start).getTime();
  const slept: number[] = [];
  const said: string[] = [];
  const written: string[] = [];
  const io: Io = {
    cwd: ROOT,
    env: { CCI_LANG: 'en', CCI_CACHE_DIR: join(await dir(), 'cache'), CCI_STATE_DIR: join(await dir(), 'state') },
    now: () => new Date(clock),
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    out: (l) => written.push(l),
    info: (m) => said.push(m),
    warn: (m) => said.push(m),
    isTTY: false,
    startPrinter: () => Promise.reject(new Error('no PDF here')),
  };
  return { io, slept, said, written };
}

const night = (time: string) =>
  event({ timezone: 'Europe/Paris', divisions: [division('nuit', time, { fr: 'Nuit', en: 'Night' })] });

describe('windowEndWait', () => {
  it('waits from 03:00, when cron runs a 02:30 job the clocks skip, to 03:30, when its window ends', () => {
    // 31 March 2024, Paris: 02:00 CET becomes 03:00 CEST
    const w = windowEndWait(night('02:30'), ['nuit'], '2024-03-31', new Date('2024-03-31T01:00:20Z'));
    expect(w.end.toISOString()).toBe('2024-03-31T01:30:00.000Z'); // 03:30 CEST
    expect(w.ms).toBe(29 * 60_000 + 40_000);
  });

  it('waits for a timer that fires a moment early, not for a run by hand ahead of time, nor after the end', () => {
    const ev = night('11:30');
    expect(windowEndWait(ev, ['nuit'], '2024-08-05', new Date('2024-08-05T09:29:58Z')).ms).toBe(2_000);
    expect(windowEndWait(ev, ['nuit'], '2024-08-05', new Date('2024-08-05T08:00:00Z')).ms).toBe(0);
    expect(windowEndWait(ev, ['nuit'], '2024-08-05', new Date('2024-08-05T09:30:00Z')).ms).toBe(0);
    expect(windowEndWait(ev, ['nuit'], '2024-08-05', new Date('2024-08-05T09:31:00Z')).ms).toBe(0);
    // on the night the clocks go back, a time shown twice ends at its first showing: cron runs it then
    expect(windowEndWait(night('02:30'), ['nuit'], '2024-10-27', new Date('2024-10-27T00:30:00Z')).ms).toBe(0);
  });
});

describe('scheduledDate', () => {
  it('is tomorrow for a timer a moment early before midnight, for a division at 00:00; today otherwise', () => {
    const midnight = night('00:00');
    expect(scheduledDate(midnight, ['nuit'], '2024-08-04', new Date('2024-08-04T21:58:00Z'))).toBe('2024-08-05');
    expect(scheduledDate(midnight, ['nuit'], '2024-08-04', new Date('2024-08-04T21:50:00Z'))).toBe('2024-08-04');
    expect(scheduledDate(night('11:30'), ['nuit'], '2024-08-05', new Date('2024-08-05T09:29:00Z'))).toBe('2024-08-05');
    // a run of two divisions, one at 00:00 and one at 11:30: not a day ahead for the one at 11:30
    const two = event({
      timezone: 'Europe/Paris',
      divisions: [
        division('nuit', '00:00', { fr: 'Nuit', en: 'Night' }),
        division('jour', '11:30', { fr: 'Jour', en: 'Day' }),
      ],
    });
    expect(scheduledDate(two, ['nuit', 'jour'], '2024-08-04', new Date('2024-08-04T21:58:00Z'))).toBe('2024-08-04');
  });

  it('is yesterday for a division at 23:59 that cron started a moment late, after midnight: its window has just ended', () => {
    const late = night('23:59');
    // 00:00:06 on 1 December in Paris: the window of 30 November ended 66 s ago; 1 December's is a day ahead
    expect(scheduledDate(late, ['nuit'], '2026-12-01', new Date('2026-11-30T23:00:06Z'))).toBe('2026-11-30');
    // hours late still is (a machine that was down)
    expect(scheduledDate(late, ['nuit'], '2026-12-01', new Date('2026-12-01T05:00:00Z'))).toBe('2026-11-30');
    // but not past half a day: then today's window ends sooner than yesterday's ended
    expect(scheduledDate(late, ['nuit'], '2026-12-01', new Date('2026-12-01T11:30:00Z'))).toBe('2026-12-01');
    // a division at 11:30 run early in the morning is built for today, as asked
    expect(scheduledDate(night('11:30'), ['nuit'], '2026-12-01', new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    // a run of two divisions goes back a day only when both are late for yesterday's
    const two = event({
      timezone: 'Europe/Paris',
      divisions: [
        division('nuit', '23:59', { fr: 'Nuit', en: 'Night' }),
        division('jour', '11:30', { fr: 'Jour', en: 'Day' }),
      ],
    });
    expect(scheduledDate(two, ['nuit', 'jour'], '2026-12-01', new Date('2026-11-30T23:00:06Z'))).toBe('2026-12-01');
  });

  it('waits for a change at midnight only on its own day, not from the evening before (Havana, 10 March 2024)', () => {
    const havana = event({
      timezone: 'America/Havana',
      divisions: [division('nuit', '00:00', { fr: 'Nuit', en: 'Night' })],
    });
    // 21:00 on 9 March: 00:00 on the 10th does not exist (the clocks go to 01:00); nothing to wait for
    expect(windowEndWait(havana, ['nuit'], '2024-03-10', new Date('2024-03-10T02:00:00Z')).ms).toBe(0);
    expect(scheduledDate(havana, ['nuit'], '2024-03-09', new Date('2024-03-10T02:00:00Z'))).toBe('2024-03-09');
    // a timer a moment early still is
    expect(scheduledDate(havana, ['nuit'], '2024-03-09', new Date('2024-03-10T04:58:00Z'))).toBe('2024-03-10');
  });
});

describe('cci brief --within-event, started before its window ends', () => {
  it('briefs tomorrow, waiting 2 minutes, when the timer of a division at 00:00 fires at 23:58', async () => {
    const data = join(await dir(), 'data');
    await cp(join(ROOT, 'fixtures', 'e2e'), data, { recursive: true });
    const eventFile = join(data, 'event.yaml');
    await writeFile(
      eventFile,
      (await readFile(eventFile, 'utf8')).replace('securite:      { time: "11:30"', 'securite:      { time: "00:00"'),
    );
    const out = await dir();
    // 23:58 in Paris, 4 August
    const { io, slept, said, written } = await clockedIo('2024-08-04T21:58:00Z');
    const code = await runBrief({ division: 'securite', data, out, format: 'json', lang: 'en', withinEvent: true }, io);
    expect(code, said.join('\n')).toBe(0);
    expect(slept).toEqual([120_000]);
    expect(written.map((w) => w.split('/').at(-1))).toEqual(['cci-2024-08-05-securite-partners-en.json']);
  });

  it('briefs the window that has just ended, not the next day’s, when cron starts a division at 23:59 a moment late, after midnight', async () => {
    const data = join(await dir(), 'data');
    await cp(join(ROOT, 'fixtures', 'e2e'), data, { recursive: true });
    const eventFile = join(data, 'event.yaml');
    await writeFile(
      eventFile,
      (await readFile(eventFile, 'utf8')).replace('securite:      { time: "11:30"', 'securite:      { time: "23:59"'),
    );
    const out = await dir();
    // 00:00:06 in Paris on 6 August: the window of 5 August ended 66 s ago
    const { io, slept, said, written } = await clockedIo('2024-08-05T22:00:06Z');
    const code = await runBrief({ division: 'securite', data, out, format: 'json', lang: 'en', withinEvent: true }, io);
    expect(code, said.join('\n')).toBe(0);
    expect(slept).toEqual([]);
    expect(written.map((w) => w.split('/').at(-1))).toEqual(['cci-2024-08-05-securite-partners-en.json']);
  });

  it('says that a briefing issued by hand before its window ends will be followed by late reports, and not after', async () => {
    const data = join(await dir(), 'data');
    await cp(join(ROOT, 'fixtures', 'e2e'), data, { recursive: true });
    const out = await dir();
    // 10:00 in Paris on 5 August: the window of the 11:30 briefing ends in 90 minutes
    const early = await clockedIo('2024-08-05T08:00:00Z');
    const opts = {
      division: 'securite',
      date: '2024-08-05',
      data,
      out,
      format: 'json',
      lang: 'en',
      issue: true,
      by: 'duty',
    };
    expect(await runBrief(opts, early.io), early.said.join('\n')).toBe(0);
    expect(early.said).toContain(
      "securite 2024-08-05: issued before its window ends (2024-08-05 11:30, in 90 min): the records of the rest of the window will come as late reports in the next briefing, and a run after the end (cron's) will find the content changed (exit 8; a corrigendum needs --amend)",
    );
    // after the end: nothing said
    const late = await clockedIo('2024-08-05T09:31:00Z');
    expect(await runBrief({ ...opts, out: await dir() }, late.io), late.said.join('\n')).toBe(0);
    expect(late.said.join('\n')).not.toContain('before its window ends');
  });

  it('says so, waits until 03:30 on the spring-forward night, then briefs the record of 03:10 too', async () => {
    const data = join(await dir(), 'data');
    await cp(join(ROOT, 'fixtures', 'e2e'), data, { recursive: true });
    const eventFile = join(data, 'event.yaml');
    const text = (await readFile(eventFile, 'utf8'))
      .replace('opens: 2024-07-22', 'opens: 2024-03-01')
      .replace('securite:      { time: "11:30"', 'securite:      { time: "02:30"');
    await writeFile(eventFile, text);
    await mkdir(join(data, '2024-03-31'));
    await writeFile(
      join(data, '2024-03-31', 'incidents.yaml'),
      '- { id: NIGHT-1, time: "2024-03-31 03:10", category: theft, departement: "75", summary_fr: VOL-NUIT, summary_en: NIGHT-THEFT }\n',
    );
    const out = await dir();
    // 03:00:20 CEST: cron's run
    const { io, slept, said, written } = await clockedIo('2024-03-31T01:00:20Z');
    const code = await runBrief({ division: 'securite', data, out, format: 'json', lang: 'en', withinEvent: true }, io);
    expect(code, said.join('\n')).toBe(0);
    expect(slept).toEqual([29 * 60_000 + 40_000]);
    expect(said).toContain(
      "this briefing's window ends at 03:30, in 30 min (a timer early, or a clock change that skipped the division's time): waiting for it to end, so that no record of it is missed",
    );
    const model = JSON.parse(await readFile(written[0]!, 'utf8')) as {
      window: { end: string };
      items: { id: string }[];
    };
    expect(model.window.end).toBe('2024-03-31T03:30:00+02:00');
    expect(model.items.map((i) => i.id)).toContain('NIGHT-1');
  });
});
