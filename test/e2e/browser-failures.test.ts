// A browser that fails while a run prints: the documented exit code, nothing written, and the
// earlier documents left as they were.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cci, ROOT, snapshot, tempDir } from './helpers.js';

const DATA = join(ROOT, 'fixtures', 'e2e');
const ARGS = ['brief', '--division', 'securite', '--date', '2024-08-05', '--data', DATA, '--format', 'html,pdf'];

async function fakeBrowser(script: string, name = 'chrome'): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('a browser that fails', () => {
  it('that exits at once ends the run with exit 5 (no browser that starts), writes nothing and keeps the earlier files', async () => {
    const out = await tempDir();
    expect((await cci([...ARGS, '--out', out])).code).toBe(0);
    const before = await snapshot(out);
    const broken = await fakeBrowser('echo "chrome: cannot open display" >&2; exit 1');
    const r = await cci([...ARGS, '--out', out], { env: { CCI_BROWSER: broken } });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('cannot open display');
    expect(r.stdout).toBe('');
    expect(r.stderr.length).toBeGreaterThan(0);
    const after = await snapshot(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, f] of before) expect(after.get(name)!.bytes.equals(f.bytes), name).toBe(true);
    expect((await readdir(out)).filter((n) => n.includes('.cci-tmp-'))).toEqual([]);
    expect((await readFile(join(out, 'cci-2024-08-05-securite-partners.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('that exits at once, given for a new output folder, leaves no folder behind (exit 5, nothing written)', async () => {
    const parent = await tempDir();
    const broken = await fakeBrowser('exit 1');
    const r = await cci([...ARGS, '--out', join(parent, 'new', 'out')], { env: { CCI_BROWSER: broken } });
    expect(r.code).toBe(5);
    expect(await readdir(parent)).toEqual([]);
    // an empty --browser (a variable unset in a cron line) is a usage error, never replaced by another browser
    const empty = await cci([...ARGS, '--out', join(parent, 'other'), '--browser', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--browser is empty; expected the path of a program');
    expect(await readdir(parent)).toEqual([]);
  });
});

describe('a temporary folder where the browser cannot have its own', () => {
  it('gives the same exit code from `cci brief` and `cci doctor` (4: the print fails, the browser is there), naming the folder', async () => {
    // short (a longer one would be replaced by /tmp: browserTempDir), and not there
    const missing = `/cci-no-tmp-${process.pid}`;
    expect(existsSync(missing)).toBe(false);
    const env = { TMPDIR: missing };
    const brief = await cci([...ARGS, '--out', join(await tempDir(), 'out')], { env });
    expect(brief.code, brief.stderr).toBe(4);
    expect(brief.stderr).toContain(
      `could not be made in ${missing} (the folder does not exist and cannot be created there)`,
    );
    const doctor = await cci(['doctor', '--data', DATA], { env });
    expect(doctor.code, doctor.stderr).toBe(4);
    expect(doctor.stdout).toMatch(new RegExp(`^FAIL +browser: .*could not be made in ${missing}`, 'm'));
  });
});

describe('what cci says of a browser that fails', () => {
  it('is in French with CCI_LANG=fr, from `cci brief` (exit 5) and `cci doctor`, but for what the browser said', async () => {
    const broken = await fakeBrowser('echo "chrome: cannot open display" >&2; exit 1');
    const out = join(await tempDir(), 'out');
    const fr = { CCI_LANG: 'fr' };
    const brief = await cci([...ARGS, '--out', out, '--browser', broken], { env: fr });
    expect(brief.code, brief.stderr).toBe(5);
    expect(brief.stderr).toContain(
      `Le navigateur ${broken} n’a pas pu démarrer :\n` +
        '  il s’est terminé avec le code 1 avant de pouvoir être piloté ; il a écrit :\n' +
        '  chrome: cannot open display\n' +
        `\`${broken} --version\` s’est terminé avec le code 1 :\n` +
        '  chrome: cannot open display\n',
    );
    expect(brief.stderr).toContain(
      'Installez le headless shell (Debian : `sudo apt-get install chromium-headless-shell`',
    );
    expect(brief.stderr).not.toMatch(/could not start|exited with code|Install the|before it could be driven/);
    const doctor = await cci(['doctor', '--data', DATA, '--browser', broken], { env: fr });
    expect(doctor.code).toBe(5);
    expect(doctor.stdout).toMatch(/^ÉCHEC +navigateur : Le navigateur \S+ n’a pas pu démarrer :$/m);
    expect(doctor.stdout).not.toMatch(/could not start|exited with code|Install the|before it could be driven/);
  });

  it('names a browser path holding ESC, a line break, CR or a bidi control escaped and quoted, so that it cannot forge a line', async () => {
    const hostile = 'b\u001b[2J\r\nok    browser: fine\u202e';
    const shown = 'b\\u001b[2J\\u000d\\u000aok    browser: fine\\u202e"';
    const missing = `/nowhere/${hostile}`;
    const existing = await fakeBrowser('exit 1', hostile);
    const out = join(await tempDir(), 'out');
    const runs = [
      await cci(['doctor', '--data', DATA], { env: { CCI_BROWSER: missing } }),
      await cci(['doctor', '--data', DATA, '--browser', missing]),
      await cci(['doctor', '--data', DATA, '--browser', existing]),
      await cci([...ARGS, '--out', out], { env: { CCI_BROWSER: missing } }),
      await cci([...ARGS, '--out', out, '--browser', missing]),
      await cci([...ARGS, '--out', out, '--browser', existing]),
    ];
    for (const r of runs) {
      expect(r.code, r.stdout + r.stderr).toBe(5);
      const said = r.stdout + r.stderr;
      expect(said).toContain(shown);
      // eslint-disable-next-line no-control-regex
      expect(said).not.toMatch(/[\u001b\r\u202e]/);
      expect(said).not.toMatch(/^ok +browser: fine/m);
    }
    expect(runs[0]!.stdout).toMatch(/^FAIL +browser: CCI_BROWSER="\/nowhere\/b\\u001b\[2J/m);
    expect(runs[2]!.stdout).toMatch(/^FAIL +browser: The browser "\S+\/b\\u001b\[2J.*" could not start/m);
    expect(runs[5]!.stderr).toMatch(
      /^The browser "\S+\/b\\u001b\[2J\\u000d\\u000aok {4}browser: fine\\u202e" could not start:$/m,
    );
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
  });

  it('that crashed while printing and cannot be started again ends the run with exit 4, advice for a crash and nothing written', async () => {
    // The real headless shell the first time, killed (SIGKILL) once its first page's renderer runs,
    // so while cci prints (or is about to); `exit 7` every later time. (Killed after a fixed
    // 0.4 s instead, it may die before it has started on a loaded machine: that is exit 5.)
    const wrapper = await fakeBrowser(
      [
        'if [ ! -e "$(dirname "$0")/started" ]; then',
        '  touch "$(dirname "$0")/started"',
        `  (i=0; while [ $i -lt 400 ] && ! pgrep -g $$ -f -- '--type=renderer' >/dev/null; do sleep 0.05; i=$((i+1)); done; kill -9 $$) &`,
        '  exec /usr/lib/chromium/chromium-headless-shell "$@"',
        'fi',
        'exit 7',
      ].join('\n'),
      'crashing-headless-shell',
    );
    const out = await tempDir();
    expect((await cci([...ARGS, '--out', out])).code).toBe(0);
    const before = await snapshot(out);
    const r = await cci([...ARGS, '--out', out, '--browser', wrapper]);
    expect(existsSync(join(dirname(wrapper), 'started')), 'the browser was started').toBe(true);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(
      new RegExp(
        `^The browser ${wrapper} crashed (while|before) printing ".+" and could not be started again:\\n  it exited with code 7 before it could be driven\\.\\n`,
        'm',
      ),
    );
    expect(r.stderr).toMatch(
      /^The browser is installed \(it ran until it crashed\): check the free memory .*dmesg.*\/dev\/shm/m,
    );
    expect(r.stderr).not.toMatch(/Install the headless shell|could not start/);
    const after = await snapshot(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, f] of before) expect(after.get(name)!.bytes.equals(f.bytes), name).toBe(true);
    const left = spawnSync('pgrep', ['-f', `${dirname(wrapper)}/`], { encoding: 'utf8' }).stdout.trim();
    expect(left, 'no process of this browser left running').toBe('');
  });

  it('that hangs does not hold up a run that fails before printing: usage and data errors come at once, and no process is left', async () => {
    const dir = await tempDir();
    const pids = join(dir, 'pids');
    const hang = await fakeBrowser(`echo $$ >> '${pids}'\nsleep 600`);
    for (const [extra, code] of [
      [['--division', 'nope'], 2],
      [['--division', 'securite', '--date', '2024-06-01'], 3],
    ] as const) {
      const t0 = Date.now();
      const r = await cci([
        'brief',
        ...extra,
        '--data',
        DATA,
        '--format',
        'pdf',
        '--out',
        join(dir, 'out'),
        '--browser',
        hang,
      ]);
      expect(r.code, r.stderr).toBe(code);
      expect(Date.now() - t0).toBeLessThan(15_000); // the browser's start may take 30 s
    }
    const started = existsSync(pids) ? (await readFile(pids, 'utf8')).trim().split('\n').map(Number) : [];
    for (const pid of started) expect(() => process.kill(pid, 0)).toThrow();
  });
});
