// End to end: the real preview server on a copy of fixtures/preview, in real headless Chromium.

import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/index.js';
import { copyFixture, launchChromium, raw, sessionCookie, until, type RawResponse } from './helpers.js';

const BRIEF = 'brief?division=securite&date=2024-08-05&audience=partners&lang=both';

let data: Awaited<ReturnType<typeof copyFixture>>;
let server: PreviewServer;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let templates: string;
let cookie: string;
const requested: string[] = [];

/** A request of a browser that went in with the printed URL (its session cookie), else as given. */
function get(opts: Parameters<typeof raw>[1]): Promise<RawResponse> {
  return raw(server.port, { ...opts, headers: { Cookie: cookie, ...opts.headers } });
}
const consoleErrors: string[] = [];

function docFrame(): Frame {
  const frame = page.frames().find((f) => f.url().includes('/doc?'));
  if (!frame) throw new Error('no briefing frame');
  return frame;
}

/** The briefing frame's text, once it holds `needle`. */
function docTextWith(needle: string, ms = 5_000): Promise<string> {
  return until(
    `the briefing frame to show "${needle}"`,
    async () => {
      const text = await docFrame().evaluate(() => document.body?.innerText ?? '');
      return text.includes(needle) ? text : undefined;
    },
    ms,
  );
}

/** A record for the national audience only (AMBER+STRICT, SPÉCIAL FRANCE): what a refused request must never see. */
const NATIONAL_ONLY = 'Filature discrète du véhicule Kestrel-7741';

beforeAll(async () => {
  data = await copyFixture();
  await appendFile(
    join(data.dir, '2024-08-05', 'incidents.yaml'),
    [
      '- id: PV-20240805-99',
      '  time: 2024-08-05 11:20',
      '  category: public_order',
      '  severity: high',
      '  departement: "75"',
      `  summary_fr: ${NATIONAL_ONLY}.`,
      `  summary_en: ${NATIONAL_ONLY}.`,
      '  tlp: AMBER+STRICT',
      '  special_france: true',
      '',
    ].join('\n'),
  );
  // Watched only: the render module reads its own templates.
  templates = await mkdtemp(join(tmpdir(), 'cci-preview-templates-'));
  await writeFile(join(templates, 'briefing.css'), 'body {}\n');
  server = await startPreviewServer({ dataDir: data.dir, port: 0, debounceMs: 100, templatesDir: templates });
  cookie = await sessionCookie(server.url);
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
  // in through the printed URL, as the analyst does: the cookie it sets opens the rest
  await page.goto(server.url, { waitUntil: 'load' });
  page.on('request', (r) => requested.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  await data?.remove();
  if (templates) await rm(templates, { recursive: true, force: true });
});

describe('cci preview in a real browser', () => {
  it('serves on 127.0.0.1 only, on the port it was given (0: a free one), at a URL carrying a 256-bit token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it('the index lists the divisions, the dates of the data, the audiences and the languages', async () => {
    await page.goto(server.origin, { waitUntil: 'load' });
    const text = await page.evaluate(() => document.body.innerText);
    for (const s of [
      'General security briefing',
      'Intelligence briefing',
      '2024-08-04',
      '2024-08-05',
      'partners',
      'national',
      'country:DEU',
      'country:BRA',
      'country:USA',
      'FR + EN',
      'Français',
      'English',
    ]) {
      expect(text).toContain(s);
    }
    const links = await page.$$eval('a[href^="/brief?"]', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain('/brief?division=securite&date=2024-08-05&audience=partners&lang=both');
  });

  it('the briefing page loads and shows the briefing, with drafts stamped PROJET / DRAFT, under a toolbar kept outside it', async () => {
    await page.goto(server.origin + BRIEF, { waitUntil: 'load' });
    const text = await docTextWith('Rassemblement non déclaré devant le Stade de France');
    expect(text).toContain('PROJET / DRAFT');
    // The draft record is included, and its text is shown as text, not markup.
    expect(text).toContain('<Concorde> & environs');
    const doc = docFrame();
    expect(await doc.$$eval('script', (s) => s.length)).toBe(0);
    expect(await doc.$$eval('Concorde', (s) => s.length)).toBe(0);
    expect(await doc.$('#cci-switch')).toBeNull();
    // The toolbar is the wrapper's: switches set to this view, and the PDF of the same view.
    const selected = await page.$$eval('#cci-switch select', (ss) =>
      ss.map((s) => `${(s as HTMLSelectElement).name}=${(s as HTMLSelectElement).value}`),
    );
    expect(selected).toEqual(['division=securite', 'date=2024-08-05', 'audience=partners', 'lang=both']);
    expect(await page.$eval('a.button', (a) => a.getAttribute('href'))).toBe(
      '/pdf?division=securite&date=2024-08-05&audience=partners&lang=both',
    );
    // Hidden in print.
    await page.emulateMediaType('print');
    expect(await page.$eval('.bar', (b) => getComputedStyle(b).display)).toBe('none');
    await page.emulateMediaType();
  });

  it('a switch of the toolbar opens the same briefing for another audience and language', async () => {
    await page.goto(server.origin + BRIEF, { waitUntil: 'load' });
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.select('#cci-switch select[name="lang"]', 'en'),
    ]);
    expect(page.url()).toContain('lang=en');
    const text = await docTextWith('Undeclared gathering outside the Stade de France');
    expect(text).not.toContain('Rassemblement non déclaré');
  });

  it('editing a data file refreshes the open page by itself with the new text', async () => {
    await page.goto(server.origin + BRIEF, { waitUntil: 'load' });
    await docTextWith('Rassemblement non déclaré');
    await until(
      'live reload to connect',
      async () => (await page.$eval('#cci-live', (e) => e.className)).includes('on') || undefined,
    );
    const file = join(data.dir, '2024-08-05', 'incidents.yaml');
    const before = await readFile(file, 'utf8');
    await writeFile(
      file,
      before.replace(
        'Rassemblement non déclaré devant le Stade de France, dispersé.',
        'Cortège sauvage place de la Nation, encadré.',
      ),
    );
    const started = Date.now();
    const text = await docTextWith('Cortège sauvage place de la Nation', 3_000);
    expect(text).not.toContain('Rassemblement non déclaré');
    expect(Date.now() - started).toBeLessThan(2_000);
    await writeFile(file, before);
    await docTextWith('Rassemblement non déclaré', 3_000);
  });

  it('a broken file shows the problems with file and line, and fixing it brings the briefing back by itself', async () => {
    await page.goto(server.origin + BRIEF, { waitUntil: 'load' });
    await docTextWith('Rassemblement non déclaré');
    const file = join(data.dir, '2024-08-05', 'incidents.yaml');
    const before = await readFile(file, 'utf8');
    await writeFile(file, before.replace('severity: high', 'severity: <b>catastrophic</b>'));
    const text = await docTextWith('problem');
    expect(text).toMatch(/The data has \d+ problems?/);
    expect(text).toMatch(/2024-08-05\/incidents\.yaml:\d+(:\d+)?: /);
    // The value quoted in the message is shown as text, never as markup.
    expect(text).toContain('<b>catastrophic</b>');
    expect(await docFrame().$$eval('ol.problems b', (b) => b.length)).toBe(0);
    await writeFile(file, before);
    await docTextWith('Rassemblement non déclaré');
  });

  it('a template change reloads the briefing frame by itself, and only the frame', async () => {
    await page.goto(server.origin + BRIEF, { waitUntil: 'load' });
    await docTextWith('Rassemblement non déclaré');
    await until(
      'live reload to connect',
      async () => (await page.$eval('#cci-live', (e) => e.className)).includes('on') || undefined,
    );
    await page.evaluate(() => {
      (window as unknown as { mark: number }).mark = 1;
    });
    await docFrame().evaluate(() => {
      (window as unknown as { mark: number }).mark = 1;
    });
    await writeFile(join(templates, 'briefing.css'), 'body { color: black }\n');
    await until(
      'the frame to reload',
      async () => {
        const mark = await docFrame().evaluate(() => (window as unknown as { mark?: number }).mark);
        return mark === undefined ? true : undefined;
      },
      3_000,
    );
    await docTextWith('Rassemblement non déclaré');
    expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(1);
  });

  it('a broken event.yaml shows its problems on the page itself, which recovers when it is fixed', async () => {
    await page.goto(server.origin + BRIEF, { waitUntil: 'load' });
    await docTextWith('Rassemblement non déclaré');
    await until(
      'live reload to connect',
      async () => (await page.$eval('#cci-live', (e) => e.className)).includes('on') || undefined,
    );
    const file = join(data.dir, 'event.yaml');
    const before = await readFile(file, 'utf8');
    await writeFile(file, before.replace('timezone: Europe/Paris', 'timezone: Europe/Atlantis'));
    const text = await until('the problems of event.yaml', async () => {
      const t = await page.evaluate(() => document.body.innerText);
      return /The data has \d+ problem/.test(t) ? t : undefined;
    });
    expect(text).toMatch(/event\.yaml:\d+(:\d+)?: .*Europe\/Atlantis/);
    await writeFile(file, before);
    await until('the briefing to come back', async () => ((await page.$('#cci-doc')) ? true : undefined));
    await docTextWith('Rassemblement non déclaré');
  });

  it('the pages load nothing but the server’s own routes and break none of their own policy', () => {
    const origin = server.origin.slice(0, -1);
    const foreign = requested.filter((u) => !u.startsWith(origin + '/'));
    expect(foreign).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
  });
});

describe('cci preview lets in only whoever holds the URL it printed', () => {
  const NATIONAL_DOC = '/doc?division=securite&date=2024-08-05&audience=national&lang=both';

  it('the national document is there for the holder of the cookie', async () => {
    const res = await get({ path: NATIONAL_DOC });
    expect(res.status).toBe(200);
    expect(res.body).toContain(NATIONAL_ONLY);
  });

  it('any request without the token or its cookie gets 403 and a short bilingual page, with no document text', async () => {
    const paths = [
      '/',
      NATIONAL_DOC,
      '/' + BRIEF,
      '/' + BRIEF.replace('brief', 'pdf'),
      '/events',
      '/favicon.ico',
      '/nope',
      '/../etc/passwd',
    ];
    for (const path of paths) {
      for (const headers of [
        {},
        { Cookie: `${cookie.split('=')[0]}=wrong` },
        { Cookie: `other=${cookie.split('=')[1]}` },
      ] as Record<string, string>[]) {
        const res = await raw(server.port, { path, headers });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(res.body).not.toContain(NATIONAL_ONLY);
        expect(res.body).not.toMatch(/Rassemblement|Stade de France|securite|General security/);
        expect(res.body).toContain('Cet aperçu est privé');
        expect(res.body).toContain('This preview is private');
        expect(res.body).toContain('?token=');
        expect(res.body).not.toContain('<script');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
    }
    expect((await raw(server.port, { path: '/', method: 'POST' })).status).toBe(403);
  });

  it('lets in a browser that also sends a cookie of the same name planted by another page of 127.0.0.1, in any order', async () => {
    const [name, value] = cookie.split('=') as [string, string];
    for (const header of [`${name}=planted; ${name}=${value}`, `${name}=${value}; ${name}=planted`]) {
      const res = await raw(server.port, { path: NATIONAL_DOC, headers: { Cookie: header } });
      expect(res.status, header).toBe(200);
      expect(res.body).toContain(NATIONAL_ONLY);
    }
    const both = await raw(server.port, { path: NATIONAL_DOC, headers: { Cookie: `${name}=planted; ${name}=other` } });
    expect(both.status).toBe(403);
  });

  it('a wrong token, one character off or of another length, is refused', async () => {
    const token = new URL(server.url).searchParams.get('token')!;
    const off = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const wrong of [off, token.slice(1), `${token}x`, '', token.toLowerCase()]) {
      const res = await raw(server.port, {
        path: `/doc?token=${encodeURIComponent(wrong)}&division=securite&audience=national`,
      });
      expect(res.status, wrong).toBe(403);
      expect(res.body).not.toContain(NATIONAL_ONLY);
    }
  });

  it('the right token sets an HttpOnly SameSite=Strict cookie for this port and redirects to the same URL without it', async () => {
    const token = new URL(server.url).searchParams.get('token')!;
    const res = await raw(server.port, { path: `/brief?division=securite&token=${token}&lang=en` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/brief?division=securite&lang=en');
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(new RegExp(`^cci-preview-${server.port}=${token}; Path=/; HttpOnly; SameSite=Strict$`));
    // never sent elsewhere: a path that a browser would take for another site goes to /
    expect((await raw(server.port, { path: `//evil.example/x?token=${token}` })).headers.location).toBe('/');
  });

  it('a request with the cookie but another Host is refused (DNS rebinding)', async () => {
    for (const host of [
      `evil.example:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
      `rebind.example:${server.port}`,
    ]) {
      const res = await get({ path: NATIONAL_DOC, host });
      expect(res.status, host).toBe(403);
      expect(res.body).not.toContain(NATIONAL_ONLY);
    }
  });

  it('in a real browser: without the URL a page says to open it; the printed URL lets the browser in, hides the token and keeps live reload', async () => {
    const context = await chromium.browser.createBrowserContext();
    try {
      const other = await context.newPage();
      const refused = await other.goto(server.origin + NATIONAL_DOC.slice(1), { waitUntil: 'load' });
      expect(refused?.status()).toBe(403);
      const text = await other.evaluate(() => document.body.innerText);
      expect(text).toContain('This preview is private');
      expect(text).not.toContain(NATIONAL_ONLY);

      await other.goto(server.url, { waitUntil: 'load' });
      expect(other.url()).toBe(server.origin);
      expect(await other.evaluate(() => document.body.innerText)).toContain('General security briefing');
      expect(await other.evaluate(() => document.cookie)).toBe(''); // HttpOnly: no script reads it
      await other.goto(server.origin + BRIEF, { waitUntil: 'load' });
      await until(
        'live reload to connect',
        async () => (await other.$eval('#cci-live', (e) => e.className)).includes('on') || undefined,
      );
      const national = await (await other.goto(server.origin + NATIONAL_DOC.slice(1), { waitUntil: 'load' }))?.text();
      expect(national).toContain(NATIONAL_ONLY);
    } finally {
      await context.close();
    }
  });

  it("another run's URL or cookie opens nothing", async () => {
    const second = await startPreviewServer({ dataDir: data.dir, port: 0 });
    try {
      expect(second.url).not.toBe(server.url);
      const otherCookie = await sessionCookie(second.url);
      expect(
        (
          await raw(server.port, {
            path: '/',
            headers: { Cookie: otherCookie.replace(String(second.port), String(server.port)) },
          })
        ).status,
      ).toBe(403);
      const otherToken = new URL(second.url).searchParams.get('token')!;
      expect((await raw(server.port, { path: `/?token=${otherToken}` })).status).toBe(403);
    } finally {
      await second.close();
    }
  });
});

describe('cci preview refuses what is not its own', () => {
  it('a request whose Host is not this server is refused with 403', async () => {
    const res = await get({ path: '/', host: `evil.example:${server.port}` });
    expect(res.status).toBe(403);
    expect(res.body).toContain('Host');
    expect((await get({ path: '/', host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('another site’s page cannot pull a preview page or a PDF into itself', async () => {
    const fromElsewhere = (mode: string, dest: string) => ({
      'Sec-Fetch-Site': 'cross-site',
      'Sec-Fetch-Mode': mode,
      'Sec-Fetch-Dest': dest,
    });
    expect(
      (await get({ path: '/' + BRIEF.replace('brief', 'pdf'), headers: fromElsewhere('no-cors', 'image') })).status,
    ).toBe(403);
    expect((await get({ path: '/' + BRIEF, headers: fromElsewhere('navigate', 'iframe') })).status).toBe(403);
    expect((await get({ path: '/' + BRIEF, headers: fromElsewhere('navigate', 'document') })).status).toBe(200);
  });

  it('traversal paths are refused and unknown paths are not found', async () => {
    for (const path of [
      '/..%2f..%2fetc/passwd',
      '/assets/../../',
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..\\..\\etc\\passwd',
    ]) {
      const res = await get({ path });
      expect([400, 404], path).toContain(res.status);
      expect(res.body).not.toContain('root:');
    }
    expect((await get({ path: '/etc/passwd' })).status).toBe(404);
    expect((await get({ path: '/event.yaml' })).status).toBe(404);
    expect((await get({ path: '/2024-08-05/incidents.yaml' })).status).toBe(404);
  });

  it('methods other than GET and HEAD are refused with 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await get({ path: '/', method });
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
    const head = await get({ path: '/' + BRIEF, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('a bad query value is refused with 400 and a message, escaped', async () => {
    const cases: [string, string][] = [
      [
        '/brief?division=%3Cscript%3Ealert(1)%3C/script%3E',
        'division &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; is not a division of this event',
      ],
      ['/doc?date=2024-13-01', 'date &quot;2024-13-01&quot; is not a date'],
      ['/brief?audience=country:FRA', 'FRA is not a partner'],
      ['/doc?lang=de', 'lang &quot;de&quot; is not known'],
      ['/pdf?division=police', 'division "police" is not a division'],
    ];
    for (const [path, message] of cases) {
      const res = await get({ path });
      expect(res.status, path).toBe(400);
      expect(res.body, path).toContain(message);
      expect(res.body).not.toContain('<script>alert');
    }
  });

  it('every answer is never cached, never sniffed, and pages may run only their own nonce script', async () => {
    const page = await get({ path: '/' + BRIEF });
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(page.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`connect-src http://127.0.0.1:${server.port}/events`);
    expect(page.body).toContain(`<script nonce="${nonce}">`);
    const doc = await get({ path: '/' + BRIEF.replace('brief', 'doc') });
    expect(doc.status).toBe(200);
    expect(doc.headers['content-security-policy']).toContain("script-src 'none'");
    expect(doc.body).not.toContain('<script');
    for (const res of [await get({ path: '/nope' }), await get({ path: '/', host: 'evil.example' })]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('without a printer the PDF link answers 501 with a message', async () => {
    const res = await get({ path: '/' + BRIEF.replace('brief', 'pdf') });
    expect(res.status).toBe(501);
    expect(res.body).toContain('no PDF');
  });
});
