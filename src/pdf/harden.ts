// Locks a page down before a document is loaded into it: no JavaScript, no network, nothing
// but the document cci wrote and the data: URLs inside it. A request refused is recorded so
// the render can fail: cci generated the HTML, so a request means hostile or broken content.

import type { HTTPRequest, Page } from 'puppeteer-core';
import { RenderError } from '../errors.js';

export interface PageGuard {
  /** URLs the document tried to load and that were refused, in order. */
  readonly blocked: readonly string[];
  /** Throws RenderError naming the first refused URL, if any. */
  assertNothingBlocked(what: string): void;
}

/** Only resources embedded in the document itself (data: URLs) may load, and no navigation. */
export function isAllowedRequest(url: string, isNavigation: boolean): boolean {
  if (isNavigation) return false; // setContent writes the document without any request
  return url.startsWith('data:');
}

function shorten(url: string, max = 120): string {
  return url.length > max ? `${url.slice(0, max)}…` : url;
}

export async function hardenPage(page: Page): Promise<PageGuard> {
  const blocked: string[] = [];
  await page.setJavaScriptEnabled(false);
  await page.setOfflineMode(true);
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (isAllowedRequest(url, request.isNavigationRequest())) {
      void request.continue().catch(() => undefined);
    } else {
      blocked.push(url);
      void request.abort('blockedbyclient').catch(() => undefined);
    }
  });
  return {
    blocked,
    assertNothingBlocked(what: string) {
      const first = blocked[0];
      if (first === undefined) return;
      const more = blocked.length > 1 ? ` (and ${blocked.length - 1} more)` : '';
      throw new RenderError(
        `${what} tried to load ${shorten(first)}${more}, which was refused: a briefing may only ` +
          `embed data: URLs, never fetch anything. The HTML is broken or has been tampered with.`,
      );
    },
  };
}

/**
 * Checks that the page holds the document written into it: still about:blank (nothing
 * navigated it away), no `<meta http-equiv="refresh">` (which would navigate it later) and,
 * when a marker is required, with `<meta name="{marker}">` present.
 */
export async function assertIsDocument(page: Page, what: string, marker?: string): Promise<void> {
  const url = page.url();
  if (url !== 'about:blank') {
    throw new RenderError(`${what}: the page navigated away to ${shorten(url)} instead of showing the document.`);
  }
  const refresh = await page.$('meta[http-equiv="refresh" i]');
  if (refresh) {
    await refresh.dispose();
    throw new RenderError(`${what}: the HTML asks to be redirected (<meta http-equiv="refresh">); it is not a cci document.`);
  }
  if (marker !== undefined) {
    const found = await page.$(`meta[name="${marker.replace(/["\\]/g, '\\$&')}"]`);
    if (!found) {
      throw new RenderError(
        `${what}: the HTML lacks its marker <meta name="${marker}">; it is not a cci document.`,
      );
    }
    await found.dispose();
  }
}
