// The register of issued briefings (SPEC §6): format.ts (the lines), chain.ts (reading and
// checking them), view.ts (what a briefing needs from it), entries.ts (making entries),
// content.ts (the content hash), register-file.ts (the file in the state folder).

export { REGISTER_FILE, REGISTER_FORMAT } from './format.js';
export type { DocumentEntry, DeliveryEntry, ApprovalEntry, Entry, FileRef } from './format.js';
export { contentHash, shortHash } from './content.js';
export { appendRegister, privateStateFolder, readRegister, registerPath, stateLock } from './register-file.js';
export {
  approvalOf, documentState, emptyView, findFile, issuedFactsFor, laterVersions, latestApproval, versionsOf,
  type BriefingKey, type DocumentKey, type DocumentRecord, type RegisterView,
} from './view.js';
export { approvalBody } from './entries.js';
export { historyRows, localTime, verdictOf } from './history.js';
import { addDays } from '../window/calendar.js';
import { issuedFactsFor, type BriefingKey, type RegisterView } from './view.js';

/** The locks of a run that issues briefings: one per division, date and audience. */
export function issueLockKeys(keys: readonly BriefingKey[]): string[] {
  return [...new Set(keys.map((k) => `issue-${k.division}-${k.date}-${k.audience.replace(':', '-')}`))].sort();
}

/**
 * The first day whose incidents the late reports of these briefings read in full (the day
 * before the earliest window issued to their audiences), or undefined when nothing was issued.
 */
export function lateReportsFullFrom(view: RegisterView, keys: readonly BriefingKey[]): string | undefined {
  let first: string | undefined;
  for (const k of keys) {
    const w = issuedFactsFor(view, k)?.windows[0];
    if (w && (first === undefined || w.date < first)) first = w.date;
  }
  return first === undefined ? undefined : addDays(first, -1);
}
