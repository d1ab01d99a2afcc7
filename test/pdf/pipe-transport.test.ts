// The DevTools pipe transport: NUL-terminated JSON both ways, whatever the chunking.

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PipeTransport } from '../../src/pdf/pipe-transport.js';

function pipes() {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const transport = new PipeTransport(toBrowser, fromBrowser);
  const received: string[] = [];
  transport.onmessage = (m) => received.push(m);
  return { toBrowser, fromBrowser, transport, received };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('PipeTransport', () => {
  it('writes each message followed by a NUL', () => {
    const { toBrowser, transport } = pipes();
    transport.send('{"id":1}');
    transport.send('{"id":2}');
    expect(toBrowser.read().toString()).toBe('{"id":1}\0{"id":2}\0');
  });

  it('splits what the browser writes on NULs, across chunks, with UTF-8 cut anywhere', async () => {
    const { fromBrowser, received } = pipes();
    const bytes = Buffer.from('{"a":"é—日本"}\0{"b":2}\0{"c":', 'utf8');
    for (let i = 0; i < bytes.length; i += 3) fromBrowser.write(bytes.subarray(i, i + 3));
    fromBrowser.write(Buffer.from('3}\0'));
    await tick();
    await tick();
    expect(received).toEqual(['{"a":"é—日本"}', '{"b":2}', '{"c":3}']);
  });

  it('ends the connection, saying why, when the browser answers with what puppeteer cannot read, instead of crashing cci', async () => {
    for (const [bytes, said] of [
      [Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0xff, 0xfe, 0x00]), 'something that is not JSON'],
      [Buffer.from('{"method":"Target.attachedToTarget","params":null}\0'), 'JSON that is not the DevTools protocol'],
    ] as const) {
      const toBrowser = new PassThrough();
      const fromBrowser = new PassThrough();
      const transport = new PipeTransport(toBrowser, fromBrowser);
      let closed = 0;
      transport.onclose = () => closed++;
      // as puppeteer's Connection.onMessage: async, rejecting on what it cannot read
      transport.onmessage = async (m) => {
        const o = JSON.parse(m) as { params: { sessionId: string } };
        await Promise.resolve(o.params.sessionId);
      };
      const unhandled: unknown[] = [];
      const onUnhandled = (e: unknown) => unhandled.push(e);
      process.on('unhandledRejection', onUnhandled);
      try {
        fromBrowser.write(bytes);
        for (let i = 0; i < 4; i++) await tick();
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(unhandled).toEqual([]);
      expect(closed).toBe(1);
      expect(transport.failure).toContain(said);
      expect(fromBrowser.destroyed).toBe(true);
      expect(() => transport.send('{"id":9}')).not.toThrow();
    }
  });

  it('reports the end of the pipe, and stops delivering once closed', async () => {
    const { fromBrowser, transport, received } = pipes();
    let closed = 0;
    transport.onclose = () => closed++;
    fromBrowser.destroy();
    await tick();
    expect(closed).toBe(1);

    const other = pipes();
    other.fromBrowser.write('{"late":1}\0');
    other.transport.close();
    await tick();
    expect(other.received).toEqual([]);
    expect(received).toEqual([]);
    expect(() => other.transport.send('x')).not.toThrow();
  });

  it('reports at once a pipe the browser closed before the transport was made (it died early)', async () => {
    const fromBrowser = new PassThrough();
    fromBrowser.destroy();
    await tick();
    const transport = new PipeTransport(new PassThrough(), fromBrowser);
    let closed = 0;
    transport.onclose = () => closed++;
    await tick();
    await tick();
    expect(closed).toBe(1);
  });
});
