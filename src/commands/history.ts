// `cci history`: what was issued, when, to whom, which version and marking, from the register
// of issued briefings only; as text, or JSON (--format json).

import { audienceId } from '../audience/audience.js';
import { parseAudience } from '../audience/parse-audience.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { historyRows, type IssuedRow } from '../register/history.js';
import { parseDateOption, parseDivision } from '../config/options.js';
import { localTime, locateRegister, readExistingRegister, versionText } from './register-io.js';
import type { EventConfig } from '../model/types.js';
import type { Io } from './io.js';

export interface HistoryOptions {
  date?: string;
  division?: string;
  audience?: string;
  format?: string;
  data?: string;
  state?: string;
}

export async function runHistory(opts: HistoryOptions, io: Io): Promise<number> {
  const format = (opts.format ?? 'text').trim().toLowerCase();
  if (format !== 'text' && format !== 'json')
    throw new UsageError(t('history.badFormat', { value: opts.format ?? '' }));
  const { event, stateDir } = await locateRegister(opts, io);
  // the options are read as cci brief reads them (same parsers, messages and exit code), before the register
  const filter = {
    ...(opts.date !== undefined && { date: parseDateOption(opts.date) }),
    ...(opts.division !== undefined && {
      division: event ? parseDivision(opts.division, event) : opts.division.trim(),
    }),
    ...(opts.audience !== undefined && { audience: audienceText(opts.audience, event) }),
  };
  const view = await readExistingRegister(stateDir, event);
  const rows = historyRows(view, filter);
  if (format === 'json') {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    io.info(t('history.none'));
    return 0;
  }
  rows.forEach((row, i) => {
    if (i > 0) io.out('');
    for (const line of rowLines(row, event)) io.out(line);
  });
  return 0;
}

/**
 * One audience as the register writes it (country:DEU), read like --audience of cci brief;
 * without the event, any ISO 3166-1 country (its partners are not known).
 */
function audienceText(text: string, event: EventConfig | undefined): string {
  const [first, ...more] = parseAudience(text, event ? event.partners : null);
  if (!first || more.length > 0) throw new UsageError(t('history.oneAudience', { value: text }));
  return audienceId(first);
}
export function rowLines(row: IssuedRow, event: EventConfig | undefined): string[] {
  const lang = row.lang === 'both' ? 'fr+en' : row.lang;
  const lines = [
    t('history.head', {
      date: row.date,
      serial: row.serial,
      division: row.division,
      audience: row.audience,
      lang,
      version: versionText(row.version, row.corrigendum),
      marking: row.marking,
    }),
  ];
  if (row.via === 'hand')
    lines.push(`  ${t('history.handedOut', { at: localTime(row.issuedAt, row.timezone, event), by: row.by ?? '?' })}`);
  else if (row.status === 'uncertain') {
    lines.push(
      `  ${t('history.uncertainOnly', { at: localTime(row.issuedAt, row.timezone, event), addresses: row.recipients.map((r) => r.address).join(', ') })}`,
    );
    const ids = [...new Set(row.recipients.map((r) => r.messageId))];
    if (ids.length > 0) lines.push(`  ${t('history.messageId', { ids: ids.join(', ') })}`);
  } else {
    const sent = row.recipients.filter((r) => r.status !== 'uncertain').map((r) => r.address);
    const uncertain = row.recipients.filter((r) => r.status === 'uncertain').map((r) => r.address);
    lines.push(
      `  ${t('history.emailed', { at: localTime(row.issuedAt, row.timezone, event), n: sent.length, addresses: sent.join(', ') })}`,
    );
    if (uncertain.length > 0) lines.push(`  ${t('history.uncertain', { addresses: uncertain.join(', ') })}`);
    const ids = [...new Set(row.recipients.map((r) => r.messageId))];
    if (ids.length > 0) lines.push(`  ${t('history.messageId', { ids: ids.join(', ') })}`);
  }
  for (const f of row.files) lines.push(`  ${t('history.file', { name: f.name, sha256: f.sha256 })}`);
  if (row.supersededBy) {
    lines.push(
      `  ${t(row.supersededBy.status === 'uncertain' ? 'history.supersededByUncertain' : 'history.supersededBy', { version: versionText(row.supersededBy.version, row.supersededBy.corrigendum), at: localTime(row.supersededBy.issuedAt, row.timezone, event) })}`,
    );
  }
  return lines;
}
