// What `cci doctor` proves about a browser: that it starts as `cci brief` starts it, opens a
// hardened page (JavaScript off, every request refused) and prints a page with the running
// header and footer into a PDF that check-pdf.ts accepts. A browser found but unable to do that
// (not Chrome at all, a copy without its resource files, one that hangs) is not one cci can
// print with, whatever its `--version` says.

import { headerFooterTemplates } from './header-footer.js';
import { PdfPrinter } from './printer.js';

const TEST_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cci doctor</title></head>' +
  '<body><h1>cci doctor</h1><p>Test page.</p></body></html>';

export interface PrintCheckOptions {
  /** The browser found (findBrowser's path). */
  executablePath: string;
  /** cci's environment (config/environment.ts), as for a briefing. */
  env?: NodeJS.ProcessEnv;
  /** Longest time to start and print (default 30 s): then it is stopped and this rejects. */
  timeoutMs?: number;
}

/**
 * Starts the browser, prints the one-page test document, closes the browser (its processes and
 * private folder removed as after a briefing). Resolves with the time it took in ms; rejects
 * with the RenderError a briefing would have met.
 */
export async function printTestPage(opts: PrintCheckOptions): Promise<number> {
  const started = performance.now();
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const printer = PdfPrinter.start({
    executablePath: opts.executablePath,
    ...(opts.env !== undefined && { env: opts.env }),
    launchTimeoutMs: timeoutMs,
    timeoutMs,
    // one crash is retried on a new browser, as for a briefing (a renderer killed once is not a broken browser)
    maxRelaunches: 1,
    prepareFirstPage: false,
  });
  try {
    await printer.print({
      html: TEST_PAGE,
      title: 'cci doctor',
      lang: 'en',
      subject: 'cci doctor: test page',
      ...headerFooterTemplates({ marking: 'TLP:CLEAR', specialFrance: false, draft: false, leftText: 'cci doctor' }),
    });
  } finally {
    await printer.close();
  }
  return performance.now() - started;
}
