// The command line as a duty officer meets it (issue 12, items 16–18; issue 11, item 2): a
// misspelt option named as such, every word in the language of messages, the right exit status
// for a missing browser and for bare `cci`, `cci init` dated by its clock, and `cci schedule`'s
// runs bounded to the event and logging to a private folder of cci's own.

import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cci, E2E_LOG_DIR, ROOT, tempDir } from './helpers.js';

const exec = promisify(execFile);
const DATA = join(ROOT, 'fixtures', 'e2e');
const COMMANDS = ['brief', 'validate', 'preview', 'init', 'schedule', 'doctor'];
/** commander's own English words, which must not appear in French. */
const COMMANDER_ENGLISH =
  /Usage:|Options:|Commands:|Arguments:|\(default:|display help for command|output the version|error:|unknown option|required option|missing required|too many arguments/;

const cleanup: string[] = [];
afterAll(async () => {
  for (const d of cleanup) await rm(d, { recursive: true, force: true });
});

describe('a folder, program or name option given empty (`--out "$OUT"` with OUT unset)', () => {
  it('is a usage error that names it, and nothing is written or changed in the current folder', async () => {
    const cwd = await tempDir();
    cleanup.push(cwd);
    const before = (await stat(cwd)).mode;
    const brief = ['brief', '--division', 'securite', '--date', '2024-08-05', '--format', 'json', '--data', DATA];
    const cases: [string[], string][] = [
      [[...brief, '--out', ''], '--out is empty; expected a folder (leave the option out for its default: out)'],
      [[...brief, '--out', '.', '--state', ' '], '--state is empty; expected a folder'],
      [['brief', '--division', 'securite', '--data', ''], '--data is empty; expected a folder'],
      [[...brief, '--browser', ''], '--browser is empty; expected the path of a program'],
      [[...brief, '--by', ''], '--by is empty; expected a name'],
      [['approve', '--division', 'securite', '--data', DATA, '--state', ''], '--state is empty'],
      [['history', '--state', ''], '--state is empty'],
      [['validate', '--data', ''], '--data is empty'],
      [['schedule', '--data', DATA, '--out', ''], '--out is empty'],
      [['schedule', '--data', DATA, '--audience', 'partners', '--audience', ''], '--audience is empty'],
      [['doctor', '--out', ''], '--out is empty'],
      [['init', ''], 'cci init DIR is empty; expected a folder'],
    ];
    for (const [args, said] of cases) {
      const r = await cci(args, { cwd, env: { CCI_STATE_DIR: undefined } });
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(said);
      expect(r.stdout).toBe('');
    }
    expect(await readdir(cwd)).toEqual([]);
    expect((await stat(cwd)).mode).toBe(before);
    const fr = await cci([...brief, '--out', ''], { cwd, env: { CCI_LANG: 'fr' } });
    expect(fr.stderr).toContain('--out est vide ; attendu : un dossier');
  });
});

describe('a misspelt option', () => {
  it('is named as unknown, with the option meant, before any complaint about a required one', async () => {
    const r = await cci(['brief', '--divison', 'securite']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('unknown option --divison (did you mean --division?)\n(run cci --help for usage)\n');
  });

  it('is said in French with CCI_LANG=fr, as every other mistake of the command line', async () => {
    const fr = { env: { CCI_LANG: 'fr' } };
    const cases: [string[], string][] = [
      [['brief', '--divison', 'securite'], 'option inconnue --divison (vouliez-vous dire --division ?)'],
      [['brief'], 'l’option --division est obligatoire'],
      [['brief', '--division'], 'l’option --division attend une valeur'],
      [['init'], 'cci init attend son argument <dossier>'],
      [['init', 'a', 'b'], 'trop d’arguments pour cci init : elle en prend 1, 2 ont été donnés'],
      [['valdate'], 'commande inconnue valdate (vouliez-vous dire validate ?)'],
    ];
    for (const [args, message] of cases) {
      const r = await cci(args, fr);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(`${message}\n(cci --help pour l’aide)\n`);
    }
  });
});

describe('--help of every command', () => {
  it('is French throughout with CCI_LANG=fr, no line starting with a punctuation mark', async () => {
    for (const command of ['', ...COMMANDS]) {
      const r = await cci(command === '' ? ['--help'] : [command, '--help'], { env: { CCI_LANG: 'fr' } });
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(/^Utilisation : cci/);
      expect(r.stdout, command).not.toMatch(COMMANDER_ENGLISH);
      expect(r.stdout, command).not.toMatch(/^\s*[;:?!»]/m);
      if (command !== '' && command !== 'init') expect(r.stdout, command).toContain('Options :');
    }
    const brief = await cci(['brief', '--help'], { env: { CCI_LANG: 'fr' } });
    expect(brief.stdout).toContain('(par défaut : "partners")');
    expect(brief.stdout).toContain('--date <AAAA-MM-JJ>');
    expect(brief.stdout).toContain('affiche l’aide de la commande');
  });

  it('is English throughout otherwise', async () => {
    for (const command of ['', ...COMMANDS]) {
      const r = await cci(command === '' ? ['--help'] : [command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(/^Usage: cci/);
      expect(r.stdout, command).not.toMatch(/Utilisation|par défaut/);
    }
  });
});

describe('bare cci', () => {
  it('is a usage error: the help on stderr, nothing on stdout, exit 2', async () => {
    const r = await cci([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: cci \[options\] \[command\]/);
  });
});

describe('--browser naming no browser', () => {
  it('exits 5 (no browser), before writing anything', async () => {
    const out = await tempDir();
    cleanup.push(out);
    for (const browser of ['/nonexistent', '/etc/passwd']) {
      const r = await cci([
        'brief',
        '--division',
        'securite',
        '--date',
        '2024-08-05',
        '--data',
        DATA,
        '--out',
        out,
        '--browser',
        browser,
      ]);
      expect(r.code, browser).toBe(5);
      expect(r.stderr).toContain(`The browser ${browser} does not exist or is not an executable file.`);
    }
  });
});

describe('cci init', () => {
  it('names the new event after the year of its dates', async () => {
    const dir = join(await tempDir(), 'event');
    cleanup.push(join(dir, '..'));
    const r = await cci(['init', dir]);
    expect(r.code, r.stderr).toBe(0);
    const yaml = await readFile(join(dir, 'event.yaml'), 'utf8');
    const year = /opens: (\d{4})-/.exec(yaml)![1]!;
    expect(yaml).toContain(`name_fr: Mon événement ${year}`);
    expect(yaml).toContain(`name_en: My Event ${year}`);
  });
});

describe('cci schedule', () => {
  it("logs to a private folder of cci's own (0700, file 0600), never the output folder", async () => {
    await rm(E2E_LOG_DIR, { recursive: true, force: true });
    const r = await cci(['schedule', '--data', DATA, '--out', '/srv/cci/out']);
    expect(r.code, r.stderr).toBe(0);
    const log = join(E2E_LOG_DIR, 'cci-cron.log');
    expect(r.stdout).not.toContain('/srv/cci/out/cci-cron.log');
    expect(r.stdout).toContain(`>> ${log} 2>&1; echo "cci brief securite `);
    expect((await stat(E2E_LOG_DIR)).mode & 0o777).toBe(0o700);
    expect((await stat(log)).mode & 0o777).toBe(0o600);
    const systemd = await cci(['schedule', '--data', DATA, '--out', '/srv/cci/out', '--systemd']);
    expect(systemd.stdout).toContain(`StandardOutput=append:${log}`);
    expect(systemd.stdout).toContain('ExecStopPost=/bin/sh -c "echo \\"cci brief securite ');
  });

  it('refuses a log folder inside the output folder', async () => {
    const out = await tempDir();
    cleanup.push(out);
    const r = await cci(['schedule', '--data', DATA, '--out', out], { env: { CCI_LOG_DIR: join(out, 'logs') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is in the output folder');
  });

  it("runs on the event's briefing days only, the closing briefing included, and a run on another day does nothing and exits 0", async () => {
    const r = await cci(['schedule', '--data', DATA, '--out', '/srv/cci/out']);
    const jobs = r.stdout.split('\n').filter((l) => /^\d/.test(l));
    // closes is 8 September: the closing briefing on the 9th covers the evening of the 8th
    expect(jobs.map((l) => l.split(' ').slice(0, 5).join(' '))).toEqual([
      '30 9 22-31 7 *',
      '30 9 * 8 *',
      '30 9 1-9 9 *',
      '30 11 22-31 7 *',
      '30 11 * 8 *',
      '30 11 1-9 9 *',
    ]);
    // the command of a line, run a year later (the same dates come round again)
    const out = await tempDir();
    cleanup.push(out);
    const later = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2025-08-05',
      '--data',
      DATA,
      '--out',
      out,
      '--format',
      'html',
      '--within-event',
    ]);
    expect(later.code).toBe(0);
    expect(later.stdout).toBe('');
    expect(later.stderr.trim()).toBe(
      '2025-08-05 is not a briefing day of the event (2024-07-22 to 2024-09-09, the closing briefing on the day after closes): nothing to do (--within-event)',
    );
    // without it, as a duty officer runs it by hand, a day without data is still an error
    const byHand = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2025-08-05',
      '--data',
      DATA,
      '--out',
      out,
      '--format',
      'html',
    ]);
    expect(byHand.code).toBe(3);
  });

  it('briefs the end of the closing day in the closing briefing, the day after closes, which names no next briefing', async () => {
    const data = await tempDir();
    const out = await tempDir();
    cleanup.push(data, out);
    await cp(join(DATA, 'event.yaml'), join(data, 'event.yaml'));
    await mkdir(join(data, '2024-09-08'));
    // closes is 8 September; the closing ceremony's evening is after 11:30, the division's time
    await writeFile(
      join(data, '2024-09-08', 'incidents.yaml'),
      [
        '- { id: MORNING-1, time: "2024-09-08 10:00", category: theft, departement: "75", summary_fr: VOL-MATIN, summary_en: MORNING-THEFT }',
        '- { id: CEREMONY-1, time: "2024-09-08 21:40", category: public_order, severity: high, venue: stade-de-france, summary_fr: CEREMONIE-CLOTURE, summary_en: CLOSING-CEREMONY }',
        '',
      ].join('\n'),
    );
    const run = (date: string) =>
      cci([
        'brief',
        '--division',
        'securite',
        '--date',
        date,
        '--data',
        data,
        '--out',
        out,
        '--format',
        'html,json',
        '--lang',
        'en',
        '--within-event',
      ]);
    const closes = await run('2024-09-08');
    expect(closes.code).toBe(0);
    const lastDay = JSON.parse(await readFile(join(out, 'cci-2024-09-08-securite-partners-en.json'), 'utf8'));
    expect(lastDay.items.map((i: { id: string }) => i.id)).toEqual(['MORNING-1']);
    expect(lastDay.nextBriefing.at).toBe('2024-09-09T11:30:00+02:00');

    const closing = await run('2024-09-09');
    expect(closing.code).toBe(0);
    expect(closing.stdout.trim().split('\n')).toEqual([
      join(out, 'cci-2024-09-09-securite-partners-en.html'),
      join(out, 'cci-2024-09-09-securite-partners-en.json'),
    ]);
    const model = JSON.parse(await readFile(join(out, 'cci-2024-09-09-securite-partners-en.json'), 'utf8'));
    expect(model.serial).toBe(50);
    expect(model.window).toMatchObject({ start: '2024-09-08T11:30:00+02:00', end: '2024-09-09T11:30:00+02:00' });
    expect(model.items.map((i: { id: string }) => i.id)).toEqual(['CEREMONY-1']);
    expect(model).not.toHaveProperty('nextBriefing');
    const html = await readFile(join(out, 'cci-2024-09-09-securite-partners-en.html'), 'utf8');
    expect(html).toContain('CLOSING-CEREMONY');
    expect(html).toMatch(/Next briefing<\/span><span class="v">None: the event(&#x27;|')s last briefing<\/span>/);

    // the day after the closing briefing is no briefing day
    const after = await run('2024-09-10');
    expect(after.code).toBe(0);
    expect(after.stdout).toBe('');
    expect(after.stderr).toContain('2024-09-10 is not a briefing day of the event (2024-07-22 to 2024-09-09');
  });

  it('writes a crontab line a shell runs as printed', async () => {
    const r = await cci(['schedule', '--data', DATA, '--out', '/srv/cci/out']);
    const line = r.stdout.split('\n').find((l) => l.startsWith('30 11 * 8 *'))!;
    const command = line.split(' ').slice(5).join(' ').replaceAll('\\%', '%');
    await mkdir(E2E_LOG_DIR, { recursive: true });
    // parse it with sh -n (no execution): quoting and redirections are valid
    await expect(exec('sh', ['-n', '-c', command])).resolves.toBeDefined();
  });
});
