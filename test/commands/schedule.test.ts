import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/commands/io.js';
import { defaultAudiences, distributionWarnings, runSchedule, scheduleText, type ScheduleInput } from '../../src/commands/schedule.js';
import { division, event } from '../helpers/dataset.js';
import { distributionEvent } from '../helpers/model.js';

function input(o: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    event: event(), cwd: '/srv/cci', dataDir: '/srv/cci/data', outDir: '/srv/cci/out',
    nodePath: '/usr/bin/node', binPath: '/srv/cci/bin/cci.js', audiences: [], systemd: false, ...o,
  };
}

describe('cci schedule (crontab)', () => {
  it('sets CRON_TZ to the event zone before the lines, and runs each division at its time with absolute paths', () => {
    const text = scheduleText(input());
    const lines = text.trimEnd().split('\n');
    const jobs = lines.filter((l) => !l.startsWith('#') && l.trim() !== '');
    expect(jobs[0]).toBe('CRON_TZ=Europe/Paris');
    expect(jobs.slice(1)).toEqual([
      '30 9 * * * cd /srv/cci && /usr/bin/node /srv/cci/bin/cci.js brief --division renseignement --audience partners --data /srv/cci/data --out /srv/cci/out --email >> /srv/cci/out/cci-cron.log 2>&1; echo "cci brief renseignement partners: exit $?" >> /srv/cci/out/cci-cron.log',
      '30 11 * * * cd /srv/cci && /usr/bin/node /srv/cci/bin/cci.js brief --division securite --audience partners --data /srv/cci/data --out /srv/cci/out --email >> /srv/cci/out/cci-cron.log 2>&1; echo "cci brief securite partners: exit $?" >> /srv/cci/out/cci-cron.log',
    ]);
  });

  it('explains the exit codes to watch in a comment', () => {
    const text = scheduleText(input());
    expect(text).toMatch(/^# .*6 email not delivered to every address, or uncertain: read the log; the PDFs written are kept in \/srv\/cci\/out/m);
    expect(text).toMatch(/^# .*7 another run of the same briefing/m);
    expect(text).toMatch(/^# .*3 bad data/m);
  });

  it('offers release approval: every run sends only approved content, with what to do when one waits', () => {
    const text = scheduleText(input({ requireApproval: true, stateDir: '/srv/cci/state' }));
    const jobs = text.split('\n').filter((l) => /^\d/.test(l));
    expect(jobs).toHaveLength(2);
    for (const job of jobs) expect(job).toContain(' --email --require-approval --state /srv/cci/state >> ');
    expect(text).toMatch(/^# +9 content not approved: not sent, the duty desk \(distribution\.duty\) was emailed; approve it$/m);
    expect(text).toMatch(/^# +cci approve --division D --date YYYY-MM-DD \[--audience A\] \[--by NAME\]$/m);
    expect(text).toMatch(/^# +8 the briefing was already issued and has changed since/m);
    expect(text).toMatch(/^# +10 the register of issued briefings is damaged/m);
    expect(scheduleText(input())).not.toContain('--require-approval');
    const units = scheduleText(input({ requireApproval: true, systemd: true }));
    expect(units).toMatch(/^ExecStart=.* --email --require-approval$/m);
  });

  it('follows the event: another zone and other times', () => {
    const ev = event({ timezone: 'America/Los_Angeles', divisions: [division('securite', '07:05', { fr: 'S', en: 'S' })] });
    const text = scheduleText(input({ event: ev }));
    expect(text).toContain('\nCRON_TZ=America/Los_Angeles\n');
    expect(text).toMatch(/^5 7 \* \* \* cd /m);
  });

  it('runs every audience of the distribution lists in one run of one line, so one browser prints them all', () => {
    const ev = distributionEvent(event());
    expect(defaultAudiences(ev, 'securite')).toEqual(['partners', 'national', 'country:DEU', 'country:BRA']);
    const line = scheduleText(input({ event: ev })).split('\n').find((l) => l.startsWith('30 11 '))!;
    expect(line.match(/brief --division securite --audience (\S+)/g)).toEqual([
      'brief --division securite --audience partners,national,country:DEU,country:BRA',
    ]);
    const all = { ...ev, partners: ['DEU', 'BRA'] };
    expect(defaultAudiences(all, 'securite')).toEqual(['partners', 'national', 'country:all']);
  });

  it('quotes paths with spaces and escapes % for cron', () => {
    const text = scheduleText(input({ outDir: '/srv/my briefings/100%', audiences: ['national'] }));
    expect(text).toContain("--out '/srv/my briefings/100\\%' --email >> '/srv/my briefings/100\\%/cci-cron.log' 2>&1");
  });
});

describe('cci schedule warns about countries without a list', () => {
  const ev = distributionEvent(event()); // partners DEU, BRA, USA; lists for DEU and BRA
  it('says which partner countries get no email when the audiences come from the lists', () => {
    expect(distributionWarnings(ev, [])).toEqual(['1 of the 3 partner countries has no address at distribution.countries in event.yaml and gets no briefing by email: USA']);
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
    expect(warning).toBe('60 of the 60 partner countries have no address at distribution.countries in event.yaml and get no briefing by email: C00, C01, C02, C03, C04, C05, C06, C07, C08, C09 and 50 more');
    expect(distributionWarnings({ ...ev, distribution: undefined }, [])).toEqual(['event.yaml has no distribution section: every run above will fail (exit 6) until it lists the addresses']);
  });
});

describe('cci schedule --systemd', () => {
  it('writes a service and a timer per division at its time in the event zone', () => {
    const text = scheduleText(input({ systemd: true }));
    expect(text).toContain('# ---- cci-securite.service');
    expect(text).toContain('# ---- cci-securite.timer');
    expect(text).toContain('OnCalendar=*-*-* 11:30:00 Europe/Paris');
    expect(text).toContain('OnCalendar=*-*-* 09:30:00 Europe/Paris');
    expect(text).toContain('ExecStart=/usr/bin/node /srv/cci/bin/cci.js brief --division securite --audience partners --data /srv/cci/data --out /srv/cci/out --email');
    expect(text).toContain('StandardOutput=append:/srv/cci/out/cci-cron.log');
    expect(text).toContain('Type=oneshot');
    expect(text).toContain('WantedBy=timers.target');
  });

  it('runs several audiences in one run of the service', () => {
    const text = scheduleText(input({ systemd: true, audiences: ['partners', 'national'] }));
    const exec = text.split('\n').find((l) => l.startsWith('ExecStart=') && l.includes('securite'))!;
    expect(exec).toBe('ExecStart=/usr/bin/node /srv/cci/bin/cci.js brief --division securite --audience partners,national --data /srv/cci/data --out /srv/cci/out --email');
  });
});

describe('cci schedule command', () => {
  it('prints the lines with absolute paths resolved from the working folder', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'cci-schedule-'));
    try {
      await writeFile(join(cwd, 'event.yaml'), [
        'event:', '  id: test', '  name_fr: Test', '  name_en: Test', '  centre_fr: Centre (C)', '  centre_en: Centre (C)',
        '  timezone: Europe/Paris', '  opens: 2024-07-22', '  closes: 2024-09-08',
        'defaults:', '  tlp: AMBER',
        'divisions:',
        '  renseignement: { time: "09:30", title_fr: Briefing Renseignement, title_en: Intelligence briefing }',
        '  securite: { time: "11:30", title_fr: Briefing Sécurité générale, title_en: General security briefing }',
        'partners: [DEU]',
        '',
      ].join('\n'));
      const out: string[] = [];
      const warnings: string[] = [];
      const io = { cwd, env: {}, now: () => new Date(), out: (l: string) => out.push(l), info: () => {}, warn: (l: string) => warnings.push(l), isTTY: false } as unknown as Io;
      expect(await runSchedule({ data: '.', out: 'out', audience: ['national'] }, io)).toBe(0);
      expect(warnings).toEqual(['event.yaml has no distribution section: every run above will fail (exit 6) until it lists the addresses']);
      const jobs = out.filter((l) => /^\d/.test(l));
      expect(out).toContain('CRON_TZ=Europe/Paris');
      expect(jobs).toHaveLength(2);
      for (const job of jobs) {
        const words = job.split(' ');
        expect(isAbsolute(words[6]!)).toBe(true); // cd DIR && NODE BIN
        expect(words[8]).toBe(process.execPath);
        expect(words[9]!.endsWith('/bin/cci.js')).toBe(true);
        expect(job).toContain(`--data ${cwd} --out ${join(cwd, 'out')} --email`);
        expect(job).toContain('--audience national');
      }
      await expect(runSchedule({ data: '.', audience: ['country:XXZ'] }, io)).rejects.toThrow(/not an ISO 3166-1 country code/);

      // Through the command line: repeated --audience, --systemd.
      out.length = 0;
      const { main } = await import('../../src/cli/main.js');
      expect(await main(['node', 'cci', 'schedule', '--data', '.', '-a', 'partners', '--audience', 'national', '--systemd'], io)).toBe(0);
      expect(out).toContain('OnCalendar=*-*-* 11:30:00 Europe/Paris');
      expect(out.join("\n")).toContain("--audience partners,national ");
      expect(out[0]!.startsWith('# cci')).toBe(true);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
