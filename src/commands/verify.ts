// `cci verify FILE`: whether this exact file (PDF, HTML, JSON, STIX bundle or CSV figure table) is a document the centre issued
// — its SHA-256 in the register of issued briefings — which briefing, version, audience and
// recipients, and whether a corrigendum superseded it. Exit 0 for an issued document, 12 for
// one emailed whose delivery is uncertain (a recipient may hold it), 11 otherwise.

import { createHash } from 'node:crypto';
import { readRegularFile } from '../output/read-regular-file.js';
import { resolve } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { displayName } from '../text/control-chars.js';
import { verdictOf, type IssuedRow } from '../register/history.js';
import type { EventConfig } from '../model/types.js';
import { rowLines } from './history.js';
import { localTime, openRegisterOf, versionText } from './register-io.js';
import type { Io } from './io.js';
import { errorCodeText } from '../output/error-code.js';

export interface VerifyOptions {
  file: string;
  format?: string;
  data?: string;
  state?: string;
}

export async function runVerify(opts: VerifyOptions, io: Io): Promise<number> {
  const format = (opts.format ?? 'text').trim().toLowerCase();
  if (format !== 'text' && format !== 'json')
    throw new UsageError(t('history.badFormat', { value: opts.format ?? '' }));
  // an empty name would be the working folder: not what was meant
  if (opts.file === '') throw new UsageError(t('verify.noFile'));
  const path = resolve(io.cwd, opts.file);
  // the file's name as a message may show it: a name holding ESC or a line break cannot forge a verdict
  const shown = displayName(path);
  let bytes: Buffer;
  try {
    // a FIFO or device would block, or never end
    bytes = await readRegularFile(path, { followLinks: true });
  } catch (error) {
    throw new UsageError(t('verify.cannotRead', { file: shown, reason: errorCodeText(error) }));
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { view, event } = await openRegisterOf(opts, io);
  const verdict = verdictOf(view, sha256);
  if (format === 'json') {
    io.out(JSON.stringify({ file: path, sha256, ...verdict }, null, 2));
  } else if (verdict.kind === 'issued') {
    io.out(t('verify.issued', { file: shown }));
    for (const line of rowLines(verdict.row, event)) io.out(line);
    io.out(verdict.row.supersededBy ? supersededLine(verdict.row, event) : t('verify.current'));
  } else if (verdict.kind === 'uncertain') {
    // superseded: sending it again would help no one, the correction is what to send
    io.out(t(verdict.row.supersededBy ? 'verify.uncertainSuperseded' : 'verify.uncertain', { file: shown }));
    for (const line of rowLines(verdict.row, event)) io.out(line);
    if (verdict.row.supersededBy) io.out(supersededLine(verdict.row, event));
  } else if (verdict.kind === 'notIssued') {
    const d = verdict.document;
    io.out(
      t('verify.notIssued', {
        file: shown,
        date: d.date,
        division: d.division,
        audience: d.audience,
        version: versionText(d.version, d.corrigendum),
      }),
    );
  } else {
    io.out(t('verify.unknown', { file: shown, sha256 }));
  }
  return verdict.kind === 'issued' ? 0 : verdict.kind === 'uncertain' ? EXIT.UNCERTAIN : EXIT.NOT_ISSUED;
}

/** The version that superseded the row's, issued or emailed with an uncertain delivery. */
function supersededLine(row: IssuedRow, event: EventConfig | undefined): string {
  const later = row.supersededBy!;
  return t(later.status === 'uncertain' ? 'verify.supersededUncertain' : 'verify.superseded', {
    version: versionText(later.version, later.corrigendum),
    at: localTime(later.issuedAt, row.timezone, event),
  });
}
