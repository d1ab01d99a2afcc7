// The preview server: loopback only, its own routes only, every page rendered from the files
// as they are now, and pages told to reload when a file changes.
//
//   GET /          index: divisions, dates, audiences, languages
//   GET /brief?…   a briefing with the toolbar (division, date, audience, lang), live reload
//   GET /doc?…     the briefing document alone, as rendered (shown in /brief's frame)
//   GET /pdf?…     its PDF
//   GET /events    server-sent events: reload
//
// Every request first passes the Host check (DNS rebinding) and then the access check
// (access-token.ts): the token of this run in the query, or the cookie it set; else 403.

import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { Io } from '../commands/io.js';
import { CciError, DataError, RegisterError, UsageError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { templatesDir as defaultTemplatesDir } from '../package-files.js';
import { dateInZone } from '../window/calendar.js';
import { checkAccess, newAccessToken, TOKEN_PARAM } from './access-token.js';
import { documentHeaders, newNonce, pageHeaders, pdfHeaders, refusalHeaders, textHeaders } from './headers.js';
import { ReloadHub } from './live-reload.js';
import {
  briefingPage,
  forbiddenPage,
  indexPage,
  messageDocument,
  messagePage,
  problemsMessage,
  type MessageOptions,
  type Site,
} from './pages.js';
import { PdfUnavailable, PreviewPrinter } from './pdf.js';
import { issuedStatus, loadSite, registerOf, reloadTemplates, renderView } from './render-view.js';
import { ALLOWED_METHODS, checkFetchSite, checkHost, checkMethod, isRefusal, parseTarget } from './request-guard.js';
import { parseView, QueryError, type PreviewView } from './view-query.js';
import { watchFolders, type ChangeBurst } from './watch.js';
import { errorText } from '../text/one-line.js';

export interface PreviewServerOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** A loopback address: 127.0.0.1 (default) or ::1. */
  host?: string;
  /** Watched for template, stylesheet and catalogue changes (default: the render module's). */
  templatesDir?: string;
  /** Messages (stderr) and the PDF printer; quiet, with no printer, when absent. */
  io?: Io;
  /** Quiet time before a burst of file changes reloads the pages (default 150 ms). */
  debounceMs?: number;
  /** The tally cache of earlier days (src/data/tally-cache.ts); none when absent. */
  cacheDir?: string | undefined;
  /** What the PDF printer's browser is found and run with (src/config/environment.ts); none when absent. */
  browserEnv?: NodeJS.ProcessEnv;
  /** The state folder of an event (the register of issued briefings), by event id; none: nothing issued is shown. */
  stateDirOf?: (eventId: string) => string | undefined;
}

export interface PreviewServer {
  /** The address to open, with this run's secret: `http://127.0.0.1:PORT/?token=…`. Print it once, log it nowhere. */
  url: string;
  /** The server's origin and root path, without the token: `http://127.0.0.1:PORT/`. */
  origin: string;
  port: number;
  close(): Promise<void>;
}

type Kind = 'page' | 'doc';

export async function startPreviewServer(opts: PreviewServerOptions): Promise<PreviewServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new UsageError(t('preview.notLoopback', { host }));
  const dataDir = resolve(opts.dataDir);
  const templatesDir = resolve(opts.templatesDir ?? defaultTemplatesDir());
  const io = opts.io ?? quietIo();
  const hub = new ReloadHub();
  const printer = new PreviewPrinter(io, opts.browserEnv ?? {});
  const token = newAccessToken();
  // a warning about the cache folder once, not once a page
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (!warned.has(message)) io.warn(message);
    warned.add(message);
  };
  let port = opts.port;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      io.warn(t('preview.failed', { reason: describe(error) }));
      if (!res.headersSent) send(res, 500, textHeaders(), `${t('errors.internal', { error: describe(error) })}\n`);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const h = req.headers;
    const hostRefusal = checkHost(h.host, port);
    if (hostRefusal) {
      send(res, hostRefusal.status, textHeaders(), `${hostRefusal.message}\n`);
      return;
    }
    const access = checkAccess(req.url, h.cookie, token, port);
    if (access.kind === 'refused') {
      const nonce = newNonce();
      send(res, 403, refusalHeaders(nonce), forbiddenPage(nonce));
      return;
    }
    if (access.kind === 'redirect') {
      send(
        res,
        303,
        { ...textHeaders(), Location: access.location, ...(access.setCookie && { 'Set-Cookie': access.setCookie }) },
        '',
      );
      return;
    }
    const refusal =
      checkFetchSite(header(h['sec-fetch-site']), header(h['sec-fetch-mode']), header(h['sec-fetch-dest'])) ??
      checkMethod(req.method);
    if (refusal) {
      const extra: OutgoingHttpHeaders = refusal.status === 405 ? { Allow: ALLOWED_METHODS.join(', ') } : {};
      send(res, refusal.status, { ...textHeaders(), ...extra }, `${refusal.message}\n`);
      return;
    }
    const target = parseTarget(req.url);
    if (isRefusal(target)) {
      send(res, target.status, textHeaders(), `${target.message}\n`);
      return;
    }
    const head = req.method === 'HEAD';
    // Host was checked against the allowed names above: safe to echo into the policy.
    const origin = `http://${req.headers.host!.toLowerCase()}`;
    switch (target.pathname) {
      case '/':
        return indexRoute(res, origin);
      case '/brief':
        return briefRoute(res, origin, target.params);
      case '/doc':
        return docRoute(res, target.params);
      case '/pdf':
        return pdfRoute(res, target.params);
      case '/events':
        return hub.attach(res, head);
      case '/favicon.ico':
        return send(res, 204, textHeaders(), '');
      default:
        return send(res, 404, textHeaders(), `${t('preview.notFound', { path: target.pathname })}\n`);
    }
  }

  async function indexRoute(res: ServerResponse, origin: string): Promise<void> {
    const nonce = newNonce();
    const site = await page(res, 'page', origin, () => loadSite(dataDir));
    if (site) send(res, 200, pageHeaders(nonce, cspOrigin(origin)), indexPage(site, dataDir, nonce));
  }

  async function briefRoute(res: ServerResponse, origin: string, params: URLSearchParams): Promise<void> {
    const found = await page(res, 'page', origin, () => siteAndView(params));
    if (!found) return;
    const register = await page(res, 'page', origin, () =>
      registerOf(opts.stateDirOf?.(found.site.event.id), found.site.event.id),
    );
    if (!register) return;
    const nonce = newNonce();
    send(
      res,
      200,
      pageHeaders(nonce, cspOrigin(origin)),
      briefingPage(found.site, found.view, nonce, issuedStatus(register, found.view, found.site.event.timezone)),
    );
  }

  /** The view's document, its late reports compared with the register of issued briefings. */
  async function rendered(params: URLSearchParams) {
    const { site, view } = await siteAndView(params);
    const register = await registerOf(opts.stateDirOf?.(site.event.id), site.event.id);
    return renderView(dataDir, view, opts.cacheDir, warnOnce, register);
  }

  async function docRoute(res: ServerResponse, params: URLSearchParams): Promise<void> {
    const doc = await page(res, 'doc', '', () => rendered(params));
    if (doc) send(res, 200, documentHeaders(), doc.html);
  }

  async function pdfRoute(res: ServerResponse, params: URLSearchParams): Promise<void> {
    try {
      const { pdf, fileName } = await printer.print(await rendered(params));
      send(res, 200, pdfHeaders(fileName), Buffer.from(pdf));
    } catch (error) {
      const status =
        error instanceof QueryError
          ? 400
          : error instanceof PdfUnavailable
            ? 501
            : error instanceof DataError
              ? 422
              : 500;
      const text = error instanceof DataError ? error.message : describe(error);
      if (status === 500) io.warn(t('preview.pdfFailed', { reason: describe(error) }));
      send(res, status, textHeaders(), `${t('preview.noPdf', { reason: text })}\n`);
    }
  }

  async function siteAndView(params: URLSearchParams): Promise<{ site: Site; view: PreviewView }> {
    const site = await loadSite(dataDir);
    return { site, view: parseView(params, site.event, { date: defaultDate(site) }) };
  }

  /**
   * Runs `work`; on failure answers with a message page (with live reload, so it recovers by
   * itself) or, for the framed document, a message document (`origin` unused). Undefined when
   * it answered.
   */
  async function page<T>(
    res: ServerResponse,
    kind: Kind,
    origin: string,
    work: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      let status: number;
      let message: MessageOptions;
      if (error instanceof DataError) {
        status = 422;
        message = problemsMessage(error.problems);
      } else if (error instanceof QueryError) {
        status = 400;
        message = { heading: t('preview.page.badViewHeading'), text: [error.message, t('preview.page.badViewHint')] };
      } else if (error instanceof RegisterError) {
        // the register of issued briefings (damaged, behind its logs...): not a failure of the render
        status = 409;
        message = {
          heading: t('preview.page.registerHeading'),
          text: [error.message, t('preview.page.renderFailedHint')],
        };
      } else {
        status = 500;
        io.warn(t('preview.failed', { reason: describe(error) }));
        message = {
          heading: t('preview.page.renderFailedHeading'),
          text: [describe(error), t('preview.page.renderFailedHint')],
        };
      }
      if (kind === 'doc') {
        send(res, status, documentHeaders(), messageDocument(message));
      } else {
        const nonce = newNonce();
        send(res, status, pageHeaders(nonce, cspOrigin(origin)), messagePage(message, nonce));
      }
      return undefined;
    }
  }

  function onChange(burst: ChangeBurst): void {
    if (burst.templates) reloadTemplates();
    io.info(
      t('preview.changed', {
        files: [...new Set(burst.paths)]
          .map((p) => (p.startsWith(dataDir) ? p.slice(dataDir.length + 1) : p))
          .join(', '),
      }),
    );
    hub.reload(burst.structure ? 'page' : 'doc');
  }

  await new Promise<void>((ok, fail) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        fail(new UsageError(t('preview.portInUse', { port: opts.port, host })));
      } else if (error.code === 'EACCES') {
        fail(new UsageError(t('preview.portNotAllowed', { port: opts.port, host })));
      } else {
        fail(error);
      }
    };
    const onListening = () => {
      server.off('error', onError);
      ok();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(opts.port, host);
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : opts.port;

  let watcher;
  try {
    watcher = await watchFolders({
      dataDir,
      templatesDir,
      debounceMs: opts.debounceMs,
      onChange,
      onError: (error) => io.warn(t('preview.watchFailed', { reason: describe(error) })),
    });
  } catch (error) {
    hub.close();
    await closeServer();
    throw error;
  }
  const folders = watcher;

  function closeServer(): Promise<void> {
    return new Promise((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
  }

  let closing: Promise<void> | undefined;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${urlHost}:${port}/`;
  return {
    url: `${origin}?${TOKEN_PARAM}=${token}`,
    origin,
    port,
    close: () => {
      closing ??= (async () => {
        hub.close();
        await Promise.all([folders.close(), closeServer(), printer.close()]);
      })();
      return closing;
    },
  };
}

/** The date a view without one shows: today when the data has it, else the latest it has. */
function defaultDate(site: Site): string {
  const today = dateInZone(new Date(), site.event.timezone);
  return site.dates.includes(today) ? today : (site.dates.at(-1) ?? today);
}

/** CSP source expressions have no form for IPv6 literals: those fall back to 'self'. */
function cspOrigin(origin: string): string {
  return origin.includes('[') ? "'self'" : origin;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: string | Buffer): void {
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  res.writeHead(status, { ...headers, 'Content-Length': length });
  res.end(body);
}

function describe(error: unknown): string {
  if (error instanceof CciError) return error.message;
  return errorText(error);
}

function quietIo(): Io {
  return {
    cwd: '/',
    env: {},
    now: () => new Date(),
    out: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    isTTY: false,
    startPrinter: () => Promise.reject(new PdfUnavailable('no PDF printer given to the preview server')),
  };
}
