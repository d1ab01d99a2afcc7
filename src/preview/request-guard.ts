// The checks every request passes before any route sees it: a Host header naming this server on
// the loopback (DNS rebinding), GET or HEAD only, and a plain path with no traversal or encoded
// separators. Pure functions: the server turns a refusal into its status code.

import { t } from '../i18n/messages.js';

export interface Refusal {
  status: 400 | 403 | 405;
  message: string;
}

export const ALLOWED_METHODS = ['GET', 'HEAD'] as const;

/** The Host values a browser sends for this server: 127.0.0.1, localhost or [::1] with its port. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

export function checkHost(host: string | undefined, port: number): Refusal | undefined {
  if (host !== undefined && allowedHosts(port).includes(host.trim().toLowerCase())) return undefined;
  return {
    status: 403,
    message: t('preview.refused.host', { hosts: allowedHosts(port).join(', ') }),
  };
}

/**
 * Another site may link to the preview (a top-level navigation) but not pull from it: no image,
 * script, fetch or frame of another site's page may make it render or print. Browsers say where
 * a request comes from in Sec-Fetch-*; tools that send none (curl) are local and allowed.
 */
export function checkFetchSite(
  site: string | undefined,
  mode: string | undefined,
  dest: string | undefined,
): Refusal | undefined {
  if (site === undefined || site === 'same-origin' || site === 'none') return undefined;
  if (mode === 'navigate' && dest === 'document') return undefined;
  return { status: 403, message: t('preview.refused.otherSite', { site, mode: mode ?? '?', dest: dest ?? '?' }) };
}

export function checkMethod(method: string | undefined): Refusal | undefined {
  if ((ALLOWED_METHODS as readonly string[]).includes(method ?? '')) return undefined;
  return { status: 405, message: t('preview.refused.method', { method: method ?? '-' }) };
}

export interface Target {
  /** The path as sent, e.g. `/brief`; never decoded, never normalised. */
  pathname: string;
  params: URLSearchParams;
}

/**
 * Splits a request target into its path and query. The path must be origin-form and plain:
 * no `.` or `..` segment, no backslash, no percent-encoding, no empty segment. Routes are then
 * matched on it exactly, so nothing can reach a route, or a file, by another spelling.
 */
export function parseTarget(rawUrl: string | undefined): Target | Refusal {
  const url = rawUrl ?? '';
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  const bad = (why: string): Refusal => ({ status: 400, message: t('preview.refused.path', { why: t(why) }) });
  if (!pathname.startsWith('/')) return bad('preview.refused.why.notAbsolute');
  if (pathname.includes('%')) return bad('preview.refused.why.percent');
  if (pathname.includes('\\')) return bad('preview.refused.why.backslash');
  if (pathname.includes('#')) return bad('preview.refused.why.fragment');
  const segments = pathname.slice(1).split('/');
  if (segments.some((s) => s === '.' || s === '..')) return bad('preview.refused.why.dots');
  if (pathname !== '/' && segments.some((s) => s === '')) return bad('preview.refused.why.emptySegment');
  if (!/^[A-Za-z0-9/._-]*$/.test(pathname)) return bad('preview.refused.why.characters');
  return { pathname, params: new URLSearchParams(query) };
}

export function isRefusal(x: Target | Refusal): x is Refusal {
  return 'status' in x;
}
