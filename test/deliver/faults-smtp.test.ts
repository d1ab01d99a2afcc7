// Delivery that never hangs, never sends twice, never leaks: a server that takes the message and
// then stops answering, sockets left behind, a message refused alone, credentials in errors.

import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverBriefings, type DeliveryFailure } from '../../src/deliver/index.js';
import { EXIT } from '../../src/errors.js';
import { briefingModel, countryModel } from '../helpers/model.js';
import { deliverOptions, failure, openTcpHandles, outDir, pdf } from './run-helpers.js';
import { eventually, header, startSilentServer, startSmtp, type Harness } from './smtp-harness.js';

let out: Awaited<ReturnType<typeof outDir>>;
let server: Harness | undefined;
let logs: string[];
beforeEach(async () => {
  out = await outDir();
  logs = [];
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await out.remove();
});

async function sendLogLines(): Promise<Record<string, string>[]> {
  const text = await readFile(join(out.dir, '.cci-sent.jsonl'), 'utf8').catch(() => '');
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, string>);
}

describe('a server that takes the message and then stops answering', () => {
  it('sends it once, records it as uncertain, says what to do, and fails within the socket limit (exit 6)', async () => {
    server = await startSmtp({ hangAfterData: true });
    const handlesBefore = openTcpHandles();
    const docs = [
      { model: briefingModel(), pdfPath: await pdf(out.dir, 'a.pdf'), lang: 'both' as const },
      { model: countryModel('DEU'), pdfPath: await pdf(out.dir, 'deu.pdf'), lang: 'both' as const },
    ];
    const started = Date.now();
    const err = await failure(
      deliverBriefings(
        docs,
        deliverOptions(out.dir, server.url, logs, {
          timeouts: { connectionMs: 500, greetingMs: 500, socketMs: 600, messageMs: 5000 },
          retry: { attempts: 3, baseDelayMs: 10, deadlineMs: 5000 },
        }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(6000);
    expect(err.exitCode).toBe(EXIT.DELIVERY);
    expect(server.dataReceived).toBe(1);
    expect(server.mailFrom).toBe(1);
    expect(err.message).toContain('a.pdf: the server smtp://127.0.0.1:');
    expect(err.message).toContain(
      'took the message for all-officers@example.org, duty@example.org, but the session broke before its final answer (the server stopped answering (0.6 s without a reply)): it may or may not have been delivered',
    );
    expect(err.message).toContain('check with the recipients; to send it anyway, run the same command with --resend');
    expect(err.message).toContain('1 other recipient not tried');
    expect(logs.some((l) => /trying again/.test(l))).toBe(false);
    const { report } = err as DeliveryFailure;
    expect(report.uncertain.map((u) => u.address)).toEqual(['all-officers@example.org', 'duty@example.org']);
    expect(report.sent).toEqual([]);
    // written ahead before the message left, then its outcome
    expect((await sendLogLines()).map((l) => [l.address, l.status])).toEqual([
      ['all-officers@example.org', 'sending'],
      ['duty@example.org', 'sending'],
      ['all-officers@example.org', 'uncertain'],
      ['duty@example.org', 'uncertain'],
    ]);
    // every socket of the run is gone: on our side at once, on the server's soon after
    expect(openTcpHandles()).toBeLessThanOrEqual(handlesBefore);
    expect(await eventually(() => server!.open() === 0)).toBe(true);
  });

  it('does not send it again on a rerun, but warns; --resend sends it', async () => {
    server = await startSmtp({ hangAfterData: true });
    const docs = [{ model: briefingModel(), pdfPath: await pdf(out.dir, 'a.pdf'), lang: 'both' as const }];
    const opts = deliverOptions(out.dir, server.url, logs, {
      timeouts: { connectionMs: 500, greetingMs: 500, socketMs: 400, messageMs: 5000 },
    });
    await failure(deliverBriefings(docs, opts));
    await server.close();
    server = await startSmtp();
    opts.smtpUrl = server.url;

    const again = await deliverBriefings(docs, opts);
    expect(server.received).toHaveLength(0);
    expect(again.skipped.map((s) => [s.address, s.uncertain])).toEqual([
      ['all-officers@example.org', true],
      ['duty@example.org', true],
    ]);
    expect(logs.filter((l) => l.startsWith('WARN'))[0]).toBe(
      'WARN a.pdf: all-officers@example.org may already have it: on 2024-08-05 11:35 the server stopped answering after taking the message (outcome unknown); not sent again: check with the recipient, and run again with --resend to send it anyway',
    );

    await deliverBriefings(docs, { ...opts, resend: true });
    expect(server.received).toHaveLength(1);
    const last = (await sendLogLines()).at(-1)!;
    expect(last.status).toBeUndefined();
    // the last line wins: now recorded as sent, a plain rerun says "already sent"
    logs.length = 0;
    await deliverBriefings(docs, opts);
    expect(logs.some((l) => /already sent to duty@example.org/.test(l))).toBe(true);
  });

  it('stops a server that trickles its answers byte by byte at the hard limit of a step', async () => {
    const silent = await startSilentServer({ greet: true, trickle: true });
    try {
      const started = Date.now();
      const err = await failure(
        deliverBriefings(
          [{ model: briefingModel(), pdfPath: await pdf(out.dir, 'a.pdf'), lang: 'both' }],
          deliverOptions(out.dir, `smtp://127.0.0.1:${silent.port}`, logs, {
            timeouts: { connectionMs: 500, greetingMs: 500, socketMs: 400, messageMs: 5000 },
            retry: { attempts: 1, baseDelayMs: 10, deadlineMs: 5000 },
          }),
        ),
      );
      expect(Date.now() - started).toBeLessThan(8000);
      expect(err.message).toMatch(/no final answer within 2 s/);
    } finally {
      await silent.close();
    }
  });
});

describe('failures of one message', () => {
  it('goes on with the next document when the server refuses one message (554), and names it', async () => {
    let n = 0;
    server = await startSmtp();
    await server.close();
    server = await startSmtp({
      rejectDataWhen: () => (++n === 1 ? { code: 554, message: '5.7.1 content rejected' } : undefined),
    });
    const err = await failure(
      deliverBriefings(
        [
          { model: briefingModel(), pdfPath: await pdf(out.dir, 'a.pdf'), lang: 'both' },
          { model: countryModel('DEU'), pdfPath: await pdf(out.dir, 'deu.pdf'), lang: 'both' },
        ],
        deliverOptions(out.dir, server.url, logs),
      ),
    );
    expect(err.message).toContain(
      'a.pdf could not be sent to all-officers@example.org, duty@example.org through smtp://127.0.0.1:',
    );
    expect(err.message).toContain('554 5.7.1 content rejected');
    expect(server.received.map((r) => r.to)).toEqual([['lo-deu@example.org']]);
  });

  it('keeps every retry and wait of a run within its budget', async () => {
    server = await startSmtp({ deferMailFrom: 1000 });
    const started = Date.now();
    const err = await failure(
      deliverBriefings(
        [
          { model: briefingModel(), pdfPath: await pdf(out.dir, 'a.pdf'), lang: 'both' },
          { model: countryModel('DEU'), pdfPath: await pdf(out.dir, 'deu.pdf'), lang: 'both' },
          { model: countryModel('BRA'), pdfPath: await pdf(out.dir, 'bra.pdf'), lang: 'both' },
        ],
        deliverOptions(out.dir, server.url, logs, { retry: { attempts: 3, baseDelayMs: 200, deadlineMs: 700 } }),
      ),
    );
    // 200 ms then 400 ms of backoff fit in 700 ms for the first document; no pause is left for
    // the others, tried once each (a budget per message would make 9 tries)
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.mailFrom).toBeGreaterThanOrEqual(3);
    expect(server.mailFrom).toBeLessThanOrEqual(5);
    expect(logs.filter((l) => /trying again/.test(l)).length).toBeLessThanOrEqual(2);
    expect(err.message).toContain('451 Try again later');
  });
});

describe('a port where another service answers', () => {
  it('says at once that it did not answer as a mail server, quoting its line (a web server, SSH, a reply without code), and tries no other document (exit 6)', async () => {
    const cases: { greeting: string; reply?: string; replies?: string[]; said: string }[] = [
      {
        greeting: 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n',
        said: 'it did not greet as a mail server: its first line was “HTTP/1.1 400 Bad Request” (another service on that port',
      },
      {
        greeting: 'SSH-2.0-OpenSSH_9.2p1\r\n',
        said: 'it did not greet as a mail server: its first line was “SSH-2.0-OpenSSH_9.2p1”',
      },
      {
        greeting: '220 mail.example ESMTP\r\n',
        reply: 'garbage without code\r\n',
        said: 'with “garbage without code”, which is not a mail server',
      },
      // a web server waits for the client to speak first: the silence is said as such
      {
        greeting: '',
        said: 'said nothing within 0.5 s of the connection, where a mail server greets at once (another service on that port, such as a web server',
      },
      // a proxy or web front answering the recipient with a page: not a refusal by a mail server
      {
        greeting: '220 mail.example ESMTP\r\n',
        replies: ['250 mail.example\r\n', '250 2.1.0 Ok\r\n'],
        reply: '<html><head><title>502 Bad Gateway</title></head></html>\r\n',
        said: 'it answered RCPT TO with “<html><head><title>502 Bad Gateway</title></head></html>”, which is not a mail server',
      },
    ];
    for (const c of cases) {
      const sockets = new Set<net.Socket>();
      const other = net.createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
        if (c.greeting) socket.write(c.greeting);
        // the replies in turn, then `reply` to every command (one reply per line received)
        const replies = [...(c.replies ?? [])];
        socket.on('data', (chunk) => {
          for (const _line of chunk.toString('latin1').split('\r\n').slice(0, -1)) {
            const next = replies.shift() ?? c.reply;
            if (next) socket.write(next);
          }
        });
      });
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      const port = (other.address() as net.AddressInfo).port;
      try {
        const docs = [
          { model: briefingModel(), pdfPath: await pdf(out.dir, 'a.pdf'), lang: 'both' as const },
          { model: countryModel('DEU'), pdfPath: await pdf(out.dir, 'deu.pdf'), lang: 'both' as const },
        ];
        const started = Date.now();
        const err = await failure(deliverBriefings(docs, deliverOptions(out.dir, `smtp://127.0.0.1:${port}`, logs)));
        expect(Date.now() - started, c.said).toBeLessThan(3000);
        expect(err.exitCode).toBe(EXIT.DELIVERY);
        expect(err.message).toContain(c.said);
        expect(err.message).not.toMatch(/Invalid (greeting|HELO)|response=/);
        expect(err.message).toContain('1 other recipient not tried');
      } finally {
        for (const s of sockets) s.destroy();
        await new Promise((resolve) => other.close(resolve));
      }
    }
  });
});

describe('a server answering in UTF-8', () => {
  it('quotes its refusal as written (accès refusé), not as Latin-1 (accÃ¨s refusÃ©)', async () => {
    server = await startSmtp({ rejectDataWhen: () => ({ code: 554, message: 'accès refusé à ce relais' }) });
    const docs = [{ model: briefingModel(), pdfPath: await pdf(out.dir, 'a.pdf'), lang: 'both' as const }];
    const err = await failure(deliverBriefings(docs, deliverOptions(out.dir, server.url, logs)));
    expect(err.message).toContain('accès refusé à ce relais');
    expect(err.message).not.toContain('Ã');
  });
});

describe('recipients', () => {
  it('puts the recipients in Bcc: the header says undisclosed-recipients, the envelope has them all', async () => {
    server = await startSmtp();
    await deliverBriefings(
      [{ model: briefingModel(), pdfPath: await pdf(out.dir, 'a.pdf'), lang: 'both' }],
      deliverOptions(out.dir, server.url, logs),
    );
    const mail = server.received[0]!;
    expect(mail.to).toEqual(['all-officers@example.org', 'duty@example.org']);
    expect(header(mail.raw, 'to')).toBe('"undisclosed-recipients":;');
    expect(mail.raw).not.toMatch(/^bcc:/im);
    expect(mail.raw).not.toContain('duty@example.org');
  });

  it('names them in To when event.yaml says distribution.visible_recipients: true', async () => {
    server = await startSmtp();
    const base = deliverOptions(out.dir, server.url, logs);
    const event = { ...base.event, distribution: { ...base.event.distribution!, visibleRecipients: true } };
    await deliverBriefings([{ model: briefingModel(), pdfPath: await pdf(out.dir, 'a.pdf'), lang: 'both' }], {
      ...base,
      event,
    });
    expect(header(server.received[0]!.raw, 'to')).toBe('all-officers@example.org, duty@example.org');
  });
});

describe('credentials never printed', () => {
  it('masks a password the server echoes in its refusal, in every form AUTH sent it', async () => {
    const pass = 'Tr0ub4dor&3-horse';
    server = await startSmtp({
      auth: { user: 'cci', pass: 'other' },
      authFailure: (user, given) =>
        `5.7.8 bad credentials for ${user}:${given} ${Buffer.from(`\u0000${user}\u0000${given}`).toString('base64')}`,
    });
    const err = await failure(
      deliverBriefings(
        [{ model: briefingModel(), pdfPath: await pdf(out.dir, 'a.pdf'), lang: 'both' }],
        deliverOptions(out.dir, `smtp://cci:${encodeURIComponent(pass)}@127.0.0.1:${server.port}`, logs),
      ),
    );
    expect(err.message).toContain('login refused (535 5.7.8 bad credentials for cci:*** ***)');
    expect(err.message).not.toContain(pass);
    expect(err.message).not.toContain(Buffer.from(`\u0000cci\u0000${pass}`).toString('base64'));
    expect(logs.join('\n')).not.toContain(pass);
  });

  it('says that an unencoded password must be percent-encoded, before anything is sent', async () => {
    server = await startSmtp();
    const err = await failure(
      deliverBriefings(
        [{ model: briefingModel(), pdfPath: await pdf(out.dir, 'a.pdf'), lang: 'both' }],
        deliverOptions(out.dir, `smtp://cci:Pa@ssw0rd#2026@127.0.0.1:${server.port}`, logs),
      ),
    );
    expect(err.message).toContain(
      `CCI_SMTP_URL smtp://***@127.0.0.1:${server.port}: the user name or password holds @ (%40), # (%23) as is`,
    );
    expect(err.message).not.toMatch(/ssw0rd|2026@/);
    expect(server.connections).toBe(0);
  });
});
