// Everything checked before the first message leaves: no draft, every document has its
// recipients and its PDF, the sender and CCI_SMTP_URL are set. One problem stops the whole run
// (nothing sent), and every problem found is named at once.

import { readFile } from 'node:fs/promises';
import type { BriefingModel } from '../aggregate/model.js';
import { DeliveryError } from '../errors.js';
import type { EventConfig } from '../model/types.js';
import type { EmailLang } from './compose.js';
import { recipientsFor } from './recipients.js';
import { parseSmtpUrl, type SmtpSettings } from './smtp-url.js';

export interface DeliverableDoc {
  model: BriefingModel;
  pdfPath: string;
  lang: EmailLang;
}

export interface PreparedDoc extends DeliverableDoc {
  recipients: string[];
  pdf: Buffer;
}

export interface Prepared {
  docs: PreparedDoc[];
  from: string;
  smtp: SmtpSettings;
}

/**
 * The checks that need no PDF (sender, CCI_SMTP_URL, recipients, no draft), for `cci brief` to
 * call once the models are built and before the PDFs are printed: a missing list is then said
 * before the slow part. Throws DeliveryError naming every problem.
 */
export type DocumentAddress = Pick<BriefingModel, 'division' | 'date' | 'audience' | 'audienceCountry' | 'draft'>;

export function checkDeliverable(models: readonly DocumentAddress[], event: EventConfig, smtpUrl: string | undefined): void {
  const problems = settingsProblems(event, smtpUrl);
  for (const model of models) problems.push(...modelProblems(model, event, `${model.division} ${model.date} ${model.audience}`));
  if (problems.length > 0) throw new DeliveryError(`nothing will be emailed: ${problems.join('; ')}`);
}

function settingsProblems(event: EventConfig, smtpUrl: string | undefined): string[] {
  const problems: string[] = [];
  const from = event.distribution?.from?.trim();
  if (!from) problems.push('event.yaml has no sender address at distribution.from');
  else if (!isAddress(from)) problems.push(`event.yaml distribution.from "${from}" is not an email address`);
  const smtp = parseSmtpUrl(smtpUrl);
  if (!smtp.ok) problems.push(smtp.problem);
  return problems;
}

function modelProblems(model: DocumentAddress, event: EventConfig, what: string): string[] {
  if (model.draft) return [`${what} is a draft: drafts are never emailed`];
  const r = recipientsFor(event.distribution, model);
  return r.ok ? [] : [`${what}: ${r.missing}`];
}

function isAddress(from: string): boolean {
  return /^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>\s*$/.test(from);
}

export async function preflight(docs: readonly DeliverableDoc[], event: EventConfig, smtpUrl: string | undefined): Promise<Prepared> {
  const problems = settingsProblems(event, smtpUrl);
  const prepared: PreparedDoc[] = [];
  for (const doc of docs) {
    const docProblems = modelProblems(doc.model, event, doc.pdfPath);
    problems.push(...docProblems);
    if (doc.model.draft) continue;
    let pdf: Buffer | undefined;
    try {
      pdf = await readFile(doc.pdfPath);
    } catch (error) {
      problems.push(`${doc.pdfPath}: cannot read the PDF (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const r = recipientsFor(event.distribution, doc.model);
    if (r.ok && pdf) prepared.push({ ...doc, recipients: r.addresses, pdf });
  }
  const from = event.distribution?.from?.trim();
  const smtp = parseSmtpUrl(smtpUrl);
  if (problems.length > 0 || !smtp.ok || !from) {
    throw new DeliveryError(`nothing was emailed: ${problems.join('; ')}`);
  }
  return { docs: prepared, from, smtp: smtp.settings };
}
