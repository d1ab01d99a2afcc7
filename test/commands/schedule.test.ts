import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/commands/io.js';
import {
  defaultAudiences,
  distributionWarnings,
  eventMonths,
  runSchedule,
  scheduleText,
  type ScheduleInput,
} from '../../src/commands/schedule.js';
import { division, event } from '../helpers/dataset.js';
import { distributionEvent } from '../helpers/model.js';

function input(o: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    event: event(),
    cwd: '/srv/cci',
    dataDir: '/srv/cci/data',
    outDir: '/srv/cci/out',
    nodePath: '/usr/bin/node',
    binPath: '/srv/cci/bin/cci.js',
    logPath: '/home/duty/.local/state/cci/log/cci-cron.log',
    audiences: [],
    systemd: false,
    ...o,
  };
}

describe('cci schedule (crontab)', () => {
  it("sets CRON_TZ to the event zone before the lines, and runs each division at its time, on the event's days, with absolute paths", () => {
    const text = scheduleText(input());
    const lines = text.trimEnd().split('\n');
    const jobs = lines.filter((l) => !l.startsWith('#') && l.trim() !== '');
    expect(jobs[0]).toBe('CRON_TZ=Europe/Paris');
    const run = (division: string) =>
      `cd /srv/cci && /usr/bin/node /srv/cci/bin/cci.js brief --division ${division} --audience partners --data /srv/cci/data --out /srv/cci/out --email --within-event >> /home/duty/.local/state/cci/log/cci-cron.log 2>&1; echo "cci brief ${division} partners: exit $?" >> /home/duty/.local/state/cci/log/cci-cron.log`;
    // the event of test/helpers/dataset.ts: 22 July to 8 September 2024, and its closing briefing on
    // the 9th (the records of the 8th after the division's time are in no other window)
    expect(jobs.slice(1)).toEqual([
      `30 9 22-31 7 * ${run('renseignement')}`,
      `30 9 * 8 * ${run('renseignement')}`,
      `30 9 1-9 9 * ${run('renseignement')}`,
      `30 11 22-31 7 * ${run('securite')}`,
      `30 11 * 8 * ${run('securite')}`,
      `30 11 1-9 9 * ${run('securite')}`,
    ]);
  });

  it("bounds the lines to the event's briefing days, the closing briefing's included, across months and years", () => {
    const months = (opens: string, closes: string) => eventMonths(event({ opens, closes }));
    expect(months('2024-07-22', '2024-07-22')).toEqual([{ year: 2024, month: 7, from: 22, to: 23, whole: false }]);
    expect(months('2028-12-30', '2029-02-02')).toEqual([
      { year: 2028, month: 12, from: 30, to: 31, whole: false },
      { year: 2029, month: 1, from: 1, to: 31, whole: true },
      { year: 2029, month: 2, from: 1, to: 3, whole: false },
    ]);
    // closing on the last day of a month (a leap February): the closing briefing is the 1st of the next
    expect(months('2024-02-01', '2024-02-29')).toEqual([
      { year: 2024, month: 2, from: 1, to: 29, whole: true },
      { year: 2024, month: 3, from: 1, to: 1, whole: false },
    ]);
    expect(months('2028-12-01', '2028-12-31')).toEqual([
      { year: 2028, month: 12, from: 1, to: 31, whole: true },
      { year: 2029, month: 1, from: 1, to: 1, whole: false },
    ]);
    const jobs = scheduleText(input({ event: event({ opens: '2024-09-08', closes: '2024-09-08' }) }))
      .split('\n')
      .filter((l) => /^\d/.test(l));
    expect(jobs.map((l) => l.split(' ').slice(0, 5).join(' '))).toEqual(['30 9 8-9 9 *', '30 11 8-9 9 *']);
    const units = scheduleText(input({ event: event({ opens: '2024-08-01', closes: '2024-08-31' }), systemd: true }));
    expect(units.split('\n').filter((l) => l.startsWith('OnCalendar='))).toEqual([
      'OnCalendar=2024-08-* 09:30:00 Europe/Paris',
      'OnCalendar=2024-09-01 09:30:00 Europe/Paris',
      'OnCalendar=2024-08-* 11:30:00 Europe/Paris',
      'OnCalendar=2024-09-01 11:30:00 Europe/Paris',
    ]);
    expect(units).toContain(
      'Description=cci: Briefing Sécurité générale at 11:30 Europe/Paris, 2024-08-01 to 2024-09-01',
    );
  });

  it('logs to the log folder, never the output folder', () => {
    const text = scheduleText(input());
    expect(text).not.toContain('/srv/cci/out/cci-cron.log');
    expect(text).toMatch(/^# Each run appends its messages to \/home\/duty\/\.local\/state\/cci\/log\/cci-cron\.log/m);
  });

  it('explains the exit codes to watch in a comment', () => {
    const text = scheduleText(input());
    expect(text).toMatch(
      /^# .*6 email not delivered to every address, or uncertain: read the log; the PDFs written are kept in \/srv\/cci\/out/m,
    );
    expect(text).toMatch(/^# .*7 another run of the same briefing/m);
    expect(text).toMatch(/^# .*3 bad data/m);
  });

  it('offers release approval: every run sends only approved content, with what to do when one waits', () => {
    const text = scheduleText(input({ requireApproval: true, stateDir: '/srv/cci/state' }));
    const jobs = text.split('\n').filter((l) => /^\d/.test(l));
    expect(jobs.length).toBeGreaterThanOrEqual(2); // each division, on each month of the event
    for (const job of jobs)
      expect(job).toContain(' --email --within-event --require-approval --state /srv/cci/state >> ');
    expect(text).toMatch(
      /^# +9 content not approved: not sent, the duty desk \(distribution\.duty\) was emailed; approve it$/m,
    );
    expect(text).toMatch(/^# +cci approve --division D --date YYYY-MM-DD \[--audience A\] \[--by NAME\]$/m);
    expect(text).toMatch(/^# +8 the briefing was already issued and has changed since/m);
    expect(text).toMatch(/^# +10 the register of issued briefings is damaged/m);
    expect(scheduleText(input())).not.toContain('--require-approval');
    const units = scheduleText(input({ requireApproval: true, systemd: true }));
    expect(units).toMatch(/^ExecStart=.* --email --within-event --require-approval$/m);
  });

  it('follows the event: another zone and other times', () => {
    const ev = event({
      timezone: 'America/Los_Angeles',
      divisions: [division('securite', '07:05', { fr: 'S', en: 'S' })],
    });
    const text = scheduleText(input({ event: ev }));
    expect(text).toContain('\nCRON_TZ=America/Los_Angeles\n');
    expect(text).toMatch(/^5 7 22-31 7 \* cd /m);
  });

  it('runs every audience of the distribution lists in one run of one line, so one browser prints them all', () => {
    const ev = distributionEvent(event());
    expect(defaultAudiences(ev, 'securite')).toEqual(['partners', 'national', 'country:DEU', 'country:BRA']);
    const line = scheduleText(input({ event: ev }))
      .split('\n')
      .find((l) => l.startsWith('30 11 '))!;
    expect(line.match(/brief --division securite --audience (\S+)/g)).toEqual([
      'brief --division securite --audience partners,national,country:DEU,country:BRA',
    ]);
    const all = { ...ev, partners: ['DEU', 'BRA'] };
    expect(defaultAudiences(all, 'securite')).toEqual(['partners', 'national', 'country:all']);
  });

  it('quotes paths with spaces and escapes % for cron', () => {
    const text = scheduleText(
      input({ outDir: '/srv/my briefings/100%', logPath: '/home/d d/log 5%/cci-cron.log', audiences: ['national'] }),
    );
    expect(text).toContain(
      "--out '/srv/my briefings/100\\%' --email --within-event >> '/home/d d/log 5\\%/cci-cron.log' 2>&1",
    );
  });
});

describe('cci schedule warns about countries without a list', () => {
  const ev = distributionEvent(event()); // partners DEU, BRA, USA; lists for DEU and BRA
  it('says which partner countries get no email when the audiences come from the lists', () => {
    expect(distributionWarnings(ev, [])).toEqual([
      '1 of the 3 partner countries has no address at distribution.countries in event.yaml and gets no briefing by email: USA',
    ]);
  });

  it('says which runs will fail when --audience names countries without a list', () => {
    expect(distributionWarnings(ev, ['partners', 'country:all'])).toEqual([
      '--audience country:all: 1 of the 3 partner countries has no address at distribution.countries in event.yaml: USA; these runs will fail (exit 6) until event.yaml lists its addresses',
    ]);
    expect(distributionWarnings(ev, ['country:us'])).toHaveLength(1);
    expect(distributionWarnings(ev, ['country:DEU', 'national'])).toEqual([]);
  });

  it('keeps the warning short for many countries, and says when there is no distribution at all', () => {
    const partners = Array.from({ length: 60 }, (_, i) => `C${String(i).padStart(2, '0')}`);
    const many = { ...ev, partners, distribution: { ...ev.distribution!, countries: {} } };
    const [warning] = distributionWarnings(many, []);
    expect(warning).toBe(
      '60 of the 60 partner countries have no address at distribution.countries in event.yaml and get no briefing by email: C00, C01, C02, C03, C04, C05, C06, C07, C08, C09 and 50 more',
    );
    expect(distributionWarnings({ ...ev, distribution: undefined }, [])).toEqual([
      'event.yaml has no distribution section: every run above will fail (exit 6) until it lists the addresses',
    ]);
  });
});

describe('cci schedule --systemd', () => {
  it("writes a service and a timer per division at its time in the event zone, on the event's days only", () => {
    const text = scheduleText(input({ systemd: true }));
    expect(text).toContain('# ---- cci-securite.service');
    expect(text).toContain('# ---- cci-securite.timer');
    const calendar = text.split('\n').filter((l) => l.startsWith('OnCalendar='));
    expect(calendar).toEqual([
      'OnCalendar=2024-07-22..31 09:30:00 Europe/Paris',
      'OnCalendar=2024-08-* 09:30:00 Europe/Paris',
      'OnCalendar=2024-09-01..09 09:30:00 Europe/Paris',
      'OnCalendar=2024-07-22..31 11:30:00 Europe/Paris',
      'OnCalendar=2024-08-* 11:30:00 Europe/Paris',
      'OnCalendar=2024-09-01..09 11:30:00 Europe/Paris',
    ]);
    expect(text).toContain(
      'ExecStart=/usr/bin/node /srv/cci/bin/cci.js brief --division securite --audience partners --data /srv/cci/data --out /srv/cci/out --email --within-event',
    );
    expect(text).toContain('StandardOutput=append:/home/duty/.local/state/cci/log/cci-cron.log');
    expect(text).toContain('Type=oneshot');
    expect(text).toContain('WantedBy=timers.target');
  });

  it('times in UTC, at the instant its window ends, the run of a day whose division time the clocks skip (systemd would skip that day)', async () => {
    const spring = event({
      opens: '2027-03-26',
      closes: '2027-03-30',
      divisions: [
        division('nuit', '02:30', { fr: 'Nuit', en: 'Night' }),
        division('matin', '09:30', { fr: 'Matin', en: 'Morning' }),
      ],
    });
    const text = scheduleText(input({ event: spring, systemd: true }));
    const calendar = text.split('\n').filter((l) => l.startsWith('OnCalendar='));
    expect(calendar).toEqual([
      'OnCalendar=2027-03-26..31 02:30:00 Europe/Paris',
      // 02:30 does not exist on the 28th: its window ends at 03:30 CEST, 01:30 UTC
      'OnCalendar=2027-03-28 01:30:00 UTC',
      'OnCalendar=2027-03-26..31 09:30:00 Europe/Paris',
    ]);
    expect(text).toContain('# 2027-03-28: the clocks skip 02:30 in Europe/Paris; its window ends at this instant\n');
    // a division at midnight where the clocks skip midnight (Santiago, 5 September 2032)
    const santiago = event({
      timezone: 'America/Santiago',
      opens: '2032-09-04',
      closes: '2032-09-06',
      divisions: [division('noche', '00:00', { fr: 'Nuit', en: 'Night' })],
    });
    expect(
      scheduleText(input({ event: santiago, systemd: true }))
        .split('\n')
        .filter((l) => l.startsWith('OnCalendar=')),
    ).toEqual(['OnCalendar=2032-09-04..07 00:00:00 America/Santiago', 'OnCalendar=2032-09-05 04:00:00 UTC']);
    // systemd's own reading of the timer, where systemd-analyze is installed: every day fires once
    const analyze = await new Promise<string | undefined>((done) =>
      execFile(
        'systemd-analyze',
        ['calendar', '--iterations=7', ...calendar.slice(0, 2).map((l) => l.slice(11))],
        (error, stdout) => done(error ? undefined : stdout),
      ),
    );
    if (analyze !== undefined) {
      const days = [...analyze.matchAll(/(\d{4}-\d\d-\d\d) \d\d:\d\d:\d\d UTC/g)].map((m) => m[1]);
      for (const day of ['2027-03-26', '2027-03-27', '2027-03-28', '2027-03-29', '2027-03-30', '2027-03-31'])
        expect(days, analyze).toContain(day);
    }
  });

  it('writes the "exit N" line its header promises, after every run, as the crontab does', () => {
    const text = scheduleText(input({ systemd: true }));
    expect(text).toMatch(/^# .*then a line "cci brief <division> <audiences>: exit N"/m);
    expect(text).toContain(
      'ExecStopPost=/bin/sh -c "echo \\"cci brief securite partners: exit $$EXIT_STATUS\\" >> /home/duty/.local/state/cci/log/cci-cron.log"',
    );
  });

  it('runs several audiences in one run of the service', () => {
    const text = scheduleText(input({ systemd: true, audiences: ['partners', 'national'] }));
    const exec = text.split('\n').find((l) => l.startsWith('ExecStart=') && l.includes('securite'))!;
    expect(exec).toBe(
      'ExecStart=/usr/bin/node /srv/cci/bin/cci.js brief --division securite --audience partners,national --data /srv/cci/data --out /srv/cci/out --email --within-event',
    );
  });
});

describe('cci schedule command', () => {
  it('names a division by the title it has in either language, never its id, and warns first of a division time the clocks skip or show twice', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'cci-schedule-'));
    try {
      await writeFile(
        join(cwd, 'event.yaml'),
        [
          'event:',
          '  id: test',
          '  name_en: Test',
          '  timezone: Europe/Berlin',
          '  opens: 2030-10-20',
          '  closes: 2030-10-30',
          'divisions:',
          '  nacht: { time: "02:30", title_en: Night briefing }',
          '  tag: { time: "12:00", title_fr: Point de midi }',
          'partners: [DEU]',
          '',
        ].join('\n'),
      );
      for (const systemd of [false, true]) {
        const out: string[] = [];
        const warnings: string[] = [];
        const io = {
          cwd,
          env: { XDG_STATE_HOME: join(cwd, 'state') },
          now: () => new Date(),
          out: (l: string) => out.push(l),
          info: () => undefined,
          warn: (l: string) => warnings.push(l),
          isTTY: false,
        } as unknown as Io;
        expect(await runSchedule({ data: '.', out: 'out', audience: ['national'], systemd }, io)).toBe(0);
        expect(warnings[0]).toBe(
          "event.yaml:8:18: warning: division nacht: 02:30 happens twice on 2030-10-27 in Europe/Berlin (the clocks go back): that day's briefing ends at the first (02:30 +02:00), and the next window is 25 h long",
        );
        const text = out.join('\n');
        if (systemd) {
          expect(text).toContain('Description=cci: Night briefing (nacht), built and emailed');
          expect(text).toContain('Description=cci: Point de midi (tag), built and emailed');
        } else {
          expect(text).toContain('# Night briefing / Night briefing: 02:30 Europe/Berlin');
          expect(text).toContain('# Point de midi / Point de midi: 12:00 Europe/Berlin');
        }
        expect(text).not.toMatch(/# nacht|: nacht \(/);
      }
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('prints the lines with absolute paths resolved from the working folder', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'cci-schedule-'));
    try {
      await writeFile(
        join(cwd, 'event.yaml'),
        [
          'event:',
          '  id: test',
          '  name_fr: Test',
          '  name_en: Test',
          '  centre_fr: Centre (C)',
          '  centre_en: Centre (C)',
          '  timezone: Europe/Paris',
          '  opens: 2024-07-22',
          '  closes: 2024-09-08',
          'defaults:',
          '  tlp: AMBER',
          'divisions:',
          '  renseignement: { time: "09:30", title_fr: Briefing Renseignement, title_en: Intelligence briefing }',
          '  securite: { time: "11:30", title_fr: Briefing Sécurité générale, title_en: General security briefing }',
          'partners: [DEU]',
          '',
        ].join('\n'),
      );
      const out: string[] = [];
      const warnings: string[] = [];
      const info: string[] = [];
      const env = { XDG_STATE_HOME: join(cwd, 'state') };
      const io = {
        cwd,
        env,
        now: () => new Date(),
        out: (l: string) => out.push(l),
        info: (l: string) => info.push(l),
        warn: (l: string) => warnings.push(l),
        isTTY: false,
      } as unknown as Io;
      expect(await runSchedule({ data: '.', out: 'out', audience: ['national'] }, io)).toBe(0);
      expect(warnings).toEqual([
        'event.yaml has no distribution section: every run above will fail (exit 6) until it lists the addresses',
      ]);
      // the log: in a folder of cci's own, made private now, the file 0600
      const log = join(cwd, 'state', 'cci', 'log', 'cci-cron.log');
      expect(info).toEqual([`the runs log to ${log} (a folder only you can read)`]);
      expect((await stat(join(cwd, 'state', 'cci', 'log'))).mode & 0o777).toBe(0o700);
      expect((await stat(log)).mode & 0o777).toBe(0o600);
      const jobs = out.filter((l) => /^\d/.test(l));
      expect(out).toContain('CRON_TZ=Europe/Paris');
      expect(jobs).toHaveLength(6); // two divisions × July 22–31, August, September 1–8 2024
      for (const job of jobs) expect(job).toContain(`>> ${log} 2>&1`);
      for (const job of jobs) {
        const words = job.split(' ');
        expect(isAbsolute(words[6]!)).toBe(true); // cd DIR && NODE BIN
        expect(words[8]).toBe(process.execPath);
        expect(words[9]!.endsWith('/bin/cci.js')).toBe(true);
        expect(job).toContain(`--data ${cwd} --out ${join(cwd, 'out')} --email`);
        expect(job).toContain('--audience national');
      }
      await expect(runSchedule({ data: '.', audience: ['country:XXZ'] }, io)).rejects.toThrow(
        /not an ISO 3166-1 country code/,
      );
      // never in the output folder, and never without a folder to log to
      await expect(runSchedule({ data: '.', out: 'state' }, io)).rejects.toThrow(/is in the output folder/);
      await expect(runSchedule({ data: '.' }, { ...io, env: {} } as Io)).rejects.toThrow(/set CCI_LOG_DIR/);
      // a line break in a folder's name would make a job of its own in the crontab: refused
      out.length = 0;
      for (const opts of [
        { data: '.', out: 'x\n* * * * * touch /tmp/PWNED' },
        { data: '.', out: 'out', state: 'st\r\n* * * * * id' },
      ]) {
        await expect(runSchedule(opts, io)).rejects.toThrow(
          /holds a control character .* which a crontab line or a systemd unit cannot hold/,
        );
      }
      expect(out).toEqual([]);

      // Through the command line: repeated --audience, --systemd.
      out.length = 0;
      const { main } = await import('../../src/cli/main.js');
      expect(
        await main(
          ['node', 'cci', 'schedule', '--data', '.', '-a', 'partners', '--audience', 'national', '--systemd'],
          io,
        ),
      ).toBe(0);
      expect(out).toContain('OnCalendar=2024-08-* 11:30:00 Europe/Paris');
      expect(out.join('\n')).toContain('--audience partners,national ');
      expect(out[0]!.startsWith('# cci')).toBe(true);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
