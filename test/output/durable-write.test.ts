// The one durable-write helper: temporary files 0600, created exclusively, never through a
// planted link; appends that refuse links and pipes; stale temporary files of dead runs removed.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SendLog } from '../../src/deliver/send-log.js';
import {
  appendDurably,
  createExclusive,
  createFileDurably,
  removeStaleTemps,
  replaceFileDurably,
  tempPath,
  TEMP_PREFIX,
} from '../../src/output/durable-write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-durable-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe('the durable-write helper', () => {
  it('replaces a file whole, 0600, leaving no temporary file', async () => {
    const file = join(dir, 'tally.cache');
    await writeFile(file, 'old');
    await replaceFileDurably(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await mode(file)).toBe(0o600);
    expect(await readdir(dir)).toEqual(['tally.cache']);
  });

  it('names temporary files unpredictably', () => {
    const a = tempPath(dir, 'x.pdf');
    const b = tempPath(dir, 'x.pdf');
    expect(a).not.toBe(b);
    expect(a.startsWith(join(dir, `${TEMP_PREFIX}${process.pid}`))).toBe(true);
  });

  it('never writes through a symbolic link planted at the name it creates', async () => {
    const target = join(dir, 'victim');
    await writeFile(target, 'precious');
    const planted = join(dir, 'planted');
    await symlink(target, planted);
    await expect(createExclusive(planted)).rejects.toMatchObject({ code: expect.stringMatching(/EEXIST|ELOOP/) });
    await expect(createFileDurably(planted, 'lock')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(target, 'utf8')).toBe('precious');
    // a replacement renames over the link itself, never writing into its target
    await replaceFileDurably(planted, 'new');
    expect(await readFile(target, 'utf8')).toBe('precious');
    expect((await lstat(planted)).isFile()).toBe(true);
  });

  it('creates a file only where nothing is, whole at once, and says EEXIST otherwise', async () => {
    const file = join(dir, '.cci-k.lock');
    await createFileDurably(file, 'first', { mode: 0o644 });
    await expect(createFileDurably(file, 'second')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(file, 'utf8')).toBe('first');
    expect(await mode(file)).toBe(0o644);
    expect(await readdir(dir)).toEqual(['.cci-k.lock']);
  });

  it('appends 0600, and refuses a symbolic link or a named pipe without blocking', async () => {
    const log = join(dir, 'log');
    await appendDurably(log, 'a\n');
    await appendDurably(log, 'b\n');
    expect(await readFile(log, 'utf8')).toBe('a\nb\n');
    expect(await mode(log)).toBe(0o600);
    const target = join(dir, 'victim');
    await writeFile(target, 'precious');
    await symlink(target, join(dir, 'link'));
    await expect(appendDurably(join(dir, 'link'), 'x')).rejects.toMatchObject({ code: 'ELOOP' });
    expect(await readFile(target, 'utf8')).toBe('precious');
    spawnSync('mkfifo', [join(dir, 'fifo')]);
    await expect(appendDurably(join(dir, 'fifo'), 'x')).rejects.toMatchObject({
      code: expect.stringMatching(/ENXIO|NOTFILE/),
    });
  });

  it('keeps the send log private and never appends through a link planted at its name', async () => {
    const target = join(dir, 'victim');
    await writeFile(target, 'precious');
    await symlink(target, join(dir, '.cci-sent.jsonl'));
    const log = await SendLog.open(dir).catch(() => undefined);
    const entry = {
      event: 'e',
      division: 'securite',
      date: '2024-08-05',
      audience: 'partners',
      lang: 'both',
      address: 'a@example.org',
      at: 'now',
      messageId: 'm',
      file: 'f',
    };
    if (log) await expect(log.append([entry])).rejects.toMatchObject({ code: 'ELOOP' });
    expect(await readFile(target, 'utf8')).toBe('precious');
    await rm(join(dir, '.cci-sent.jsonl'));
    const fresh = await SendLog.open(dir);
    await fresh.append([entry]);
    expect(await mode(join(dir, '.cci-sent.jsonl'))).toBe(0o600);
  });

  it('removes the temporary files of dead runs and old ones, and keeps its own and fresh unknown ones', async () => {
    const dead = join(dir, `${TEMP_PREFIX}${deadPid()}-0-cci-2024-08-05-securite-partners.pdf`);
    const mine = tempPath(dir, 'mine');
    const unknownFresh = join(dir, `${TEMP_PREFIX}x-fresh`);
    const unknownOld = join(dir, `${TEMP_PREFIX}x-old`);
    const other = join(dir, 'cci-2024-08-05-securite-partners.pdf');
    for (const f of [dead, mine, unknownFresh, unknownOld, other]) await writeFile(f, 'x');
    const old = new Date(Date.now() - 2 * 3600_000);
    await utimes(unknownOld, old, old);
    await removeStaleTemps(dir);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(unknownOld)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(unknownFresh)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });
});
