// validate, init, doctor, schedule and help, run as a user would.

import { chmod, chown, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closedPort, startSmtp } from '../deliver/smtp-harness.js';
import { cci, ROOT, tempDir } from './helpers.js';

describe('cci validate', () => {
  it('finds nothing wrong in the shipped demo data and exits 0', async () => {
    const r = await cci(['validate', '--data', join(ROOT, 'data')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no problem found/);
  });

  it('lists every problem of a folder as file:line:column on stdout and exits 3', async () => {
    const r = await cci(['validate', '--data', join(ROOT, 'fixtures', 'bad-fields')]);
    expect(r.code).toBe(3);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatch(/^[^:]+:\d+(:\d+)?: \S/);
    expect(r.stderr).toMatch(new RegExp(`${lines.length} problems found`));
  });
});

describe('cci init', () => {
  it('writes a new data folder that validates and briefs today, and refuses to overwrite it', async () => {
    const dir = join(await tempDir(), 'my-event');
    const r = await cci(['init', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')[0]).toBe(join(dir, 'event.yaml'));
    expect((await cci(['validate', '--data', dir])).code).toBe(0);
    const out = await tempDir();
    const brief = await cci(['brief', '--division', 'securite', '--data', dir, '--out', out, '--format', 'json,html']);
    expect(brief.code, brief.stderr).toBe(0);
    expect((await readdir(out)).filter((f) => !f.startsWith('.')).length).toBe(2);
    const again = await cci(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
  });
});

describe('cci doctor', () => {
  it('fails (exit 5) for a browser found that cannot print, saying why, and `cci brief` stops with the same exit 5 without a stack trace or a process left', async () => {
    const dir = await tempDir();
    const fake = async (name: string, body: string) => {
      const file = join(dir, name);
      await writeFile(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      return file;
    };
    const browsers = {
      // exits at once; hangs on its own output; answers the DevTools pipe with bytes, then with JSON of the wrong shape
      exits: [await fake('exits', 'exit 1'), 'it exited with code 1 before it could be driven'],
      garbage: [
        await fake('garbage', 'head -c 3000 /dev/urandom >&4\nsleep 300'),
        'the browser answered on the DevTools pipe with something that is not JSON',
      ],
      wrongJson: [
        await fake(
          'wrong-json',
          `printf '{"id":1,"result":{}}\\0{"method":"Target.attachedToTarget","params":null}\\0' >&4\nsleep 300`,
        ),
        'the browser does not answer on the DevTools pipe as Chrome or Chromium does',
      ],
    } as const;
    for (const [exe, why] of Object.values(browsers)) {
      const doctor = await cci(['doctor', '--data', join(ROOT, 'data'), '--browser', exe]);
      expect(doctor.code, doctor.stdout + doctor.stderr).toBe(5);
      expect(doctor.stdout).toContain(
        // one that does not start says so, not "found, but it cannot print"
        `FAIL  browser: The browser ${exe} could not start:`,
      );
      expect(doctor.stdout).toContain(why);
      expect(doctor.stdout).not.toContain('cci can make briefings');
      const out = join(dir, 'out');
      const brief = await cci([
        'brief',
        '--division',
        'securite',
        '--date',
        '2024-08-05',
        '--data',
        join(ROOT, 'data'),
        '--format',
        'pdf',
        '--out',
        out,
        '--browser',
        exe,
      ]);
      expect(brief.code, brief.stderr).toBe(5);
      expect(brief.stderr).toContain(why);
      expect(brief.stderr).not.toMatch(/\n\s+at |Node\.js v/);
      expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
    }
    const left = spawnSync('pgrep', ['-f', `${dir}/`], { encoding: 'utf8' }).stdout.trim();
    expect(left, 'no process of these browsers left running').toBe('');
  }, 120_000);

  it('reports the browser, fonts, data folder and mail server, and exits 0 when briefings can be made', async () => {
    const smtp = await startSmtp({ auth: { user: 'user', pass: 'secret' } });
    try {
      const r = await cci(['doctor', '--data', join(ROOT, 'data')], { env: { CCI_SMTP_URL: smtp.url } });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^ok +browser: \S+ \(.*\d+\.\d+/m);
      expect(r.stdout).toMatch(/^ok +font Noto Sans:/m);
      expect(r.stdout).toMatch(/^ok +data folder: .*paris-2024, Europe\/Paris, 49 days, 2024-07-22 to 2024-09-08/m);
      expect(r.stdout).toMatch(
        /^ok +mail: smtp:\/\/\*\*\*@127\.0\.0\.1:\d+ — relay on this machine \(loopback\): clear text allowed.*; reached 127\.0\.0\.1: in clear, login accepted; no mail sent$/m,
      );
      expect(r.stdout).not.toContain('secret');
      expect(smtp.received).toEqual([]);
    } finally {
      await smtp.close();
    }
  });

  it('fails the mail line for a port where nothing listens, and exits 6 when only mail fails', async () => {
    const r = await cci(['doctor', '--data', join(ROOT, 'data')], {
      env: { CCI_SMTP_URL: `smtp://user:secret@127.0.0.1:${await closedPort()}` },
    });
    expect(r.stdout).toMatch(/^FAIL +mail: smtp:\/\/\*\*\*@127\.0\.0\.1:\d+ — .*; connection refused$/m);
    expect(r.code).toBe(6);
    expect(r.stdout + r.stderr).not.toContain('secret');
  });

  it('says where the cache of earlier days is, how big, and warns when it cannot be written', async () => {
    const dir = await tempDir('cci-doctor-cache-');
    await cci(
      [
        'brief',
        '--division',
        'securite',
        '--date',
        '2024-08-05',
        '--data',
        join(ROOT, 'data'),
        '--out',
        join(dir, 'out'),
        '--format',
        'json',
      ],
      { env: { CCI_CACHE_DIR: join(dir, 'cache') } },
    );
    const used = await cci(['doctor', '--data', join(ROOT, 'data')], { env: { CCI_CACHE_DIR: join(dir, 'cache') } });
    expect(used.stdout).toMatch(
      new RegExp(
        `^ok +cache of earlier days: ${join(dir, 'cache').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(1 data folder, \\d+(\\.\\d)? [kM]B\\)`,
        'm',
      ),
    );
    await writeFile(join(dir, 'a-file'), 'not a folder');
    const blocked = await cci(['doctor', '--data', join(ROOT, 'data')], {
      env: { CCI_CACHE_DIR: join(dir, 'a-file', 'cache') },
    });
    expect(blocked.stdout).toMatch(/^warn +cache of earlier days: .*a-file\/cache cannot be written/m);
    // what brief would not use is not ok: a file, a link to nothing, another user's folder
    const notFolder = await cci(['doctor', '--data', join(ROOT, 'data')], {
      env: { CCI_CACHE_DIR: join(dir, 'a-file') },
    });
    expect(notFolder.stdout).toMatch(/^warn +cache of earlier days: .*a-file is not a folder: it is not used/m);
    await symlink(join(dir, 'nothing'), join(dir, 'dangling'));
    const dangling = await cci(['doctor', '--data', join(ROOT, 'data')], {
      env: { CCI_CACHE_DIR: join(dir, 'dangling') },
    });
    expect(dangling.stdout).toMatch(
      /^warn +cache of earlier days: .*dangling cannot be written \(the folder does not exist/m,
    );
    await mkdir(join(dir, 'open'), { mode: 0o777 });
    await chmod(join(dir, 'open'), 0o777);
    const open = await cci(['doctor', '--data', join(ROOT, 'data')], { env: { CCI_CACHE_DIR: join(dir, 'open') } });
    expect(open.stdout).toMatch(
      /^warn +cache of earlier days: .*open can be read by other users: the next brief makes it private/m,
    );
    if (process.getuid?.() === 0) {
      await mkdir(join(dir, 'theirs'));
      await chown(join(dir, 'theirs'), 65534, 65534);
      const theirs = await cci(['doctor', '--data', join(ROOT, 'data')], {
        env: { CCI_CACHE_DIR: join(dir, 'theirs') },
      });
      expect(theirs.stdout).toMatch(/^warn +cache of earlier days: .*theirs belongs to another user: it is not used/m);
    }
  });

  it('fails the register line (exit 10) for a state folder brief would refuse, as brief does', async () => {
    const dir = await tempDir('cci-doctor-state-');
    await writeFile(join(dir, 'a-file'), 'not a folder');
    const r = await cci(['doctor', '--data', join(ROOT, 'data'), '--state', join(dir, 'a-file')]);
    expect(r.stdout).toMatch(/^FAIL +register of issued briefings: .*a-file: the state folder is not a folder/m);
    expect(r.code).toBe(10);
    // and a plain brief refuses it too: what was issued, and reported late since, cannot be known
    const out = join(dir, 'out');
    const brief = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      join(ROOT, 'data'),
      '--format',
      'html',
      '--out',
      out,
      '--state',
      join(dir, 'a-file'),
    ]);
    expect(brief.code).toBe(10);
    expect(brief.stderr).toMatch(/a-file: the state folder is not a folder/);
    expect(existsSync(out)).toBe(false);
  });

  it.runIf(existsSync('/usr/bin/chromium-headless-shell'))(
    'says it found the headless shell, how, and why it is preferred',
    async () => {
      const r = await cci(['doctor', '--data', join(ROOT, 'data')], {
        env: { CCI_BROWSER: undefined, PUPPETEER_EXECUTABLE_PATH: undefined, CHROME_PATH: undefined },
      });
      expect(r.stdout).toMatch(
        new RegExp(
          "^ok +browser: /usr/lib/chromium/chromium-headless-shell \\(Chromium [\\d.]+.*\\): a headless shell, found in the system's install locations, " +
            'started directly rather than through its wrapper script /usr/bin/chromium-headless-shell\\. A headless shell is taken before any full browser: it starts and prints faster\\. It started and printed a test page in [\\d.]+ s\\.$',
          'm',
        ),
      );
    },
  );

  it.runIf(existsSync('/usr/bin/chromium') && existsSync('/usr/bin/chromium-headless-shell'))(
    'says a full browser named by --browser is slower than the headless shell it would find',
    async () => {
      const r = await cci(['doctor', '--data', join(ROOT, 'data'), '--browser', '/usr/bin/chromium']);
      expect(r.stdout).toMatch(
        /^ok +browser: \/usr\/lib\/chromium\/chromium \(.*\): a full browser, named by --browser, started directly rather than through its wrapper script \/usr\/bin\/chromium\. Without it cci would take the headless shell \/usr\/bin\/chromium-headless-shell, which prints faster\. It started and printed a test page in [\d.]+ s\.$/m,
      );
    },
  );

  it('exits 5 and says how to get a browser when none is found', async () => {
    const r = await cci(['doctor', '--data', join(ROOT, 'data')], { env: { CCI_BROWSER: '/nonexistent/chrome' } });
    expect(r.code).toBe(5);
    expect(r.stdout).toMatch(/^FAIL +browser: .*CCI_BROWSER/m);
  });
});

describe('cci schedule', () => {
  it('prints the crontab lines of both divisions in the event zone', async () => {
    const r = await cci(['schedule', '--data', join(ROOT, 'data'), '--out', '/srv/cci/out']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CRON_TZ=Europe/Paris');
    expect(r.stdout).toMatch(/^30 9 22-31 7 \* .* brief --division renseignement /m);
    expect(r.stdout).toMatch(/^30 11 1-9 9 \* .* brief --division securite /m);
  });
});

describe('cci --help', () => {
  it('lists the commands and the exit codes and exits 0', async () => {
    const r = await cci(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['brief', 'approve', 'history', 'verify', 'validate', 'preview', 'init', 'schedule', 'doctor'])
      expect(r.stdout).toContain(c);
    const help = r.stdout.replace(/\n +/g, ' '); // commander wraps the long lines
    expect(help).toMatch(/7 +another run is already writing or issuing the same briefing/);
    expect(help).toMatch(
      /8 +the briefing was already issued and its content has changed: nothing written or sent; add --amend/,
    );
    expect(help).toMatch(/9 +--require-approval: a document's content is not approved/);
    expect(help).toMatch(/10 +the register of issued briefings is damaged/);
    expect(help).toMatch(/11 +cci verify: the file is not a document the register says was issued/);
  });
});

describe('cci --version', () => {
  it('prints the version of package.json, also when not run through npm', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await cci(['--version'], { env: { npm_package_version: '9.9.9-not-this-one' } });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });
});
