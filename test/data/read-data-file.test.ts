// Reading one data file: regular files inside the data folder only, under the size limit.

import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataRoot, readDataFile, readDataFileSync } from '../../src/data/read-data-file.js';

let dir: string;
let data: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-read-'));
  data = join(dir, 'data');
  await mkdir(join(data, 'day'), { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const text = (r: Awaited<ReturnType<typeof readDataFile>>) =>
  'bytes' in r ? Buffer.from(r.bytes).toString('utf8') : r.problem;

describe('reading a data file', () => {
  it('reads a regular file, and one reached by a link inside the folder', async () => {
    await writeFile(join(data, 'day', 'a.yaml'), 'x: 1\n');
    await symlink('a.yaml', join(data, 'day', 'b.yaml'));
    const root = await dataRoot(data);
    expect(text(await readDataFile(join(data, 'day', 'a.yaml'), root))).toBe('x: 1\n');
    expect(text(await readDataFile(join(data, 'day', 'b.yaml'), root))).toBe('x: 1\n');
  });

  it('refuses a link out of the folder, a dangling link, a FIFO and a device, without reading them', async () => {
    await writeFile(join(dir, 'outside'), 'secret');
    await symlink(join(dir, 'outside'), join(data, 'day', 'out.yaml'));
    await symlink(join(data, 'day', 'nothing'), join(data, 'day', 'dangling.yaml'));
    spawnSync('mkfifo', [join(data, 'day', 'pipe.yaml')]);
    const root = await dataRoot(data);
    expect(text(await readDataFile(join(data, 'day', 'out.yaml'), root))).toMatch(
      /^is a symbolic link to a file outside the data folder/,
    );
    expect(text(await readDataFile(join(data, 'day', 'dangling.yaml'), root))).toBe(
      'is a symbolic link to a file that does not exist',
    );
    expect(text(await readDataFile(join(data, 'day', 'pipe.yaml'), root))).toBe(
      'is not a regular file (a named pipe (FIFO)); cci reads only regular files',
    );
    expect(text(await readDataFile('/dev/zero', '/'))).toBe(
      'is not a regular file (a device); cci reads only regular files',
    );
  });

  it('names a Unix socket as a socket, as it does a FIFO, synchronously too, never as an error code', async () => {
    const path = join(data, 'day', 'incidents-sock.yaml');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const root = await dataRoot(data);
      const said = 'is not a regular file (a socket); cci reads only regular files';
      expect(await readDataFile(path, root)).toEqual({ problem: said });
      expect(readDataFileSync(path, root)).toEqual({ problem: said });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a file over the limit, and stops reading one that is larger than it said', async () => {
    await writeFile(join(data, 'day', 'big.csv'), 'x'.repeat(3000));
    const root = await dataRoot(data);
    expect(text(await readDataFile(join(data, 'day', 'big.csv'), root, 2 * 1024 * 1024))).toBe('x'.repeat(3000));
    expect(text(await readDataFile(join(data, 'day', 'big.csv'), root, 2048))).toMatch(
      /^is 0\.0 MiB, more than the 0\.0 MiB/,
    );
    // a file whose size says 0 but that has content (as /proc files do) is read to its end, within the limit
    expect(text(await readDataFile('/proc/self/status', '/', 1 << 20))).toMatch(/^Name:/);
    expect(text(await readDataFile('/proc/self/status', '/', 10))).toMatch(/^is 0\.0 MiB, more than/);
  });

  it('gives the same bytes and the same problems when read synchronously (the area list named in event.yaml)', async () => {
    await writeFile(join(data, 'day', 'a.yaml'), 'x: 1\n');
    await symlink('a.yaml', join(data, 'day', 'b.yaml'));
    await writeFile(join(dir, 'outside'), 'secret');
    await symlink(join(dir, 'outside'), join(data, 'day', 'out.yaml'));
    await symlink(join(data, 'day', 'nothing'), join(data, 'day', 'dangling.yaml'));
    spawnSync('mkfifo', [join(data, 'day', 'pipe.yaml')]);
    await writeFile(join(data, 'day', 'big.csv'), 'x'.repeat(3000));
    const root = await dataRoot(data);
    for (const name of ['a.yaml', 'b.yaml', 'out.yaml', 'dangling.yaml', 'pipe.yaml', 'big.csv', 'missing.csv']) {
      const file = join(data, 'day', name);
      expect(text(readDataFileSync(file, root, 2048)), name).toBe(text(await readDataFile(file, root, 2048)));
    }
    expect(readDataFileSync(join(data, 'day', 'missing.csv'), root)).toEqual({
      problem: 'cannot be read (ENOENT)',
      code: 'ENOENT',
    });
    expect(text(readDataFileSync('/dev/zero', '/'))).toBe(
      'is not a regular file (a device); cci reads only regular files',
    );
    expect(text(readDataFileSync('/proc/self/status', '/', 1 << 20))).toMatch(/^Name:/);
    expect(text(readDataFileSync('/proc/self/status', '/', 10))).toMatch(/^is 0\.0 MiB, more than/);
  });
});
