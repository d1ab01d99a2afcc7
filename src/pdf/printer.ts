// PdfPrinter: owns the one browser of a run and prints documents with it, a few at a time,
// each on a fresh hardened page. It may be started before the HTML exists, so that Chromium's
// start-up overlaps the data work; print() waits for it. A browser that crashes is replaced
// once per document; a document that hangs is stopped, and a browser that hangs is killed.

import { tmpdir } from 'node:os';
import type { Browser, Page, PDFOptions } from 'puppeteer-core';
import { BrowserStartError, CciError, RenderError } from '../errors.js';
import { checkPdf } from './check-pdf.js';
import { type CrashWatch, watchCrashes } from './crash-watch.js';
import { findBrowser } from './find-browser.js';
import { type PageGuard, assertIsDocument, hardenPage } from './harden.js';
import { PAGE_MARGINS } from './header-footer.js';
import { BrowserRestartError, type LaunchedBrowser, type Launcher, launchBrowser } from './launch.js';
import { protocolFailureOf } from './spawn-browser.js';
import { setPdfInfo } from './pdf-info.js';
import { setOutlineTitles } from './outline-titles.js';
import { Semaphore } from './semaphore.js';
import { lowTempSpaceNote } from './temp-space.js';
import { browserTempDir } from './browser-dirs.js';
import { TimeoutExpired, withTimeout } from './timeout.js';
import { errorText, oneLine } from '../text/one-line.js';
import { displayName, escapeUnsafe } from '../text/control-chars.js';
import { formatDecimal, t, tn } from '../i18n/messages.js';

export interface PdfPrinterOptions {
  /**
   * The browser to use (`--browser`): checked, and a known wrapper script replaced by its
   * binary, by findBrowser(); when absent, findBrowser() looks for one (CCI_BROWSER, a headless
   * shell, then Chrome or Chromium).
   */
  executablePath?: string;
  /** Environment for findBrowser() and the browser process (cci passes its own; inherited by the browser when absent). */
  env?: NodeJS.ProcessEnv;
  /** Documents printed at the same time (default 2). */
  concurrency?: number;
  /** Longest time one document may take, load and print (default 60 s). */
  timeoutMs?: number;
  /** Longest time the browser may take to start (default 30 s). */
  launchTimeoutMs?: number;
  /** When set, a document must contain `<meta name="{documentMarker}">` (e.g. `cci-document`). */
  documentMarker?: string;
  /** Page margins (default 22 mm top and bottom, 15 mm left and right). */
  margins?: { top?: string; bottom?: string; left?: string; right?: string };
  /** Extra Chromium flags. */
  args?: readonly string[];
  /** Where each browser's private folder is made (default os.tmpdir()): browser-dirs.ts. */
  tempDir?: string;
  /** Replaces the default launcher (spawn-browser.ts; tests count or fake launches with it). */
  launcher?: Launcher;
  /** How long a browser may take to answer or close a page before the watchdog kills it (default 5 s). */
  graceMs?: number;
  /**
   * How long a new page may take to open (default 10 s). It takes well under a second, 1–2 s on
   * a loaded machine; a browser that can no longer start renderers (its zygote killed) never
   * opens one, and puppeteer would wait 30 s. Past this the browser is replaced, as crashed.
   */
  pageOpenTimeoutMs?: number;
  /**
   * How many times the browser may be replaced after crashes without a document printed in
   * between (default 3): crashes minutes apart in a long preview, each followed by a good
   * print, never add up to giving up.
   */
  maxRelaunches?: number;
  /**
   * Open and harden a page as soon as the browser is ready, for the first document (default
   * true): its opening is then off the path of a one-document run.
   */
  prepareFirstPage?: boolean;
}

export interface PrintJob {
  html: string;
  /** Document title: PDF Title. */
  title: string;
  /** BCP 47 language of the document (`fr`, `en`): the PDF's /Lang. */
  lang: string;
  /** PDF Subject; should carry the marking, e.g. `TLP:AMBER — Briefing Sécurité générale`. */
  subject: string;
  keywords?: string;
  headerTemplate?: string;
  footerTemplate?: string;
  /** Overrides the printer's timeoutMs for this document. */
  timeoutMs?: number;
  /** Titles of the bookmarks, one per heading in document order (outline-titles.ts). */
  outlineTitles?: readonly string[];
}

/** A document took too long: not retried (it would hang again). */
class DocumentTimeout extends RenderError {}
/** The page's renderer crashed: retried once like a browser crash. */
class PageCrashed extends RenderError {}
/** The browser did not open a page in time: it cannot start renderers; replaced like a crashed one. */
class PageNotOpened extends PageCrashed {}

const EMPTY_TEMPLATE = '<span></span>';

/** How long a print that failed in the browser waits for the page's crash to be reported (ms). */
const CRASH_REPORT_MS = 1000;

interface Current {
  lb: LaunchedBrowser;
  gen: number;
  /** Its targets' crashes, for the pages being opened. */
  crashes: CrashWatch;
}

/** A new page, locked down (harden.ts) and in print media, before any document is written into it. */
interface OpenPage {
  page: Page;
  guard: PageGuard;
  /** Set when the page's renderer crashed. */
  crashed?: Error;
}

/**
 * Rejects with PageCrashed when the page's renderer crashes while it is being opened (a crash
 * of the browser's targets, `crashes`) or prepared, or with PageNotOpened when the browser does
 * not open it within `openMs`. A page that opens after that is closed.
 */
async function openPage(browser: Browser, openMs: number, crashes: CrashWatch): Promise<OpenPage> {
  const opening = browser.newPage();
  let given = false;
  opening.then(
    (late) => (given ? void late.close().catch(() => undefined) : undefined),
    () => undefined,
  );
  const targetCrash = crashes.next();
  // one timer, cleared however the race ends (a crash first must not leave it running)
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutExpired(openMs)), openMs);
  });
  let page: Page;
  try {
    page = await Promise.race([
      opening,
      timedOut,
      targetCrash.crashed.catch((error: Error) => {
        throw new PageCrashed(t('pdf.pageCrashed', { reason: oneLine(error.message) }));
      }),
    ]);
  } catch (error) {
    throw error instanceof TimeoutExpired
      ? new PageNotOpened(t('pdf.pageNotOpened', { seconds: formatDecimal(openMs / 1000) }), { cause: error })
      : error;
  } finally {
    clearTimeout(timer);
    given = true;
    targetCrash.stop();
  }
  const open: Partial<OpenPage> & { page: Page } = { page };
  const crash = new Promise<never>((_, reject) => {
    page.once('error', (e: Error) => {
      open.crashed = e;
      void page.close().catch(() => undefined);
      reject(new PageCrashed(t('pdf.pageCrashed', { reason: oneLine(e.message) })));
    });
  });
  crash.catch(() => undefined);
  await Promise.race([
    (async () => {
      // Print media from the start: the layout Chromium does on load is then the print one's
      // styles, not a screen layout thrown away (measured: about 0.15 s less on a 69-page document).
      [open.guard] = await Promise.all([hardenPage(page), page.emulateMediaType('print')]);
    })(),
    crash,
  ]);
  return open as OpenPage;
}

export class PdfPrinter {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly #opts: PdfPrinterOptions;
  readonly #graceMs: number;
  readonly #pageOpenMs: number;
  readonly #sem: Semaphore;
  readonly #handles = new Set<LaunchedBrowser>();
  #current: Promise<Current>;
  /**
   * Pages of printed documents, closed when the next document starts, or with the browser.
   * Closing a page makes puppeteer wait 100 ms for a frame swap (FrameManager's
   * TIME_FOR_WAITING_FOR_SWAP) on a timer that keeps Node running: closing the last page at
   * once held every run's exit by 100 ms. Closing the browser (disconnected first) has no such wait.
   */
  readonly #printed = new Set<{ page: Page; lb: LaunchedBrowser }>();
  /** The page opened in advance for the next document, on browser `gen`. */
  #spare: { gen: number; open: Promise<OpenPage> } | undefined;
  #gen = 0;
  #launches = 0;
  /** Browsers started since a document last printed: the limit of maxRelaunches is on these. */
  #startsSincePrinted = 0;
  #executablePath: string | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;
  /** Aborted by close(): a browser still starting is stopped at once rather than awaited. */
  readonly #stop = new AbortController();

  private constructor(opts: PdfPrinterOptions) {
    this.#opts = opts;
    this.concurrency = opts.concurrency ?? 2;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.#graceMs = opts.graceMs ?? 5_000;
    this.#pageOpenMs = opts.pageOpenTimeoutMs ?? 10_000;
    this.#sem = new Semaphore(this.concurrency);
    this.#current = this.#launch(0);
  }

  /** Returns at once; the browser starts in the background and print() waits for it. */
  static start(opts: PdfPrinterOptions = {}): PdfPrinter {
    return new PdfPrinter(opts);
  }

  /** Starts the browser and waits until it is ready (NoBrowserError, RenderError). */
  static async launch(opts: PdfPrinterOptions = {}): Promise<PdfPrinter> {
    const printer = new PdfPrinter(opts);
    try {
      await printer.ready();
    } catch (error) {
      await printer.close();
      throw error;
    }
    return printer;
  }

  /** Resolves when the browser is running; rejects with the reason it could not start. */
  async ready(): Promise<void> {
    await this.#browser();
  }

  /** How many browsers this printer has started (1 unless one crashed). */
  get launches(): number {
    return this.#launches;
  }

  /** Process id of the current browser, once started. */
  async pid(): Promise<number | undefined> {
    return (await this.#browser()).lb.pid;
  }

  /** The browser's own version string, e.g. `Chrome/131.0.6778.85`. */
  async version(): Promise<string> {
    return (await this.#browser()).lb.browser.version();
  }

  /** The executable used, once known. */
  get executablePath(): string | undefined {
    return this.#executablePath;
  }

  #launch(gen: number): Promise<Current> {
    this.#gen = gen;
    this.#launches++;
    this.#startsSincePrinted++;
    const p = (async (): Promise<Current> => {
      // a path given (--browser) is checked as one found: not an executable file is "no browser" (exit 5)
      this.#executablePath ??= (
        await findBrowser({
          ...(this.#opts.executablePath !== undefined && { executablePath: this.#opts.executablePath }),
          env: this.#opts.env ?? {},
        })
      ).path;
      const lb = await launchBrowser({
        executablePath: this.#executablePath,
        launchTimeoutMs: this.#opts.launchTimeoutMs ?? 30_000,
        // Longer than a document's time: the document timeout fires first, and the watchdog
        // then tells a slow document from a browser that stopped answering.
        protocolTimeoutMs: this.timeoutMs + this.#graceMs,
        ...(this.#opts.launcher ? { launcher: this.#opts.launcher } : {}),
        ...(this.#opts.args ? { args: this.#opts.args } : {}),
        ...(this.#opts.env ? { env: this.#opts.env } : {}),
        ...(this.#opts.tempDir !== undefined && { tempDir: this.#opts.tempDir }),
        // a browser replacing one that crashed: failing to start is not "no browser" (exit 5)
        ...(gen > 0 && { afterCrash: true }),
        signal: this.#stop.signal,
      });
      this.#handles.add(lb);
      // A browser that dies (crash, watchdog) is cleaned up at once; the next job replaces it.
      lb.browser.once('disconnected', () => void lb.close().finally(() => this.#handles.delete(lb)));
      if (this.#closed) {
        await lb.close();
        throw new RenderError(t('pdf.closedWhileStarting'));
      }
      const crashes = watchCrashes(lb.browser);
      if (this.#opts.prepareFirstPage !== false && gen === 0) {
        const open = openPage(lb.browser, this.#pageOpenMs, crashes);
        open.catch(() => undefined); // a page that could not open is opened again by print()
        this.#spare = { gen, open };
      }
      return { lb, gen, crashes };
    })();
    p.catch(() => undefined); // reported by print()/ready(), not as an unhandled rejection
    return p;
  }

  /** A document printed: the browser now running is the only start the crash limit counts. */
  #countPrinted(pdf: Uint8Array): Uint8Array {
    this.#startsSincePrinted = 1;
    return pdf;
  }

  /** The running browser, replacing a dead one. */
  async #browser(): Promise<Current> {
    if (this.#closed) throw new RenderError(t('pdf.closed'));
    const cur = await this.#current;
    if (cur.lb.browser.connected) return cur;
    return this.#replace(cur);
  }

  /** Replaces a dead browser; concurrent callers for the same dead browser share one launch. */
  #replace(dead: Current): Promise<Current> {
    if (this.#closed) return Promise.reject(new RenderError(t('pdf.closed')));
    if (dead.gen !== this.#gen) return this.#current; // someone already replaced it
    if (this.#startsSincePrinted - 1 >= (this.#opts.maxRelaunches ?? 3)) {
      return Promise.reject(
        new RenderError(
          `${tn('pdf.crash.keepsCrashing', this.#startsSincePrinted, { path: displayName(this.#executablePath ?? '') })} ${t('pdf.crash.advice')}`,
        ),
      );
    }
    dead.lb.kill();
    void dead.lb.close();
    this.#current = this.#launch(dead.gen + 1);
    return this.#current;
  }

  #isCrash(cur: Current, error: unknown): boolean {
    if (error instanceof DocumentTimeout) return false;
    return error instanceof PageCrashed || !cur.lb.browser.connected;
  }

  /** Prints one document to PDF bytes (RenderError on any failure, NoBrowserError if none). */
  async print(job: PrintJob): Promise<Uint8Array> {
    if (this.#closed) throw new RenderError(t('pdf.closed'));
    return this.#sem.run(async () => {
      const what = t('pdf.what.document', { title: escapeUnsafe(job.title) });
      // a browser that died before this document (between two, or while it started) is replaced first
      let cur = await this.#browser().catch((error: unknown) => {
        throw this.#restartFailed(error, 'pdf.crash.before', job.title);
      });
      try {
        return this.#countPrinted(await this.#printOn(cur, job, what));
      } catch (error) {
        // a program that does not speak the protocol: said so, not retried as a crash
        const failure = protocolFailureOf(cur.lb.browser);
        if (failure !== undefined) {
          throw new RenderError(t('pdf.couldNotPrint', { what, reason: failure }), { cause: error });
        }
        if (this.#closed || !this.#isCrash(cur, error)) throw this.#withSpaceNote(asRenderError(error, what));
      }
      // The browser (or the page's renderer) crashed: once more on a fresh browser. A browser
      // whose renderer was killed may still answer, but the page opened next in it may never be
      // attached (measured: 30–60 s of waiting, then a failure), so it is replaced too.
      cur = await this.#replace(cur).catch((error: unknown) => {
        throw this.#restartFailed(error, 'pdf.crash.during', job.title);
      });
      try {
        return this.#countPrinted(await this.#printOn(cur, job, what));
      } catch (error) {
        if (!this.#closed && this.#isCrash(cur, error)) {
          throw new RenderError(
            `${t('pdf.crash.twice', { title: escapeUnsafe(job.title) })} ${t('pdf.crash.advice')}`,
            { cause: error },
          );
        }
        throw this.#withSpaceNote(asRenderError(error, what));
      }
    });
  }

  /**
   * A browser that crashed and could not be started again (BrowserRestartError), said with the
   * document it was printing (`pdf.crash.during`) or was about to print (`pdf.crash.before`):
   * exit 4, why the new start failed, advice for a crash, and a full temporary disk if it is one.
   * Any other error is returned as it is.
   */
  #restartFailed(error: unknown, key: 'pdf.crash.during' | 'pdf.crash.before', title: string): unknown {
    if (!(error instanceof BrowserRestartError)) return error;
    const headline = t(key, { path: displayName(error.executablePath), title: escapeUnsafe(title) });
    return this.#withSpaceNote(new BrowserRestartError(error.executablePath, error.reason, { cause: error, headline }));
  }

  /** The error, saying also that the temporary folder's disk is full when it is (temp-space.ts). */
  #withSpaceNote(error: CciError): CciError {
    if (!(error instanceof RenderError)) return error;
    // the folder the browser really writes into (browser-dirs.ts: /tmp for a long TMPDIR)
    const preferred = this.#opts.tempDir ?? tmpdir();
    const note = lowTempSpaceNote(browserTempDir(preferred), { preferred });
    if (note === '') return error;
    const message = `${error.message}${/[.!?]$/.test(error.message) ? ' ' : '. '}${note}`;
    return error instanceof BrowserStartError
      ? new BrowserStartError(message, { cause: error })
      : new RenderError(message, { cause: error });
  }

  async #printOn(cur: Current, job: PrintJob, what: string): Promise<Uint8Array> {
    const { lb } = cur;
    const timeoutMs = job.timeoutMs ?? this.timeoutMs;
    let timedOut = false;
    this.#closePrinted();
    const pagePromise = this.#takeSpare(cur) ?? openPage(lb.browser, this.#pageOpenMs, cur.crashes);
    // A page that arrives after the timeout is closed at once.
    pagePromise.then(
      (o) => (timedOut ? void o.page.close().catch(() => undefined) : undefined),
      () => undefined,
    );
    const work = (async () => {
      const open = await pagePromise.catch((error: unknown) => {
        throw error instanceof PageCrashed
          ? new PageCrashed(t('pdf.ofDocument', { what, message: error.message }), { cause: error })
          : error;
      });
      const { page } = open;
      const crashed = new Promise<never>((_, reject) => {
        const fail = (e: Error) =>
          reject(
            new PageCrashed(
              t('pdf.ofDocument', { what, message: t('pdf.pageCrashed', { reason: oneLine(e.message) }) }),
            ),
          );
        if (open.crashed) fail(open.crashed);
        else page.once('error', fail);
      });
      try {
        return await Promise.race([this.#render(open, job, what, timeoutMs), crashed]);
      } catch (error) {
        // A renderer killed while printing makes Chromium answer "Printing failed" a moment
        // before DevTools reports the crash: a failure of the browser's own (not one of cci's
        // checks) waits that moment for the crash, so that it is retried as one.
        if (error instanceof CciError) throw error;
        const reported = await withTimeout(
          crashed.catch((crash: unknown) => crash),
          CRASH_REPORT_MS,
        ).catch(() => undefined);
        throw reported ?? error;
      } finally {
        if (!timedOut && !page.isClosed() && lb.browser.connected) this.#printed.add({ page, lb });
      }
    })();
    try {
      return await withTimeout(work, timeoutMs);
    } catch (error) {
      if (!(error instanceof TimeoutExpired)) throw error;
      timedOut = true;
      // Watchdog: is the browser still answering? If not, kill it.
      const responsive = await withTimeout(lb.browser.version(), this.#graceMs).then(
        () => true,
        () => false,
      );
      if (responsive) {
        void pagePromise.then((o) => o.page.close()).catch(() => undefined);
      } else {
        lb.kill();
      }
      throw new DocumentTimeout(
        t(responsive ? 'pdf.tooLong' : 'pdf.tooLongKilled', { what, seconds: formatDecimal(timeoutMs / 1000) }),
      );
    }
  }

  /** Closes the pages of printed documents; one that will not close means a hung browser: it is killed. */
  #closePrinted(): void {
    for (const done of this.#printed) {
      this.#printed.delete(done);
      if (done.page.isClosed() || !done.lb.browser.connected) continue;
      void withTimeout(done.page.close(), this.#graceMs).catch(() => done.lb.kill());
    }
  }

  /** The page opened in advance on this browser, if any and still usable (once). */
  #takeSpare(cur: Current): Promise<OpenPage> | undefined {
    const spare = this.#spare;
    if (spare === undefined || spare.gen !== cur.gen) return undefined;
    this.#spare = undefined;
    return spare.open.then(
      (o) => {
        if (!o.crashed && !o.page.isClosed()) return o;
        void o.page.close().catch(() => undefined);
        return openPage(cur.lb.browser, this.#pageOpenMs, cur.crashes);
      },
      // a spare that did not open says this browser opens no page: not tried again on it
      (error: unknown) =>
        error instanceof PageNotOpened
          ? Promise.reject(error)
          : openPage(cur.lb.browser, this.#pageOpenMs, cur.crashes),
    );
  }

  async #render({ page, guard }: OpenPage, job: PrintJob, what: string, timeoutMs: number): Promise<Uint8Array> {
    await page.setContent(job.html, { waitUntil: 'load', timeout: timeoutMs });
    guard.assertNothingBlocked(what);
    try {
      await assertIsDocument(page, what, this.#opts.documentMarker, { title: job.title, lang: job.lang });
    } catch (error) {
      guard.assertNothingBlocked(what); // a refused request explains it best
      throw error;
    }
    const withHeaderFooter = job.headerTemplate !== undefined || job.footerTemplate !== undefined;
    const options: PDFOptions = {
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: withHeaderFooter,
      headerTemplate: job.headerTemplate ?? EMPTY_TEMPLATE,
      footerTemplate: job.footerTemplate ?? EMPTY_TEMPLATE,
      margin: { ...PAGE_MARGINS, ...this.#opts.margins },
      tagged: true,
      // Bookmarks from the document's headings (h1–h6), for readers and screen readers.
      outline: true,
      timeout: timeoutMs,
    };
    const printed = await page.pdf(options);
    guard.assertNothingBlocked(what); // print media may load more (e.g. @media print images)
    const pdf = job.outlineTitles ? setOutlineTitles(printed, job.outlineTitles) : printed;
    const bytes = setPdfInfo(pdf, {
      title: job.title,
      subject: job.subject,
      author: 'cci',
      creator: 'cci',
      ...(job.keywords !== undefined ? { keywords: job.keywords } : {}),
    });
    checkPdf(bytes, what);
    return bytes;
  }

  /** Kills the browser(s) and removes the temporary profile(s). Safe to call more than once. */
  close(): Promise<void> {
    this.#closed = true;
    // a run that fails before printing (a usage error, bad data) does not wait for a slow start
    this.#stop.abort();
    this.#closing ??= (async () => {
      this.#printed.clear(); // they go with the browser
      await this.#current.catch(() => undefined);
      await Promise.all([...this.#handles].map((lb) => lb.close()));
      this.#handles.clear();
    })();
    return this.#closing;
  }
}

function asRenderError(error: unknown, what: string): CciError {
  if (error instanceof CciError) return error;
  const reason = errorText(error);
  if (error instanceof TypeError) {
    // puppeteer or Node tripping over an answer of the wrong shape: not Chrome's
    return new RenderError(t('pdf.wrongAnswer', { what, reason }), { cause: error });
  }
  return new RenderError(t('pdf.couldNotPrint', { what, reason }), { cause: error });
}
