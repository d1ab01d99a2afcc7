// Files cci keeps beside its output or is pointed at are read without ever blocking.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegularFile, readRegularFileSync } from '../../src/output/read-regular-file.js';

const dir = mkdtempSync(join(tmpdir(), 'cci-read-regular-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'read',
    (e: NodeJS.ErrnoException) => e.code,
  );
const codeOfSync = (f: () => unknown) => {
  try {
    f();
    return 'read';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code;
  }
};

describe('readRegularFile', () => {
  const file = join(dir, 'log.jsonl');
  const fifo = join(dir, 'fifo.jsonl');
  const folder = join(dir, 'folder.jsonl');
  const link = join(dir, 'link.jsonl');
  const dangling = join(dir, 'dangling.jsonl');
  writeFileSync(file, '{"a":1}\n');
  spawnSync('mkfifo', [fifo]);
  mkdirSync(folder);
  symlinkSync(file, link);
  symlinkSync(join(dir, 'none'), dangling);

  it('reads a regular file, and refuses at once a named pipe (which would block for ever) or a folder', async () => {
    expect((await readRegularFile(file)).toString()).toBe('{"a":1}\n');
    expect(await codeOf(readRegularFile(fifo))).toBe('EFTYPE');
    expect(await codeOf(readRegularFile(folder))).toBe('EISDIR');
    expect(await codeOf(readRegularFile(join(dir, 'none')))).toBe('ENOENT');
    expect(codeOfSync(() => readRegularFileSync(fifo))).toBe('EFTYPE');
    expect(readRegularFileSync(file).toString()).toBe('{"a":1}\n');
  });

  it('refuses a link unless asked to follow it, and a link to nothing is not taken for no file', async () => {
    expect(await codeOf(readRegularFile(link))).toBe('ELOOP');
    expect(await codeOf(readRegularFile(dangling))).toBe('ELOOP');
    expect((await readRegularFile(link, { followLinks: true })).toString()).toBe('{"a":1}\n');
    expect(await codeOf(readRegularFile(dangling, { followLinks: true }))).toBe('EDANGLING');
    expect(codeOfSync(() => readRegularFileSync(dangling, { followLinks: true }))).toBe('EDANGLING');
    // nothing at all under the name is still no such file
    expect(await codeOf(readRegularFile(join(dir, 'none'), { followLinks: true }))).toBe('ENOENT');
    expect(codeOfSync(() => readRegularFileSync(join(dir, 'none'), { followLinks: true }))).toBe('ENOENT');
  });

  it('says a cycle of links, followed, is one (not "a link cci does not follow")', async () => {
    const a = join(dir, 'cycle-a');
    const b = join(dir, 'cycle-b');
    symlinkSync(b, a);
    symlinkSync(a, b);
    expect(await codeOf(readRegularFile(a, { followLinks: true }))).toBe('ELINKLOOP');
    expect(codeOfSync(() => readRegularFileSync(a, { followLinks: true }))).toBe('ELINKLOOP');
    expect(await codeOf(readRegularFile(a))).toBe('ELOOP');
  });
});
