// The checks every request passes before any route sees it: a Host header naming this server on
// the loopback (DNS rebinding), GET or HEAD only, and a plain path with no traversal or encoded
// separators. Pure functions: the server turns a refusal into its status code.

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
    message: `the Host header must be one of ${allowedHosts(port).join(', ')}: the preview only answers pages opened on this machine`,
  };
}

/**
 * Another site may link to the preview (a top-level navigation) but not pull from it: no image,
 * script, fetch or frame of another site's page may make it render or print. Browsers say where
 * a request comes from in Sec-Fetch-*; tools that send none (curl) are local and allowed.
 */
export function checkFetchSite(site: string | undefined, mode: string | undefined, dest: string | undefined): Refusal | undefined {
  if (site === undefined || site === 'same-origin' || site === 'none') return undefined;
  if (mode === 'navigate' && dest === 'document') return undefined;
  return { status: 403, message: `a request from another site (${site}, ${mode ?? '?'} ${dest ?? '?'}) is refused: open the preview itself` };
}

export function checkMethod(method: string | undefined): Refusal | undefined {
  if ((ALLOWED_METHODS as readonly string[]).includes(method ?? '')) return undefined;
  return { status: 405, message: `method ${method ?? '(none)'} not allowed: the preview only answers GET and HEAD` };
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
  const bad = (why: string): Refusal => ({ status: 400, message: `bad request path: ${why}` });
  if (!pathname.startsWith('/')) return bad('expected a path starting with /');
  if (pathname.includes('%')) return bad('percent-encoded characters are not accepted in the path');
  if (pathname.includes('\\')) return bad('backslashes are not accepted in the path');
  if (pathname.includes('#')) return bad('a fragment is not part of a request');
  const segments = pathname.slice(1).split('/');
  if (segments.some((s) => s === '.' || s === '..')) return bad('"." and ".." segments are not accepted');
  if (pathname !== '/' && segments.some((s) => s === '')) return bad('empty path segments are not accepted');
  if (!/^[A-Za-z0-9/._-]*$/.test(pathname)) return bad('unexpected characters in the path');
  return { pathname, params: new URLSearchParams(query) };
}

export function isRefusal(x: Target | Refusal): x is Refusal {
  return 'status' in x;
}
