// Everything checked before the first message leaves: no draft, every document has its
// recipients and its PDF, the sender and CCI_SMTP_URL are set and well formed. One problem stops
// the whole run (nothing sent), and every problem found is named at once, briefly: the countries
// without a list are one line (how many, and their codes, cut after ten).

import { readFile } from 'node:fs/promises';
import type { BriefingModel } from '../aggregate/model.js';
import { DeliveryError } from '../errors.js';
import { t, tn } from '../i18n/messages.js';
import type { EventConfig } from '../model/types.js';
import type { EmailLang } from './compose.js';
import { countryOf, recipientsFor, shortList } from './recipients.js';
import { parseSmtpUrl, type SmtpSettings } from './smtp-url.js';
import { SEND_LOG_NAME, SendLog } from './send-log.js';
import { join } from 'node:path';
import type { RegisterEntryRef } from './send-log.js';
import { errorText } from '../text/one-line.js';
import { errorCodeText } from '../output/error-code.js';

export interface DeliverableDoc {
  model: BriefingModel;
  pdfPath: string;
  lang: EmailLang;
  /** Every address of this document, instead of event.yaml's list (a corrigendum: the original's recipients). */
  recipients?: readonly string[];
  /**
   * Addresses the register of issued briefings says already have this version, or may have it
   * (`uncertain`; `interrupted`: a run stopped while sending it): not sent again.
   */
  served?: readonly { address: string; at: string; uncertain: boolean; interrupted?: true }[];
  /**
   * The register entry of this version (its seq and hash), written on each of its send-log lines:
   * a witness, outside the state folder, of what the register held (register-witness.ts).
   */
  registerEntry?: RegisterEntryRef;
}

export interface PreparedDoc extends DeliverableDoc {
  recipients: readonly string[];
  pdf: Buffer;
}

export interface Prepared {
  docs: PreparedDoc[];
  from: string;
  smtp: SmtpSettings;
}

export type DocumentAddress = Pick<BriefingModel, 'division' | 'date' | 'audience' | 'audienceCountry' | 'draft'>;

/**
 * The checks that need no PDF (sender, CCI_SMTP_URL, recipients, no draft), for `cci brief` to
 * call once it knows the documents of the run and before it writes any file: a missing list
 * then fails the run before anything is written or printed. Throws DeliveryError (exit 6)
 * naming every problem.
 */
export function checkDeliverable(
  models: readonly DocumentAddress[],
  event: EventConfig,
  smtpUrl: string | undefined,
): void {
  const problems = [...settingsProblems(event, smtpUrl), ...documentProblems(models, event)];
  if (problems.length > 0)
    throw new DeliveryError(t('deliver.check.nothingWritten', { problems: problems.join('; ') }));
}

/**
 * The output folder's send log must be readable before anything is written or sent: it is what
 * keeps a rerun from mailing the same briefing twice. A folder, a named pipe or a link in its
 * place fails the run at once (DeliveryError, exit 6); no log at all is fine.
 */
export async function checkSendLog(outDir: string): Promise<void> {
  try {
    await SendLog.open(outDir);
  } catch (error) {
    throw new DeliveryError(
      t('deliver.check.nothingWritten', {
        problems: t('deliver.check.sendLogUnreadable', {
          path: join(outDir, SEND_LOG_NAME),
          code: errorCodeText(error),
        }),
      }),
      { cause: error },
    );
  }
}

function settingsProblems(event: EventConfig, smtpUrl: string | undefined): string[] {
  const problems: string[] = [];
  const from = event.distribution?.from?.trim();
  if (!from) problems.push(t('deliver.check.noFrom'));
  else if (!isAddress(from)) problems.push(t('deliver.check.badFrom', { from }));
  const smtp = parseSmtpUrl(smtpUrl);
  if (!smtp.ok) problems.push(smtp.problem);
  return problems;
}

/** Drafts, and documents without addresses: the country lists missing grouped in one line. */
function documentProblems(models: readonly DocumentAddress[], event: EventConfig): string[] {
  const problems: string[] = [];
  const missingCountries: string[] = [];
  const listedCountries: string[] = [];
  const countries = new Set<string>();
  const seen = new Set<string>();
  for (const model of models) {
    const what = `${model.division} ${model.date} ${model.audience}`;
    if (model.draft) {
      problems.push(t('deliver.check.draft', { what }));
      continue;
    }
    const country = countryOf(model);
    if (country !== undefined) countries.add(country);
    const r = recipientsFor(event.distribution, model);
    if (r.ok && country !== undefined && !listedCountries.includes(country)) listedCountries.push(country);
    if (r.ok || seen.has(r.where)) continue;
    seen.add(r.where);
    if (r.why === 'noDistribution') problems.push(t('deliver.check.noDistribution', { what, where: r.where }));
    else if (country !== undefined) missingCountries.push(country);
    else problems.push(t('deliver.check.noAddress', { what, where: r.where }));
  }
  if (missingCountries.length > 0) {
    const { list, more } = shortList(missingCountries);
    const codes = more > 0 ? t('deliver.check.andMore', { list, more }) : list;
    const all = missingCountries.length === countries.size;
    const n = missingCountries.length;
    problems.push(
      all
        ? tn('deliver.check.allCountriesWithoutList', n, { total: countries.size, codes })
        : tn('deliver.check.countriesWithoutList', n, {
            total: countries.size,
            codes,
            example: listedCountries
              .slice(0, 2)
              .map((c) => `country:${c}`)
              .join(','),
          }),
    );
  }
  return problems;
}

function isAddress(from: string): boolean {
  return /^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>\s*$/.test(from);
}

/** Reads the PDFs and checks everything again; throws DeliveryError naming every problem. */
export async function preflight(
  docs: readonly DeliverableDoc[],
  event: EventConfig,
  smtpUrl: string | undefined,
): Promise<Prepared> {
  const problems = [
    ...settingsProblems(event, smtpUrl),
    ...documentProblems(
      docs.filter((d) => !d.recipients).map((d) => d.model),
      event,
    ),
  ];
  const prepared: PreparedDoc[] = [];
  for (const doc of docs) {
    if (doc.model.draft) continue;
    let pdf: Buffer | undefined;
    try {
      pdf = await readFile(doc.pdfPath);
    } catch (error) {
      problems.push(
        t('deliver.check.noPdf', {
          file: doc.pdfPath,
          reason: (error as NodeJS.ErrnoException).code ?? errorText(error),
        }),
      );
    }
    const r = doc.recipients
      ? { ok: true as const, addresses: [...doc.recipients] }
      : recipientsFor(event.distribution, doc.model);
    if (r.ok && pdf) prepared.push({ ...doc, recipients: r.addresses, pdf });
  }
  const from = event.distribution?.from?.trim();
  const smtp = parseSmtpUrl(smtpUrl);
  if (problems.length > 0 || !smtp.ok || !from) {
    throw new DeliveryError(t('deliver.check.nothingEmailed', { problems: problems.join('; ') }));
  }
  return { docs: prepared, from, smtp: smtp.settings };
}
