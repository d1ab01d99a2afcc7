// A folder of cci's own (cache, state): one judgement for the runs that make it and doctor that looks.

import { chmod, chown, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectOwnFolder, ownFolderProblem } from '../../src/output/own-folder.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-own-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a folder of its own', () => {
  it('is a folder of this user, private; otherwise says what it is', () => {
    const folder = (uid: number, mode: number) => ({ isDirectory: () => true, uid, mode });
    expect(ownFolderProblem(folder(1000, 0o40700), 1000)).toBeUndefined();
    expect(ownFolderProblem(folder(1000, 0o40755), 1000)).toBe('notPrivate');
    expect(ownFolderProblem(folder(0, 0o40700), 1000)).toBe('notOurs');
    expect(ownFolderProblem({ isDirectory: () => false, uid: 1000, mode: 0o100600 }, 1000)).toBe('notFolder');
  });

  it('is looked at without being made or changed: missing is fine, a file, a link to nothing or an open folder is not', async () => {
    expect(await inspectOwnFolder(join(dir, 'missing'))).toBeUndefined();
    await writeFile(join(dir, 'file'), '');
    expect(await inspectOwnFolder(join(dir, 'file'))).toBe('notFolder');
    await symlink(join(dir, 'nothing'), join(dir, 'dangling'));
    expect(await inspectOwnFolder(join(dir, 'dangling'))).toBe('ENOENT');
    await mkdir(join(dir, 'open'));
    await chmod(join(dir, 'open'), 0o777);
    expect(await inspectOwnFolder(join(dir, 'open'))).toBe('notPrivate');
    expect((await import('node:fs')).statSync(join(dir, 'open')).mode & 0o777).toBe(0o777);
    await mkdir(join(dir, 'mine'), { mode: 0o700 });
    expect(await inspectOwnFolder(join(dir, 'mine'))).toBeUndefined();
    if (process.getuid?.() === 0) {
      await mkdir(join(dir, 'theirs'), { mode: 0o700 });
      await chown(join(dir, 'theirs'), 65534, 65534);
      expect(await inspectOwnFolder(join(dir, 'theirs'))).toBe('notOurs');
    }
  });
});
