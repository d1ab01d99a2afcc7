// A real SMTP server in the test process (smtp-server on 127.0.0.1, random port) that collects
// what it receives, and can refuse or defer chosen commands. Plus helpers to read raw messages.

import net from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

export interface Harness {
  port: number;
  /** smtp:// (or smtps://) URL of the server on 127.0.0.1, with the credentials if any. */
  url: string;
  received: Received[];
  /** Counts of MAIL FROM commands seen (attempts). */
  mailFrom: number;
  /** Message bodies that reached the server in full (delivered or not). */
  dataReceived: number;
  /** Connections accepted so far, and those still open. */
  connections: number;
  open(): number;
  /** AUTH attempts seen, with what the client sent. */
  logins: { user: string; pass: string; secure: boolean }[];
  /** The URL of this server under another name and scheme options, e.g. `urlFor('mail.example.org')`. */
  urlFor(host: string, query?: string): string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Refuse RCPT TO for these addresses with this reply (default 550). */
  refuse?: Record<string, { code: number; message: string }>;
  /** Answer the first n MAIL FROM commands with 451. */
  deferMailFrom?: number;
  /** Answer the first n DATA transfers with 451. */
  deferData?: number;
  /** The reply to each DATA transfer, when this gives one (e.g. 554 content rejected). */
  rejectDataWhen?: () => { code: number; message: string } | undefined;
  /** Take the whole message after DATA, then never answer (the session hangs). */
  hangAfterData?: boolean;
  auth?: { user: string; pass: string };
  /** The reply to a refused login (default `Invalid username or password`). */
  authFailure?: (user: string, pass: string) => string;
  /** Offer STARTTLS with this certificate (by default the server offers no STARTTLS). */
  starttls?: { key: string; cert: string };
  /** TLS from the first byte (smtps) with this certificate. */
  implicitTls?: { key: string; cert: string };
}

export async function startSmtp(opts: HarnessOptions = {}): Promise<Harness> {
  const received: Received[] = [];
  let mailFromSeen = 0;
  let dataSeen = 0;
  const sockets = new Set<net.Socket>();
  const tlsCert = opts.implicitTls ?? opts.starttls;
  const disabled = [...(opts.starttls || opts.implicitTls ? [] : ['STARTTLS']), ...(opts.auth ? [] : ['AUTH'])];
  const options: SMTPServerOptions = {
    disabledCommands: disabled,
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 200,
    ...(tlsCert ? { key: tlsCert.key, cert: tlsCert.cert } : {}),
    ...(opts.implicitTls ? { secure: true } : {}),
    onAuth(auth, session, cb) {
      harness.logins.push({ user: auth.username ?? '', pass: auth.password ?? '', secure: Boolean(session.secure) });
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass)
        return cb(null, { user: auth.username });
      const text = opts.authFailure
        ? opts.authFailure(auth.username ?? '', auth.password ?? '')
        : 'Invalid username or password';
      return cb(Object.assign(new Error(text), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, cb) {
      mailFromSeen++;
      harness.mailFrom = mailFromSeen;
      if (opts.deferMailFrom && mailFromSeen <= opts.deferMailFrom) {
        return cb(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
      return cb();
    },
    onRcptTo(address, _session, cb) {
      const r = opts.refuse?.[address.address];
      if (r) return cb(Object.assign(new Error(r.message), { responseCode: r.code }));
      return cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        dataSeen++;
        harness.dataReceived = dataSeen;
        if (opts.hangAfterData) return; // never answers
        const reject = opts.rejectDataWhen?.();
        if (reject) return cb(Object.assign(new Error(reject.message), { responseCode: reject.code }));
        if (opts.deferData && dataSeen <= opts.deferData) {
          return cb(Object.assign(new Error('Local error, try again'), { responseCode: 451 }));
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        return cb();
      });
    },
  };
  const server = new SMTPServer(options);
  server.on('error', () => {});
  server.server.on('connection', (socket: net.Socket) => {
    harness.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as net.AddressInfo).port;
  const auth = opts.auth ? `${encodeURIComponent(opts.auth.user)}:${encodeURIComponent(opts.auth.pass)}@` : '';
  const scheme = opts.implicitTls ? 'smtps' : 'smtp';
  const harness: Harness = {
    port,
    url: `${scheme}://${auth}127.0.0.1:${port}`,
    received,
    mailFrom: 0,
    dataReceived: 0,
    connections: 0,
    open: () => sockets.size,
    logins: [],
    urlFor: (host, query = '') => `${scheme}://${auth}${host}:${port}${query}`,
    // smtp-server closes what is left after closeTimeout; destroying a raw socket from here
    // would tear a TLS socket down from below, which crashes Node.
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return harness;
}

/** Waits until `check` holds, up to `ms`; false when it never did. */
export async function eventually(check: () => boolean, ms = 2000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

/**
 * A server that accepts connections and never says anything; with `greet`, it greets and then
 * never answers; with `trickle`, it sends one byte of an answer every 300 ms, forever.
 */
export async function startSilentServer(
  o: { greet?: boolean; trickle?: boolean } = {},
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    if (o.greet) s.write('220 silent.example ESMTP\r\n');
    if (o.trickle) {
      s.once('data', () => {
        const timer = setInterval(() => {
          if (!s.destroyed) s.write('2');
        }, 300);
        timers.add(timer);
        s.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
        });
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// --- reading raw messages ------------------------------------------------------------------

/** The unfolded value of a header, RFC 2047 encoded-words decoded. */
export function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (line === undefined) return undefined;
  return decodeWords(line.slice(name.length + 1).trim());
}

export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) => {
      if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      const bytes = text
        .replace(/_/g, ' ')
        .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    });
}

export interface MimePart {
  headers: string;
  body: string;
}

/** The leaf parts of a MIME message (nested multiparts flattened). */
export function mimeParts(raw: string): MimePart[] {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, split);
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const m = /content-type:\s*multipart\/[^;]+;[^\n]*boundary="?([^";\r\n]+)"?/i.exec(unfolded);
  if (!m) return [{ headers: unfolded, body }];
  const boundary = m[1]!;
  const pieces = body.split(`--${boundary}`).slice(1);
  const out: MimePart[] = [];
  for (const piece of pieces) {
    if (piece.startsWith('--')) break;
    out.push(...mimeParts(piece.replace(/^\r?\n/, '')));
  }
  return out;
}

export function partHeader(part: MimePart, name: string): string | undefined {
  const line = part.headers.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? undefined : decodeWords(line.slice(name.length + 1).trim());
}

/** The decoded content of a part (base64 or quoted-printable). */
export function partContent(part: MimePart): Buffer {
  const enc = (partHeader(part, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
  if (enc === 'quoted-printable') {
    const soft = part.body.replace(/=\r?\n/g, '');
    const bytes = soft.replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1');
  }
  return Buffer.from(part.body, 'utf8');
}

export function textPart(raw: string, type: 'text/plain' | 'text/html'): string {
  const part = mimeParts(raw).find((p) => (partHeader(p, 'content-type') ?? '').toLowerCase().startsWith(type));
  if (!part) throw new Error(`no ${type} part`);
  return partContent(part).toString('utf8').replace(/\r\n/g, '\n');
}
