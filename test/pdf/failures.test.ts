import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, LaunchOptions, Target } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserStartError, EXIT, NoBrowserError, RenderError } from '../../src/errors.js';
import { setCliLang } from '../../src/i18n/cli-lang.js';
import { PdfPrinter, defaultLauncher, type Launcher } from '../../src/pdf/index.js';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { alive, html, pdfText, removeTmp, script, tmp, waitFor, writePdf } from './helpers.js';

afterAll(removeTmp);

const job = (text: string) => ({
  html: html(`<p>${text}</p>`),
  title: text,
  lang: 'en',
  subject: 'TLP:CLEAR',
});

function killTree(pid: number | undefined): void {
  if (pid !== undefined) process.kill(-pid, 'SIGKILL');
}

/** A launcher that records launches and can sabotage the browsers it starts. */
function recordingLauncher(onLaunch?: (browser: Browser, n: number) => void) {
  const launched: Array<{ options: LaunchOptions; browser: Browser }> = [];
  const launcher: Launcher = async (options) => {
    const browser = await defaultLauncher(options);
    launched.push({ options, browser });
    onLaunch?.(browser, launched.length);
    return browser;
  };
  return { launcher, launched };
}

describe('a browser that will not start', () => {
  it('that hangs ends in a BrowserStartError (exit 5) within the launch timeout and leaves no process behind', async () => {
    const pidFile = path.join(tmp, 'hang.pid');
    const childFile = path.join(tmp, 'hang-child.pid');
    const fake = script('hanging-chrome', `echo $$ > '${pidFile}'\nsleep 600 &\necho $! > '${childFile}'\nwait`);
    const t0 = Date.now();
    const printer = PdfPrinter.start({ executablePath: fake, launchTimeoutMs: 1500 });
    const error = await printer.print(job('never')).catch((e: unknown) => e);
    const elapsed = Date.now() - t0;
    await printer.close();
    expect(error).toBeInstanceOf(BrowserStartError);
    expect((error as BrowserStartError).exitCode).toBe(EXIT.NO_BROWSER);
    expect((error as Error).message).toMatch(/did not start within 1\.5 s/);
    expect(elapsed).toBeLessThan(6000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const child = Number(readFileSync(childFile, 'utf8'));
    expect(await waitFor(() => !alive(pid) && !alive(child))).toBe(true);
  });

  it('that hangs is stopped at once when the printer closes, without waiting for the launch timeout', async () => {
    const pidFile = path.join(tmp, 'hang-close.pid');
    const fake = script('hanging-chrome-close', `echo $$ > '${pidFile}'\nsleep 600`);
    const printer = PdfPrinter.start({ executablePath: fake, launchTimeoutMs: 30_000 });
    const printing = printer.print(job('never')).catch((e: unknown) => e);
    expect(await waitFor(() => existsSync(pidFile))).toBe(true);
    const t0 = Date.now();
    await printer.close();
    const error = await printing;
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as Error).message).toMatch(/closed while its browser was starting/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(await waitFor(() => !alive(pid))).toBe(true);
  });

  it('that is killed (SIGKILL, as the out-of-memory killer does) while it starts is started once more, and prints', async () => {
    const mark = path.join(tmp, 'killed-once.mark');
    const shell = (await findBrowser()).path;
    const once = script(
      'killed-once/chrome-headless-shell',
      `if [ ! -e '${mark}' ]; then touch '${mark}'; kill -9 $$; fi\nexec '${shell}' "$@"`,
    );
    const printer = PdfPrinter.start({ executablePath: once });
    try {
      expect(pdfText(writePdf(await printer.print(job('after a kill at start'))))).toContain('after a kill at start');
      expect(existsSync(mark)).toBe(true);
    } finally {
      await printer.close();
    }
    // killed at every start: no browser that starts (exit 5), after two tries
    const always = script('killed-always/chrome-headless-shell', 'kill -9 $$');
    const doomed = PdfPrinter.start({ executablePath: always });
    const error = await doomed.ready().catch((e: unknown) => e);
    await doomed.close();
    expect(error).toBeInstanceOf(BrowserStartError);
  });

  it('that exits at once gives a clear BrowserStartError (exit 5) with what it said', async () => {
    const fake = script(
      'broken-chrome',
      'echo "chrome: error while loading shared libraries: libnss3.so" >&2\nexit 127',
    );
    const error = await PdfPrinter.launch({ executablePath: fake }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserStartError);
    expect((error as BrowserStartError).exitCode).toBe(EXIT.NO_BROWSER);
    const message = (error as Error).message;
    expect(message).toContain(`The browser ${fake} could not start`);
    expect(message).toContain('libnss3.so');
    expect(message).toContain('CCI_BROWSER');
  });

  it('says where its private folder could not be made, and starts nothing', async () => {
    const dir = mkdtempSync('/tmp/cci-t-');
    const notADir = path.join(dir, 'f');
    writeFileSync(notADir, '');
    try {
      const printer = PdfPrinter.start({ tempDir: notADir });
      const error = await printer.ready().catch((e: unknown) => e);
      // the disk's fault, not the browser's: exit 4
      expect(error).toBeInstanceOf(RenderError);
      expect(error).not.toBeInstanceOf(BrowserStartError);
      expect((error as RenderError).exitCode).toBe(EXIT.RENDER);
      expect((error as Error).message).toMatch(
        /private folder could not be made in \/tmp\/cci-t-\w+\/f \(a part of the path is a file, not a folder\); set TMPDIR/,
      );
      await printer.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports NoBrowserError from print() when start() found no browser', async () => {
    const printer = PdfPrinter.start({ env: { CCI_BROWSER: path.join(tmp, 'nope') } });
    await expect(printer.print(job('x'))).rejects.toThrow(NoBrowserError);
    await expect(printer.ready()).rejects.toThrow(/CCI_BROWSER=/);
    await printer.close();
  });
});

describe('one browser for a run', () => {
  it('start() returns at once and print() waits for the browser', async () => {
    const { launcher, launched } = recordingLauncher();
    const t0 = Date.now();
    const printer = PdfPrinter.start({ launcher });
    expect(Date.now() - t0).toBeLessThan(50);
    expect(launched).toHaveLength(0);
    const bytes = await printer.print(job('after a background start'));
    expect(pdfText(writePdf(bytes))).toContain('after a background start');
    expect(launched).toHaveLength(1);
    await printer.close();
    expect(existsSync(launched[0]!.options.userDataDir!)).toBe(false);
  });

  it('relaunches a browser killed between two jobs, once', async () => {
    const { launcher, launched } = recordingLauncher();
    const printer = await PdfPrinter.launch({ launcher });
    try {
      await printer.print(job('first'));
      const firstPid = launched[0]!.browser.process()?.pid;
      killTree(firstPid);
      await waitFor(() => !launched[0]!.browser.connected);
      const bytes = await printer.print(job('second'));
      expect(pdfText(writePdf(bytes))).toContain('second');
      expect(launched).toHaveLength(2);
      expect(printer.launches).toBe(2);
      await printer.print(job('third'));
      expect(launched).toHaveLength(2);
      expect(await waitFor(() => !existsSync(launched[0]!.options.userDataDir!))).toBe(true);
    } finally {
      await printer.close();
    }
  });

  it('prints the first document on a new page when the page opened in advance has crashed', async () => {
    const { launcher, launched } = recordingLauncher();
    const printer = await PdfPrinter.launch({ launcher });
    try {
      const browser = launched[0]!.browser;
      let spare = (await browser.pages())[0];
      for (let i = 0; i < 100 && spare === undefined; i++) {
        await new Promise((r) => setTimeout(r, 50));
        spare = (await browser.pages())[0];
      }
      expect(spare, 'the page opened in advance').toBeDefined();
      const crashed = new Promise((resolve) => spare!.once('error', resolve));
      void (await spare!.createCDPSession()).send('Page.crash').catch(() => undefined);
      await crashed;
      const bytes = await printer.print(job('after the spare page crashed'));
      expect(pdfText(writePdf(bytes))).toContain('after the spare page crashed');
      expect(launched).toHaveLength(1); // the browser itself was fine
    } finally {
      await printer.close();
    }
  });

  it('retries a job on a fresh browser when the browser crashes during it', async () => {
    // The first browser dies as soon as the job opens its page.
    const { launcher, launched } = recordingLauncher((browser, n) => {
      if (n === 1) browser.once('targetcreated', () => killTree(browser.process()?.pid));
    });
    const printer = PdfPrinter.start({ launcher });
    try {
      const bytes = await printer.print(job('survived a crash'));
      expect(pdfText(writePdf(bytes))).toContain('survived a crash');
      expect(launched).toHaveLength(2);
    } finally {
      await printer.close();
    }
  });

  /** The pids of the processes under `root` whose command line holds `flag` (Linux: /proc). */
  function processesUnder(root: number, flag: string): number[] {
    const parentOf = (pid: number): number => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      } catch {
        return 0;
      }
    };
    return readdirSync('/proc')
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .filter((pid) => {
        try {
          if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(flag)) return false;
        } catch {
          return false;
        }
        for (let p = parentOf(pid), i = 0; p > 1 && i < 10; p = parentOf(p), i++) if (p === root) return true;
        return false;
      });
  }

  it.runIf(process.platform === 'linux').each([
    ['while its page loads', 'setContent'],
    ['while it prints', 'createPDFStream'],
  ] as const)(
    'prints a document whose renderer is killed (SIGKILL, as the out-of-memory killer does) %s, on a fresh browser, at once',
    async (_when, step) => {
      const killed: number[] = [];
      const { launcher, launched } = recordingLauncher((browser, n) => {
        if (n !== 1) return;
        browser.on('targetcreated', (target: Target) => {
          void target.page().then((page) => {
            if (!page) return;
            const original = page[step].bind(page) as (...args: unknown[]) => Promise<unknown>;
            // the renderer dies a moment after the step has started in the browser
            (page as unknown as Record<string, unknown>)[step] = (...args: unknown[]) => {
              const started = original(...args);
              setTimeout(() => {
                for (const pid of processesUnder(browser.process()!.pid!, '--type=renderer')) {
                  killed.push(pid);
                  process.kill(pid, 'SIGKILL');
                }
              }, 30);
              return started;
            };
          });
        });
      });
      const printer = PdfPrinter.start({ launcher });
      try {
        const long = Array.from({ length: 1500 }, (_, i) => `<p>paragraph ${i} of a long document</p>`).join('');
        const t0 = Date.now();
        const bytes = await printer.print({ ...job('killed renderer'), html: html(`<p>killed renderer</p>${long}`) });
        expect(killed.length, 'a renderer was killed').toBeGreaterThan(0);
        expect(pdfText(writePdf(bytes))).toContain('killed renderer');
        expect(launched).toHaveLength(2);
        // not after a 30 or 60 s wait for a page that never comes
        expect(Date.now() - t0).toBeLessThan(15_000);
      } finally {
        await printer.close();
      }
    },
  );

  it.runIf(process.platform === 'linux')(
    'prints a document whose renderer is killed while its page is still being opened, on a fresh browser, at once',
    async () => {
      const killed: number[] = [];
      const { launcher, launched } = recordingLauncher((browser, n) => {
        if (n !== 1) return;
        const newPage = browser.newPage.bind(browser);
        browser.newPage = async (...args: Parameters<Browser['newPage']>) => {
          const root = browser.process()!.pid!;
          const before = new Set(processesUnder(root, '--type=renderer'));
          const opening = newPage(...args);
          // the new page's renderer is killed as soon as it appears, before newPage() has resolved
          for (let i = 0; i < 2000 && killed.length === 0; i++) {
            const fresh = processesUnder(root, '--type=renderer').filter((pid) => !before.has(pid));
            for (const pid of fresh) {
              killed.push(pid);
              process.kill(pid, 'SIGKILL');
            }
            if (killed.length === 0) await new Promise((r) => setTimeout(r, 2));
          }
          return opening;
        };
      });
      const printer = PdfPrinter.start({ launcher, prepareFirstPage: false });
      try {
        const t0 = Date.now();
        const bytes = await printer.print(job('renderer killed while opening'));
        expect(killed.length, 'a renderer was killed').toBeGreaterThan(0);
        expect(pdfText(writePdf(bytes))).toContain('renderer killed while opening');
        expect(launched).toHaveLength(2);
        // not after the page-open limit (10 s), nor puppeteer's 30 s or the document's 60 s
        expect(Date.now() - t0).toBeLessThan(8_000);
      } finally {
        await printer.close();
      }
    },
  );

  it.runIf(process.platform === 'linux')(
    'counts crashes toward giving up only until a document prints: crashes apart, each followed by a good print, never add up',
    async () => {
      const { launcher, launched } = recordingLauncher();
      // one replacement allowed: before, the second crash of the printer's life gave "keeps crashing"
      const printer = PdfPrinter.start({ launcher, maxRelaunches: 1, pageOpenTimeoutMs: 3000 });
      try {
        for (let round = 1; round <= 3; round++) {
          expect(pdfText(writePdf(await printer.print(job(`round ${round}`))))).toContain(`round ${round}`);
          const root = launched.at(-1)!.browser.process()!.pid!;
          for (const pid of processesUnder(root, '--type=zygote')) process.kill(pid, 'SIGKILL');
          // the next document finds the browser unable to open a page, and prints on a new one
        }
        expect(pdfText(writePdf(await printer.print(job('last'))))).toContain('last');
        expect(launched).toHaveLength(4);
      } finally {
        await printer.close();
      }
    },
  );

  it.runIf(process.platform === 'linux')(
    'prints on a fresh browser when the browser can no longer open pages (its zygote killed), without waiting 30 s',
    async () => {
      const { launcher, launched } = recordingLauncher();
      const printer = PdfPrinter.start({ launcher, pageOpenTimeoutMs: 2000 });
      try {
        expect(pdfText(writePdf(await printer.print(job('before'))))).toContain('before');
        const root = launched[0]!.browser.process()!.pid!;
        const zygotes = processesUnder(root, '--type=zygote');
        expect(zygotes.length, 'zygote processes').toBeGreaterThan(0);
        for (const pid of zygotes) process.kill(pid, 'SIGKILL');
        const t0 = Date.now();
        expect(pdfText(writePdf(await printer.print(job('after the zygote died'))))).toContain('after the zygote died');
        expect(launched).toHaveLength(2);
        expect(Date.now() - t0).toBeLessThan(10_000);
      } finally {
        await printer.close();
      }
    },
  );

  it('gives up with a clear RenderError when the browser crashes again on the retry', async () => {
    const { launcher, launched } = recordingLauncher((browser) => {
      browser.once('targetcreated', () => killTree(browser.process()?.pid));
    });
    const printer = PdfPrinter.start({ launcher });
    try {
      const error = await printer.print(job('doomed')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RenderError);
      expect((error as Error).message).toMatch(/crashed twice while printing "doomed"/);
      expect(launched).toHaveLength(2);
    } finally {
      await printer.close();
    }
    for (const { browser } of launched) expect(alive(browser.process()!.pid!)).toBe(false);
  });

  it('kills a browser that stops responding, fails that document, and prints the next one on a new browser', async () => {
    const { launcher, launched } = recordingLauncher();
    const printer = await PdfPrinter.launch({ launcher, timeoutMs: 1500, graceMs: 1000 });
    try {
      const pid = launched[0]!.browser.process()!.pid!;
      process.kill(pid, 'SIGSTOP'); // frozen: answers nothing
      const t0 = Date.now();
      const error = await printer.print(job('frozen')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RenderError);
      expect((error as Error).message).toMatch(/took longer than 1\.5 s.*not responding and was killed/);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(await waitFor(() => !alive(pid))).toBe(true);
      const bytes = await printer.print(job('thawed'));
      expect(pdfText(writePdf(bytes))).toContain('thawed');
      expect(launched).toHaveLength(2);
    } finally {
      await printer.close();
    }
  });
});

/**
 * A headless shell that starts as the real one the first time, and fails at once every later
 * time (as a machine out of memory may): `exit 7`, saying so on stderr.
 */
function startsOnce(name: string): string {
  const started = path.join(tmp, `${name}.started`);
  return script(
    `${name}/chromium-headless-shell`,
    `if [ ! -e '${started}' ]; then\n  touch '${started}'\n  exec /usr/lib/chromium/chromium-headless-shell "$@"\nfi\n` +
      `echo "chromium: cannot allocate memory" >&2\nexit 7`,
  );
}

describe('a browser that crashed and cannot be started again', () => {
  it('fails the document it was printing with exit 4, saying why it did not start again and what to check, not how to install one', async () => {
    const exe = startsOnce('crash-while-printing');
    // the browser dies as soon as the document's page opens
    const { launcher, launched } = recordingLauncher((browser) => {
      browser.once('targetcreated', () => killTree(browser.process()?.pid));
    });
    const printer = PdfPrinter.start({ executablePath: exe, launcher, prepareFirstPage: false });
    try {
      const error = await printer.print(job('doomed')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RenderError);
      expect(error).not.toBeInstanceOf(BrowserStartError);
      expect((error as RenderError).exitCode).toBe(EXIT.RENDER);
      const lines = (error as Error).message.split('\n');
      expect(lines.slice(0, 3)).toEqual([
        `The browser ${exe} crashed while printing "doomed" and could not be started again:`,
        '  it exited with code 7 before it could be driven; it said:',
        '  chromium: cannot allocate memory',
      ]);
      expect(lines[3]).toMatch(
        /^The browser is installed \(it ran until it crashed\): check the free memory .*dmesg.* \/dev\/shm/,
      );
      expect((error as Error).message).not.toMatch(/Install|apt-get|npm run setup|--version/);
      expect(launched).toHaveLength(1);
    } finally {
      await printer.close();
    }
    expect(alive(launched[0]!.browser.process()!.pid!)).toBe(false);
  });

  it('fails the next document with exit 4 when it crashed between two, in the language of messages', async () => {
    setCliLang('fr');
    try {
      const exe = startsOnce('crash-between');
      const { launcher, launched } = recordingLauncher();
      const printer = await PdfPrinter.launch({ executablePath: exe, launcher });
      try {
        await printer.print(job('premier'));
        killTree(launched[0]!.browser.process()?.pid);
        await waitFor(() => !launched[0]!.browser.connected);
        const error = await printer.print(job('second')).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RenderError);
        expect((error as RenderError).exitCode).toBe(EXIT.RENDER);
        const lines = (error as Error).message.split('\n');
        expect(lines.slice(0, 3)).toEqual([
          `Le navigateur ${exe} s’est arrêté brutalement avant l’impression de « second » et n’a pas pu être relancé :`,
          '  il s’est terminé avec le code 7 avant de pouvoir être piloté ; il a écrit :',
          '  chromium: cannot allocate memory',
        ]);
        expect(lines[3]).toMatch(
          /^Le navigateur est bien installé \(il a fonctionné jusqu’à son arrêt brutal\) : vérifiez la mémoire libre/,
        );
      } finally {
        await printer.close();
      }
    } finally {
      setCliLang('en');
    }
  });
});
