// Reading CCI_SMTP_URL: smtp://[user:pass@]host[:port] or smtps://... (user and password
// URL-encoded). The password never appears in a message.

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
    return { ok: false, problem: 'CCI_SMTP_URL is not set; expected smtp://user:password@host:587 or smtps://user:password@host:465' };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'CCI_SMTP_URL is not a URL; expected smtp://user:password@host:587 or smtps://user:password@host:465' };
  }
  const display = redact(url);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return { ok: false, problem: `CCI_SMTP_URL ${display}: the scheme must be smtp:// or smtps://` };
  }
  if (!url.hostname) return { ok: false, problem: `CCI_SMTP_URL ${display}: no host` };
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  let auth: SmtpSettings['auth'];
  if (url.username) {
    try {
      auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      return { ok: false, problem: `CCI_SMTP_URL ${display}: the user or password is not validly URL-encoded` };
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
