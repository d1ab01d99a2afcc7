// DevTools over the pipe Chromium opens with --remote-debugging-pipe: commands are written to
// its fd 3, replies and events read from its fd 4, each a JSON text ended by a NUL byte.
// puppeteer has the same class, but internal; this one lets cci spawn the browser itself.

import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';
import { t } from '../i18n/messages.js';

export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  readonly #out: Writable;
  readonly #in: Readable;
  /** Bytes of a message not yet ended by its NUL. */
  #pending: Buffer[] = [];
  /** close() was called: nothing more is sent or delivered. */
  #closed = false;
  /** The browser's end of the pipe closed (onclose said once). */
  #ended = false;
  /**
   * Why the connection was given up, when the browser sent what is not the DevTools protocol
   * (puppeteer could not read a message): said by the launcher and the printer instead of
   * "connection closed" or a crash.
   */
  failure: string | undefined;

  constructor(toBrowser: Writable, fromBrowser: Readable) {
    this.#out = toBrowser;
    this.#in = fromBrowser;
    fromBrowser.on('data', this.#onData);
    fromBrowser.on('close', this.#onClose);
    // A browser that died before puppeteer was loaded has closed its pipe already: say so,
    // or puppeteer's first command would wait for its protocol timeout.
    if (fromBrowser.destroyed) setImmediate(this.#onClose);
    // A browser that dies breaks the pipes (EPIPE): its end is reported by 'close', not as a crash of cci.
    fromBrowser.on('error', ignore);
    toBrowser.on('error', ignore);
  }

  send(message: string): void {
    if (this.#closed) return; // puppeteer rejects the command itself once the connection is closed
    this.#out.write(`${message}\0`);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#in.off('data', this.#onData);
    this.#in.off('close', this.#onClose);
    this.#in.destroy();
    this.#out.destroy();
  }

  readonly #onData = (chunk: Buffer): void => {
    let start = 0;
    let end = chunk.indexOf(0);
    while (end !== -1) {
      this.#pending.push(chunk.subarray(start, end));
      this.#dispatch(Buffer.concat(this.#pending).toString('utf8'));
      this.#pending = [];
      start = end + 1;
      end = chunk.indexOf(0, start);
    }
    if (start < chunk.length) this.#pending.push(chunk.subarray(start));
  };

  /**
   * Delivered on a later turn, as puppeteer's own transports do: its Connection expects it. A
   * message puppeteer cannot read (not JSON, not the protocol's shape) ends the connection, as
   * a browser's crash would: what was waiting for an answer fails, instead of cci.
   */
  #dispatch(message: string): void {
    setImmediate(() => {
      if (this.#closed) return;
      try {
        // puppeteer's Connection.onMessage is async: what it cannot read rejects its promise
        const handled = this.onmessage?.(message) as unknown;
        if (handled instanceof Promise) handled.catch(() => this.#fail(message));
      } catch {
        this.#fail(message);
      }
    });
  }

  #fail(message: string): void {
    if (this.#closed) return;
    let json = true;
    try {
      JSON.parse(message);
    } catch {
      json = false;
    }
    this.failure = t(json ? 'pdf.start.notProtocol' : 'pdf.start.notJson');
    this.close();
    this.#onClose();
  }

  readonly #onClose = (): void => {
    if (this.#ended) return;
    this.#ended = true;
    this.onclose?.();
  };
}

function ignore(): void {}
