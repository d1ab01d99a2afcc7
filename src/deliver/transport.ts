// One SMTP transport per run (nodemailer, pooled on one connection), with short timeouts, behind
// a small interface so that recipient refusals come back as data rather than as exceptions.

import nodemailer from 'nodemailer';
import type { OutgoingMessage } from './message.js';
import { isTransient, describeSmtpError, type SmtpErrorLike } from './retry.js';
import type { SmtpSettings } from './smtp-url.js';

export interface TransportTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 10_000 };

export interface RefusedRecipient {
  address: string;
  reason: string;
  transient: boolean;
}

export interface SendResult {
  accepted: string[];
  refused: RefusedRecipient[];
}

export interface Mailer {
  /** Sends; resolves with who was accepted and refused, rejects on any other failure. */
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): void;
}

export type TransportFactory = (settings: SmtpSettings, timeouts: TransportTimeouts) => Mailer;

export const nodemailerTransport: TransportFactory = (settings, timeouts) => {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 1,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.auth ? { auth: settings.auth } : {}),
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: message.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: message.headers,
          attachments: message.attachments,
        });
        return { accepted: addresses(info.accepted), refused: refusals(info.rejected, info.rejectedErrors) };
      } catch (error) {
        const e = error as SmtpErrorLike & { rejected?: unknown; rejectedErrors?: unknown };
        if (e.code === 'EENVELOPE' && Array.isArray(e.rejectedErrors) && e.rejectedErrors.length > 0) {
          return { accepted: [], refused: refusals(e.rejected, e.rejectedErrors) };
        }
        throw error;
      }
    },
    close() {
      transport.close();
    },
  };
};

function addresses(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? a)));
}

function refusals(rejected: unknown, errors: unknown): RefusedRecipient[] {
  const errs = Array.isArray(errors) ? (errors as (SmtpErrorLike & { recipient?: string })[]) : [];
  return addresses(rejected).map((address) => {
    const err = errs.find((x) => x.recipient === address);
    return {
      address,
      reason: err ? describeSmtpError(err) : 'refused',
      transient: err ? isTransient(err) : false,
    };
  });
}
