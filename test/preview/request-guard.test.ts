import { describe, expect, it } from 'vitest';
import { checkFetchSite, checkHost, checkMethod, isRefusal, parseTarget } from '../../src/preview/request-guard.js';

describe('the request guard', () => {
  it('accepts only the loopback names with the server port as Host', () => {
    expect(checkHost('127.0.0.1:4173', 4173)).toBeUndefined();
    expect(checkHost('localhost:4173', 4173)).toBeUndefined();
    expect(checkHost('LOCALHOST:4173', 4173)).toBeUndefined();
    expect(checkHost('[::1]:4173', 4173)).toBeUndefined();
    for (const host of [
      'evil.example:4173',
      '127.0.0.1:80',
      '127.0.0.1',
      'localhost',
      '127.0.0.1:4173.evil.example',
      '',
      undefined,
    ]) {
      expect(checkHost(host, 4173)?.status, String(host)).toBe(403);
    }
  });

  it('lets another site link to the preview but not embed, fetch or frame it', () => {
    expect(checkFetchSite(undefined, undefined, undefined)).toBeUndefined();
    expect(checkFetchSite('same-origin', 'cors', 'empty')).toBeUndefined();
    expect(checkFetchSite('none', 'navigate', 'document')).toBeUndefined();
    expect(checkFetchSite('cross-site', 'navigate', 'document')).toBeUndefined();
    for (const [mode, dest] of [
      ['no-cors', 'image'],
      ['cors', 'empty'],
      ['navigate', 'iframe'],
      ['no-cors', 'script'],
    ] as const) {
      expect(checkFetchSite('cross-site', mode, dest)?.status, `${mode} ${dest}`).toBe(403);
      expect(checkFetchSite('same-site', mode, dest)?.status, `${mode} ${dest}`).toBe(403);
    }
  });

  it('allows GET and HEAD and refuses every other method with 405', () => {
    expect(checkMethod('GET')).toBeUndefined();
    expect(checkMethod('HEAD')).toBeUndefined();
    for (const m of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'get', undefined])
      expect(checkMethod(m)?.status).toBe(405);
  });

  it('splits a plain path from its query without decoding or normalising it', () => {
    const t = parseTarget('/brief?division=securite&date=2024-08-05&audience=country%3ADEU');
    expect(isRefusal(t)).toBe(false);
    if (isRefusal(t)) return;
    expect(t.pathname).toBe('/brief');
    expect(t.params.get('audience')).toBe('country:DEU');
    expect(isRefusal(parseTarget('/'))).toBe(false);
  });

  it('refuses traversal, encoded separators, backslashes and absolute-form targets with 400', () => {
    for (const url of [
      '/..%2f..%2fetc/passwd',
      '/assets/../../',
      '/../etc/passwd',
      '/./brief',
      '/%2e%2e/',
      '/brief%2f..',
      '/..\\..\\windows',
      '//etc/passwd',
      '/brief//x',
      'http://evil.example/',
      '*',
      '',
      undefined,
    ]) {
      const t = parseTarget(url);
      expect(isRefusal(t) && t.status, String(url)).toBe(400);
    }
  });
});
