import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { LaunchOptions } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenderError } from '../../src/errors.js';
import { PdfPrinter, checkPdf, defaultLauncher, headerFooterTemplates } from '../../src/pdf/index.js';
import { alive, html, pdfFacts, pdfText, removeTmp, waitFor, writePdf } from './helpers.js';

// One printer (one browser) for the whole file; the launcher records every start.
const launches: LaunchOptions[] = [];
let printer: PdfPrinter;

// A local server that counts every request it receives: none may ever arrive.
let server: Server;
let origin = '';
const hits: string[] = [];

beforeAll(async () => {
  printer = PdfPrinter.start({
    concurrency: 2,
    timeoutMs: 20_000,
    documentMarker: 'cci-document',
    launcher: (o) => {
      launches.push(o);
      return defaultLauncher(o);
    },
  });
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('x');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await printer.close();
  await new Promise((r) => server.close(r));
  removeTmp();
});

const job = (body: string, extra: { head?: string; title?: string } = {}) => ({
  html: html(body, { head: extra.head ?? '', lang: 'en' }),
  title: extra.title ?? 'Test briefing',
  lang: 'en',
  subject: 'TLP:AMBER — test',
});

async function failure(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'the render should have failed').toBeInstanceOf(RenderError);
  return e as Error;
}

describe('PdfPrinter with a real Chromium', () => {
  it('prints a simple A4 HTML page to a valid PDF whose text contains the body', async () => {
    const bytes = await printer.print(job('<h1>Hello cooperation centre</h1><p>Nothing to report — RAS.</p>'));
    expect(() => checkPdf(bytes)).not.toThrow();
    const text = pdfText(writePdf(bytes));
    expect(text).toContain('Hello cooperation centre');
    expect(text).toContain('Nothing to report — RAS.');
    const { pages } = await pdfFacts(bytes);
    expect(pages).toBe(1);
  });

  it('sets the title, language, subject with the marking, and cci as author and creator', async () => {
    const bytes = await printer.print({
      html: html('<p>Bonjour</p>', { title: 'HTML title', lang: 'en' }),
      title: 'Briefing Sécurité générale — lundi 5 août 2024',
      lang: 'fr',
      subject: 'TLP:AMBER — DIFFUSION RESTREINTE',
    });
    const { info } = await pdfFacts(bytes);
    expect(info).toMatchObject({
      Title: 'Briefing Sécurité générale — lundi 5 août 2024',
      Subject: 'TLP:AMBER — DIFFUSION RESTREINTE',
      Author: 'cci',
      Creator: 'cci',
      Language: 'fr',
    });
  });

  it('prints the marking in the header and footer of every page of a 3-page document', async () => {
    const t = headerFooterTemplates({
      marking: 'TLP:AMBER',
      protectionMention: 'DIFFUSION RESTREINTE',
      specialFrance: true,
      draft: true,
      leftText: 'J+15 · 05/08/2024 · <Sécurité> & "générale"',
    });
    const body = [1, 2, 3]
      .map(
        (n) =>
          `<section style="break-before:${n === 1 ? 'auto' : 'page'}"><h1>Section ${n}</h1><p>Body of page ${n}</p></section>`,
      )
      .join('');
    const bytes = await printer.print({ ...job(body), ...t });
    const file = writePdf(bytes);
    expect((await pdfFacts(bytes)).pages).toBe(3);
    for (const page of [1, 2, 3]) {
      const text = pdfText(file, page);
      expect(text).toContain(`Body of page ${page}`);
      expect(text.match(/TLP:AMBER/g)).toHaveLength(2); // header and footer
      expect(text.match(/DIFFUSION RESTREINTE/g)).toHaveLength(2);
      expect(text).toContain('SPÉCIAL FRANCE');
      expect(text).toContain('PROJET / DRAFT');
      expect(text).toContain('<Sécurité> &'); // escaped, so shown as text
      expect(text).toContain('"générale"');
      expect(text).toMatch(new RegExp(`\\b${page}\\s*/\\s*3\\b`));
    }
  });

  it('embeds data: URLs (images, stylesheets, fonts) without complaint', async () => {
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const css = `data:text/css,${encodeURIComponent('p.x{color:rgb(200,0,0)}')}`;
    const bytes = await printer.print(
      job(`<p class="x">Embedded image <img src="${png}" width="10" height="10"></p>`, {
        head: `<link rel="stylesheet" href="${css}">`,
      }),
    );
    expect(pdfText(writePdf(bytes))).toContain('Embedded image');
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/Subtype\s*\/Image/); // the image is in
  });

  describe('refuses content that reaches outside the document', () => {
    const cases: Array<[string, string, string]> = [
      ['an image', `<img src="ORIGIN/x.png">`, ''],
      ['a stylesheet', '<p>x</p>', `<link rel="stylesheet" href="ORIGIN/x.css">`],
      [
        'a web font',
        '<p style="font-family:Remote">x</p>',
        `<style>@font-face{font-family:Remote;src:url(ORIGIN/f.woff2)}</style>`,
      ],
      ['an iframe', `<iframe src="ORIGIN/frame.html"></iframe>`, ''],
      ['an object', `<object data="ORIGIN/thing.svg" type="image/svg+xml"></object>`, ''],
      ['a print-only background', '<p>x</p>', `<style>@media print{body{background:url(ORIGIN/bg.png)}}</style>`],
      [
        'an image inside an inline SVG',
        '<svg width="10" height="10"><image href="ORIGIN/i.png" width="10" height="10"/></svg>',
        '',
      ],
    ];
    for (const [what, body, head] of cases) {
      it(`fails on ${what}, naming the URL, without any request reaching the network`, async () => {
        const before = hits.length;
        const e = await failure(
          printer.print(job(body.replaceAll('ORIGIN', origin), { head: head.replaceAll('ORIGIN', origin) })),
        );
        expect(e.message).toContain(`${origin}/`);
        expect(hits.length).toBe(before);
      });
    }

    it('fails on a redirect (meta refresh), to the network or to a data: URL', async () => {
      for (const target of [`${origin}/elsewhere`, 'data:text/html,hello']) {
        const e = await failure(
          printer.print(job('<p>x</p>', { head: `<meta http-equiv="refresh" content="0;url=${target}">` })),
        );
        expect(e.message).toMatch(/redirect|refused|navigated/);
      }
      expect(hits).toEqual([]);
    });

    it('does not even fetch an external script: scripts are off', async () => {
      const bytes = await printer.print(
        job('<p id="p">Static</p>', { head: `<script src="${origin}/x.js"></script>` }),
      );
      expect(pdfText(writePdf(bytes))).toContain('Static');
      expect(hits).toEqual([]);
    });
  });

  it('runs no script: a script that would write into the body leaves no trace in the PDF', async () => {
    const bytes = await printer.print(
      job(
        `<p id="p">Static text</p><script>document.body.append('SCRIPT RAN'); document.getElementById('p').textContent = 'REPLACED';</script>` +
          `<img src="data:image/png;base64,xx" onerror="document.body.append('HANDLER RAN')">`,
      ),
    );
    const text = pdfText(writePdf(bytes));
    expect(text).toContain('Static text');
    expect(text).not.toContain('SCRIPT RAN');
    expect(text).not.toContain('REPLACED');
    expect(text).not.toContain('HANDLER RAN');
  });

  it('refuses a document without the cci marker', async () => {
    const e = await failure(
      printer.print({ html: '<!doctype html><title>x</title><p>not ours</p>', title: 'x', lang: 'en', subject: 's' }),
    );
    expect(e.message).toContain('cci-document');
  });

  it('fails a document that takes longer than its timeout, and keeps working afterwards', async () => {
    const e = await failure(printer.print({ ...job('<p>slow</p>'), timeoutMs: 1 }));
    expect(e.message).toMatch(/took longer than/);
    const bytes = await printer.print(job('<p>after the timeout</p>'));
    expect(pdfText(writePdf(bytes))).toContain('after the timeout');
  });

  it('prints several documents at once through one browser, each on its own page', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => printer.print(job(`<p>Document number ${i}</p>`, { title: `Doc ${i}` }))),
    );
    results.forEach((bytes, i) => expect(pdfText(writePdf(bytes))).toContain(`Document number ${i}`));
    expect(launches).toHaveLength(1);
    expect(printer.launches).toBe(1);
    const browser = await printer.pid();
    expect(browser).toBeTypeOf('number');
    // every job closed its page: only the initial about:blank tab is left
  });

  it('has made no request to the network in the whole file', () => {
    expect(hits).toEqual([]);
  });
});

describe('PdfPrinter.close', () => {
  it('kills the browser and removes its private folder with the profile', async () => {
    const started: LaunchOptions[] = [];
    const p = PdfPrinter.start({ launcher: (o) => (started.push(o), defaultLauncher(o)) });
    const pid = await p.pid();
    expect(pid).toBeTypeOf('number');
    const profile = started[0]?.userDataDir;
    expect(profile).toMatch(/cci-browser-\d+-\w+\/profile$/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(profile!)).toBe(true);
    await p.close();
    expect(await waitFor(() => !alive(pid!))).toBe(true);
    expect(existsSync(path.dirname(profile!))).toBe(false);
    await expect(p.print(job('<p>x</p>'))).rejects.toThrow(/closed/);
    await p.close(); // twice is fine
  });
});
