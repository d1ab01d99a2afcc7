// The whole message of one document: sender, recipients (in Bcc unless event.yaml makes them
// visible), stable Message-ID, marking headers, subject and bodies, and the PDF attached under
// its own file name; and its bytes as sent (nodemailer's MailComposer).

import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { BriefingModel } from '../aggregate/model.js';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { composeEmail, type EmailLang } from './compose.js';

export interface OutgoingMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
  attachments: { filename: string; content: Buffer; contentType: string }[];
  /** Recipients named in the To header; otherwise in the envelope only (Bcc). */
  visibleRecipients: boolean;
  /** The Date header (now when absent). */
  date?: Date;
}

export interface MessageInput {
  model: BriefingModel;
  lang: EmailLang;
  pdfPath: string;
  pdf: Buffer;
  from: string;
  /** Every address configured for this document (the Message-ID depends on the whole set). */
  recipients: readonly string[];
  /** The addresses this message goes to (the configured set less those already served). */
  to: readonly string[];
  /** distribution.visible_recipients of event.yaml: name the recipients in To (default: Bcc). */
  visibleRecipients?: boolean;
  date?: Date;
}

export function buildMessage(input: MessageInput): OutgoingMessage {
  const { model, lang } = input;
  if (model.draft) throw new TypeError('a draft briefing is never emailed');
  const filename = basename(input.pdfPath);
  const body = composeEmail(model, lang, filename);
  const headers: Record<string, string> = {
    'X-CCI-Marking': model.marking,
    'X-CCI-Briefing': [model.event.id, model.division, model.date, model.audience, lang].join(' '),
    'Auto-Submitted': 'auto-generated',
  };
  if (model.specialFrance) headers['X-CCI-Special-France'] = 'yes';
  return {
    from: input.from,
    to: [...input.to],
    subject: body.subject,
    text: body.text,
    html: body.html,
    messageId: messageIdOf(model, lang, input.recipients, input.from),
    headers,
    attachments: [{ filename, content: input.pdf, contentType: 'application/pdf' }],
    visibleRecipients: input.visibleRecipients ?? false,
    ...(input.date ? { date: input.date } : {}),
  };
}

/**
 * `<cci.paris-2024.securite.2024-08-05.partners.both.HASH@example.org>`: the same briefing (same
 * content) to the same recipient set always gets the same id, so a receiving server can drop a
 * duplicate; a corrected briefing (different content) gets a new one, so it is never taken for
 * a duplicate of the first. HASH covers the sorted recipient set and the model.
 */
export function messageIdOf(
  model: BriefingModel,
  lang: EmailLang,
  recipients: readonly string[],
  from: string,
): string {
  const hash = createHash('sha256')
    .update(
      [...recipients]
        .map((a) => a.toLowerCase())
        .sort()
        .join('\n'),
    )
    .update('\0')
    .update(JSON.stringify(model))
    .digest('hex')
    .slice(0, 16);
  const parts = ['cci', model.event.id, model.division, model.date, model.audience, lang, hash].map(atom);
  return `<${parts.join('.')}@${domainOf(from)}>`;
}

function atom(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-');
}

function domainOf(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return m ? m[1]!.toLowerCase() : 'cci.local';
}

/** The bare address of a From value (`CCI <cci@example.org>` → `cci@example.org`). */
export function envelopeAddress(from: string): string {
  const first = addressparser(from)[0] as { address?: string } | undefined;
  return first?.address || from;
}

/**
 * The message as bytes. Recipients go in the envelope only (Bcc) and the To header is the empty
 * group `undisclosed-recipients:;`, unless the message makes them visible.
 */
export function buildRaw(m: OutgoingMessage): Promise<Buffer> {
  const composer = new MailComposer({
    from: m.from,
    // An empty group (RFC 5322 §3.4), written `"undisclosed-recipients":;` by nodemailer.
    to: m.visibleRecipients ? m.to : 'undisclosed-recipients:;',
    headers: m.headers,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    ...(m.date ? { date: m.date } : {}),
    attachments: m.attachments,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return new Promise((resolve, reject) =>
    composer.compile().build((error, raw) => (error ? reject(error) : resolve(raw))),
  );
}
