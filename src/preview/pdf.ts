// The PDF of a preview, printed through the same printer as `cci brief` (io.startPrinter). The
// browser starts on the first PDF asked for and stays up until the preview stops.

import type { Io } from '../commands/io.js';
import { CciError } from '../errors.js';
import { t } from '../i18n/messages.js';
import type { BriefingPrinter } from '../pipeline/print.js';
import type { RenderedView } from './render-view.js';

/** PDF printing is not available in this build (the printer module is missing). */
export class PdfUnavailable extends Error {
  readonly status = 501;
}

export class PreviewPrinter {
  readonly #io: Io;
  readonly #browserEnv: NodeJS.ProcessEnv;
  #printer: Promise<BriefingPrinter> | undefined;
  /** Prints under way, by printer: a printer dropped after a failure is closed once its last one ends. */
  readonly #inFlight = new Map<BriefingPrinter, number>();
  #closed = false;

  /** `browserEnv`: what the browser is found and run with (src/config/environment.ts). */
  constructor(io: Io, browserEnv: NodeJS.ProcessEnv) {
    this.#io = io;
    this.#browserEnv = browserEnv;
  }

  async print(rendered: RenderedView): Promise<{ pdf: Uint8Array; fileName: string }> {
    if (this.#closed) throw new Error(t('preview.isStopping'));
    const starting = this.#start();
    const printer = await starting;
    const { plan } = rendered;
    this.#inFlight.set(printer, (this.#inFlight.get(printer) ?? 0) + 1);
    try {
      const pdf = await printer.print({ plan, model: rendered.model, html: rendered.html });
      return { pdf, fileName: `${plan.baseName}.pdf` };
    } catch (error) {
      // A printer whose browser crashed and would not start again stays failed: the next
      // request starts a new one (the browser may have been fixed, memory freed), as `cci
      // brief` run again would. Any failed print drops it (the preview has no batch to keep);
      // the prints still under way on it finish first.
      if (this.#printer === starting) this.#printer = undefined;
      throw error;
    } finally {
      const left = (this.#inFlight.get(printer) ?? 1) - 1;
      if (left > 0) this.#inFlight.set(printer, left);
      else {
        this.#inFlight.delete(printer);
        // dropped, and nothing of it under way: closed
        if (this.#printer !== starting) void printer.close().catch(() => undefined);
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const started = this.#printer;
    this.#printer = undefined;
    // the current printer, and any dropped one still printing (closing twice is harmless)
    const dropped = [...this.#inFlight.keys()];
    await Promise.all([
      ...dropped.map((p) => p.close().catch(() => undefined)),
      started?.then(
        (p) => p.close(),
        () => undefined,
      ),
    ]);
  }

  #start(): Promise<BriefingPrinter> {
    if (!this.#printer) {
      const starting = this.#io.startPrinter({ env: this.#browserEnv }).catch((error: unknown) => {
        // Not kept: the next request tries again (a browser may have been installed since).
        this.#printer = undefined;
        if (!(error instanceof CciError) && (error as NodeJS.ErrnoException)?.code === 'ERR_MODULE_NOT_FOUND') {
          throw new PdfUnavailable(t('preview.pdfUnavailable'));
        }
        throw error;
      });
      this.#printer = starting;
    }
    return this.#printer;
  }
}
