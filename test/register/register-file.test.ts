// The register on disk: private, appended only, read whole and checked; a damaged one is
// refused naming its line and never rewritten.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat, symlink, writeFile, chmod, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RegisterError } from '../../src/errors.js';
import { approvalBody } from '../../src/register/entries.js';
import { appendRegister, readRegister, registerPath } from '../../src/register/register-file.js';
import { readChain } from '../../src/register/chain.js';
import { briefingModel } from '../helpers/model.js';

const EVENT = 'paris-2024';
const opts = { event: EVENT, now: () => new Date('2024-08-05T09:31:00Z'), warn: () => undefined };
const approval = (by: string) => approvalBody(briefingModel(), 'a'.repeat(64), 0, by);

async function stateDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'cci-register-')), 'state');
}

describe('the register file', () => {
  it('tells only the append that started the register, when several runs start on an empty state folder at once', async () => {
    const dir = await stateDir();
    let started = 0;
    await Promise.all(
      ['alice', 'bob', 'carol', 'dave'].map((by) =>
        appendRegister(dir, [approval(by)], { ...opts, onStarted: () => started++ }),
      ),
    );
    expect(started).toBe(1);
    const view = await readRegister(dir, EVENT);
    expect(view.entries.filter((e) => e.type === 'register')).toHaveLength(1);
    expect(view.approvals).toHaveLength(4);
  });

  it('is created in a private folder (0700), itself 0600, its first line naming the event', async () => {
    const dir = await stateDir();
    expect((await readRegister(dir, EVENT)).exists).toBe(false);
    const view = await appendRegister(dir, [approval('alice')], opts);
    expect(view.entries.map((e) => e.type)).toEqual(['register', 'approval']);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(registerPath(dir))).mode & 0o777).toBe(0o600);
    const text = await readFile(registerPath(dir), 'utf8');
    expect(text.split('\n')[0]).toContain('"event":"paris-2024"');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('says when the clock is set back before the register’s last entry (a corrigendum would read as issued before its original), and records all the same', async () => {
    const dir = await stateDir();
    await appendRegister(dir, [approval('a')], opts);
    const warnings: string[] = [];
    const at = (iso: string) => ({
      ...opts,
      timezone: 'Europe/Paris',
      now: () => new Date(iso),
      warn: (m: string) => warnings.push(m),
    });
    // within a minute: two machines' clocks, not said
    await appendRegister(dir, [approval('b')], at('2024-08-05T09:30:30Z'));
    expect(warnings).toEqual([]);
    const view = await appendRegister(dir, [approval('c')], at('2024-08-03T14:00:00Z'));
    expect(warnings).toEqual([
      `the clock of this machine says 2024-08-03 16:00, before the last entry of the register of issued briefings ${registerPath(dir)} (2024-08-05 11:30): was the clock set back? This entry is recorded after it all the same, with the time the clock gives; check the date and time of the machine (timedatectl)`,
    ]);
    expect(view.approvals.map((a) => a.by)).toEqual(['a', 'b', 'c']);
  });

  it('makes a state folder others could read private, with a warning', async () => {
    const dir = await stateDir();
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    const warnings: string[] = [];
    await appendRegister(dir, [approval('a')], { ...opts, warn: (m) => warnings.push(m) });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(warnings.join()).toMatch(/made private/);
  });

  it('takes turns between appends made at once: one chain, no number twice', async () => {
    const dir = await stateDir();
    await Promise.all(Array.from({ length: 8 }, (_, i) => appendRegister(dir, [approval(`p${i}`)], opts)));
    const read = readChain(await readFile(registerPath(dir), 'utf8'), EVENT);
    expect(read.ok).toBe(true);
    expect(read.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(
      read.entries
        .filter((e) => e.type === 'approval')
        .map((e) => (e as { by: string }).by)
        .sort(),
    ).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
  });

  it('takes turns with another process appending at the same time', async () => {
    const dir = await stateDir();
    await appendRegister(dir, [approval('first')], opts);
    const script = `
      import { appendRegister } from ${JSON.stringify(new URL('../../dist/register/register-file.js', import.meta.url).href)};
      const o = { event: 'paris-2024', now: () => new Date(), warn: () => {} };
      const body = { type: 'approval', event: 'paris-2024', division: 'securite', date: '2024-08-05', audience: 'partners', content: 'b'.repeat(64), corrigendum: 0, marking: 'TLP:AMBER', by: process.argv[1] };
      for (let i = 0; i < 10; i++) await appendRegister(${JSON.stringify(dir)}, [body], o);
    `;
    const run = (name: string) => promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, name]);
    await Promise.all([
      run('x'),
      run('y'),
      ...Array.from({ length: 10 }, () => appendRegister(dir, [approval('here')], opts)),
    ]);
    const read = readChain(await readFile(registerPath(dir), 'utf8'), EVENT);
    expect(read.ok).toBe(true);
    expect(read.entries).toHaveLength(32);
  });

  it('refuses a damaged register naming the file and line, sends nothing, and never rewrites it', async () => {
    const dir = await stateDir();
    await appendRegister(dir, [approval('a'), approval('b')], opts);
    const path = registerPath(dir);
    const damaged = (await readFile(path, 'utf8')).replace('"by":"a"', '"by":"mallory"');
    await writeFile(path, damaged);
    const error = await readRegister(dir, EVENT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegisterError);
    expect((error as RegisterError).exitCode).toBe(10);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${path}:2: the register of issued briefings cannot be trusted: the entry was changed after it was written`,
      ),
    );
    await expect(appendRegister(dir, [approval('c')], opts)).rejects.toBeInstanceOf(RegisterError);
    expect(await readFile(path, 'utf8')).toBe(damaged);
  });

  it('refuses a register cut short, a newer one, and a symbolic link in its place', async () => {
    const dir = await stateDir();
    await appendRegister(dir, [approval('a')], opts);
    const path = registerPath(dir);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, -10));
    await expect(readRegister(dir, EVENT)).rejects.toThrow(/:2: .*cut short/);
    await writeFile(path, text.replace(/"v":1,"seq":2/, '"v":9,"seq":2'));
    await expect(readRegister(dir, EVENT)).rejects.toThrow(/newer cci \(register format 9/);
    const other = join(dir, 'elsewhere.jsonl');
    await writeFile(other, text);
    const linked = join(await stateDir(), '..', 'linked');
    await mkdir(linked, { mode: 0o700 });
    await symlink(other, registerPath(linked));
    await expect(readRegister(linked, EVENT)).rejects.toThrow(/symbolic link/);
  });
});
