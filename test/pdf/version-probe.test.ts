// `browser --version` as doctor and the launcher's diagnosis run it: in a process group of its
// own, killed with all it started when the time is up, its output made safe to print.

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeVersion, versionLine } from '../../src/pdf/version-probe.js';

const dir = mkdtempSync(join(tmpdir(), 'cci-version-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** Running (a zombie left for an init that does not reap is not running). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('probeVersion', () => {
  it('reads the version line of a browser', async () => {
    const exe = script('chromium', 'echo "Chromium 156.0.8078.108 built on Debian GNU/Linux 12 (bookworm)"');
    const probe = await probeVersion(exe, undefined);
    expect(probe).toMatchObject({ code: 0, timedOut: false });
    expect(versionLine(probe)).toBe('Chromium 156.0.8078.108 built on Debian GNU/Linux 12 (bookworm)');
  });

  it('kills a program that hangs together with what it started, when the time is up', async () => {
    const pids = join(dir, 'pids');
    const exe = script('hangs', `sleep 1000 & echo $! > '${pids}'\nsleep 1000`);
    const probe = await probeVersion(exe, undefined, 300);
    expect(probe.timedOut).toBe(true);
    expect(probe.code).toBeNull();
    const child = Number(readFileSync(pids, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(child), 'the program it started is gone too').toBe(false);
  });

  it('shows no control character of what it printed, and takes no garbage for a version', async () => {
    const exe = script('garbage', String.raw`printf '\033[2J\033]0;pwned\007 1.2\n'; printf '\033[31mred\n' >&2`);
    const probe = await probeVersion(exe, undefined);
    // eslint-disable-next-line no-control-regex
    expect(probe.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(probe.stderr).toContain('\\u001b[31mred');
    expect(versionLine(probe)).toBeUndefined();
    expect(versionLine({ ...probe, stdout: 'not a browser at all' })).toBeUndefined();
    expect(versionLine({ ...probe, code: 1, stdout: 'Chromium 1.2' })).toBeUndefined();
  });

  it('says why a program could not be run at all', async () => {
    expect((await probeVersion(join(dir, 'none'), undefined)).spawnError).toBe('ENOENT');
  });
});
