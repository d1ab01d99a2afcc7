// cci doctor's mail line: the server of CCI_SMTP_URL checked for real (connection, EHLO,
// STARTTLS, AUTH; no mail sent), the TLS policy that applies said, nothing secret shown.

import { afterEach, describe, expect, it } from 'vitest';
import { checkMailServer } from '../../src/deliver/mail-check.js';
import { routedNetwork } from './run-helpers.js';
import { closedPort, startSilentServer, startSmtp, type Harness } from './smtp-harness.js';
import { testCerts } from './test-certs.js';

let server: Harness | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const AUTH = { user: 'cci', pass: 'Pa@ssw0rd#2026' };

describe('cci doctor checks the mail server', () => {
  it('fails for a port where nothing listens, at once', async () => {
    const port = await closedPort();
    const started = Date.now();
    const r = await checkMailServer(`smtp://cci:secret-pw@127.0.0.1:${port}`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r).toEqual({
      status: 'fail',
      detail: `smtp://***@127.0.0.1:${port} — relay on this machine (loopback): clear text allowed, STARTTLS used when offered (certificate not checked); connection refused`,
    });
  });

  it('fails for a server that never greets, within its short limit', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const r = await checkMailServer(`smtp://127.0.0.1:${silent.port}`, { timeouts: { greetingMs: 300 } });
      expect(Date.now() - started).toBeLessThan(2900);
      expect(r.status).toBe('fail');
      expect(r.detail).toContain('the server said nothing within 0.3 s of the connection');
    } finally {
      await silent.close();
    }
  });

  it('logs in to a local relay and sends no mail', async () => {
    server = await startSmtp({ auth: AUTH });
    const r = await checkMailServer(server.url);
    expect(r).toEqual({
      status: 'ok',
      detail: `smtp://***@127.0.0.1:${server.port} — relay on this machine (loopback): clear text allowed, STARTTLS used when offered (certificate not checked); reached 127.0.0.1: in clear, login accepted; no mail sent`,
    });
    expect(server.logins).toHaveLength(1);
    expect(server.mailFrom).toBe(0);
    expect(server.received).toEqual([]);
  });

  it('says a refused login without the password, even when the server echoes it', async () => {
    server = await startSmtp({
      auth: { user: 'cci', pass: 'other' },
      authFailure: (u, p) => `no such login ${u}:${p}`,
    });
    const r = await checkMailServer(server.urlFor('127.0.0.1').replace('other', encodeURIComponent(AUTH.pass)));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('login refused (535 no such login cci:***)');
    expect(r.detail).not.toContain('ssw0rd');
  });

  it('checks STARTTLS and the certificate of a remote server', async () => {
    const certs = testCerts();
    server = await startSmtp({ auth: AUTH, starttls: certs.signed });
    const r = await checkMailServer(server.urlFor('mail.example.org'), {
      network: routedNetwork('192.0.2.25', server.port, certs.ca),
    });
    expect(r.status).toBe('ok');
    expect(r.detail).toMatch(
      /^smtp:\/\/\*\*\*@mail\.example\.org:\d+ — server not on this machine: STARTTLS required, certificate checked; reached 192\.0\.2\.25: TLSv1\.[23], certificate valid for mail\.example\.org, login accepted; no mail sent$/,
    );
    expect(server.logins[0]?.secure).toBe(true);
  });

  it('fails for a remote server without STARTTLS, or with a self-signed certificate, before AUTH', async () => {
    server = await startSmtp({ auth: AUTH });
    const plain = await checkMailServer(server.urlFor('mail.example.org'), {
      network: routedNetwork('192.0.2.25', server.port),
    });
    expect(plain.status).toBe('fail');
    expect(plain.detail).toContain(
      'server not on this machine: STARTTLS required, certificate checked; the server does not offer STARTTLS',
    );
    await server.close();

    const certs = testCerts();
    server = await startSmtp({ auth: AUTH, starttls: certs.selfSigned });
    const selfSigned = await checkMailServer(server.urlFor('mail.example.org'), {
      network: routedNetwork('192.0.2.25', server.port, certs.ca),
    });
    expect(selfSigned.status).toBe('fail');
    expect(selfSigned.detail).toMatch(/certificate is not valid for mail\.example\.org \(self[- ]signed certificate/);
    expect(server.logins).toEqual([]);
  });

  it('warns about ?tls=off on a remote server, and says it', async () => {
    server = await startSmtp();
    const r = await checkMailServer(server.urlFor('relay.example.org', '?tls=off'), {
      network: routedNetwork('192.0.2.25', server.port),
    });
    expect(r.status).toBe('warn');
    expect(r.detail).toContain(
      '?tls=off: TLS not required, mail may cross the network in clear; reached 192.0.2.25: in clear',
    );
  });

  it('fails for an unencoded password, masking the whole user-info, and for an unknown host', async () => {
    const r = await checkMailServer('smtp://cci:Pa@ssw0rd#2026@mail.example.org:587');
    expect(r.status).toBe('fail');
    expect(r.detail).toContain(
      'CCI_SMTP_URL smtp://***@mail.example.org:587: the user name or password holds @ (%40), # (%23) as is',
    );
    expect(r.detail).not.toMatch(/ssw0rd|2026/);
    const unknown = await checkMailServer('smtp://nowhere.invalid:25', {
      network: {
        lookup: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })),
      },
    });
    expect(unknown).toEqual({
      status: 'fail',
      detail:
        'smtp://nowhere.invalid:25 — STARTTLS required unless the server is on this machine; host nowhere.invalid not found',
    });
  });
});
