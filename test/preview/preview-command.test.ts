// `cci preview` as a command and the server's life cycle, without a browser: the URL first on
// stdout, a busy port said plainly, the PDF route through the printer, and a clean stop.

import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefingPrinter, Io, PdfJobInput } from '../../src/commands/io.js';
import { parsePort, runPreview } from '../../src/commands/preview.js';
import { UsageError } from '../../src/errors.js';
import { startPreviewServer } from '../../src/preview/index.js';
import { copyFixture, raw, sessionCookie } from './helpers.js';

interface Recorded {
  io: Io;
  out: string[];
  err: string[];
  jobs: PdfJobInput[];
  printerClosed: number;
}

function recordingIo(cwd: string): Recorded {
  const r: Recorded = { out: [], err: [], jobs: [], printerClosed: 0, io: undefined as unknown as Io };
  const printer: BriefingPrinter = {
    print: async (job) => {
      r.jobs.push(job);
      return new TextEncoder().encode('%PDF-1.7 fake');
    },
    close: async () => {
      r.printerClosed++;
    },
  };
  r.io = {
    // the tally cache in a temporary folder, never the user's ~/.cache/cci
    cwd,
    env: { CCI_CACHE_DIR: join(tmpdir(), `cci-preview-test-cache-${process.pid}`) },
    now: () => new Date('2024-08-05T10:00:00Z'),
    isTTY: false,
    out: (line) => r.out.push(line),
    info: (m) => r.err.push(m),
    warn: (m) => r.err.push(m),
    startPrinter: async () => printer,
  };
  return r;
}

let data: Awaited<ReturnType<typeof copyFixture>>;
beforeAll(async () => {
  data = await copyFixture();
});
afterAll(async () => {
  await data?.remove();
});

describe('cci preview', () => {
  it('prints the URL alone as the first line of stdout, serves until stopped, then stops cleanly with 0', async () => {
    const rec = recordingIo(data.dir);
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const run = runPreview({ data: '.', port: '0' }, rec.io, () => stopped);
    const url = await waitFor(() => rec.out[0]);
    expect(rec.out).toEqual([url]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const port = Number(new URL(url).port);
    expect((await raw(port, { path: '/' })).status).toBe(403);
    expect((await raw(port, { path: '/', headers: { Cookie: await sessionCookie(url) } })).status).toBe(200);
    // the token is printed once, on stdout: never in the messages
    expect(rec.err.join('\n')).not.toContain(new URL(url).searchParams.get('token')!);
    stop();
    expect(await run).toBe(0);
    await expect(raw(port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    expect(rec.out).toHaveLength(1);
  });

  it('says plainly when the port is already taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const rec = recordingIo(data.dir);
      const error = await runPreview(
        { data: '.', port: String(port) },
        rec.io,
        () => new Promise(() => undefined),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain(`port ${port} is already in use on 127.0.0.1`);
      expect((error as Error).message).toContain('--port');
      expect(rec.out).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a port that is not one, and any address but the loopback', async () => {
    expect(parsePort(undefined)).toBe(4173);
    expect(parsePort('0')).toBe(0);
    expect(parsePort('8080')).toBe(8080);
    for (const bad of ['http', '-1', '65536', '80.5', '']) expect(() => parsePort(bad), bad).toThrow(UsageError);
    await expect(startPreviewServer({ dataDir: data.dir, port: 0, host: '0.0.0.0' })).rejects.toThrow(
      /only listens on the loopback/,
    );
  });
});

describe('the preview server', () => {
  it('prints the PDF of the viewed briefing, drafts included, through the printer', async () => {
    const rec = recordingIo(data.dir);
    const server = await startPreviewServer({ dataDir: data.dir, port: 0, io: rec.io });
    try {
      const res = await raw(server.port, {
        path: '/pdf?division=securite&date=2024-08-05&audience=country:DEU&lang=en',
        headers: { Cookie: await sessionCookie(server.url) },
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(
        'inline; filename="cci-2024-08-05-securite-country-DEU-en-draft.pdf"',
      );
      expect(res.body).toBe('%PDF-1.7 fake');
      expect(rec.jobs).toHaveLength(1);
      const job = rec.jobs[0]!;
      expect(job.plan).toMatchObject({ baseName: 'cci-2024-08-05-securite-country-DEU-en-draft', lang: 'en' });
      expect(job.model.draft).toBe(true);
      expect(job.model.audience).toBe('country:DEU');
      expect(job.html).toContain('Drone intercepted');
    } finally {
      await server.close();
    }
    expect(rec.printerClosed).toBe(1);
  });

  it('closing ends the open event streams and frees the port', async () => {
    const server = await startPreviewServer({ dataDir: data.dir, port: 0 });
    const cookie = await sessionCookie(server.url);
    const ended = new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/events',
          agent: false,
          headers: { Host: `127.0.0.1:${server.port}`, Cookie: cookie },
        },
        (res) => {
          expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
          });
          res.on('end', () => resolve(text));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    await server.close();
    expect(await ended).toMatch(/^retry: 1000\nevent: hello\ndata: [0-9a-f]+\n\n/);
    await expect(raw(server.port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    await server.close(); // twice is harmless
  });
});

async function waitFor<T>(get: () => T | undefined, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
