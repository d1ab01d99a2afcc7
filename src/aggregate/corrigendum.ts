// RECTIFICATIF n° k / CORRIGENDUM No. k (SPEC §6): the change list of a briefing issued again
// with other content, against the version it replaces (from the register): records added,
// removed and changed (field by field), and key figures old → new. Pure.
//
// A removed or changed record is described by what the earlier version showed (its time and
// category as issued; never its texts, which the register does not keep). The corrigendum quotes
// the earlier version, so it carries at least that version's marking.

import { TLP_RANK, tlpLabel } from '../audience/marking.js';
import type { AgendaItem, Assessment, Incident, Tlp } from '../model/types.js';
import { isoInZone } from '../window/window.js';
import type { IssuedVersionFacts } from './issued.js';
import type { BriefingModel, ChangeItemView, CorrigendumView, FigureKey } from './model.js';
import { changedFields, type RecordFacts } from './record-facts.js';
import { categoryLabel, type ViewContext } from './views.js';

type Shown = Incident | Assessment | AgendaItem;

export interface CurrentContent {
  model: BriefingModel;
  shown: readonly RecordFacts[];
  late: readonly RecordFacts[];
  /** The records behind `shown` and `late`, by id (for their time and text). */
  records: ReadonlyMap<string, Shown>;
}

/** The model with its corrigendum block and, when it quotes the earlier version, at least that version's marking. */
export function withCorrigendum(
  current: CurrentContent,
  previous: IssuedVersionFacts,
  number: number,
  views: ViewContext,
): BriefingModel {
  const key = (f: RecordFacts) => `${f.kind}\0${f.id}`;
  const before = new Map<string, { f: RecordFacts; part: 'main' | 'late' }>();
  for (const f of previous.shown) before.set(key(f), { f, part: 'main' });
  for (const f of previous.late) before.set(key(f), { f, part: 'late' });
  const now = new Map<string, { f: RecordFacts; part: 'main' | 'late' }>();
  for (const f of current.shown) now.set(key(f), { f, part: 'main' });
  for (const f of current.late) now.set(key(f), { f, part: 'late' });

  const added: ChangeItemView[] = [];
  const changed: ChangeItemView[] = [];
  const removed: ChangeItemView[] = [];
  for (const [k, { f, part }] of now) {
    const old = before.get(k);
    if (!old) added.push(describeCurrent(f, part, current.records.get(f.id), views, []));
    else if (old.f.digest !== f.digest)
      changed.push(describeCurrent(f, part, current.records.get(f.id), views, changedFields(old.f.fields, f.fields)));
  }
  for (const [k, { f, part }] of before) if (!now.has(k)) removed.push(describeIssued(f, part, views));
  const byTime = (a: ChangeItemView, b: ChangeItemView) =>
    (a.time ?? '').localeCompare(b.time ?? '') || a.id.localeCompare(b.id);
  added.sort(byTime);
  changed.sort(byTime);
  removed.sort(byTime);

  const m = current.model;
  const figures: CorrigendumView['figures'] = [];
  for (const figure of m.keyFigures) {
    const scopes: ('figures' | 'previous' | 'cumulative')[] =
      figure === 'forces' ? ['figures', 'previous'] : ['figures', 'previous', 'cumulative'];
    for (const scope of scopes) {
      const from =
        scope === 'cumulative' ? previous.cumulative[figure as Exclude<FigureKey, 'forces'>] : previous[scope][figure];
      const to = scope === 'cumulative' ? m.cumulative[figure as Exclude<FigureKey, 'forces'>] : m[scope][figure];
      if (from === undefined || to === undefined || from === to) continue;
      // the previous window's forces with nothing to compare with (null) are not a revision
      if (scope === 'previous' && (from === null || to === null)) continue;
      // the window's forces without figures: null now, 0 as an earlier cci recorded them
      if (from === 0 && to === null) continue;
      figures.push({ figure, scope, from, to });
    }
  }

  const corrigendum: CorrigendumView = {
    number,
    supersedes: {
      version: previous.version,
      corrigendum: previous.corrigendum,
      at: previous.at,
      ...(previous.uncertain && { uncertain: true as const }),
    },
    added,
    removed,
    changed,
    figures,
  };
  const quotes = removed.length > 0 || changed.length > 0 || figures.length > 0;
  const tlp: Tlp = quotes && TLP_RANK[previous.tlp] > TLP_RANK[m.tlp] ? previous.tlp : m.tlp;
  const specialFrance = m.specialFrance || (quotes && previous.specialFrance && m.audience === 'national');
  // the block goes right after the document's own identification and marking
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    out[k] = v;
    if (k === 'draft') out.corrigendum = corrigendum;
  }
  return { ...(out as unknown as BriefingModel), tlp, marking: tlpLabel(tlp), specialFrance };
}

function describeCurrent(
  f: RecordFacts,
  part: 'main' | 'late',
  r: Shown | undefined,
  views: ViewContext,
  changes: ChangeItemView['changes'],
): ChangeItemView {
  const base = { id: f.id, kind: f.kind, part, changes };
  if (!r) return base;
  switch (r.kind) {
    case 'incident':
      return {
        ...base,
        time: isoInZone(r.time, views.timezone),
        category: r.category,
        categoryLabel: { ...categoryLabel(r.category, views) },
        text: { ...r.summary },
      };
    case 'assessment':
      return { ...base, time: isoInZone(r.time, views.timezone), category: r.theme, text: { ...r.title } };
    case 'agenda':
      return { ...base, time: isoInZone(r.start, views.timezone), category: r.agendaKind, text: { ...r.title } };
  }
}

function describeIssued(f: RecordFacts, part: 'main' | 'late', views: ViewContext): ChangeItemView {
  const at = f.fields.time ?? f.fields.start;
  const category = f.fields.category ?? f.fields.theme ?? f.fields.kind;
  const time =
    typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? isoInZone(new Date(at), views.timezone) : undefined;
  return {
    id: f.id,
    kind: f.kind,
    part,
    changes: [],
    ...(time !== undefined && { time }),
    ...(typeof category === 'string' && { category }),
    ...(f.kind === 'incident' &&
      typeof category === 'string' && { categoryLabel: { ...categoryLabel(category, views) } }),
  };
}
