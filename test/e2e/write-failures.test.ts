// Write failures through the built CLI: each is one plain sentence naming the path and the
// cause, exit 4, no stack trace, earlier files intact and nothing of the run left behind.
// The disk faults are real: a tiny tmpfs for a full disk, a read-only one, and runs as another
// user for permissions and a sticky shared folder (these need root; skipped otherwise).

import { execFile, spawnSync } from 'node:child_process';
import { chmod, chown, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cci, copyFixture, ROOT, tempDir, type RunResult } from './helpers.js';

const exec = promisify(execFile);
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

let work: string;
let data: string;
beforeAll(async () => {
  work = await tempDir('cci-writefail-');
  await chmod(work, 0o755); // another user's runs read the data and write in here
  data = await copyFixture('e2e');
  await chmod(join(data, '..'), 0o755);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const brief = (out: string, extra: string[] = []) => [
  'brief',
  '-d',
  'securite',
  '--date',
  '2024-08-05',
  '--data',
  data,
  '-f',
  'html',
  '-o',
  out,
  ...extra,
];

function expectPlainFailure(r: RunResult, sentence: RegExp): void {
  expect(r.code).toBe(4);
  expect(r.stderr).toMatch(new RegExp(sentence.source, 'm')); // a line of its own
  expect(r.stderr).toMatch(/No file of this run was replaced; earlier files are unchanged/);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
  expect(r.stdout).toBe('');
}

const canMount =
  isRoot &&
  (() => {
    const probe = spawnSync('sh', [
      '-c',
      'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d"; r=$?; rmdir "$d"; exit $r',
    ]);
    return probe.status === 0;
  })();

/** A tmpfs of `size` mounted for the test; unmounted after. */
async function withTmpfs<T>(opts: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await tempDir('cci-tmpfs-');
  await exec('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir]);
  try {
    return await body(dir);
  } finally {
    await exec('umount', [dir]);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the CLI as another user (nobody), with a HOME and cache of its own. */
async function cciAs(uid: number, args: string[]): Promise<RunResult> {
  const home = join(work, `home-${uid}`);
  await mkdir(home, { recursive: true });
  await chown(home, uid, uid);
  try {
    const r = await exec(process.execPath, [BIN, ...args], {
      uid,
      gid: uid,
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', CCI_LANG: 'en', CCI_CACHE_DIR: join(home, 'cache') },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('writing a briefing where it cannot be written', () => {
  it('--out naming a file says it is not a folder', async () => {
    const file = join(work, 'a-file');
    await writeFile(file, 'keep me');
    expectPlainFailure(await cci(brief(file)), new RegExp(`^cannot write ${file}: it is not a folder\\.`));
    expect(await readFile(file, 'utf8')).toBe('keep me');
    // a folder below a file: the file is named
    expectPlainFailure(await cci(brief(join(file, 'out'))), new RegExp(`^cannot write ${file}: it is not a folder\\.`));
  });

  it("a named pipe or a folder under a lock's name, the briefing's or the register's, is refused before anything is written, never waited on nor removed", async () => {
    const out = await tempDir('cci-lockname-');
    const state = await tempDir('cci-lockname-state-');
    await chmod(state, 0o700);
    // the output folder's lock of the briefing
    const briefingLock = join(out, '.cci-2024-08-05-securite-partners.lock');
    expect(spawnSync('mkfifo', [briefingLock]).status).toBe(0);
    expectPlainFailure(
      await cci(brief(out), { timeoutMs: 20_000 }),
      new RegExp(
        `^cannot write ${briefingLock}: something cci did not make .* has the name of one of its lock files; remove it\\.`,
      ),
    );
    expect(await readdir(out)).toEqual(['.cci-2024-08-05-securite-partners.lock']);
    await rm(briefingLock);
    // the register's lock, taken only once the documents are written: checked first
    const registerLock = join(state, '.cci-register.lock');
    await mkdir(registerLock);
    const r = await cci(brief(out, ['--issue', '--by', 'duty officer', '--state', state]), { timeoutMs: 20_000 });
    expectPlainFailure(
      r,
      new RegExp(`^cannot write ${registerLock}: something cci did not make .* has the name of one of its lock files`),
    );
    expect(await readdir(out)).toEqual([]);
    expect(await readdir(state)).toEqual(['.cci-register.lock']);
    // an approval is said only once recorded
    const approve = await cci(
      ['approve', '-d', 'securite', '--date', '2024-08-05', '--data', data, '--by', 'duty officer', '--state', state],
      { timeoutMs: 20_000 },
    );
    expectPlainFailure(approve, /^cannot write .*\.cci-register\.lock: something cci did not make/);
    expect(await readdir(state)).toEqual(['.cci-register.lock']);
  });

  it('names an --out holding ESC or a line break escaped, on one line, and verify a file so named likewise: no forged line', async () => {
    const forged = 'x\u001b[2J\nok    FAKE line\u202e';
    const file = join(work, forged);
    await writeFile(file, 'not a folder');
    const r = await cci(brief(join(file, 'out')));
    expect(r.code).toBe(4);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(r.stderr).not.toMatch(/^ok {4}FAKE/m);
    expect(r.stderr).toContain('x\\u001b[2J\\u000aok    FAKE line\\u202e');
    const state = await tempDir('cci-forged-state-');
    await chmod(state, 0o700);
    const issued = await cci(
      brief(await tempDir('cci-forged-out-'), ['--issue', '--by', 'duty officer', '--state', state]),
    );
    expect(issued.code, issued.stderr).toBe(0);
    const v = await cci(['verify', file, '--state', state]);
    expect(v.code).toBe(11);
    expect(v.stdout).toContain('x\\u001b[2J\\u000aok    FAKE line\\u202e');
    // eslint-disable-next-line no-control-regex
    expect(v.stdout + v.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(v.stdout + v.stderr).not.toMatch(/^ok {4}FAKE/m);
  });

  it('verify on a link to nothing says so, in both languages (not "no such file": the name is there)', async () => {
    const link = join(work, 'briefing-link.pdf');
    await symlink(join(work, 'moved-away.pdf'), link);
    const en = await cci(['verify', link]);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`${link}: cannot be read (it is a symbolic link whose target does not exist)`);
    const fr = await cci(['verify', link], { env: { CCI_LANG: 'fr' } });
    expect(fr.code).toBe(2);
    expect(fr.stderr).toContain('c’est un lien symbolique dont la cible n’existe pas');
    // a path through a file, and a chain of links longer than the kernel follows: said in words
    await writeFile(join(work, 'plain.pdf'), 'x');
    const through = await cci(['verify', join(work, 'plain.pdf', 'x')]);
    expect(through.code).toBe(2);
    expect(through.stderr).toContain('(a part of its path is a file, not a folder)');
    let target = join(work, 'plain.pdf');
    for (let i = 0; i < 45; i++) {
      const next = join(work, `chain-${i}`);
      await symlink(target, next);
      target = next;
    }
    const chain = await cci(['verify', target]);
    expect(chain.code).toBe(2);
    expect(chain.stderr).toContain('(too many levels of symbolic links: a loop, or a chain of more than 40)');
  });

  it('verify "" says the name is empty, not that the working folder is a folder; a name of spaces is a name', async () => {
    const r = await cci(['verify', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the file to check is named by an empty string');
    await writeFile(join(work, ' '), 'not a briefing');
    const spaces = await cci(['verify', ' '], { cwd: work });
    // read as a file (then no register to look it up in), not refused as a name
    expect(spaces.stderr).not.toContain('empty string');
    expect(spaces.stderr).not.toContain('cannot be read');
  });

  it('--out /dev/null says it is not a folder', async () => {
    expectPlainFailure(await cci(brief('/dev/null')), /^cannot write \/dev\/null: it is not a folder\./);
  });

  it('--out /proc/x fails at once instead of spinning', async () => {
    const r = await cci(brief('/proc/x'), { timeoutMs: 20_000 });
    expectPlainFailure(r, /^cannot write \/proc\/x: /);
  });

  it.skipIf(!canMount)('a full disk (ENOSPC) says so and keeps the earlier briefing', async () => {
    await withTmpfs('size=96k', async (out) => {
      const earlier = join(out, 'cci-2024-08-05-securite-partners.html');
      await writeFile(earlier, 'x'.repeat(40_000));
      expectPlainFailure(await cci(brief(out, ['-a', 'partners,national'])), /: the disk is full\./);
      expect(await readFile(earlier, 'utf8')).toBe('x'.repeat(40_000));
      expect(await readdir(out)).toEqual(['cci-2024-08-05-securite-partners.html']);
    });
  });

  it.skipIf(!canMount)('a read-only disk (EROFS) says so and keeps the earlier briefing', async () => {
    await withTmpfs('size=1m', async (out) => {
      const earlier = join(out, 'cci-2024-08-05-securite-partners.html');
      await writeFile(earlier, 'earlier');
      await exec('mount', ['-o', 'remount,ro', out]);
      expectPlainFailure(await cci(brief(out)), new RegExp(`^cannot write ${out}/[^:]+: the disk is read-only\\.`));
      expect(await readFile(earlier, 'utf8')).toBe('earlier');
      await exec('mount', ['-o', 'remount,rw', out]);
    });
  });

  it.skipIf(!isRoot)('a folder the user may not write in (EACCES) says permission denied', async () => {
    const out = join(work, 'root-only');
    await mkdir(out, { mode: 0o755 });
    await writeFile(join(out, 'cci-2024-08-05-securite-partners.html'), 'earlier');
    expectPlainFailure(await cciAs(NOBODY, brief(out)), new RegExp(`^cannot write ${out}/[^:]+: permission denied\\.`));
    expect(await readdir(out)).toEqual(['cci-2024-08-05-securite-partners.html']);
  });

  it.skipIf(!isRoot)(
    "a sticky shared folder where one earlier file is another user's (EPERM) replaces none of the set",
    async () => {
      const out = join(work, 'shared');
      await mkdir(out);
      await chmod(out, 0o1777);
      const partners = join(out, 'cci-2024-08-05-securite-partners.html');
      const national = join(out, 'cci-2024-08-05-securite-national.html');
      await writeFile(partners, 'earlier partners');
      await chown(partners, NOBODY, NOBODY); // the user's own: replaced first
      await writeFile(national, 'earlier national'); // root's: cannot be replaced in a sticky folder
      const r = await cciAs(NOBODY, brief(out, ['-a', 'partners,national']));
      expectPlainFailure(r, new RegExp(`^cannot write ${national}: the operation is not permitted`));
      expect(await readFile(partners, 'utf8')).toBe('earlier partners');
      expect(await readFile(national, 'utf8')).toBe('earlier national');
      expect((await readdir(out)).sort()).toEqual([national, partners].map((p) => p.slice(out.length + 1)).sort());
    },
  );
});
