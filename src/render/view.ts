// What the templates need beyond the model itself: derived values computed once per document
// (title, key-figure cards, threat scale, how the division chooses its incidents). Pure
// functions of the model and the language.

import type { BriefingModel, FigureKey, RevisionView } from '../aggregate/model.js';
import { message } from '../i18n/document-messages.js';
import { eventWord } from '../i18n/event-words.js';
import { langsOf, primaryLang, type DocLang, type Lang } from '../i18n/lang.js';
import type { SectionId } from '../model/sections.js';
import type { Bilingual } from '../model/types.js';
import { formatter } from './format.js';
import { textIn } from './markup.js';
import { cjkFormsOf, type CjkForms } from './cjk-forms.js';

export type { FigureKey } from '../aggregate/model.js';

export interface FigureCard {
  key: FigureKey;
  /** Undefined: not applicable (forces of an event with no deployment figures up to this day). */
  value?: number;
  /** The figure compared with; undefined when there is none (no earlier figures). */
  previous?: number;
  change?: number;
  /** The day `previous` is for, when it is a day's figure (forces), not the previous window. */
  previousDate?: string;
  /** The day `value` is for, when it is not the briefing's own day (forces, latest available). */
  figuresDate?: string;
  /** Running total since the opening, where the model has one. */
  cumulative?: number;
  /** An increase is worse (incidents), better, or neither (neutral). */
  polarity: 'worse' | 'neutral';
  /** The previous period's figure as issued, when it has been revised since (late reports). */
  revisedFrom?: number;
  /** Revised from no figure at all (forces the issued briefing showed as n/a). */
  revisedFromNone?: boolean;
}

export interface ThreatStep {
  id: string;
  label: Bilingual;
  current: boolean;
  /** Its place on the scale, for its colour: the lowest level, one in between, or the highest. */
  rank: 'low' | 'mid' | 'top';
}

export interface View {
  mode: DocLang;
  htmlLang: Lang;
  /** The regional forms of the CJK font the document prefers (briefing.css `.cjk-*`): the host's (cjk-forms.ts). */
  cjk: CjkForms;
  docTitle: string;
  serial: string;
  /** The window is not 24 hours long (clock change). */
  irregularWindow: boolean;
  /**
   * The title's size class in the title block, from its longest language shown: `''` (up to 60
   * characters), `title-long` (up to 120), `title-very-long` (up to the validated 200): smaller
   * type, so that the block stays on the first page.
   */
  titleSize: '' | 'title-long' | 'title-very-long';
  /**
   * The size class of the word beside the serial number (the event's labels: event_day, up to the
   * validated 200 characters), from its longest language shown: `''` (up to 24 characters),
   * `label-long` (up to 60), `label-very-long`: a wider box, smaller type; it wraps inside its box
   * and leaves the division title its room.
   */
  serialLabelSize: '' | 'label-long' | 'label-very-long';
  /** The next briefing is another division's: the title block names it (its own is not repeated). */
  nextIsOther: boolean;
  /** The sections, in the division's order (templates/briefing.hbs dispatches on them). */
  sections: SectionId[];
  cards: FigureCard[];
  threatScale: ThreatStep[];
  /** How the division chooses its incidents: every category, the intelligence ones, or a list. */
  categoryScope: 'all' | 'intelligence' | 'list';
  /** Some item shows a source grading: print the grading legend. */
  hasGrading: boolean;
  /** The division shows the map section: print the map's sources in the notes when it is drawn. */
  hasMap: boolean;
  /** The UTC offset of the event's zone over the window, e.g. `+2`, or `+2 → +1` across a clock change. */
  zoneOffset: string;
  /** Some day of the trend is not applicable (before the opening, or no data folder). */
  trendHasGaps: boolean;
}

const POLARITY: Record<FigureKey, FigureCard['polarity']> = {
  incidents: 'worse',
  gamesImpact: 'worse',
  arrests: 'neutral',
  custody: 'neutral',
  forces: 'neutral',
};

export function buildView(m: BriefingModel, mode: DocLang): View {
  const lang = primaryLang(mode);
  const serial = interpolateSerial(lang, m.serial);
  const fmt = formatter(lang, m.event.timezone);
  const division = textIn(m.divisionTitle, lang) ?? textIn(m.divisionTitle, lang === 'fr' ? 'en' : 'fr') ?? m.division;
  const corrigendum = m.corrigendum
    ? `${message(lang, 'corrigendum.title').replace('{n}', String(m.corrigendum.number))} – `
    : '';
  const docTitle = `${corrigendum}${division} – ${serial} – ${fmt.date(m.date)}`;

  const previousDate = m.previousWindow.end.slice(0, 10);
  const revisions = m.lateReports?.revisions ?? [];
  const revised = new Map(
    revisions
      .filter((r) => r.date === previousDate)
      .flatMap((r) => (r.from === null ? [] : [[r.figure, r.from] as const])),
  );
  const cards: FigureCard[] = m.keyFigures.map((key) =>
    key === 'forces'
      ? forcesCard(m, revisions)
      : {
          key,
          value: m.figures[key],
          previous: m.previous[key],
          change: m.figures[key] - m.previous[key],
          polarity: POLARITY[key],
          cumulative: m.cumulative[key],
          ...(revised.has(key) && { revisedFrom: revised.get(key)! }),
        },
  );

  const levels = m.threatScale?.levels ?? [];
  const threatScale = levels.map((l, i): ThreatStep => ({
    id: l.id,
    label: l.label,
    current: l.id === m.threatLevel,
    rank: i === levels.length - 1 && i > 0 ? 'top' : i === 0 ? 'low' : 'mid',
  }));

  const graded = [
    ...(m.notable ?? []),
    ...(m.intelligenceIncidents ?? []),
    ...(m.countryNotes ?? []),
    ...(m.assessments ?? []).flatMap((g) => g.assessments),
  ];
  const scope = m.coverage.categories;
  const titleLength = Math.max(0, ...langsOf(mode).map((l) => [...(textIn(m.divisionTitle, l) ?? '')].length));
  const labelLength = m.nextBriefing
    ? Math.max(
        0,
        ...langsOf(mode).map(
          (l) => [...(eventWord(m.words, l, 'title.serialLabel') ?? message(l, 'title.serialLabel'))].length,
        ),
      )
    : Math.max(0, ...langsOf(mode).map((l) => [...message(l, 'title.serialLabelClosing')].length));
  return {
    mode,
    htmlLang: lang,
    cjk: cjkFormsOf(m.event.host),
    docTitle,
    serial,
    irregularWindow: m.window.hours !== 24,
    titleSize: titleLength > 120 ? 'title-very-long' : titleLength > 60 ? 'title-long' : '',
    serialLabelSize: labelLength > 60 ? 'label-very-long' : labelLength > 24 ? 'label-long' : '',
    nextIsOther: m.nextBriefing !== undefined && m.nextBriefing.division !== m.division,
    sections: m.sections,
    cards,
    threatScale,
    categoryScope: scope === 'all' || scope === 'intelligence' ? scope : 'list',
    hasGrading: graded.some((x) => x.grading !== undefined && x.grading !== ''),
    hasMap: m.sections.includes('map'),
    zoneOffset: zoneOffsetLabel(m.window.start, m.window.end),
    trendHasGaps: (m.trend ?? []).some((p) => !p.applicable),
  };
}

/**
 * The forces card: the figures of the day shown in the forces section, compared with the same
 * earlier day as there (the latest earlier day with figures, named by its date); "n/a" when the
 * event has no figures up to this day.
 */
function forcesCard(m: BriefingModel, revisions: readonly RevisionView[]): FigureCard {
  const f = m.forces;
  if (!f?.date) return { key: 'forces', polarity: POLARITY.forces };
  const compared = f.previousTotal !== undefined && f.previousDate !== undefined;
  // the briefing of the compared day stated another total, revised since (late reports)
  const revision = compared
    ? revisions.find((r) => r.figure === 'forces' && r.date === f.previousDate && r.to === f.previousTotal)
    : undefined;
  return {
    key: 'forces',
    value: f.total,
    polarity: POLARITY.forces,
    ...(f.date !== m.date && { figuresDate: f.date }),
    ...(compared && { previous: f.previousTotal, previousDate: f.previousDate, change: f.total - f.previousTotal! }),
    ...(revision && (revision.from === null ? { revisedFromNone: true } : { revisedFrom: revision.from })),
  };
}

/** `+2` from the ISO offsets of the window's ends (`…+02:00`); `+2 → +1` when they differ. */
export function zoneOffsetLabel(start: string, end: string): string {
  const a = offsetLabel(start);
  const b = offsetLabel(end);
  return a === b ? a : `${a} → ${b}`;
}

function offsetLabel(iso: string): string {
  const m = /(Z|([+-])(\d{2}):(\d{2}))$/.exec(iso);
  if (!m || m[1] === 'Z') return '+0';
  const sign = m[2] === '-' ? '\u2212' : '+';
  const h = String(Number(m[3]));
  return m[4] === '00' ? `${sign}${h}` : `${sign}${h}:${m[4]}`;
}

function interpolateSerial(lang: Lang, n: number): string {
  return message(lang, 'title.serial').replace('{n}', String(n));
}
