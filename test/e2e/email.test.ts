// `cci brief --email` end to end: the built command, real Chromium, a real SMTP server.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { header, mimeParts, partContent, partHeader, startSmtp, textPart, type Harness } from '../deliver/smtp-harness.js';
import { cci, ROOT, tempDir } from './helpers.js';

const DATA = join(ROOT, 'fixtures', 'e2e');
let smtp: Harness | undefined;
afterEach(async () => { await smtp?.close(); smtp = undefined; });

describe('cci brief --email', () => {
  it('sends each country its own PDF only, marked first in the subject and the body, and does not send twice', async () => {
    smtp = await startSmtp();
    const out = await tempDir();
    const args = ['brief', '--division', 'securite', '--date', '2024-08-05', '--data', DATA, '--out', out, '--audience', 'country:all', '--format', 'pdf', '--email'];
    const r = await cci(args, { env: { CCI_SMTP_URL: smtp.url } });
    expect(r.code, r.stderr).toBe(0);
    expect(smtp.received).toHaveLength(3);
    for (const country of ['DEU', 'BRA', 'USA']) {
      const mail = smtp.received.find((m) => m.to.includes(`lo-${country.toLowerCase()}@example.org`));
      expect(mail, country).toBeDefined();
      expect(mail!.to).toEqual([`lo-${country.toLowerCase()}@example.org`]);
      expect(header(mail!.raw, 'subject')).toMatch(/^\[TLP:GREEN\] /);
      expect(textPart(mail!.raw, 'text/plain').trimStart()).toMatch(/^TLP:GREEN/);
      const pdf = mimeParts(mail!.raw).find((p) => (partHeader(p, 'content-type') ?? '').startsWith('application/pdf'))!;
      const name = `cci-2024-08-05-securite-country-${country}.pdf`;
      expect(partHeader(pdf, 'content-disposition')).toContain(name);
      expect(partContent(pdf).equals(await readFile(join(out, name)))).toBe(true);
    }
    const deuBody = textPart(smtp.received.find((m) => m.to.includes('lo-deu@example.org'))!.raw, 'text/plain');
    expect(deuBody).not.toContain('STRICT-MESSAGE');

    const again = await cci(args, { env: { CCI_SMTP_URL: smtp.url } });
    expect(again.code).toBe(0);
    expect(smtp.received).toHaveLength(3);
    expect(again.stderr).toMatch(/already sent/);
  });

  it('fails with exit 6 naming a refused recipient, and keeps the PDFs on disk', async () => {
    smtp = await startSmtp({ refuse: { 'cabinet@example.org': { code: 550, message: 'No such user' } } });
    const out = await tempDir();
    const r = await cci(['brief', '--division', 'securite', '--date', '2024-08-05', '--data', DATA, '--out', out, '--audience', 'national', '--format', 'pdf', '--email'],
      { env: { CCI_SMTP_URL: smtp.url } });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('cabinet@example.org');
    expect(r.stdout.trim()).toBe(join(out, 'cci-2024-08-05-securite-national.pdf'));
    expect((await readFile(r.stdout.trim())).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('sends nothing and says what is missing when CCI_SMTP_URL is not set', async () => {
    const out = await tempDir();
    const r = await cci(['brief', '--division', 'securite', '--date', '2024-08-05', '--data', DATA, '--out', out, '--format', 'pdf', '--email'],
      { env: { CCI_SMTP_URL: '' } });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/CCI_SMTP_URL is not set/);
  });
});
