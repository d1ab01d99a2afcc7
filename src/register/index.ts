// The register of issued briefings (SPEC §6): format.ts (the lines), chain.ts (reading and
// checking them), view.ts (what a briefing needs from it), entries.ts (making entries),
// content.ts (the content hash), register-file.ts (the file in the state folder).

export { REGISTER_FILE, REGISTER_FORMAT } from './format.js';
export type { DocumentEntry, DeliveryEntry, ApprovalEntry, Entry, FileRef } from './format.js';
export { contentHash, shortHash } from './content.js';
export {
  appendRegister,
  checkRegisterLock,
  privateStateFolder,
  readRegister,
  registerNotice,
  registerPath,
  stateFolderProblem,
  stateLock,
} from './register-file.js';
export {
  approvalOf,
  documentState,
  emptyView,
  findFile,
  issuedFactsFor,
  laterVersions,
  latestApproval,
  versionsOf,
  type BriefingKey,
  type DocumentKey,
  type DocumentRecord,
  type RegisterView,
} from './view.js';
export { approvalBody, sourceKey } from './entries.js';
import { sourceKey } from './entries.js';
export { historyRows, localTime, verdictOf } from './history.js';
import { addDays } from '../window/calendar.js';
import { issuedFactsFor, settledSourcesFor, type BriefingKey, type RegisterView } from './view.js';

/** The locks of a run that issues briefings: one per division, date and audience. */
export function issueLockKeys(keys: readonly BriefingKey[]): string[] {
  return [...new Set(keys.map((k) => `issue-${k.division}-${k.date}-${k.audience.replace(':', '-')}`))].sort();
}

/**
 * What the late reports of these briefings need loaded in full: the incidents from the day
 * before the earliest window issued to their audiences, except those of files unchanged since
 * (settledSourcesFor: for every briefing of the run; never for drafts, which show records no
 * issued briefing compared). Undefined when nothing was issued to them.
 */
export function lateLoadPlan(
  view: RegisterView,
  keys: readonly BriefingKey[],
  draft: boolean,
): { fromDay: string; settled: (key: string) => boolean } | undefined {
  let first: string | undefined;
  let settled: Set<string> | undefined;
  for (const k of keys) {
    const w = issuedFactsFor(view, k)?.windows[0];
    if (!w) continue;
    if (first === undefined || w.date < first) first = w.date;
    const mine = draft ? new Set<string>() : settledSourcesFor(view, k);
    settled = settled === undefined ? new Set(mine) : new Set([...settled].filter((s) => mine.has(s)));
  }
  if (first === undefined) return undefined;
  const all = settled ?? new Set<string>();
  return { fromDay: addDays(first, -1), settled: (key) => all.has(sourceKey(key)) };
}
