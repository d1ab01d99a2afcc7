import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendHandOutLog, HANDOUT_LOG_NAME, readHandOutLog } from '../../src/output/handout-log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-handout-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const A = { file: 'cci-2024-08-05-securite-partners.pdf', sha256: 'a'.repeat(64), at: '2024-08-05T09:30:00.000Z' };
const B = { file: 'cci-2024-08-05-securite-national.pdf', sha256: 'b'.repeat(64), at: '2024-08-05T09:30:00.000Z' };

describe('the hand-out log of an output folder', () => {
  it('is empty when there is none, and keeps each file handed out once (name and SHA-256), 0600', async () => {
    expect(await readHandOutLog(dir)).toEqual([]);
    await appendHandOutLog(dir, [A, B, A]);
    await appendHandOutLog(dir, [{ ...A, at: '2024-08-06T09:30:00.000Z' }]);
    expect(await readHandOutLog(dir)).toEqual([A, B]);
    expect((await stat(join(dir, HANDOUT_LOG_NAME))).mode & 0o777).toBe(0o600);
    // another version of the same file name is another line
    const C = { ...A, sha256: 'c'.repeat(64) };
    await appendHandOutLog(dir, [C]);
    expect(await readHandOutLog(dir)).toEqual([A, B, C]);
  });

  it('takes no line whose time is not an instant or whose file name holds a line break, an escape or a folder', async () => {
    const good = JSON.stringify(A);
    const bad = [
      { ...A, at: 'soon\nexit 0' },
      { ...A, file: 'x.pdf\u001b[2J' },
      { ...A, file: 'x\nexit 0.pdf' },
      { ...A, file: '../elsewhere.pdf' },
    ].map((o) => JSON.stringify(o));
    await writeFile(join(dir, HANDOUT_LOG_NAME), [...bad, good, ''].join('\n'));
    expect(await readHandOutLog(dir)).toEqual([A]);
  });

  it('skips a line torn by a crash and lines of another shape, and starts the next entry on its own line', async () => {
    const path = join(dir, HANDOUT_LOG_NAME);
    await writeFile(path, `${JSON.stringify(A)}\n{"file":"x","sha256":"zz","at":"t"}\n[1]\n{"file":"cci-2024`);
    expect(await readHandOutLog(dir)).toEqual([A]);
    await appendHandOutLog(dir, [B]);
    expect(await readHandOutLog(dir)).toEqual([A, B]);
    expect((await readFile(path, 'utf8')).endsWith(`\n${JSON.stringify(B)}\n`)).toBe(true);
  });

  it('never appends through a symbolic link planted at its name', async () => {
    const target = join(dir, 'victim');
    await writeFile(target, 'precious');
    await symlink(target, join(dir, HANDOUT_LOG_NAME));
    await expect(appendHandOutLog(dir, [B])).rejects.toMatchObject({ code: 'ELOOP' });
    expect(await readFile(target, 'utf8')).toBe('precious');
  });
});
