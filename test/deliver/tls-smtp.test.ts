// The TLS policy against a real SMTP server: TLS required for any server not on loopback
// (STARTTLS or smtps), certificates checked, a loopback relay allowed in clear, ?tls=off as an
// explicit opt-out with a warning.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverBriefings } from '../../src/deliver/index.js';
import { EXIT } from '../../src/errors.js';
import { briefingModel } from '../helpers/model.js';
import { deliverOptions, failure, outDir, pdf, routedNetwork } from './run-helpers.js';
import { startSmtp, type Harness } from './smtp-harness.js';
import { testCerts } from './test-certs.js';

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

const AUTH = { user: 'cci', pass: 'Pa@ssw0rd#2026' };
const doc = async () => [
  {
    model: briefingModel({ marking: 'TLP:AMBER+STRICT', tlp: 'AMBER+STRICT' as const, audience: 'national' }),
    pdfPath: await pdf(out.dir, 'n.pdf'),
    lang: 'both' as const,
  },
];

describe('TLS is required for a server that is not on loopback', () => {
  it('refuses a server that offers no STARTTLS before the password or the briefing is sent (exit 6)', async () => {
    server = await startSmtp({ auth: AUTH });
    const err = await failure(
      deliverBriefings(
        await doc(),
        deliverOptions(out.dir, server.urlFor('mail.example.org'), logs, {
          network: routedNetwork('192.0.2.25', server.port),
        }),
      ),
    );
    expect(err.exitCode).toBe(EXIT.DELIVERY);
    expect(err.message).toContain('does not offer STARTTLS');
    expect(err.message).toContain('?tls=off');
    expect(server.logins).toEqual([]);
    expect(server.dataReceived).toBe(0);
    expect(logs.some((l) => /trying again/.test(l))).toBe(false);
  });

  it('sends through STARTTLS with a certificate valid for the host name, logging in over TLS only', async () => {
    const certs = testCerts();
    server = await startSmtp({ auth: AUTH, starttls: certs.signed });
    await deliverBriefings(
      await doc(),
      deliverOptions(out.dir, server.urlFor('mail.example.org'), logs, {
        network: routedNetwork('192.0.2.25', server.port, certs.ca),
      }),
    );
    expect(server.received).toHaveLength(1);
    expect(server.logins).toEqual([{ user: 'cci', pass: AUTH.pass, secure: true }]);
  });

  it('refuses a self-signed certificate at once as a permanent failure, without retrying', async () => {
    const certs = testCerts();
    server = await startSmtp({ auth: AUTH, starttls: certs.selfSigned });
    const started = Date.now();
    const err = await failure(
      deliverBriefings(
        await doc(),
        deliverOptions(out.dir, server.urlFor('mail.example.org'), logs, {
          network: routedNetwork('192.0.2.25', server.port, certs.ca),
          retry: { attempts: 3, baseDelayMs: 3000, deadlineMs: 60_000 },
        }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err.message).toMatch(/certificate is not valid for mail\.example\.org \(self[- ]signed certificate/);
    expect(server.connections).toBe(1);
    expect(server.logins).toEqual([]);
    expect(logs.some((l) => /trying again/.test(l))).toBe(false);
  });

  it('refuses a certificate issued for another name', async () => {
    const certs = testCerts();
    server = await startSmtp({ starttls: certs.signed });
    const err = await failure(
      deliverBriefings(
        await doc(),
        deliverOptions(out.dir, server.urlFor('smtp.other.example'), logs, {
          network: routedNetwork('192.0.2.25', server.port, certs.ca),
        }),
      ),
    );
    expect(err.message).toMatch(/certificate is not valid for smtp\.other\.example/);
    expect(server.dataReceived).toBe(0);
  });

  it('checks the certificate of smtps:// too, on loopback as elsewhere', async () => {
    const certs = testCerts();
    server = await startSmtp({ implicitTls: certs.selfSigned });
    const err = await failure(
      deliverBriefings(await doc(), deliverOptions(out.dir, server.url, logs, { network: { ca: certs.ca } })),
    );
    expect(err.message).toMatch(/certificate is not valid for 127\.0\.0\.1/);
    expect(server.connections).toBe(1);

    await server.close();
    server = await startSmtp({ implicitTls: certs.signed });
    await deliverBriefings(await doc(), deliverOptions(out.dir, server.url, logs, { network: { ca: certs.ca } }));
    expect(server.received).toHaveLength(1);
  });

  it('counts a name with one address off loopback as remote', async () => {
    server = await startSmtp();
    const err = await failure(
      deliverBriefings(
        await doc(),
        deliverOptions(out.dir, server.urlFor('relay.example.org'), logs, {
          network: {
            ...routedNetwork('127.0.0.1', server.port),
            lookup: async () => [
              { address: '127.0.0.1', family: 4 },
              { address: '10.1.2.3', family: 4 },
            ],
          },
        }),
      ),
    );
    expect(err.message).toContain('does not offer STARTTLS');
  });
});

describe('clear text where it is allowed', () => {
  it('sends in clear to a relay on the loopback address (127.0.0.0/8), with no warning', async () => {
    server = await startSmtp();
    await deliverBriefings(
      await doc(),
      deliverOptions(out.dir, server.urlFor('127.0.0.2'), logs, {
        network: routedNetwork('127.0.0.2', server.port),
      }),
    );
    expect(server.received).toHaveLength(1);
    expect(logs.filter((l) => l.startsWith('WARN'))).toEqual([]);
  });

  it('takes a name that resolves to loopback only (localhost) as a local relay', async () => {
    server = await startSmtp();
    await deliverBriefings(
      await doc(),
      deliverOptions(out.dir, server.urlFor('localhost'), logs, {
        network: {
          ...routedNetwork('::1', server.port),
          lookup: async () => [
            { address: '::1', family: 6 },
            { address: '127.0.0.1', family: 4 },
          ],
        },
      }),
    );
    expect(server.received).toHaveLength(1);
  });

  it('sends in clear to a remote server with ?tls=off, and warns every run', async () => {
    server = await startSmtp();
    const options = deliverOptions(out.dir, server.urlFor('mail.example.org', '?tls=off'), logs, {
      network: routedNetwork('192.0.2.25', server.port),
      resend: true,
    });
    await deliverBriefings(await doc(), options);
    await deliverBriefings(await doc(), options);
    expect(server.received).toHaveLength(2);
    const warnings = logs.filter((l) => l.startsWith('WARN'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('?tls=off: mail to mail.example.org may cross the network in clear');
  });

  it('uses STARTTLS on loopback when offered, without checking the certificate', async () => {
    const certs = testCerts();
    server = await startSmtp({ auth: AUTH, starttls: certs.selfSigned });
    await deliverBriefings(await doc(), deliverOptions(out.dir, server.url, logs));
    expect(server.logins).toEqual([{ user: 'cci', pass: AUTH.pass, secure: true }]);
  });
});

describe('a TLS failure is said on one line', () => {
  it('openssl\'s error text (smtps:// to a server speaking plain SMTP: "wrong version number") reaches the message without its line break', async () => {
    server = await startSmtp();
    const err = await failure(
      deliverBriefings(await doc(), deliverOptions(out.dir, server.url.replace(/^smtp:/, 'smtps:'), logs)),
    );
    expect(err.exitCode).toBe(EXIT.DELIVERY);
    expect(err.message).toMatch(/wrong version number/i);
    for (const text of [err.message, ...logs]) {
      expect(text, JSON.stringify(text)).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
      expect(text).not.toMatch(/ {2}| $/);
    }
  });
});
