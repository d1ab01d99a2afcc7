// Which SMTP failures are worth another try, and the backoff between tries.
// Transient: connection refused, reset or timed out, DNS hiccup, 4xx answers. Permanent: 5xx
// answers, authentication, TLS and protocol errors, a host that does not exist.

export interface RetryPolicy {
  /** Tries per message, the first included. */
  attempts: number;
  /** Delay before the second try; doubled before each later one. */
  baseDelayMs: number;
  /** No new try starts after this long from the first one. */
  deadlineMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 5_000, deadlineMs: 60_000 };

export interface SmtpErrorLike {
  code?: string;
  errno?: number | string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'EAI_AGAIN', 'ECONNABORTED', 'ESOCKET', 'ECONNECTION',
]);
const PERMANENT_CODES = new Set(['EAUTH', 'ETLS', 'EPROTOCOL', 'EMESSAGE', 'ENOTFOUND', 'EREQUIRETLS', 'ESTREAM']);

export function isTransient(error: unknown): boolean {
  const e = (error ?? {}) as SmtpErrorLike;
  if (e.code === 'EAUTH') return false;
  if (typeof e.responseCode === 'number') return e.responseCode >= 400 && e.responseCode < 500;
  const message = e.message ?? '';
  if (/\bENOTFOUND\b/.test(message)) return false;
  if (e.code && PERMANENT_CODES.has(e.code)) return false;
  if (e.code && TRANSIENT_CODES.has(e.code)) return true;
  return [...TRANSIENT_CODES].some((c) => message.includes(c));
}

/** Delay before try number `attempt` (2, 3, ...). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return policy.baseDelayMs * 2 ** Math.max(0, attempt - 2);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A short plain reason for a failure, e.g. `550 5.1.1 no such user` or `connection refused`. */
export function describeSmtpError(error: unknown): string {
  const e = (error ?? {}) as SmtpErrorLike;
  if (e.response) return e.response.trim().split('\n')[0]!.slice(0, 200);
  const message = e.message ?? String(error);
  if (/ECONNREFUSED/.test(message)) return 'connection refused';
  if (/ECONNRESET/.test(message)) return 'connection reset';
  if (/ENOTFOUND/.test(message)) return 'host not found';
  if (/Greeting never received/i.test(message)) return 'timeout: the server never greeted';
  if (/Connection timeout/i.test(message)) return 'timeout: no connection to the server';
  if (e.code === 'ETIMEDOUT') return 'timeout: the server stopped answering';
  if (e.code === 'EAUTH') return `authentication failed (${message})`;
  return message.slice(0, 200);
}
