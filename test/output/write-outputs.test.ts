import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputs } from '../../src/output/write-outputs.js';

describe('writing the files of a run', () => {
  it('replaces every file at once and returns their paths', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cci-write-'));
    await writeFile(join(dir, 'a.html'), 'old');
    const paths = await writeOutputs([
      { path: join(dir, 'a.html'), content: 'new' },
      { path: join(dir, 'sub', 'b.pdf'), content: new Uint8Array([37, 80]) },
    ]);
    expect(paths).toEqual([join(dir, 'a.html'), join(dir, 'sub', 'b.pdf')]);
    expect(await readFile(join(dir, 'a.html'), 'utf8')).toBe('new');
    expect(await readFile(join(dir, 'sub', 'b.pdf'), 'utf8')).toBe('%P');
  });

  it('changes nothing and leaves no temporary file when one file cannot be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cci-write-'));
    await writeFile(join(dir, 'a.html'), 'old');
    await writeFile(join(dir, 'blocked'), 'a file where a folder is needed');
    await expect(
      writeOutputs([
        { path: join(dir, 'a.html'), content: 'new' },
        { path: join(dir, 'blocked', 'b.pdf'), content: 'x' },
      ]),
    ).rejects.toThrow();
    expect(await readFile(join(dir, 'a.html'), 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['a.html', 'blocked']);
  });
});
