import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDeliverable } from '../../src/deliver/preflight.js';
import { recipientsFor } from '../../src/deliver/recipients.js';
import { DeliveryError } from '../../src/errors.js';
import { classifySmtpError } from '../../src/deliver/smtp-failure.js';
import { DEFAULT_TIMEOUTS } from '../../src/deliver/timeouts.js';
import { SendLog } from '../../src/deliver/send-log.js';
import { parseSmtpUrl } from '../../src/deliver/smtp-url.js';
import { redactor } from '../../src/deliver/redact.js';
import { isLoopbackAddress, resolveServer, tlsPlan } from '../../src/deliver/server-address.js';
import { event } from '../helpers/dataset.js';
import { briefingModel, countryModel, distributionEvent } from '../helpers/model.js';

const EVENT = distributionEvent(event());

describe('recipients', () => {
  it('takes the division list for partners and national', () => {
    expect(recipientsFor(EVENT.distribution, briefingModel())).toEqual({
      ok: true,
      addresses: ['all-officers@example.org', 'duty@example.org'],
    });
    expect(recipientsFor(EVENT.distribution, briefingModel({ audience: 'national' }))).toEqual({
      ok: true,
      addresses: ['cabinet@example.org'],
    });
  });

  it("takes only the country's own list for a country audience, never the partners list", () => {
    expect(recipientsFor(EVENT.distribution, countryModel('DEU'))).toEqual({
      ok: true,
      addresses: ['lo-deu@example.org'],
    });
    expect(recipientsFor(EVENT.distribution, countryModel('USA'))).toEqual({
      ok: false,
      why: 'noAddress',
      where: 'distribution.countries.USA',
    });
  });

  it('names the missing distribution section', () => {
    expect(recipientsFor(undefined, briefingModel())).toEqual({
      ok: false,
      why: 'noDistribution',
      where: 'distribution.securite.partners',
    });
  });

  it('drops duplicates and blanks', () => {
    const d = { divisions: { securite: { partners: ['a@x.org', ' A@x.org', ''], national: [] } }, countries: {} };
    expect(recipientsFor(d, briefingModel())).toEqual({ ok: true, addresses: ['a@x.org'] });
  });
});

describe('CCI_SMTP_URL', () => {
  it('reads smtp:// with percent-encoded credentials, and shows none of them', () => {
    const r = parseSmtpUrl('smtp://cci%40example.org:p%40ss%3Aw%2Frd@mail.example.org:2525');
    expect(r).toMatchObject({
      ok: true,
      settings: {
        scheme: 'smtp',
        host: 'mail.example.org',
        port: 2525,
        secure: false,
        tlsOptOut: false,
        auth: { user: 'cci@example.org', pass: 'p@ss:w/rd' },
        display: 'smtp://***@mail.example.org:2525',
      },
    });
  });

  it('defaults the port: 465 for smtps://, 587 for smtp://', () => {
    expect(parseSmtpUrl('smtps://mail.example.org')).toMatchObject({
      ok: true,
      settings: { port: 465, secure: true, display: 'smtps://mail.example.org:465' },
    });
    expect(parseSmtpUrl('smtp://mail.example.org')).toMatchObject({ ok: true, settings: { port: 587, secure: false } });
  });

  it('takes ?tls=off as the opt-out from TLS, and refuses it with smtps:// or any other parameter', () => {
    expect(parseSmtpUrl('smtp://relay.lan:25?tls=off')).toMatchObject({
      ok: true,
      settings: { tlsOptOut: true, display: 'smtp://relay.lan:25?tls=off' },
    });
    expect(parseSmtpUrl('smtps://relay.lan?tls=off')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('contradicts'),
    });
    expect(parseSmtpUrl('smtp://relay.lan?tls=of')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('unknown parameter "tls=of"'),
    });
  });

  it('says plainly that a password with @ and # must be percent-encoded, masking the whole user-info', () => {
    const r = parseSmtpUrl('smtp://cci:Pa@ssw0rd#2026@host.example.org:2525');
    expect(r.ok).toBe(false);
    const problem = (r as { problem: string }).problem;
    expect(problem).toBe(
      'CCI_SMTP_URL smtp://***@host.example.org:2525: the user name or password holds @ (%40), # (%23) as is; in a URL these characters must be percent-encoded (@ as %40, # as %23, / as %2F, : as %3A, ? as %3F, % as %25, a space as %20): e.g. the password p@ss#1 is written p%40ss%231',
    );
    for (const part of ['Pa', 'ssw0rd', '2026']) expect(problem).not.toContain(part);
  });

  it('detects an unencoded / or : in a password', () => {
    expect(parseSmtpUrl('smtp://cci:pa/ss@h:25')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('/ (%2F)'),
    });
    expect(parseSmtpUrl('smtp://cci:pa:ss@h:25')).toMatchObject({
      ok: false,
      problem: expect.stringContaining(': (%3A)'),
    });
    expect(parseSmtpUrl('smtp://cci:pa%zz@h:25')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not validly percent-encoded'),
    });
  });

  it('refuses a missing value, another scheme or garbage, without echoing a password', () => {
    expect(parseSmtpUrl(undefined)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('CCI_SMTP_URL is not set'),
    });
    const http = parseSmtpUrl('http://u:secret@mail.example.org');
    expect(http).toMatchObject({
      ok: false,
      problem: 'CCI_SMTP_URL http://***@mail.example.org: the scheme must be smtp:// or smtps://',
    });
    expect(parseSmtpUrl('not a url')).toMatchObject({ ok: false });
    expect((parseSmtpUrl('u:secret@@host') as { problem: string }).problem).not.toContain('secret');
  });

  it('never shows any part of the user-info, whatever the URL looks like (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.string({ minLength: 6, maxLength: 24 }),
        fc.constantFrom('smtp', 'smtps', 'http', ''),
        (user, pass, scheme) => {
          fc.pre(!/\s/.test(pass) && !/[@]/.test(user) && !'mail.example.org:25'.includes(pass));
          const raw = `${scheme ? `${scheme}://` : ''}${user}:${pass}@mail.example.org:25`;
          const r = parseSmtpUrl(raw);
          const shown = r.ok ? r.settings.display : r.problem;
          expect(shown).not.toContain(pass);
        },
      ),
    );
  });

  it('masks the URL, the password, and the base64 forms AUTH sends, in any text', () => {
    const r = parseSmtpUrl('smtp://cci:s3cr%40t-pass@mail.example.org');
    if (!r.ok) throw new Error(r.problem);
    const redact = redactor(r.settings.secrets);
    const plain = Buffer.from('\u0000cci\u0000s3cr@t-pass').toString('base64');
    expect(redact(`535 bad credentials s3cr@t-pass ${plain} ${Buffer.from('s3cr@t-pass').toString('base64')}`)).toBe(
      '535 bad credentials *** *** ***',
    );
    expect(redact('connect to smtp://cci:Pa@ssw0rd#2026@host:25 failed')).toBe('connect to smtp://***@host:25 failed');
  });
});

describe('the loopback address', () => {
  it('is 127.0.0.0/8 and ::1, in any spelling, and nothing else', () => {
    for (const a of [
      '127.0.0.1',
      '127.255.1.2',
      '::1',
      '0:0:0:0:0:0:0:1',
      '[::1]',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
    ])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of [
      '128.0.0.1',
      '10.0.0.1',
      '::2',
      '::',
      'fe80::1',
      '1::1',
      '::ffff:10.0.0.1',
      'localhost',
      '127.example.org',
    ])
      expect(isLoopbackAddress(a), a).toBe(false);
  });

  it('makes a name local only when every address it resolves to is loopback', async () => {
    const lookup = (list: string[]) => async () =>
      list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    expect(await resolveServer('localhost', lookup(['::1', '127.0.0.1']), 1000)).toEqual({
      ok: true,
      addresses: ['::1', '127.0.0.1'],
      loopback: true,
    });
    expect(await resolveServer('mixed.example', lookup(['127.0.0.1', '192.0.2.1']), 1000)).toMatchObject({
      ok: true,
      loopback: false,
    });
    expect(await resolveServer('127.0.0.2', lookup([]), 1000)).toEqual({
      ok: true,
      addresses: ['127.0.0.2'],
      loopback: true,
    });
    expect(await resolveServer('slow.example', () => new Promise(() => {}), 50)).toEqual({
      ok: false,
      reason: 'timeout',
      detail: 'slow.example',
    });
    const notFound = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }));
    expect(await resolveServer('nowhere.invalid', notFound, 1000)).toMatchObject({ ok: false, reason: 'notFound' });
  });

  it('decides the TLS policy: smtps, STARTTLS required, or clear allowed on loopback or by opt-out', () => {
    expect(tlsPlan({ secure: true, tlsOptOut: false }, true)).toEqual({ kind: 'implicit' });
    expect(tlsPlan({ secure: false, tlsOptOut: false }, false)).toEqual({ kind: 'starttls' });
    expect(tlsPlan({ secure: false, tlsOptOut: false }, true)).toEqual({ kind: 'clearAllowed', why: 'loopback' });
    expect(tlsPlan({ secure: false, tlsOptOut: true }, false)).toEqual({ kind: 'clearAllowed', why: 'optOut' });
  });
});

describe('transient, permanent or uncertain', () => {
  const settings = { host: 'mail.example.org' } as Parameters<typeof classifySmtpError>[3]['settings'];
  const o = { settings, timeouts: DEFAULT_TIMEOUTS, redact: (x: string) => x };
  const before = { stage: 'send' as const, dataAccepted: false };
  const after = { stage: 'send' as const, dataAccepted: true };
  const kind = (e: object, ctx: Parameters<typeof classifySmtpError>[1] = before, tls = false) =>
    classifySmtpError(e as never, ctx, tls, o).kind;

  it('tries again after connection failures and 4xx answers before DATA, not after 5xx or a refused login', () => {
    expect(kind({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1' })).toBe('transient');
    expect(kind({ code: 'ETIMEDOUT', message: 'Greeting never received' }, { stage: 'connect' })).toBe('transient');
    expect(kind({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' })).toBe('transient');
    expect(kind({ code: 'EENVELOPE', responseCode: 451, response: '451 Try again later' })).toBe('transient');
    expect(kind({ code: 'EENVELOPE', responseCode: 550, response: '550 no' })).toBe('permanent');
    expect(kind({ code: 'EMESSAGE', responseCode: 554, response: '554 rejected' }, after)).toBe('permanent');
    expect(kind({ code: 'EAUTH', responseCode: 454, response: '454 Invalid login' }, { stage: 'login' })).toBe(
      'permanent',
    );
  });

  it('takes any certificate or TLS failure as permanent', () => {
    expect(kind({ code: 'ESOCKET', message: 'self-signed certificate' }, { stage: 'connect' })).toBe('permanent');
    expect(kind({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'x' }, { stage: 'connect' })).toBe('permanent');
    expect(kind({ code: 'ESOCKET', message: 'read ECONNRESET' }, { stage: 'connect' }, true)).toBe('permanent');
    expect(kind({ code: 'ETLS', message: 'Error upgrading connection with STARTTLS' }, { stage: 'connect' })).toBe(
      'permanent',
    );
  });

  it('takes a broken session after the server took DATA as uncertain, a 4xx or 5xx final answer as definitive', () => {
    expect(kind({ code: 'ETIMEDOUT', message: 'Timeout' }, after)).toBe('uncertain');
    expect(kind({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, after)).toBe('uncertain');
    expect(kind({ code: 'ETIMEDOUT', hardLimitMs: 60000 }, after)).toBe('uncertain');
    expect(kind({ code: 'EMESSAGE', responseCode: 451, response: '451 local error' }, after)).toBe('transient');
  });
});

describe('send log file', () => {
  it('ignores a line torn by a crash and keeps the others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cci-log-'));
    try {
      const key = { event: 'e', division: 'securite', date: '2024-08-05', audience: 'partners', lang: 'both' };
      const good = { ...key, address: 'a@x.org', at: '2024-08-05T09:35:00.000Z', messageId: '<m@x>', file: 'a.pdf' };
      await writeFile(join(dir, '.cci-sent.jsonl'), `${JSON.stringify(good)}\n{"event":"e","divi`);
      const log = await SendLog.open(dir);
      expect(log.find(key, 'A@x.org')?.at).toBe(good.at);
      expect(log.find({ ...key, lang: 'fr' }, 'a@x.org')).toBeUndefined();
      await log.append([{ ...good, address: 'b@x.org' }]);
      const reopened = await SendLog.open(dir);
      expect(reopened.find(key, 'b@x.org')?.address).toBe('b@x.org');
      expect(reopened.find(key, 'a@x.org')?.address).toBe('a@x.org');
      expect((await readFile(join(dir, '.cci-sent.jsonl'), 'utf8')).endsWith('\n')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('checking before the PDFs are printed', () => {
  it('passes when every model has its list and the SMTP URL is set', () => {
    expect(() => checkDeliverable([briefingModel(), countryModel('DEU')], EVENT, 'smtp://h')).not.toThrow();
  });

  it('names every problem at once', () => {
    const noFrom = { ...EVENT, distribution: { ...EVENT.distribution!, from: undefined } };
    let error: unknown;
    try {
      checkDeliverable([countryModel('USA'), briefingModel({ draft: true })], noFrom, '');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeliveryError);
    const message = (error as Error).message;
    expect(message).toContain('distribution.from');
    expect(message).toContain('CCI_SMTP_URL is not set');
    expect(message).toContain('event.yaml has no address at distribution.countries for USA');
    expect(message).toContain('drafts are never emailed');
  });

  it('says the countries without a list in one short line: how many of how many, ten codes, and an example that works', () => {
    const partners = Array.from({ length: 60 }, (_, i) => `C${String(i).padStart(2, '0')}`);
    const countries = Object.fromEntries(partners.slice(50).map((c) => [c, [`lo-${c}@example.org`]]));
    const ev = { ...EVENT, partners, distribution: { ...EVENT.distribution!, countries } };
    let message = '';
    try {
      checkDeliverable(
        partners.map((c) => countryModel(c)),
        ev,
        'smtp://127.0.0.1',
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'nothing was written or emailed: 50 of the 60 countries of this run have no address at distribution.countries in event.yaml: C00, C01, C02, C03, C04, C05, C06, C07, C08, C09 and 40 more (add their lists, or name in --audience the countries to send to, e.g. country:C50,country:C51)',
    );
  });
});
