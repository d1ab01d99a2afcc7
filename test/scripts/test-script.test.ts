// `npm test` on a machine without any browser: one clear message of what the browser
// tests need and how to get them, the other tests run, and the run fails. The browser's absence
// is injected (CCI_BROWSER naming nothing), as cci itself would find none.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('npm test without a browser', () => {
  it('says once, plainly, what the browser tests need, runs the others, and fails', () => {
    const r = spawnSync(process.execPath, ['scripts/test.mjs', 'test/text/control-chars.test.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CCI_BROWSER: '/nonexistent/chrome', NO_COLOR: '1' },
      timeout: 120_000,
    });
    expect(r.status).toBe(1);
    const out = r.stdout;
    expect(out).toContain(
      'npm test: the browser tests cannot run here; this machine lacks a browser: a headless shell, Chrome or Chromium (CCI_BROWSER=/nonexistent/chrome does not name an executable file',
    );
    expect(out).toContain('npm run setup, or sudo apt-get install chromium-headless-shell poppler-utils');
    expect(out).toContain('CCI_BROWSER=/path/to/chrome npm test');
    // the other tests ran (4 time zones), and no browser test was attempted
    expect(out).toMatch(/24 passed, 0 failed/);
    expect(out).not.toMatch(/EACCES|ENOENT|spawn /);
  });
});
