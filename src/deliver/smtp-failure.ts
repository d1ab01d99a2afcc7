// What a failure of an SMTP session means for delivery (smtp-session.ts, deliver.ts):
// `transient` (nothing was delivered; another try may succeed), `permanent` (another try would
// fail the same way: a 5xx answer, a refused login, an invalid certificate, no STARTTLS where
// required) or `uncertain` (the server had taken the message — answered DATA with 354 — when the
// session broke without a final answer: it may have been delivered, and sending it again could
// deliver it twice). Each comes with a reason written for a person, credentials masked.

import { isUtf8 } from 'node:buffer';
import type SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import { t } from '../i18n/messages.js';
import type { Redact } from './redact.js';
import type { SmtpSettings } from './smtp-url.js';
import type { TransportTimeouts } from './timeouts.js';
import { oneLine } from '../text/one-line.js';

export type FailureKind = 'transient' | 'permanent' | 'uncertain';

/** A failure of the session, with a reason written for a person (credentials masked). */
export class SmtpFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly reason: string,
    readonly responseCode?: number,
    /** `message`: the server refused this message only (a later one may go through). */
    readonly scope: 'session' | 'message' = 'session',
  ) {
    super(reason);
    this.name = 'SmtpFailure';
  }
}

export interface StepContext {
  stage: 'connect' | 'login' | 'send';
  /** The server answered DATA with 354: the message is on its way. */
  dataAccepted?: boolean;
}

/** A nodemailer or socket error, with what the session adds to it. */
export type SmtpError = SMTPConnection.SMTPError & {
  hardLimitMs?: number;
  rejected?: unknown;
  rejectedErrors?: unknown;
};

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
]);
const CERTIFICATE_TEXT = /certificate|self[- ]signed|altnames|unable to verify|unable to get (local )?issuer/i;
const TRANSIENT_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/**
 * What a failure of nodemailer or of the socket means. A 4xx/5xx answer is definitive (4xx worth
 * another try); a certificate or TLS failure is permanent; anything else after the server took
 * DATA is uncertain; anything else before it is transient when it is a network failure.
 */
export function classifySmtpError(
  error: SmtpError,
  context: StepContext,
  duringTls: boolean,
  o: { settings: Pick<SmtpSettings, 'host'>; timeouts: TransportTimeouts; redact: Redact },
): SmtpFailure {
  const { redact, timeouts, settings } = o;
  const code = error.responseCode;
  const reply = answer(error);
  if (typeof code === 'number' && code >= 400 && code < 600) {
    const text = oneLine(redact(reply ?? String(code)));
    if (error.code === 'EAUTH') return new SmtpFailure('permanent', t('deliver.reason.login', { answer: text }), code);
    if (error.command === 'STARTTLS' && code >= 500)
      return new SmtpFailure('permanent', t('deliver.reason.noStarttls'), code);
    const scope = context.stage === 'send' && error.command !== 'CONN' ? 'message' : 'session';
    return new SmtpFailure(code < 500 ? 'transient' : 'permanent', text, code, scope);
  }
  const message = oneLine(redact(String(error.message ?? error)));
  const original = (error as { code?: string }).code ?? '';
  if (CERTIFICATE_CODES.has(original) || CERTIFICATE_TEXT.test(message)) {
    return new SmtpFailure(
      'permanent',
      t('deliver.reason.certificate', { host: settings.host, detail: message.replace(/^Error initiating TLS - /, '') }),
    );
  }
  if (duringTls || original === 'ETLS' || /^ERR_SSL|^ERR_TLS/.test(original)) {
    return new SmtpFailure('permanent', t('deliver.reason.tls', { detail: message }));
  }
  if (error.code === 'EAUTH') return new SmtpFailure('permanent', t('deliver.reason.login', { answer: message }));
  // another service on the port (a web server, SSH): its first line is not an SMTP greeting
  if (error.code === 'EPROTOCOL') {
    const line = oneLine(redact(answer(error) ?? '')).slice(0, 120);
    if (/greeting/i.test(message)) return new SmtpFailure('permanent', t('deliver.reason.notSmtp', { line }));
    // an answer without the shape of a reply (no three-digit code): not a mail server's
    if (!(context.stage === 'send' && context.dataAccepted))
      return new SmtpFailure(
        'permanent',
        t('deliver.reason.badReply', { command: oneLine(String(error.command ?? '')).slice(0, 20), line }),
      );
  }
  const reason = timeoutReason(error, timeouts) ?? networkReason(error);
  if (context.stage === 'send' && context.dataAccepted) return new SmtpFailure('uncertain', reason);
  const transient = TRANSIENT_NETWORK.has(original) || ['ESOCKET', 'ECONNECTION', 'ETIMEDOUT'].includes(original);
  return new SmtpFailure(transient ? 'transient' : 'permanent', reason);
}

function timeoutReason(error: SmtpError, timeouts: TransportTimeouts): string | undefined {
  if (error.hardLimitMs !== undefined)
    return t('deliver.reason.hardLimit', { seconds: String(Math.round(error.hardLimitMs / 1000)) });
  if (error.code !== 'ETIMEDOUT') return undefined;
  if (/greeting/i.test(error.message))
    return t('deliver.reason.greetingTimeout', { seconds: String(timeouts.greetingMs / 1000) });
  if (/connection timeout/i.test(error.message))
    return t('deliver.reason.connectTimeout', { seconds: String(timeouts.connectionMs / 1000) });
  return t('deliver.reason.silent', { seconds: String(timeouts.socketMs / 1000) });
}

export function networkReason(error: { code?: string; message?: string }): string {
  const text = `${error.code ?? ''} ${error.message ?? ''}`;
  if (/ECONNREFUSED/.test(text)) return t('deliver.reason.refusedConnection');
  if (/ECONNRESET|EPIPE/.test(text)) return t('deliver.reason.reset');
  if (/EHOSTUNREACH|ENETUNREACH|ENETDOWN/.test(text)) return t('deliver.reason.unreachable');
  if (/closed unexpectedly/i.test(text)) return t('deliver.reason.closed');
  return oneLine(error.message ?? String(error)).slice(0, 200);
}

/** The first line of the server's answer in an error, e.g. `550 5.1.1 no such user`. */
/**
 * What a recipient's refusal says when its answer has no reply code (a web front or proxy
 * answering RCPT TO with a page, `<html>…`): that it is not a mail server's reply, quoting the
 * line; undefined for an answer with a code (a refusal by a mail server, quoted as written).
 */
export function notSmtpRefusal(
  error: { response?: string; responseCode?: unknown },
  redact: Redact,
): string | undefined {
  const code = error.responseCode;
  if (typeof code === 'number' && code >= 200 && code < 600) return undefined;
  const line = oneLine(redact(answer(error) ?? '')).slice(0, 120);
  return line === '' ? undefined : t('deliver.reason.badReply', { command: 'RCPT TO', line });
}

export function answer(error: { response?: string }): string | undefined {
  return error.response ? utf8Text(error.response.trim().split('\n')[0]!.trim()).slice(0, 200) : undefined;
}

/**
 * A reply read byte for byte (nodemailer decodes the server's lines as Latin-1), as the UTF-8 it
 * is when its bytes are UTF-8: `554 accès refusé`, not `554 accÃ¨s refusÃ©`. Other text as it is.
 */
function utf8Text(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0080-\u00ff]/.test(text) || /[^\u0000-\u00ff]/.test(text)) return text;
  const bytes = Buffer.from(text, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : text;
}
