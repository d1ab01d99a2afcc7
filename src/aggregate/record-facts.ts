// What a record says, as a register keeps it: a content digest (SHA-256 of the record's facts
// in canonical JSON) and, field by field, its short values as they are and its texts as a short
// digest. Two versions of a record have the same digest exactly when they say the same thing;
// comparing their fields says what changed (`arrests: 1 → 3`, `summary_en` changed).
//
// The markings (tlp, releasability, status) are not content: a record re-marked says the same
// thing (visibility decides whether an audience sees it at all). They are kept beside the
// digest, because a document that quotes an earlier version's values carries its marking too.
// Pure; the facts of a record object are computed once per run (a batch of 141 audiences shares them).

import { createHash } from 'node:crypto';
import type { AgendaItem, Assessment, Incident, Tlp } from '../model/types.js';
import { canonicalJson } from '../text/canonical-json.js';

export type FactValue = string | number | boolean;
export type FactKind = 'incident' | 'assessment' | 'agenda';

export interface RecordFacts {
  id: string;
  kind: FactKind;
  /** SHA-256 of the record's content in canonical JSON, its first 128 bits (32 hex digits): enough to tell two contents apart. */
  digest: string;
  /** Its fields by their data-file names: short values as written, texts as `#` + 16 hex digits of their SHA-256. */
  fields: Readonly<Record<string, FactValue>>;
  tlp: Tlp;
  specialFrance: boolean;
}

/** A field that differs between two versions: its values when they are short ones, else only that it changed. */
export interface FieldChange {
  field: string;
  /** Absent: the field was empty, or is a text (see `text`). */
  from?: FactValue;
  to?: FactValue;
  /** A text field: its values are not kept, only that it changed. */
  text?: boolean;
}

/** Fields kept as a digest: free text. */
const TEXT_FIELDS = new Set(['summary_fr', 'summary_en', 'title_fr', 'title_en', 'body_fr', 'body_en', 'commune']);

const cache = new WeakMap<object, RecordFacts>();

export function factsOf(r: Incident | Assessment | AgendaItem): RecordFacts {
  let f = cache.get(r);
  if (!f) {
    f = build(r.id, r.kind, content(r), r.tlp, r.specialFrance);
    cache.set(r, f);
  }
  return f;
}

/** A record's content, field by field, texts in full (what the digest covers). */
function content(r: Incident | Assessment | AgendaItem): Record<string, FactValue | undefined> {
  switch (r.kind) {
    case 'incident':
      return {
        time: r.time.toISOString(),
        category: r.category,
        severity: r.severity,
        venue: r.venue,
        area: r.area,
        commune: r.commune,
        summary_fr: r.summary.fr,
        summary_en: r.summary.en,
        arrests: r.arrests,
        custody: r.custody,
        nationalities: r.nationalities.length > 0 ? [...r.nationalities].sort().join(' ') : undefined,
        games_impact: r.gamesImpact,
        source: r.reportingService,
        grading: r.grading,
      };
    case 'assessment':
      return {
        time: r.time.toISOString(),
        theme: r.theme,
        level: r.level,
        title_fr: r.title.fr,
        title_en: r.title.en,
        body_fr: r.body.fr,
        body_en: r.body.en,
        source: r.reportingService,
        grading: r.grading,
      };
    case 'agenda':
      return {
        start: r.start.toISOString(),
        end: r.end?.toISOString(),
        kind: r.agendaKind,
        title_fr: r.title.fr,
        title_en: r.title.en,
        venue: r.venue,
        area: r.area,
        risk: r.risk,
      };
  }
}

function build(
  id: string,
  kind: FactKind,
  full: Record<string, FactValue | undefined>,
  tlp: Tlp,
  specialFrance: boolean,
): RecordFacts {
  const present: Record<string, FactValue> = {};
  const fields: Record<string, FactValue> = {};
  for (const [k, v] of Object.entries(full)) {
    if (v === undefined || v === '') continue;
    present[k] = v;
    fields[k] = TEXT_FIELDS.has(k) && typeof v === 'string' ? `#${sha256(v).slice(0, 16)}` : v;
  }
  const digest = sha256(canonicalJson({ id, kind, ...present })).slice(0, 32);
  return { id, kind, digest, fields, tlp, specialFrance };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The fields that differ from `before` to `after`, in a stable order (the record's own field order, then the rest). */
export function changedFields(
  before: Readonly<Record<string, FactValue>>,
  after: Readonly<Record<string, FactValue>>,
): FieldChange[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const out: FieldChange[] = [];
  for (const field of keys) {
    const a = before[field];
    const b = after[field];
    if (a === b) continue;
    if (TEXT_FIELDS.has(field)) {
      out.push({ field, text: true });
      continue;
    }
    out.push({ field, ...(a !== undefined && { from: a }), ...(b !== undefined && { to: b }) });
  }
  return out;
}
