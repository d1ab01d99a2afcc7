// Shared by the delivery tests: a temporary output folder with stand-in PDFs, the options of a
// delivery with short limits, and the expectation of a DeliveryError.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { DeliverOptions } from '../../src/deliver/index.js';
import { DeliveryError } from '../../src/errors.js';
import { event } from '../helpers/dataset.js';
import { distributionEvent } from '../helpers/model.js';

export const EVENT = distributionEvent(event());

export async function outDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cci-deliver-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A stand-in PDF (bytes of every value) under `dir`. */
export async function pdf(dir: string, name: string, seed = name): Promise<string> {
  const path = join(dir, name);
  const bytes = Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31 + seed.length) % 256)),
    Buffer.from('\n%%EOF\n'),
  ]);
  await writeFile(path, bytes);
  return path;
}

/** Delivery options with limits short enough for tests. */
export function deliverOptions(
  dir: string,
  url: string | undefined,
  logs: string[],
  o: Partial<DeliverOptions> = {},
): DeliverOptions {
  return {
    event: EVENT,
    smtpUrl: url,
    outDir: dir,
    resend: false,
    now: () => new Date('2024-08-05T09:35:00Z'),
    log: (m) => logs.push(m),
    warn: (m) => logs.push(`WARN ${m}`),
    timeouts: { connectionMs: 500, greetingMs: 500, socketMs: 2000, messageMs: 5000 },
    retry: { attempts: 3, baseDelayMs: 10, deadlineMs: 5000 },
    ...o,
  };
}

/** A network where every name resolves to `address` and every connection reaches 127.0.0.1:port. */
export function routedNetwork(address: string, port: number, ca?: string): NonNullable<DeliverOptions['network']> {
  return {
    lookup: async () => [{ address, family: net.isIP(address) }],
    connect: () => net.connect({ host: '127.0.0.1', port }),
    ...(ca ? { ca } : {}),
  };
}

export async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

/** The TCP sockets this process holds open (handles that would keep it alive). */
export function openTcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TLSWrap').length;
}
