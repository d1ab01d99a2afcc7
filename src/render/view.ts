// What the templates need beyond the model itself: derived values computed once per document
// (layout, title, key-figure cards, threat scale). Pure functions of the model and the mode.

import type { BriefingModel } from '../aggregate/model.js';
import { THREAT_LEVELS } from '../model/types.js';
import type { ThreatLevel } from '../model/types.js';
import type { Lang } from '../i18n/lang.js';
import { formatter } from './format.js';
import { message } from '../i18n/document-messages.js';
import { primaryLang } from '../i18n/lang.js';
import { textIn } from './markup.js';
import type { DocLang } from '../i18n/lang.js';

export type FigureKey = 'incidents' | 'gamesImpact' | 'arrests' | 'custody' | 'forces';

export interface FigureCard {
  key: FigureKey;
  value: number;
  previous: number;
  change: number;
  /** Running total since the opening, where the model has one. */
  cumulative?: number;
  /** An increase is worse (incidents), better, or neither (neutral). */
  polarity: 'worse' | 'neutral';
}

export interface View {
  mode: DocLang;
  layout: 'securite' | 'renseignement';
  htmlLang: Lang;
  docTitle: string;
  serial: string;
  /** The window is not 24 hours long (clock change). */
  irregularWindow: boolean;
  cards: FigureCard[];
  threatScale: { level: ThreatLevel; current: boolean }[];
  /** Some item shows a source grading: print the grading legend. */
  hasGrading: boolean;
  trendShown: boolean;
}

export function buildView(m: BriefingModel, mode: DocLang): View {
  const lang = primaryLang(mode);
  const layout = m.division === 'renseignement' ? 'renseignement' : 'securite';
  const serial = interpolateSerial(lang, m.serial);
  const fmt = formatter(lang, m.event.timezone);
  const division = textIn(m.divisionTitle, lang) ?? textIn(m.divisionTitle, lang === 'fr' ? 'en' : 'fr') ?? m.division;
  const docTitle = `${division} – ${serial} – ${fmt.date(m.date)}`;

  const card = (key: Exclude<FigureKey, 'forces'>, polarity: FigureCard['polarity'], cumulative?: number): FigureCard => ({
    key, value: m.figures[key], previous: m.previous[key], change: m.figures[key] - m.previous[key], polarity,
    ...(cumulative === undefined ? {} : { cumulative }),
  });
  const cards: FigureCard[] = [
    card('incidents', 'worse', m.cumulative.incidents),
    card('gamesImpact', 'worse', m.cumulative.gamesImpact),
    card('arrests', 'neutral', m.cumulative.arrests),
    card('custody', 'neutral', m.cumulative.custody),
  ];
  if (layout === 'securite') {
    cards.push({ key: 'forces', value: m.figures.forces, previous: m.previous.forces, change: m.figures.forces - m.previous.forces, polarity: 'neutral' });
  }

  const graded = [
    ...m.notable, ...m.intelligenceIncidents, ...(m.countryNotes ?? []),
    ...m.assessments.flatMap((g) => g.assessments),
  ];
  return {
    mode,
    layout,
    htmlLang: lang,
    docTitle,
    serial,
    irregularWindow: m.window.hours !== 24,
    cards,
    threatScale: THREAT_LEVELS.map((level) => ({ level, current: level === m.threatLevel })),
    hasGrading: graded.some((x) => x.grading !== undefined && x.grading !== ''),
    trendShown: m.trend.length > 0,
  };
}

function interpolateSerial(lang: Lang, n: number): string {
  return message(lang, 'title.serial').replace('{n}', String(n));
}
