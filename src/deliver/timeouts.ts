// The time limits of an SMTP session (smtp-session.ts): every network wait of a delivery is one
// of these. README, "Email and cron", states the defaults.

export interface TransportTimeouts {
  /** Name resolution, and the TCP connection (and the TLS handshake of smtps). */
  connectionMs: number;
  /** The server's first words after the connection. */
  greetingMs: number;
  /** Silence allowed while waiting for any reply. */
  socketMs: number;
  /** Hard limit on sending one message, from MAIL FROM to the final answer. */
  messageMs: number;
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = {
  connectionMs: 10_000,
  greetingMs: 10_000,
  socketMs: 15_000,
  messageMs: 60_000,
};
