// Delivery against a real SMTP server started in the test (smtp-server on 127.0.0.1).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BriefingModel } from '../../src/aggregate/model.js';
import { deliverBriefings, DeliveryFailure, type DeliverOptions } from '../../src/deliver/index.js';
import { SendLog } from '../../src/deliver/send-log.js';
import { EXIT } from '../../src/errors.js';
import { briefingModel, countryModel, keyMessageView } from '../helpers/model.js';
import { deliverOptions, failure, outDir, pdf as pdfIn } from './run-helpers.js';
import {
  closedPort,
  header,
  mimeParts,
  partContent,
  partHeader,
  startSilentServer,
  startSmtp,
  textPart,
  type Harness,
} from './smtp-harness.js';

let dir: Awaited<ReturnType<typeof outDir>>;
let out: string;
let server: Harness | undefined;
let logs: string[];

beforeEach(async () => {
  dir = await outDir();
  out = dir.dir;
  logs = [];
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await dir.remove();
});

const pdf = (name: string, seed = name) => pdfIn(out, name, seed);
const options = (url: string | undefined, o: Partial<DeliverOptions> = {}) => deliverOptions(out, url, logs, o);

/** The error a write gives on a full disk. */
function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
  });
}

/** The send log's first append written, every later one refused as on a full disk (restore the spy after). */
function diskFullAfterFirstAppend() {
  const append = SendLog.prototype.append;
  let calls = 0;
  return vi.spyOn(SendLog.prototype, 'append').mockImplementation(function (this: SendLog, lines) {
    calls++;
    return calls === 1 ? append.call(this, lines) : Promise.reject(enospc());
  });
}

function decodedText(raw: string): string {
  return mimeParts(raw)
    .map((p) => `${p.headers}\n${partContent(p).toString('utf8')}`)
    .join('\n');
}

describe('delivery through SMTP', () => {
  it('sends each document to the list of its division and audience, a country only to its own addresses', async () => {
    server = await startSmtp();
    const docs = [
      { model: briefingModel(), pdfPath: await pdf('cci-2024-08-05-securite-partners.pdf'), lang: 'both' as const },
      {
        model: briefingModel({ audience: 'national' }),
        pdfPath: await pdf('cci-2024-08-05-securite-national.pdf'),
        lang: 'both' as const,
      },
      {
        model: countryModel('DEU'),
        pdfPath: await pdf('cci-2024-08-05-securite-country-DEU.pdf'),
        lang: 'both' as const,
      },
    ];
    const report = await deliverBriefings(docs, options(server.url));
    expect(server.received.map((r) => r.to)).toEqual([
      ['all-officers@example.org', 'duty@example.org'],
      ['cabinet@example.org'],
      ['lo-deu@example.org'],
    ]);
    expect(server.received.every((r) => r.from === 'cci-briefings@example.org')).toBe(true);
    expect(report.sent.map((s) => s.address)).toEqual([
      'all-officers@example.org',
      'duty@example.org',
      'cabinet@example.org',
      'lo-deu@example.org',
    ]);
    expect(report.failed).toEqual([]);
  });

  it('puts the TLP label first in the subject and in both bodies, and attaches the PDF byte for byte', async () => {
    server = await startSmtp();
    const pdfPath = await pdf('cci-2024-08-05-securite-partners.pdf');
    await deliverBriefings([{ model: briefingModel(), pdfPath, lang: 'both' }], options(server.url));
    const raw = server.received[0]!.raw;
    expect(header(raw, 'subject')).toBe(
      '[TLP:AMBER] CCI – Briefing Sécurité générale – 5 août 2024 11h30 – Partenaires / ICC – General security briefing – Partners',
    );
    expect(header(raw, 'x-cci-marking')).toBe('TLP:AMBER');
    expect(header(raw, 'message-id')).toMatch(
      /^<cci\.paris-2024\.securite\.2024-08-05\.partners\.both\.[0-9a-f]{16}@example\.org>$/,
    );

    const text = textPart(raw, 'text/plain');
    expect(text.startsWith('TLP:AMBER – DIFFUSION RESTREINTE\n')).toBe(true);
    expect(text).toContain('Incidents : 12 (période précédente : 9)');
    expect(text).toContain('Incidents: 12 (previous period: 9)');
    expect(text).toContain('Situation calme sur les sites.');
    expect(text).toContain('Calm situation at the venues.');
    expect(text).toContain('Le briefing complet est joint en PDF : cci-2024-08-05-securite-partners.pdf');
    expect(text).toContain('The full briefing is attached as a PDF: cci-2024-08-05-securite-partners.pdf');

    const html = textPart(raw, 'text/html');
    const body = html.slice(html.indexOf('<body'));
    const firstText = body.replace(/<[^>]*>/g, ' ').trim();
    expect(firstText.startsWith('TLP:AMBER')).toBe(true);
    expect(html).toMatch(/background:#000;color:#FFC000[^>]*>TLP:AMBER</);

    const attachment = mimeParts(raw).find((p) => (partHeader(p, 'content-type') ?? '').startsWith('application/pdf'));
    expect(attachment).toBeDefined();
    expect(partHeader(attachment!, 'content-disposition')).toContain('filename=cci-2024-08-05-securite-partners.pdf');
    expect(partContent(attachment!).equals(await readFile(pdfPath))).toBe(true);
  });

  it('writes an English-only subject and body for an English document', async () => {
    server = await startSmtp();
    await deliverBriefings(
      [{ model: briefingModel(), pdfPath: await pdf('cci-2024-08-05-securite-partners-en.pdf'), lang: 'en' }],
      options(server.url),
    );
    const raw = server.received[0]!.raw;
    expect(header(raw, 'subject')).toBe('[TLP:AMBER] ICC – General security briefing – 5 Aug 2024 11:30 – Partners');
    const text = textPart(raw, 'text/plain');
    expect(text.startsWith('TLP:AMBER')).toBe(true);
    expect(text).not.toContain('période précédente');
  });

  it('never puts a record withheld from the audience into its email', async () => {
    server = await startSmtp();
    const secret = 'Interpellation de deux ressortissants sous surveillance DGSI';
    const national = briefingModel({
      audience: 'national',
      marking: 'TLP:AMBER+STRICT',
      tlp: 'AMBER+STRICT',
      specialFrance: true,
      keyMessages: [
        keyMessageView('Situation calme sur les sites.', 'Calm situation at the venues.'),
        keyMessageView(secret, 'Arrest of two persons under DGSI watch', { tlp: 'AMBER+STRICT' }),
      ],
      figures: { incidents: 13, gamesImpact: 3, arrests: 7, custody: 6, forces: 45_000 },
    });
    const partners = briefingModel();
    await deliverBriefings(
      [
        { model: partners, pdfPath: await pdf('cci-2024-08-05-securite-partners.pdf'), lang: 'both' },
        { model: national, pdfPath: await pdf('cci-2024-08-05-securite-national.pdf'), lang: 'both' },
      ],
      options(server.url),
    );
    const [p, n] = server.received;
    const partnersText = decodedText(p!.raw);
    expect(partnersText).not.toContain(secret);
    expect(partnersText).not.toContain('DGSI');
    expect(partnersText).not.toContain('SPÉCIAL FRANCE');
    expect(partnersText).not.toContain('AMBER+STRICT');
    expect(header(p!.raw, 'subject')).toMatch(/^\[TLP:AMBER\] /);
    const nationalText = decodedText(n!.raw);
    expect(nationalText).toContain(secret);
    expect(header(n!.raw, 'subject')).toMatch(/^\[TLP:AMBER\+STRICT\] \[SPÉCIAL FRANCE\] CCI – /);
    expect(textPart(n!.raw, 'text/plain').split('\n')[0]).toBe(
      'TLP:AMBER+STRICT – DIFFUSION RESTREINTE – SPÉCIAL FRANCE',
    );
  });

  it('logs in with the user and password of CCI_SMTP_URL, URL-decoded', async () => {
    server = await startSmtp({ auth: { user: 'cci@example.org', pass: 'p@ss:w/rd' } });
    await deliverBriefings([{ model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'fr' }], options(server.url));
    expect(server.received).toHaveLength(1);
  });

  it('does not retry a refused login and says so without the password (exit 6)', async () => {
    server = await startSmtp({ auth: { user: 'cci', pass: 'right' } });
    const url = `smtp://cci:wrong-secret@127.0.0.1:${server.port}`;
    const err = await failure(
      deliverBriefings([{ model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'fr' }], options(url)),
    );
    expect(err.exitCode).toBe(EXIT.DELIVERY);
    expect(err.message).toMatch(/535/);
    expect(err.message).not.toContain('wrong-secret');
    expect(logs.some((l) => /trying again/.test(l))).toBe(false);
    expect(server.received).toHaveLength(0);
  });
});

describe('delivery failures', () => {
  it('fails the run naming a recipient the server refuses (550), with exit code 6, and keeps the PDF', async () => {
    server = await startSmtp({ refuse: { 'lo-bra@example.org': { code: 550, message: '5.1.1 mailbox unavailable' } } });
    const pdfPath = await pdf('cci-2024-08-05-securite-country-BRA.pdf');
    const err = await failure(
      deliverBriefings([{ model: countryModel('BRA'), pdfPath, lang: 'both' }], options(server.url)),
    );
    expect(err.exitCode).toBe(EXIT.DELIVERY);
    expect(err.message).toMatch(
      /^delivery failed: lo-bra@example\.org refused by the server \(550 5\.1\.1 mailbox unavailable\)/,
    );
    expect(err.message).toContain(`the PDFs are kept in ${out}`);
    expect(err).toBeInstanceOf(DeliveryFailure);
    const { report } = err as DeliveryFailure;
    expect(report.sent.map((s) => s.address)).toEqual(['lo-bra2@example.org']);
    expect(report.failed.map((f) => f.address)).toEqual(['lo-bra@example.org']);
    expect(server.received.map((r) => r.to)).toEqual([['lo-bra2@example.org']]);
    expect((await readFile(pdfPath)).length).toBeGreaterThan(0);
  });

  it('fails naming the address when every recipient of a document is refused', async () => {
    server = await startSmtp({ refuse: { 'lo-deu@example.org': { code: 550, message: 'no such user' } } });
    const err = await failure(
      deliverBriefings(
        [{ model: countryModel('DEU'), pdfPath: await pdf('deu.pdf'), lang: 'en' }],
        options(server.url),
      ),
    );
    expect(err.message).toContain('lo-deu@example.org refused by the server (550 no such user)');
    expect(server.received).toHaveLength(0);
  });

  it('retries after a 451 on MAIL FROM and delivers once', async () => {
    server = await startSmtp({ deferMailFrom: 1 });
    const report = await deliverBriefings(
      [{ model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'both' }],
      options(server.url),
    );
    expect(server.received).toHaveLength(1);
    expect(server.mailFrom).toBe(2);
    expect(report.sent).toHaveLength(2);
    expect(logs.some((l) => /451.*trying again/.test(l))).toBe(true);
  });

  it('retries after a 451 at the end of DATA and delivers once', async () => {
    server = await startSmtp({ deferData: 1 });
    await deliverBriefings(
      [{ model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'both' }],
      options(server.url),
    );
    expect(server.received).toHaveLength(1);
  });

  it('retries a recipient deferred with 450 and delivers to it alone', async () => {
    let deferred = 0;
    server = await startSmtp({ refuse: {} });
    // Defer duty@ once: wrap by restarting with a refusal that clears itself.
    await server.close();
    const refuse: Record<string, { code: number; message: string }> = {};
    Object.defineProperty(refuse, 'duty@example.org', {
      enumerable: true,
      get: () => (deferred++ === 0 ? { code: 450, message: 'mailbox busy' } : undefined),
    });
    server = await startSmtp({ refuse });
    await deliverBriefings(
      [{ model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'both' }],
      options(server.url),
    );
    expect(server.received.map((r) => r.to)).toEqual([['all-officers@example.org'], ['duty@example.org']]);
  });

  it('fails after bounded retries when the server is down, and names the server without the password', async () => {
    const port = await closedPort();
    const started = Date.now();
    const err = await failure(
      deliverBriefings(
        [
          { model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'both' },
          { model: countryModel('DEU'), pdfPath: await pdf('b.pdf'), lang: 'both' },
        ],
        options(`smtp://user:topsecret@127.0.0.1:${port}`),
      ),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err.exitCode).toBe(EXIT.DELIVERY);
    expect(err.message).toMatch(/connection refused after 3 tries/);
    expect(err.message).toContain(`smtp://***@127.0.0.1:${port}`);
    expect(err.message).not.toContain('topsecret');
    expect(err.message).toContain('1 other recipient not tried');
    expect(logs.filter((l) => /trying again/.test(l))).toHaveLength(2);
    const { report } = err as DeliveryFailure;
    expect(report.sent).toEqual([]);
    expect(report.failed.map((f) => f.address)).toEqual([
      'all-officers@example.org',
      'duty@example.org',
      'lo-deu@example.org',
    ]);
  });

  it('gives up on a server that never greets within the configured timeout', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const err = await failure(
        deliverBriefings(
          [{ model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'both' }],
          options(`smtp://127.0.0.1:${silent.port}`, {
            timeouts: { connectionMs: 300, greetingMs: 300, socketMs: 5000, messageMs: 5000 },
            retry: { attempts: 2, baseDelayMs: 10, deadlineMs: 5000 },
          }),
        ),
      );
      const elapsed = Date.now() - started;
      expect(err.message).toContain(
        'the server said nothing within 0.3 s of the connection, where a mail server greets at once',
      );
      expect(elapsed).toBeGreaterThanOrEqual(500);
      expect(elapsed).toBeLessThan(3000);
    } finally {
      await silent.close();
    }
  });

  it('sends nothing when one document has no recipient in event.yaml, and names what is missing', async () => {
    server = await startSmtp();
    const err = await failure(
      deliverBriefings(
        [
          { model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'both' },
          { model: countryModel('USA'), pdfPath: await pdf('usa.pdf'), lang: 'both' },
          { model: briefingModel({ division: 'other' }), pdfPath: await pdf('other.pdf'), lang: 'both' },
        ],
        options(server.url),
      ),
    );
    expect(err.exitCode).toBe(EXIT.DELIVERY);
    expect(err.message).toContain('nothing was emailed');
    expect(err.message).toContain('event.yaml has no address at distribution.countries for USA');
    expect(err.message).toContain('distribution.other.partners');
    expect(server.received).toHaveLength(0);
  });

  it('sends nothing without CCI_SMTP_URL', async () => {
    const err = await failure(
      deliverBriefings([{ model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'both' }], options(undefined)),
    );
    expect(err.message).toContain('CCI_SMTP_URL is not set');
  });

  it('refuses a draft model even if asked to send it', async () => {
    server = await startSmtp();
    const err = await failure(
      deliverBriefings(
        [{ model: briefingModel({ draft: true }), pdfPath: await pdf('a-draft.pdf'), lang: 'both' }],
        options(server.url),
      ),
    );
    expect(err.message).toContain('drafts are never emailed');
    expect(server.received).toHaveLength(0);
  });
});

describe('send log', () => {
  it('does not send the same briefing to the same address twice on a rerun; --resend sends again', async () => {
    server = await startSmtp();
    const docs = [{ model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'both' as const }];
    await deliverBriefings(docs, options(server.url));
    expect(server.received).toHaveLength(1);

    const again = await deliverBriefings(docs, options(server.url));
    expect(server.received).toHaveLength(1);
    expect(again.sent).toEqual([]);
    expect(again.skipped.map((s) => s.address)).toEqual(['all-officers@example.org', 'duty@example.org']);
    expect(logs).toContain(
      'a.pdf: already sent to all-officers@example.org on 2024-08-05 11:35, use --resend to send again',
    );

    await deliverBriefings(docs, options(server.url, { resend: true }));
    expect(server.received).toHaveLength(2);
    const lines = (await readFile(join(out, '.cci-sent.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    // each sending written ahead (flushed before the message leaves), then its outcome
    expect(lines.map((l) => [l.address, l.status])).toEqual([
      ['all-officers@example.org', 'sending'],
      ['duty@example.org', 'sending'],
      ['all-officers@example.org', undefined],
      ['duty@example.org', undefined],
      ['all-officers@example.org', 'sending'],
      ['duty@example.org', 'sending'],
      ['all-officers@example.org', undefined],
      ['duty@example.org', undefined],
    ]);
    expect(lines[2]).toMatchObject({
      event: 'paris-2024',
      division: 'securite',
      date: '2024-08-05',
      audience: 'partners',
      lang: 'both',
      address: 'all-officers@example.org',
      at: '2024-08-05T09:35:00.000Z',
    });
    expect(lines[0]!.messageId).toMatch(/^<cci\.paris-2024\./);
  });

  it('sends nothing when the send log cannot be written ahead (a full disk), says so in words, and tries no other document (exit 6)', async () => {
    server = await startSmtp();
    const spy = vi.spyOn(SendLog.prototype, 'append').mockRejectedValue(enospc());
    try {
      const docs = [
        { model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'both' as const },
        { model: countryModel('DEU'), pdfPath: await pdf('deu.pdf'), lang: 'both' as const },
      ];
      const err = await failure(deliverBriefings(docs, options(server.url)));
      expect(err.exitCode).toBe(EXIT.DELIVERY);
      expect(server.received).toHaveLength(0);
      expect(server.dataReceived).toBe(0);
      expect(err.message).toContain(
        `a.pdf: not sent to all-officers@example.org, duty@example.org: the send log ${join(out, '.cci-sent.jsonl')} could not be written (the disk is full)`,
      );
      expect(err.message).toContain('1 other recipient not tried');
      expect(err.message).not.toMatch(/\n\s+at /); // no stack
      const report = (err as DeliveryFailure).report;
      expect(report.sent).toEqual([]);
      expect(report.failed.map((f) => [f.address, f.notTried])).toEqual([
        ['all-officers@example.org', false],
        ['duty@example.org', false],
        ['lo-deu@example.org', true],
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  it('reports a message sent whose outcome the send log could not record as sent, and says that later runs will take it as possibly delivered (exit 6)', async () => {
    server = await startSmtp();
    // the sending is written ahead; its outcome (after the server accepted it) is not
    const spy = diskFullAfterFirstAppend();
    try {
      const docs = [
        { model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'both' as const },
        { model: countryModel('DEU'), pdfPath: await pdf('deu.pdf'), lang: 'both' as const },
      ];
      const err = await failure(deliverBriefings(docs, options(server.url)));
      expect(err.exitCode).toBe(EXIT.DELIVERY);
      expect(server.received).toHaveLength(1);
      const report = (err as DeliveryFailure).report;
      expect(report.sent.map((s) => s.address)).toEqual(['all-officers@example.org', 'duty@example.org']);
      expect(err.message).toContain(
        `a.pdf: sent to all-officers@example.org, duty@example.org, but the send log ${join(out, '.cci-sent.jsonl')} could not record it (the disk is full)`,
      );
      expect(err.message).toContain('It says the sending began, so later runs do not send it again');
      expect(report.failed.map((f) => [f.address, f.notTried])).toEqual([['lo-deu@example.org', true]]);
    } finally {
      spy.mockRestore();
    }
    // what is on disk: the sending, never its outcome; the next run does not send it again
    server.received.length = 0;
    const again = await deliverBriefings(
      [{ model: briefingModel(), pdfPath: join(out, 'a.pdf'), lang: 'both' }],
      options(server.url),
    );
    expect(server.received).toHaveLength(0);
    expect(again.skipped.map((s) => [s.address, s.uncertain])).toEqual([
      ['all-officers@example.org', true],
      ['duty@example.org', true],
    ]);
  });

  it('says that a message the server refused, whose failure the send log could not record, will be taken as possibly delivered until --resend (exit 6)', async () => {
    server = await startSmtp({ rejectDataWhen: () => ({ code: 554, message: 'content rejected' }) });
    const spy = diskFullAfterFirstAppend();
    try {
      const docs = [{ model: briefingModel(), pdfPath: await pdf('a.pdf'), lang: 'both' as const }];
      const err = await failure(deliverBriefings(docs, options(server.url)));
      expect(err.exitCode).toBe(EXIT.DELIVERY);
      expect(server.received).toHaveLength(0);
      expect(err.message).toContain(
        `a.pdf: not sent to all-officers@example.org, duty@example.org (554 content rejected), and the send log ${join(out, '.cci-sent.jsonl')} could not record it (the disk is full)`,
      );
      expect(err.message).toContain('run the same command with --resend');
    } finally {
      spy.mockRestore();
    }
  });

  it('after a refusal, a rerun sends only to the addresses not yet served', async () => {
    server = await startSmtp({ refuse: { 'lo-bra@example.org': { code: 550, message: 'no such user' } } });
    const docs = [{ model: countryModel('BRA'), pdfPath: await pdf('bra.pdf'), lang: 'both' as const }];
    await failure(deliverBriefings(docs, options(server.url)));
    await server.close();
    server = await startSmtp();
    await deliverBriefings(docs, options(server.url));
    expect(server.received.map((r) => r.to)).toEqual([['lo-bra@example.org']]);
  });

  it('keys the log by language: the English document is not taken for the bilingual one', async () => {
    server = await startSmtp();
    const model: BriefingModel = briefingModel();
    await deliverBriefings([{ model, pdfPath: await pdf('a.pdf'), lang: 'both' }], options(server.url));
    await deliverBriefings([{ model, pdfPath: await pdf('a-en.pdf'), lang: 'en' }], options(server.url));
    expect(server.received).toHaveLength(2);
  });
});
