// The mail line of `cci doctor`: CCI_SMTP_URL read, the TLS policy that applies to its server,
// and the server checked for real — connection, EHLO, STARTTLS or TLS with its certificate,
// AUTH — with short time limits, then QUIT: no mail is sent. Nothing printed shows a credential.

import { t } from '../i18n/messages.js';
import { redactor } from './redact.js';
import { resolveServer, tlsPlan, type TlsPlan } from './server-address.js';
import { SmtpFailure } from './smtp-failure.js';
import { openSession, systemNetwork, type Network, type SessionFacts } from './smtp-session.js';
import type { TransportTimeouts } from './timeouts.js';
import { parseSmtpUrl, type SmtpSettings } from './smtp-url.js';
import { oneLine } from '../text/one-line.js';

export interface MailCheck {
  status: 'ok' | 'warn' | 'fail';
  detail: string;
}

/** Each wait of the check (resolution, connection, greeting, each reply). */
export const CHECK_TIMEOUTS: TransportTimeouts = {
  connectionMs: 3000,
  greetingMs: 3000,
  socketMs: 3000,
  messageMs: 3000,
};

export async function checkMailServer(
  smtpUrl: string | undefined,
  o: { network?: Partial<Network>; timeouts?: Partial<TransportTimeouts> } = {},
): Promise<MailCheck> {
  if (!smtpUrl?.trim()) return { status: 'warn', detail: t('doctor.noSmtp') };
  const parsed = parseSmtpUrl(smtpUrl);
  if (!parsed.ok) return { status: 'fail', detail: parsed.problem };
  const settings = parsed.settings;
  const redact = redactor(settings.secrets);
  const network: Network = { ...systemNetwork, ...o.network };
  const timeouts = { ...CHECK_TIMEOUTS, ...o.timeouts };
  const url = settings.display;

  const resolved = await resolveServer(settings.host, network.lookup, timeouts.connectionMs);
  if (!resolved.ok) {
    const reason =
      resolved.reason === 'notFound'
        ? t('deliver.reason.hostNotFound', { host: settings.host })
        : t('deliver.reason.dnsTimeout', { host: settings.host, seconds: String(timeouts.connectionMs / 1000) });
    return { status: 'fail', detail: t('doctor.mail.failed', { url, policy: policyOf(settings, undefined), reason }) };
  }
  const plan = tlsPlan(settings, resolved.loopback);
  const policy = policyOf(settings, plan);
  // The addresses just checked, not a second resolution.
  const pinned: Network = {
    ...network,
    lookup: async () => resolved.addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
  };
  try {
    const session = await openSession({ settings, timeouts, network: pinned, redact });
    const facts = session.facts();
    await session.close();
    const detail = t('doctor.mail.reached', { url, policy, session: sessionOf(facts, settings) });
    return { status: plan.kind === 'clearAllowed' && plan.why === 'optOut' ? 'warn' : 'ok', detail: redact(detail) };
  } catch (error) {
    const reason =
      error instanceof SmtpFailure ? error.reason : oneLine(redact(String((error as Error).message ?? error)));
    return { status: 'fail', detail: redact(t('doctor.mail.failed', { url, policy, reason })) };
  }
}

/** What the TLS policy is for this server, in words. */
function policyOf(settings: SmtpSettings, plan: TlsPlan | undefined): string {
  if (settings.secure || plan?.kind === 'implicit') return t('doctor.mail.policy.implicit');
  if (!plan) return t(settings.tlsOptOut ? 'doctor.mail.policy.optOut' : 'doctor.mail.policy.unknown');
  if (plan.kind === 'starttls') return t('doctor.mail.policy.starttls');
  return t(plan.why === 'loopback' ? 'doctor.mail.policy.loopback' : 'doctor.mail.policy.optOut');
}

/** What the session established: the address, TLS and its certificate, the login. */
function sessionOf(facts: SessionFacts, settings: SmtpSettings): string {
  const tls = !facts.tlsProtocol
    ? t('doctor.mail.clear')
    : facts.certificateChecked
      ? t('doctor.mail.tlsChecked', { protocol: facts.tlsProtocol, host: settings.host })
      : t('doctor.mail.tlsUnchecked', { protocol: facts.tlsProtocol });
  const login = facts.loggedIn ? t('doctor.mail.loggedIn') : t('doctor.mail.noLogin');
  return t('doctor.mail.session', { address: facts.address, tls, login });
}
