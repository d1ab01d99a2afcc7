// Response headers. Every answer is never cached and never sniffed. Preview pages may run only
// their own inline script (by nonce) and talk only to this server's /events; the briefing
// document itself runs no script at all and loads nothing.

import { randomBytes } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

const COMMON: OutgoingHttpHeaders = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * A preview page (index, briefing wrapper, message page): its inline style and script carry
 * `nonce`; it may open EventSource on `origin`/events and frame `origin`/doc, nothing else.
 */
export function pageHeaders(nonce: string, origin: string): OutgoingHttpHeaders {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    `connect-src ${origin}/events`,
    `frame-src ${origin}/doc`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    ...COMMON,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
  };
}

/** The briefing document (or its message page) shown in the wrapper's frame: no script, no fetch. */
export function documentHeaders(): OutgoingHttpHeaders {
  const csp = [
    "default-src 'none'",
    "script-src 'none'",
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
  return {
    ...COMMON,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'SAMEORIGIN',
  };
}

/** The refusal page of a request without the token (403): its own style by nonce, nothing else. */
export function refusalHeaders(nonce: string): OutgoingHttpHeaders {
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    ...COMMON,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
  };
}

export function textHeaders(): OutgoingHttpHeaders {
  return { ...COMMON, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" };
}

export function eventStreamHeaders(): OutgoingHttpHeaders {
  return { ...COMMON, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' };
}

export function pdfHeaders(fileName: string): OutgoingHttpHeaders {
  return {
    ...COMMON,
    'Content-Type': 'application/pdf',
    'Content-Disposition': `inline; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'Content-Security-Policy': "default-src 'none'",
  };
}
