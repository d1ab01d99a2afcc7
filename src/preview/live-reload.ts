// Server-sent events to the open preview pages: a `hello` naming this server's run on connect
// (a page that sees another run reloads), then a `reload` with its scope after every change.

import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { eventStreamHeaders } from './headers.js';

/** `doc`: only the briefing's content changed; `page`: the list of days or the event changed. */
export type ReloadScope = 'doc' | 'page';

const HEARTBEAT_MS = 20_000;

export class ReloadHub {
  readonly bootId = randomBytes(8).toString('hex');
  readonly #clients = new Set<ServerResponse>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor() {
    // A comment now and then keeps idle connections from being cut by anything in between.
    this.#heartbeat = setInterval(() => this.#send(': ping\n\n'), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  get size(): number {
    return this.#clients.size;
  }

  /** Takes over a GET /events response until the page goes away or the hub closes. */
  attach(res: ServerResponse, head: boolean): void {
    res.writeHead(200, eventStreamHeaders());
    if (head) {
      res.end();
      return;
    }
    res.write(`retry: 1000\nevent: hello\ndata: ${this.bootId}\n\n`);
    this.#clients.add(res);
    res.on('close', () => this.#clients.delete(res));
  }

  reload(scope: ReloadScope): void {
    this.#send(`event: reload\ndata: ${JSON.stringify({ scope })}\n\n`);
  }

  close(): void {
    clearInterval(this.#heartbeat);
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }

  #send(chunk: string): void {
    for (const res of this.#clients) res.write(chunk);
  }
}
