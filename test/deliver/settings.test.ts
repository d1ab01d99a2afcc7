import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDeliverable } from '../../src/deliver/preflight.js';
import { recipientsFor } from '../../src/deliver/recipients.js';
import { DeliveryError } from '../../src/errors.js';
import { isTransient } from '../../src/deliver/retry.js';
import { SendLog } from '../../src/deliver/send-log.js';
import { parseSmtpUrl } from '../../src/deliver/smtp-url.js';
import { event } from '../helpers/dataset.js';
import { briefingModel, countryModel, distributionEvent } from '../helpers/model.js';

const EVENT = distributionEvent(event());

describe('recipients', () => {
  it('takes the division list for partners and national', () => {
    expect(recipientsFor(EVENT.distribution, briefingModel())).toEqual({ ok: true, addresses: ['all-officers@example.org', 'duty@example.org'] });
    expect(recipientsFor(EVENT.distribution, briefingModel({ audience: 'national' }))).toEqual({ ok: true, addresses: ['cabinet@example.org'] });
  });

  it("takes only the country's own list for a country audience, never the partners list", () => {
    expect(recipientsFor(EVENT.distribution, countryModel('DEU'))).toEqual({ ok: true, addresses: ['lo-deu@example.org'] });
    expect(recipientsFor(EVENT.distribution, countryModel('USA'))).toEqual({ ok: false, missing: 'event.yaml has no address at distribution.countries.USA' });
  });

  it('names the missing distribution section', () => {
    expect(recipientsFor(undefined, briefingModel())).toEqual({ ok: false, missing: 'event.yaml has no distribution section (needed: distribution.securite.partners)' });
  });

  it('drops duplicates and blanks', () => {
    const d = { divisions: { securite: { partners: ['a@x.org', ' A@x.org', ''], national: [] } }, countries: {} };
    expect(recipientsFor(d, briefingModel())).toEqual({ ok: true, addresses: ['a@x.org'] });
  });
});

describe('CCI_SMTP_URL', () => {
  it('reads smtp:// with URL-encoded credentials', () => {
    const r = parseSmtpUrl('smtp://cci%40example.org:p%40ss%3Aw%2Frd@mail.example.org:2525');
    expect(r).toEqual({ ok: true, settings: { host: 'mail.example.org', port: 2525, secure: false, auth: { user: 'cci@example.org', pass: 'p@ss:w/rd' }, display: 'smtp://cci%40example.org:***@mail.example.org:2525' } });
  });

  it('defaults the port: 465 for smtps://, 587 for smtp://', () => {
    expect(parseSmtpUrl('smtps://mail.example.org')).toMatchObject({ ok: true, settings: { port: 465, secure: true } });
    expect(parseSmtpUrl('smtp://mail.example.org')).toMatchObject({ ok: true, settings: { port: 587, secure: false } });
  });

  it('refuses a missing value, another scheme or garbage, without echoing a password', () => {
    expect(parseSmtpUrl(undefined)).toMatchObject({ ok: false, problem: expect.stringContaining('CCI_SMTP_URL is not set') });
    const http = parseSmtpUrl('http://u:secret@mail.example.org');
    expect(http).toMatchObject({ ok: false, problem: expect.stringContaining('smtp:// or smtps://') });
    expect(JSON.stringify(http)).not.toContain('secret');
    expect(parseSmtpUrl('not a url')).toMatchObject({ ok: false });
  });
});

describe('transient or permanent', () => {
  it('retries connection failures and 4xx answers, not 5xx or authentication', () => {
    expect(isTransient(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET' }))).toBe(true);
    expect(isTransient({ code: 'ETIMEDOUT', message: 'Greeting never received' })).toBe(true);
    expect(isTransient({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' })).toBe(true);
    expect(isTransient({ code: 'EENVELOPE', responseCode: 451, message: 'Try again later' })).toBe(true);
    expect(isTransient({ code: 'EENVELOPE', responseCode: 550, message: 'no' })).toBe(false);
    expect(isTransient({ code: 'EMESSAGE', responseCode: 554, message: 'rejected' })).toBe(false);
    expect(isTransient({ code: 'EAUTH', responseCode: 454, message: 'Invalid login' })).toBe(false);
    expect(isTransient({ code: 'EDNS', message: 'getaddrinfo ENOTFOUND nowhere.invalid' })).toBe(false);
    expect(isTransient({ code: 'ETLS', message: 'self-signed certificate' })).toBe(false);
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
    expect(message).toContain('distribution.countries.USA');
    expect(message).toContain('drafts are never emailed');
  });
});
