// A browser that fails while a run prints: the documented exit code, nothing written, and the
// earlier documents left as they were.

import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cci, ROOT, snapshot, tempDir } from './helpers.js';

const DATA = join(ROOT, 'fixtures', 'e2e');
const ARGS = ['brief', '--division', 'securite', '--date', '2024-08-05', '--data', DATA, '--format', 'html,pdf'];

async function fakeBrowser(script: string): Promise<string> {
  const path = join(await tempDir(), 'chrome');
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
    // an empty --browser is no browser either, never replaced by another one
    const empty = await cci([...ARGS, '--out', join(parent, 'other'), '--browser', '']);
    expect(empty.code).toBe(5);
    expect(empty.stderr).toContain('--browser names no browser');
    expect(await readdir(parent)).toEqual([]);
  });
});
