// Where the SMTP server is, and the TLS policy that follows from it.
//
// The server's name is resolved once, here, with a time limit; cci then connects to exactly the
// addresses it checked (never resolving again), so the policy cannot be dodged by a name that
// resolves differently the second time. A server is on loopback when EVERY address of its name
// is a loopback address (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104): a name with one address
// elsewhere counts as remote.
//
// Policy (README, "Email and cron"):
// - smtps://            TLS from the first byte, certificate checked against the host name;
// - smtp://, remote     STARTTLS required, certificate checked; a server without it is refused
//                       before the password or any briefing is sent;
// - smtp://, loopback   clear text allowed (a local relay); STARTTLS used when offered, its
//                       certificate not checked (nothing crosses a network);
// - smtp://...?tls=off  the operator's explicit opt-out for a remote server: as loopback, with a
//                       warning on every run.

import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { SmtpSettings } from './smtp-url.js';
import { errorText } from '../text/one-line.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses (getaddrinfo: /etc/hosts, then DNS). */
export type Lookup = (host: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.0.0.0/8 (::ffff:127.0.0.1, ::ffff:7f00:1). */
export function isLoopbackAddress(address: string): boolean {
  const a = address
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (isIP(a) === 4) return a.startsWith('127.');
  if (isIP(a) !== 6) return false;
  const groups = ipv6Groups(a);
  const zeros = (n: number) => groups.slice(0, n).every((g) => g === 0);
  if (zeros(7) && groups[7] === 1) return true;
  return zeros(5) && groups[5] === 0xffff && groups[6]! >> 8 === 127;
}

/** The eight 16-bit groups of a valid IPv6 address (an embedded IPv4 tail as two groups). */
function ipv6Groups(a: string): number[] {
  let text = a;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [b0, b1, b2, b3] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const h = head ? head.split(':') : [];
  const tl = tail ? tail.split(':') : [];
  const fill: string[] = tail !== undefined ? Array<string>(Math.max(0, 8 - h.length - tl.length)).fill('0') : [];
  return [...h, ...fill, ...tl].map((g) => parseInt(g, 16));
}

export type ServerResolution =
  | { ok: true; addresses: string[]; loopback: boolean }
  | { ok: false; reason: 'notFound' | 'timeout' | 'failed'; detail: string };

/** The addresses of the server, within `timeoutMs`; an IP literal is taken as is. */
export async function resolveServer(host: string, lookup: Lookup, timeoutMs: number): Promise<ServerResolution> {
  if (isIP(host)) return { ok: true, addresses: [host], loopback: isLoopbackAddress(host) };
  let timer: NodeJS.Timeout | undefined;
  try {
    const found = await Promise.race([
      lookup(host),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]);
    if (found === 'timeout') return { ok: false, reason: 'timeout', detail: host };
    const addresses = [...new Set(found.map((f) => f.address))];
    if (addresses.length === 0) return { ok: false, reason: 'notFound', detail: host };
    return { ok: true, addresses, loopback: addresses.every(isLoopbackAddress) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_NONAME')
      return { ok: false, reason: 'notFound', detail: host };
    return { ok: false, reason: 'failed', detail: code ?? errorText(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** How a connection to the server must be secured. */
export type TlsPlan =
  /** smtps://: TLS from the first byte, certificate checked. */
  | { kind: 'implicit' }
  /** STARTTLS required before anything else, certificate checked. */
  | { kind: 'starttls' }
  /** Clear text allowed; STARTTLS used when offered, certificate not checked. */
  | { kind: 'clearAllowed'; why: 'loopback' | 'optOut' };

export function tlsPlan(settings: Pick<SmtpSettings, 'secure' | 'tlsOptOut'>, loopback: boolean): TlsPlan {
  if (settings.secure) return { kind: 'implicit' };
  if (loopback) return { kind: 'clearAllowed', why: 'loopback' };
  if (settings.tlsOptOut) return { kind: 'clearAllowed', why: 'optOut' };
  return { kind: 'starttls' };
}
