// The crashes of a browser's targets as DevTools reports them (Target.targetCrashed), for a page
// that is still being opened. puppeteer's Page reports its renderer's crash (its 'error' event)
// only once the Page exists: a renderer killed while newPage() was under way left newPage()
// waiting for answers that never come (30–60 s), so the page being opened is raced against
// the browser's next target crash instead.

import type { Browser } from 'puppeteer-core';

export interface CrashWait {
  /**
   * Rejects (with Chromium's status for the crash, e.g. "killed") when a target the browser made
   * after the wait began crashes: the page being opened, not one opened before (a crashed
   * spare page whose crash is reported late).
   */
  crashed: Promise<never>;
  /** Ends the wait (always call it). */
  stop(): void;
}

export interface CrashWatch {
  /** A wait for the crash of a target made from now on. */
  next(): CrashWait;
}

/**
 * Listens to the browser's target crashes on its DevTools connection, through a session of its
 * own on the browser target (opened in the background; a crash before it is open is not seen,
 * and the caller's own time limit applies). Never throws.
 */
interface Waiter {
  /** Targets made since the wait began. */
  made: Set<string>;
  crashed(status: string): void;
}

export function watchCrashes(browser: Browser): CrashWatch {
  const waiters = new Set<Waiter>();
  void browser
    .target()
    .createCDPSession()
    .then((session) => {
      const connection = session.connection();
      connection?.on('Target.targetCreated', (event) => {
        for (const waiter of waiters) waiter.made.add(event.targetInfo.targetId);
      });
      connection?.on('Target.targetCrashed', (event) => {
        for (const waiter of [...waiters]) if (waiter.made.has(event.targetId)) waiter.crashed(event.status);
      });
    })
    .catch(() => undefined);
  return {
    next() {
      let waiter: Waiter | undefined;
      const crashed = new Promise<never>((_, reject) => {
        waiter = { made: new Set(), crashed: (status) => reject(new Error(status)) };
        waiters.add(waiter);
      });
      crashed.catch(() => undefined);
      return {
        crashed,
        stop: () => {
          if (waiter) waiters.delete(waiter);
        },
      };
    },
  };
}
