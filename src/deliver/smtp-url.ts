// Reading CCI_SMTP_URL: smtp://[user:pass@]host[:port] or smtps://... (user and password
// URL-encoded). The password never appears in a message.

import { t } from '../i18n/messages.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps: TLS from the first byte; smtp: plain, upgraded with STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** The URL with the password replaced by ***, for messages. */
  display: string;
}

export type SmtpUrlResult = { ok: true; settings: SmtpSettings } | { ok: false; problem: string };

export function parseSmtpUrl(text: string | undefined): SmtpUrlResult {
  const value = text?.trim();
  if (!value) {
    return { ok: false, problem: t('smtp.notSet') };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: t('smtp.notUrl') };
  }
  const display = redact(url);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return { ok: false, problem: t('smtp.badScheme', { url: display }) };
  }
  if (!url.hostname) return { ok: false, problem: t('smtp.noHost', { url: display }) };
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  let auth: SmtpSettings['auth'];
  if (url.username) {
    try {
      auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      return { ok: false, problem: t('smtp.badEncoding', { url: display }) };
    }
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { ok: true, settings: { host, port, secure, ...(auth ? { auth } : {}), display } };
}

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href.replace(/\/$/, '');
}
