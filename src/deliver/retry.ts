// How often and how long a run tries again after a transient failure (smtp-session.ts says which
// failures are transient: nothing was delivered, and another try may succeed).

export interface RetryPolicy {
  /** Tries per message, the first included. */
  attempts: number;
  /** Delay before the second try; doubled before each later one. */
  baseDelayMs: number;
  /** No new try starts later than this after the run's first one (the whole run's budget). */
  deadlineMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 5_000, deadlineMs: 60_000 };

/** Delay before try number `attempt` (2, 3, ...). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return policy.baseDelayMs * 2 ** Math.max(0, attempt - 2);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
