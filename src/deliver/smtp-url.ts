// Reading CCI_SMTP_URL: smtp://[user:password@]host[:port][?tls=off] or smtps://... (RFC 3986;
// user and password percent-encoded). The URL is split by hand before any URL parser sees it, so
// that a password written as is (`Pa@ssw0rd#2026`) is recognised and said, never half-parsed into
// a host or a fragment that a message would then print. No message ever shows the user-info:
// `display` is `smtp://***@host:port`, and `secrets` lists every form of the credentials
// (raw, decoded, base64 as AUTH PLAIN and AUTH LOGIN send them) for redact.ts to mask.

import { t } from '../i18n/messages.js';

export interface SmtpSettings {
  scheme: 'smtp' | 'smtps';
  /** Host name or IP address, lower case, without IPv6 brackets. */
  host: string;
  port: number;
  /** smtps: TLS from the first byte. smtp: STARTTLS, required unless on loopback or opted out. */
  secure: boolean;
  /** `?tls=off`: the operator allows clear text to a server that is not on this machine. */
  tlsOptOut: boolean;
  auth?: { user: string; pass: string };
  /** The URL for messages: the whole user-info replaced by `***`. */
  display: string;
  /** Every string that must not appear in any message (longest first). */
  secrets: string[];
}

export type SmtpUrlResult = { ok: true; settings: SmtpSettings } | { ok: false; problem: string; secrets: string[] };

/** Characters that cannot stand as is in a URL's user-info, with their percent-encoding. */
const MUST_ENCODE: readonly (readonly [string, string])[] = [
  ['@', '%40'],
  ['#', '%23'],
  ['/', '%2F'],
  ['?', '%3F'],
  [' ', '%20'],
];

export function parseSmtpUrl(text: string | undefined): SmtpUrlResult {
  const value = text?.trim() ?? '';
  if (!value) return { ok: false, problem: t('smtp.notSet'), secrets: [] };
  const secrets = rawSecrets(value);
  const fail = (key: string, params: Record<string, string> = {}): SmtpUrlResult => ({
    ok: false,
    problem: t(key, { url: maskUrl(value), ...params }),
    secrets,
  });

  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(value);
  if (!m) return fail('smtp.notUrl');
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'smtp' && scheme !== 'smtps') return fail('smtp.badScheme');
  const rest = m[2]!;
  // The user-info ends at the LAST @: an @ in an unencoded password comes before it.
  const at = rest.lastIndexOf('@');
  const userInfo = at >= 0 ? rest.slice(0, at) : undefined;
  const hostPart = at >= 0 ? rest.slice(at + 1) : rest;

  if (userInfo !== undefined) {
    const found = MUST_ENCODE.filter(([c]) => userInfo.includes(c)).map(
      ([c, enc]) => `${c === ' ' ? t('smtp.space') : c} (${enc})`,
    );
    if ((userInfo.match(/:/g) ?? []).length > 1) found.push(': (%3A)');
    if (/[\t\r\n]/.test(userInfo)) found.push(t('smtp.controlChar'));
    if (found.length > 0) return fail('smtp.unencoded', { chars: found.join(', ') });
  }

  let url: URL;
  try {
    url = new URL(`${scheme}://${hostPart}`);
  } catch {
    return fail('smtp.notUrl');
  }
  if (url.hash) return fail('smtp.unexpected', { part: JSON.stringify(url.hash) });
  if (url.pathname && url.pathname !== '/') return fail('smtp.unexpected', { part: JSON.stringify(url.pathname) });
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (!host) return fail('smtp.noHost');

  let tlsOptOut = false;
  for (const [name, v] of url.searchParams) {
    if (name.toLowerCase() === 'tls' && v.toLowerCase() === 'off') tlsOptOut = true;
    else return fail('smtp.badParam', { param: JSON.stringify(`${name}=${v}`) });
  }
  const secure = scheme === 'smtps';
  if (secure && tlsOptOut) return fail('smtp.smtpsOff');
  const port = url.port ? Number(url.port) : secure ? 465 : 587;

  let auth: SmtpSettings['auth'];
  if (userInfo) {
    const colon = userInfo.indexOf(':');
    try {
      const user = decodeURIComponent(colon >= 0 ? userInfo.slice(0, colon) : userInfo);
      const pass = colon >= 0 ? decodeURIComponent(userInfo.slice(colon + 1)) : '';
      auth = { user, pass };
    } catch {
      return fail('smtp.badEncoding');
    }
  }
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const display = `${scheme}://${userInfo !== undefined ? '***@' : ''}${shownHost}:${port}${tlsOptOut ? '?tls=off' : ''}`;
  return {
    ok: true,
    settings: {
      scheme,
      host,
      port,
      secure,
      tlsOptOut,
      ...(auth ? { auth } : {}),
      display,
      secrets: auth ? withCredentialForms(secrets, auth) : secrets,
    },
  };
}

/**
 * A URL-like text with its whole user-info masked: everything between `://` (or the start) and
 * the last `@` becomes `***`. Works on anything, parsable or not.
 */
export function maskUrl(raw: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?(.*)$/s.exec(raw.trim())!;
  const rest = m[2]!;
  const at = rest.lastIndexOf('@');
  return `${m[1] ?? ''}${at >= 0 ? `***${rest.slice(at)}` : rest}`;
}

/** The raw user-info and password of a URL text as written (before any decoding). */
function rawSecrets(value: string): string[] {
  const rest = value.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  const at = rest.lastIndexOf('@');
  if (at < 0) return [];
  const userInfo = rest.slice(0, at);
  const colon = userInfo.indexOf(':');
  const out = [userInfo];
  if (colon >= 0) {
    const pass = userInfo.slice(colon + 1);
    out.push(pass);
    try {
      out.push(decodeURIComponent(pass));
    } catch {
      // not decodable: the raw form is masked already
    }
  }
  return out;
}

/** Adds the forms in which the credentials travel (AUTH PLAIN, AUTH LOGIN) to the secrets. */
function withCredentialForms(secrets: readonly string[], auth: { user: string; pass: string }): string[] {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const all = [
    ...secrets,
    auth.pass,
    b64(auth.pass),
    b64(`\u0000${auth.user}\u0000${auth.pass}`),
    b64(`${auth.user}\u0000${auth.user}\u0000${auth.pass}`),
  ];
  return [...new Set(all)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}
