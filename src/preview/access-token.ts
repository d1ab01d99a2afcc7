// Who may read the preview: whoever holds the secret of this run, as Jupyter does. A random
// token (256 bits) is made when the server starts and printed once, in the URL cci prints
// (`http://127.0.0.1:PORT/?token=…`). The first request that carries it gets a session cookie
// (HttpOnly, SameSite=Strict, named after the port) and is sent on to the same URL without the
// token; after that the cookie is the key. Any request with neither is refused (403), so another
// user of the machine, who can reach the loopback port but not this user's terminal or browser,
// reads nothing. Tokens are compared in constant time. Pure functions: the server answers.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The query parameter of the printed URL. */
export const TOKEN_PARAM = 'token';

/** A new secret: 32 random bytes (256 bits) from the system's CSPRNG, base64url (43 characters). */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The cookie of the preview on `port`: one per port, since browsers share cookies between the ports of a host. */
export function cookieName(port: number): string {
  return `cci-preview-${port}`;
}

/** The Set-Cookie value that lets this browser in until it closes (no Max-Age: a session cookie). */
export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** Whether `given` is `token`, in time that does not depend on where they differ (both hashed to the same length first). */
export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(token, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * Every value of the cookie `name` in a Cookie request header, in the order sent ([] when
 * absent). A browser sends several cookies of one name when they differ in path or domain: a
 * page of another port of 127.0.0.1 can plant one (ports share cookies), so each is tried.
 */
export function cookieValues(header: string | string[] | undefined, name: string): string[] {
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  const values: string[] = [];
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

export type Access =
  | { kind: 'allowed' }
  /** The token was in the query: go to `location` (the same URL without it), with `setCookie` when it was right. */
  | { kind: 'redirect'; location: string; setCookie?: string }
  | { kind: 'refused' };

/**
 * What a request may do, from its target as sent (`rawUrl`) and its Cookie header: a right
 * token in the query sets the cookie and redirects to the URL without it; a right cookie lets
 * it through (a wrong token beside it is only dropped from the URL); anything else is refused.
 */
export function checkAccess(
  rawUrl: string | undefined,
  cookieHeader: string | string[] | undefined,
  token: string,
  port: number,
): Access {
  const url = rawUrl ?? '';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const pairs = q < 0 ? [] : url.slice(q + 1).split('&');
  const isToken = (pair: string) => safeDecode(pair.split('=')[0] ?? '') === TOKEN_PARAM;
  const given = pairs.filter(isToken).map((p) => safeDecode(p.slice(p.indexOf('=') + 1 || p.length)));
  // every value is compared (no early exit), so the time does not say which one matched
  const byCookie = cookieValues(cookieHeader, cookieName(port))
    .map((v) => sameToken(v, token))
    .reduce((a, b) => a || b, false);
  if (given.length === 0) return byCookie ? { kind: 'allowed' } : { kind: 'refused' };
  const byQuery = given.length === 1 && sameToken(given[0], token);
  if (!byQuery && !byCookie) return { kind: 'refused' };
  const rest = pairs.filter((p) => !isToken(p) && p !== '');
  // only a plain path of this server: never `//host` or `/\host`, which a browser takes for another site
  const here = /^\/(?!\/)[A-Za-z0-9/._-]*$/.test(path) ? path : '/';
  const location = rest.length > 0 ? `${here}?${rest.join('&')}` : here;
  return byQuery
    ? { kind: 'redirect', location, setCookie: sessionCookie(port, token) }
    : { kind: 'redirect', location };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
