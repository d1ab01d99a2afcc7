// cci spawns Chromium itself (before puppeteer-core is loaded) with the command line
// puppeteer.launch() would use: this compares the two, so a puppeteer upgrade that changes its
// defaults is noticed.

import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { chromeCommandLine } from '../../src/pdf/chrome-args.js';
import { CHROME_ARGS } from '../../src/pdf/index.js';

/** What puppeteer.launch({ pipe: true, ... }) passes (ChromeLauncher.computeLaunchArguments). */
function puppeteerCommandLine(opts: { userDataDir: string; args: string[]; headless?: boolean | 'shell' }): string[] {
  // defaultArgs() removes the feature flags from the array it is given: give it a copy
  const args = puppeteer.defaultArgs({ ...opts, args: [...opts.args] });
  return args.some((a) => a.startsWith('--remote-debugging-')) ? args : [...args, '--remote-debugging-pipe'];
}

describe('chromeCommandLine', () => {
  it("is puppeteer.launch's command line for cci's flags", () => {
    const args = [...CHROME_ARGS, '--no-sandbox'];
    const userDataDir = '/tmp/cci-chromium-abc';
    expect(chromeCommandLine({ userDataDir, args })).toEqual(puppeteerCommandLine({ userDataDir, args }));
  });

  it('merges extra feature flags into the default lists, as puppeteer does', () => {
    const args = ['--disable-features=Foo,Bar', '--enable-features=Baz', '--lang=fr'];
    const userDataDir = '/tmp/p';
    const ours = chromeCommandLine({ userDataDir, args });
    expect(ours).toEqual(puppeteerCommandLine({ userDataDir, args }));
    expect(ours.filter((a) => a.startsWith('--disable-features='))).toHaveLength(1);
  });

  it('follows puppeteer for the other headless modes and a page to open', () => {
    for (const headless of [true, 'shell', false] as const) {
      const args = ['--foo', 'data:text/html,x'];
      expect(chromeCommandLine({ userDataDir: '/p', args, headless })).toEqual(
        puppeteerCommandLine({ userDataDir: '/p', args, headless }),
      );
    }
  });

  it('opens the DevTools pipe, not a port, and starts on about:blank', () => {
    const line = chromeCommandLine({ userDataDir: '/p', args: [...CHROME_ARGS] });
    expect(line).toContain('--remote-debugging-pipe');
    expect(line.some((a) => a.startsWith('--remote-debugging-port'))).toBe(false);
    expect(line).toContain('about:blank');
    expect(line).toContain('--user-data-dir=/p');
    expect(line).toContain('--export-tagged-pdf');
  });

  it('starts without a first tab when the caller opens its own pages, and is otherwise the same', () => {
    const args = [...CHROME_ARGS, '--no-sandbox'];
    const withTab = chromeCommandLine({ userDataDir: '/p', args });
    const without = chromeCommandLine({ userDataDir: '/p', args, startupPage: false });
    expect(without).not.toContain('about:blank');
    expect(without).toContain('--no-startup-window');
    expect(without.filter((a) => a !== '--no-startup-window')).toEqual(withTab.filter((a) => a !== 'about:blank'));
  });
});
