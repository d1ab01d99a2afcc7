// Bounding how long a promise may take.

import { t } from '../i18n/messages.js';

/** Thrown by withTimeout when time runs out. */
export class TimeoutExpired extends Error {
  constructor(readonly ms: number) {
    super(t('pdf.timedOut', { ms }));
    this.name = 'TimeoutExpired';
  }
}

/**
 * Resolves or rejects as `promise` does, or rejects with TimeoutExpired after `ms`. The
 * promise keeps running after a timeout: its late rejection is swallowed, and `onLate` (if
 * given) receives its late value so that resources it holds can be released.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, onLate?: (value: T) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let expired = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(new TimeoutExpired(ms));
    }, ms);
  });
  promise.then(
    (value) => {
      if (expired) onLate?.(value);
    },
    () => undefined,
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
