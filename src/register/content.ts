// The content hash of a briefing: SHA-256 (hex) of its model in canonical JSON
// (src/text/canonical-json.ts), less the corrigendum block. It is what approval approves and
// what "changed since issued" compares.
//
// Everything a recipient reads is in the model, so the hash covers it all: the figures, every
// record shown, the key messages, the marking, and the late-report section. The late reports
// are derived from the register, but from the register as the run that first issued the
// briefing read it (its `basis`, src/register/view.ts), so building the same briefing again
// gives the same hash until its data changes, whatever other runs recorded meanwhile; approving a briefing therefore approves its late reports too, which
// recipients read like the rest. The corrigendum block is left out: it is derived from this
// content and the version it replaces, and the question "has the content changed since it was
// issued?" must compare contents, not change lists. The model holds no time of its making, no
// path and nothing of the machine, so the hash is the same on every machine and in every run.
// A field a later cci adds to the model is hashed only where it carries something new, so that
// an upgrade in the middle of an event does not make every issued briefing look changed.

import { createHash } from 'node:crypto';
import type { BriefingModel } from '../aggregate/model.js';
import { canonicalJson } from '../text/canonical-json.js';
import { addDays } from '../window/calendar.js';
import { isoInZone, zonedInstant } from '../window/window.js';

export function contentHash(model: BriefingModel): string {
  const { corrigendum: _c, briefingTime, ...rest } = model;
  // `briefingTime` (added in a later cci) is hashed only where it says something the division's
  // time does not (a day the clocks skip it): a briefing issued by an earlier cci, built again
  // from the same data, keeps its hash, so it is not taken for a changed one
  const timed = briefingTime === model.divisionTime ? rest : { ...rest, briefingTime };
  // the closing briefing names no next briefing; an earlier cci named the day after's: hashed so,
  // a value the date, the division and its time fix, so that nothing is lost from the hash
  if (timed.nextBriefing === undefined)
    timed.nextBriefing = {
      division: model.division,
      title: model.divisionTitle,
      at: isoInZone(
        zonedInstant(addDays(model.date, 1), model.divisionTime, model.event.timezone),
        model.event.timezone,
      ),
    };
  // `figures.forces` is null where there are no figures (an earlier cci wrote 0): hashed as 0
  const content = model.figures.forces === null ? { ...timed, figures: { ...model.figures, forces: 0 } } : timed;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** `sha256:1a2b3c4d5e6f`: a content hash as people read it (12 digits). */
export function shortHash(hash: string): string {
  return `sha256:${hash.slice(0, 12)}`;
}
