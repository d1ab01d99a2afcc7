// Locks a page down before a document is loaded into it: no JavaScript, no network, nothing
// but the document cci wrote and the data: URLs inside it. A request refused is recorded so
// the render can fail: cci generated the HTML, so a request means hostile or broken content.

import type { HTTPRequest, Page } from 'puppeteer-core';
import { RenderError } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import { escapeUnsafe } from '../text/control-chars.js';

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

/** A URL for a message: at most `max` characters, every control, bidi or separator character written `\u001b`. */
function shorten(url: string, max = 120): string {
  return escapeUnsafe(url.length > max ? `${url.slice(0, max)}…` : url);
}

export async function hardenPage(page: Page): Promise<PageGuard> {
  const blocked: string[] = [];
  // All three are in force before hardenPage resolves, so before any document is written into
  // the page; sent together, they take one round trip to the browser instead of three.
  await Promise.all([page.setJavaScriptEnabled(false), page.setOfflineMode(true), page.setRequestInterception(true)]);
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
      const url = shorten(first);
      throw new RenderError(
        blocked.length > 1 ? tn('pdf.blockedMore', blocked.length - 1, { what, url }) : t('pdf.blocked', { what, url }),
      );
    },
  };
}

/** The little of the page's DOM that the check touches (this file is compiled without the DOM library). */
interface PageDocument {
  title: string;
  documentElement: { lang: string };
  querySelector(selector: string): unknown;
}

/** What the page holds, seen in one round trip. */
interface DocumentFacts {
  refresh: boolean;
  marker: boolean;
}

/**
 * Checks that the page holds the document written into it: still about:blank (nothing
 * navigated it away), no `<meta http-equiv="refresh">` (which would navigate it later) and,
 * when a marker is required, with `<meta name="{marker}">` present. Sets the title and
 * language Chromium writes as the PDF's Title and /Lang in the same round trip (DevTools may
 * evaluate with page scripts off).
 */
export async function assertIsDocument(
  page: Page,
  what: string,
  marker?: string,
  meta?: { title: string; lang: string },
): Promise<void> {
  const url = page.url();
  if (url !== 'about:blank') {
    throw new RenderError(t('pdf.navigatedAway', { what, url: shorten(url) }));
  }
  const markerSelector = marker === undefined ? undefined : `meta[name="${marker.replace(/["\\]/g, '\\$&')}"]`;
  const facts = await page.evaluate(
    (markerSel: string | undefined, m: { title: string; lang: string } | undefined): DocumentFacts => {
      // runs in the page
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const found = {
        refresh: doc.querySelector('meta[http-equiv="refresh" i]') !== null,
        marker: markerSel === undefined || doc.querySelector(markerSel) !== null,
      };
      if (m && !found.refresh && found.marker) {
        doc.title = m.title;
        doc.documentElement.lang = m.lang;
      }
      return found;
    },
    markerSelector,
    meta,
  );
  if (facts.refresh) {
    throw new RenderError(t('pdf.refresh', { what }));
  }
  if (!facts.marker) {
    throw new RenderError(t('pdf.noMarker', { what, marker: escapeUnsafe(marker ?? '') }));
  }
}
