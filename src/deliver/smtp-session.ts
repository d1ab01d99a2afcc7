// One SMTP session with the server of CCI_SMTP_URL, driven through nodemailer's SMTPConnection
// on a socket cci opens and owns:
// - the server's name is resolved once (server-address.ts) and the TLS policy applied: TLS from
//   the first byte (smtps), STARTTLS required (remote server), or allowed in clear (loopback,
//   ?tls=off); the password is sent only once that policy holds;
// - every wait is bounded: name resolution and connection (connectionMs), greeting (greetingMs),
//   each reply (socketMs of silence), and each whole step (connect, login, one message) by a
//   hard limit, so that a server that trickles bytes cannot hold a run either;
// - sockets are destroyed, never half-closed, when the session ends or fails: the process can
//   exit as soon as its work is done;
// - each failure is an SmtpFailure, transient, permanent or uncertain (smtp-failure.ts).

import net from 'node:net';
import { PassThrough } from 'node:stream';
import tls from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import { t } from '../i18n/messages.js';
import { buildRaw, envelopeAddress, type OutgoingMessage } from './message.js';
import type { Redact } from './redact.js';
import { resolveServer, systemLookup, tlsPlan, type Lookup, type TlsPlan } from './server-address.js';
import {
  answer,
  classifySmtpError,
  networkReason,
  notSmtpRefusal,
  SmtpFailure,
  type SmtpError,
  type StepContext,
} from './smtp-failure.js';
import type { SmtpSettings } from './smtp-url.js';
import type { TransportTimeouts } from './timeouts.js';

/** The network edge, injectable: tests route a remote-looking name to an in-process server. */
export interface Network {
  lookup: Lookup;
  /** Opens a TCP connection to one address. */
  connect: (address: string, port: number) => net.Socket;
  /** Certificates trusted besides the system's (tests; operators set NODE_EXTRA_CA_CERTS). */
  ca?: string | Buffer;
}

export const systemNetwork: Network = {
  lookup: systemLookup,
  connect: (address, port) => net.connect({ host: address, port }),
};

export interface RefusedRecipient {
  address: string;
  reason: string;
  transient: boolean;
}

export interface SendResult {
  accepted: string[];
  refused: RefusedRecipient[];
}

/** What a sending does at its moments. */
export interface SendHooks {
  /**
   * Once the server has taken the recipients and answered DATA, before the message itself goes:
   * what must be on disk before it leaves (the send log's `sending` lines). When it rejects, the
   * message is not sent and the session is dropped.
   */
  beforeData?: () => Promise<void>;
}

/** Sends messages; a failure rejects with an SmtpFailure. */
export interface Mailer {
  send(message: OutgoingMessage, hooks?: SendHooks): Promise<SendResult>;
  /** Ends the session (QUIT, briefly awaited) and destroys its sockets. */
  close(): Promise<void>;
}

export interface SessionOptions {
  settings: SmtpSettings;
  timeouts: TransportTimeouts;
  network: Network;
  redact: Redact;
}

/** What an open session established (for `cci doctor`). */
export interface SessionFacts {
  plan: TlsPlan;
  address: string;
  /** The TLS protocol in use (`TLSv1.3`), or undefined when in clear. */
  tlsProtocol?: string;
  /** The certificate was checked and is valid for the host. */
  certificateChecked: boolean;
  loggedIn: boolean;
}

/** A Mailer that opens a session on first use and again after a failure. */
export class SmtpMailer implements Mailer {
  private session: Session | undefined;

  constructor(private readonly options: SessionOptions) {}

  async send(message: OutgoingMessage, hooks: SendHooks = {}): Promise<SendResult> {
    if (this.session?.broken) this.drop();
    this.session ??= await openSession(this.options);
    try {
      return await this.session.send(message, hooks);
    } catch (error) {
      this.drop();
      throw error;
    }
  }

  async close(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    await s?.close();
  }

  private drop(): void {
    this.session?.destroy();
    this.session = undefined;
  }
}

/** Connects, says EHLO, secures the session as the policy requires and logs in. */
export async function openSession(options: SessionOptions): Promise<Session> {
  const { settings, timeouts, network, redact } = options;
  const resolved = await resolveServer(settings.host, network.lookup, timeouts.connectionMs);
  if (!resolved.ok) {
    const seconds = String(timeouts.connectionMs / 1000);
    if (resolved.reason === 'notFound')
      throw new SmtpFailure('permanent', t('deliver.reason.hostNotFound', { host: settings.host }));
    if (resolved.reason === 'timeout')
      throw new SmtpFailure('transient', t('deliver.reason.dnsTimeout', { host: settings.host, seconds }));
    throw new SmtpFailure(
      'transient',
      t('deliver.reason.dnsFailed', { host: settings.host, detail: redact(resolved.detail) }),
    );
  }
  const plan = tlsPlan(settings, resolved.loopback);
  const { socket, address } = await connectAny(resolved.addresses, settings.port, network, timeouts.connectionMs);
  const session = new Session(options, plan, address, socket);
  try {
    await session.start();
    return session;
  } catch (error) {
    session.destroy();
    throw error;
  }
}

/** A TCP connection to the first address that answers, all within `limitMs`. */
async function connectAny(
  addresses: readonly string[],
  port: number,
  network: Network,
  limitMs: number,
): Promise<{ socket: net.Socket; address: string }> {
  const deadline = Date.now() + limitMs;
  let last: SmtpFailure | undefined;
  for (const address of addresses) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    try {
      return { socket: await connectOne(network, address, port, left), address };
    } catch (error) {
      last = error as SmtpFailure;
    }
  }
  throw last ?? new SmtpFailure('transient', t('deliver.reason.connectTimeout', { seconds: String(limitMs / 1000) }));
}

function connectOne(network: Network, address: string, port: number, limitMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = network.connect(address, port);
    // An error after the session has ended must never be an uncaught exception.
    socket.on('error', () => {});
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SmtpFailure('transient', t('deliver.reason.connectTimeout', { seconds: String(limitMs / 1000) })));
    }, limitMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeListener('error', onError);
      resolve(socket);
    });
    const onError = (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new SmtpFailure('transient', networkReason(error)));
    };
    socket.once('error', onError);
  });
}

export class Session {
  private conn: SMTPConnection | undefined;
  private tlsSocket: tls.TLSSocket | undefined;
  /** Set when the connection failed between steps: the next message needs a new session. */
  broken = false;
  private loggedIn = false;

  constructor(
    private readonly options: SessionOptions,
    readonly plan: TlsPlan,
    readonly address: string,
    private readonly socket: net.Socket,
  ) {}

  async start(): Promise<void> {
    const { settings, timeouts } = this.options;
    let stream: net.Socket = this.socket;
    if (this.plan.kind === 'implicit') stream = this.tlsSocket = await this.handshake();
    const conn = new SMTPConnection({
      host: settings.host,
      port: settings.port,
      connection: stream,
      secure: this.plan.kind === 'implicit',
      secured: this.plan.kind === 'implicit',
      requireTLS: this.plan.kind === 'starttls',
      opportunisticTLS: this.plan.kind === 'clearAllowed',
      tls: this.tlsOptions(),
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
      logger: false,
    });
    this.conn = conn;
    // nodemailer emits 'error' for a connection that fails between two steps: never unhandled.
    conn.on('error', () => {
      this.broken = true;
    });
    await this.step((cb) => conn.connect(cb), timeouts.greetingMs + 3 * timeouts.socketMs, { stage: 'connect' });
    if (this.plan.kind !== 'clearAllowed' && !conn.secure) {
      throw new SmtpFailure('permanent', t('deliver.reason.noStarttls'));
    }
    if (settings.auth) {
      const auth = settings.auth;
      await this.step((cb) => conn.login(auth, cb), 2 * timeouts.socketMs, { stage: 'login' });
      this.loggedIn = true;
    }
  }

  facts(): SessionFacts {
    const socket = this.conn?._socket;
    const tlsSocket = socket instanceof tls.TLSSocket ? socket : this.tlsSocket;
    const protocol = tlsSocket?.getProtocol() ?? undefined;
    return {
      plan: this.plan,
      address: this.address,
      ...(protocol ? { tlsProtocol: protocol } : {}),
      certificateChecked: Boolean(protocol) && this.plan.kind !== 'clearAllowed' && tlsSocket?.authorized === true,
      loggedIn: this.loggedIn,
    };
  }

  async send(message: OutgoingMessage, hooks: SendHooks = {}): Promise<SendResult> {
    const conn = this.conn!;
    const raw = await buildRaw(message);
    const envelope = { from: envelopeAddress(message.from), to: [...message.to] };
    const context: StepContext = { stage: 'send', dataAccepted: false };
    // nodemailer pipes the message into the connection once the server has answered DATA with
    // 354 (or, with an envelope error, into a sink just before reporting that error): the
    // message leaves from there, once what must be on disk first is (hooks.beforeData).
    const body = new PassThrough();
    const pipe = body.pipe.bind(body);
    let notWritten: { error: unknown } | undefined;
    body.pipe = (<T extends NodeJS.WritableStream>(dest: T, opts?: { end?: boolean }) => {
      if (!hooks.beforeData) {
        context.dataAccepted = true;
        return pipe(dest, opts);
      }
      hooks.beforeData().then(
        () => {
          context.dataAccepted = true;
          pipe(dest, opts);
        },
        (error: unknown) => {
          // not on disk: not sent, and the session dropped; the run fails with the write's error
          notWritten = { error };
          this.destroy();
        },
      );
      return dest;
    }) as typeof body.pipe;
    body.end(raw);
    try {
      const info = await this.step<SMTPConnection.SentMessageInfo>(
        (cb) => conn.send(envelope, body, cb),
        this.options.timeouts.messageMs,
        context,
      );
      return { accepted: addresses(info.accepted), refused: this.refusals(info.rejected, info.rejectedErrors) };
    } catch (error) {
      if (notWritten) throw notWritten.error;
      const cause = (error as SmtpFailure & { cause?: SmtpError }).cause;
      if (cause?.code === 'EENVELOPE' && Array.isArray(cause.rejectedErrors) && cause.rejectedErrors.length > 0) {
        // Every recipient refused: an answer, not a failure of the session; the transaction is
        // left open on the server, so the next message starts a new session.
        this.broken = true;
        // unless no answer was a mail server's (a page from a web front): the server is not one,
        // and no other message is tried through it
        const notSmtp = (cause.rejectedErrors as SmtpError[]).map((e) => notSmtpRefusal(e, this.options.redact));
        if (notSmtp.every((r) => r !== undefined)) throw new SmtpFailure('permanent', notSmtp[0]!);
        return { accepted: [], refused: this.refusals(cause.rejected, cause.rejectedErrors) };
      }
      throw error;
    }
  }

  /** QUIT, awaited for up to a second, then the sockets destroyed. */
  async close(): Promise<void> {
    const conn = this.conn;
    if (conn && !this.broken) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        conn.once('end', () => {
          clearTimeout(timer);
          resolve();
        });
        try {
          conn.quit();
        } catch {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    this.destroy();
  }

  /** Destroys every socket of the session at once (no half-closed socket is left). */
  destroy(): void {
    this.broken = true;
    try {
      this.conn?.close();
    } catch {
      // already closed
    }
    // The outermost socket first: destroying a TLS socket destroys the TCP socket under it,
    // while destroying the TCP socket under a live TLS socket is unsafe.
    const outer: net.Socket | undefined = this.conn?._socket || this.tlsSocket;
    outer?.destroy();
    if (!this.socket.destroyed) this.socket.destroy();
  }

  private tlsOptions(): tls.ConnectionOptions {
    const { settings, network } = this.options;
    return {
      // Checked whenever TLS is required; on loopback or with ?tls=off, TLS is a bonus.
      rejectUnauthorized: this.plan.kind !== 'clearAllowed',
      minVersion: 'TLSv1.2',
      ...(net.isIP(settings.host) ? {} : { servername: settings.host }),
      ...(network.ca ? { ca: [...tls.rootCertificates, network.ca.toString()] } : {}),
    };
  }

  /** smtps: the TLS handshake on the TCP socket, within connectionMs. */
  private handshake(): Promise<tls.TLSSocket> {
    const { settings, timeouts } = this.options;
    return new Promise((resolve, reject) => {
      const secure = tls.connect({ ...this.tlsOptions(), socket: this.socket, host: settings.host });
      secure.on('error', () => {});
      const timer = setTimeout(() => {
        secure.destroy();
        reject(
          new SmtpFailure(
            'transient',
            t('deliver.reason.connectTimeout', { seconds: String(timeouts.connectionMs / 1000) }),
          ),
        );
      }, timeouts.connectionMs);
      secure.once('secureConnect', () => {
        clearTimeout(timer);
        resolve(secure);
      });
      secure.once('error', (error) => {
        clearTimeout(timer);
        secure.destroy();
        reject(this.classify(error as SmtpError, { stage: 'connect' }, true));
      });
    });
  }

  /**
   * Runs one nodemailer operation, resolved by its callback, or failed by a connection error,
   * the end of the connection or the hard limit, whichever comes first.
   */
  private step<T = unknown>(
    run: (cb: (err?: SMTPConnection.SMTPError | null, value?: T) => void) => void,
    limitMs: number,
    context: StepContext,
  ): Promise<T> {
    const conn = this.conn!;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (error: SmtpError | undefined, value?: T) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        conn.removeListener('error', onError);
        conn.removeListener('end', onEnd);
        if (error)
          reject(this.classify(error, context, Boolean((conn as unknown as { upgrading?: boolean }).upgrading)));
        else resolve(value as T);
      };
      const onError = (error: SMTPConnection.SMTPError) => finish(error);
      const onEnd = () => finish(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }));
      const timer = setTimeout(
        () => finish(Object.assign(new Error('hard limit'), { code: 'ETIMEDOUT', hardLimitMs: limitMs })),
        limitMs,
      );
      conn.once('error', onError);
      conn.once('end', onEnd);
      try {
        run((error, value) => finish(error ?? undefined, value));
      } catch (error) {
        finish(error as SmtpError);
      }
    });
  }

  private classify(error: SmtpError, context: StepContext, duringTls: boolean): SmtpFailure {
    const failure = classifySmtpError(error, context, duringTls, this.options);
    (failure as SmtpFailure & { cause?: unknown }).cause = error;
    return failure;
  }

  private refusals(rejected: unknown, errors: unknown): RefusedRecipient[] {
    const errs = Array.isArray(errors) ? (errors as (SmtpError & { recipient?: string })[]) : [];
    return addresses(rejected).map((address) => {
      const err = errs.find((x) => x.recipient === address);
      const code = err?.responseCode;
      return {
        address,
        reason: !err
          ? t('deliver.reason.refused')
          : (notSmtpRefusal(err, this.options.redact) ??
            this.options.redact(answer(err) ?? t('deliver.reason.refused'))),
        transient: typeof code === 'number' && code >= 400 && code < 500,
      };
    });
  }
}

function addresses(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? a)));
}
