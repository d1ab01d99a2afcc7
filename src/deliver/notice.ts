// A short plain email for the centre's own staff (the duty desk, distribution.duty): no
// attachment, no record content. Through the same SMTP session, TLS policy, time limits and
// redaction as the briefings (smtp-session.ts); one try, no retry: it only tells someone that a
// briefing waits.

import { CciError, DeliveryError } from '../errors.js';
import { t } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';
import { escapeHtml } from '../text/escape-html.js';
import { redactor } from './redact.js';
import { SmtpFailure } from './smtp-failure.js';
import { SmtpMailer, systemNetwork, type Mailer, type Network, type SessionOptions } from './smtp-session.js';
import { parseSmtpUrl } from './smtp-url.js';
import { DEFAULT_TIMEOUTS, type TransportTimeouts } from './timeouts.js';
import { createHash } from 'node:crypto';
import { oneLine } from '../text/one-line.js';

export interface NoticeOptions {
  event: EventConfig;
  smtpUrl: string | undefined;
  to: readonly string[];
  subject: string;
  /** Plain text; the HTML part is the same text, escaped. */
  text: string;
  now: () => Date;
  timeouts?: Partial<TransportTimeouts>;
  network?: Partial<Network>;
  mailer?: (options: SessionOptions) => Mailer;
}

/** Sends one notice to every address of `to`. Throws DeliveryError naming the reason (no secret in it). */
export async function sendNotice(o: NoticeOptions): Promise<void> {
  const from = o.event.distribution?.from?.trim();
  const smtp = parseSmtpUrl(o.smtpUrl);
  if (!smtp.ok) throw new DeliveryError(smtp.problem);
  if (!from) throw new DeliveryError(t('deliver.check.noFrom'));
  const redact = redactor(smtp.settings.secrets);
  const mailer = (o.mailer ?? ((s) => new SmtpMailer(s)))({
    settings: smtp.settings,
    timeouts: { ...DEFAULT_TIMEOUTS, ...o.timeouts },
    network: { ...systemNetwork, ...o.network },
    redact,
  });
  const date = o.now();
  const id = createHash('sha256').update(`${o.subject}\0${date.toISOString()}`).digest('hex').slice(0, 16);
  try {
    const result = await mailer.send({
      from,
      to: [...o.to],
      subject: o.subject,
      text: o.text,
      html: `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body><pre style="font-family:Arial,Helvetica,sans-serif;white-space:pre-wrap">${escapeHtml(o.text)}</pre></body></html>\n`,
      messageId: `<cci.notice.${id}@${/@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1]?.toLowerCase() ?? 'cci.local'}>`,
      headers: { 'Auto-Submitted': 'auto-generated' },
      attachments: [],
      visibleRecipients: true,
      date,
    });
    if (result.accepted.length === 0)
      throw new DeliveryError(result.refused.map((r) => `${r.address}: ${r.reason}`).join('; '));
  } catch (error) {
    if (error instanceof CciError) throw error;
    if (error instanceof SmtpFailure) throw new DeliveryError(redact(error.reason));
    throw new DeliveryError(oneLine(redact(error instanceof Error ? error.message : String(error))));
  } finally {
    await mailer.close();
  }
}
