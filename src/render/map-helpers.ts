// The map as the briefing templates use it: the labels of renderMapSvg from the catalogues, in the
// document's language(s), and the counts from the model's rows (the same audience-filtered rows
// as the list beside the map, so the map can show nothing the list does not).

import type { CountRow } from '../aggregate/model.js';
import { interpolate } from '../i18n/catalogue.js';
import { message } from '../i18n/document-messages.js';
import { langsOf, type DocLang, type Lang } from '../i18n/lang.js';
import type { InsetSpec, MapContext } from '../model/area-geometry.js';
import { renderMapSvg, type MapLabels } from './map.js';
import { esc, textIn } from './markup.js';

export interface MapEnv {
  mode: DocLang;
  /** The document's formatter of figures (French in bilingual documents). */
  num: (n: number) => string;
  /** The formatter of figures of a language (for the description in each language). */
  nums: (lang: Lang) => (n: number) => string;
  lang: Lang;
  /** The name of the event's area level inside a sentence ("département", "county"), by language. */
  areaLevel: (lang: Lang) => string;
  map: MapContext | undefined;
}

/** Whether the document draws a map for these rows: it has a map and a count to show. */
export function mapDrawn(rows: readonly CountRow[], map: MapContext | undefined): boolean {
  return map !== undefined && rows.length > 0;
}

/** A catalogue message in each language of the document, joined with " / " when they differ. */
function both(mode: DocLang, text: (l: Lang) => string): string {
  const texts = langsOf(mode).map(text);
  return texts.filter((t, i) => texts.indexOf(t) === i).join(' / ');
}

/** The map of the rows as inline SVG, or '' when the document has no map. `id` is unique in the document. */
export function areaMapSvg(rows: readonly CountRow[], env: MapEnv, id: string): string {
  const map = env.map;
  if (!mapDrawn(rows, map)) return '';
  const { geometry, sites } = map!;
  const counts = new Map(rows.map((r) => [r.key, r.count]));
  const lang = env.lang;
  const shownSites = sites.filter((s) => geometry.areas.has(s.area));
  // The description (the alternative text of the map's Figure in the tagged PDF): in each language shown.
  const descIn = (l: Lang): string => {
    const m = (key: string, params: Record<string, string> = {}): string => interpolate(message(l, key), params);
    const name = (r: CountRow): string => textIn(r.label, l) ?? geometry.areas.get(r.key)?.name ?? r.key;
    const drawn = rows.filter((r) => geometry.areas.has(r.key));
    const notDrawn = rows.filter((r) => !geometry.areas.has(r.key));
    const area = (r: CountRow): string => m('map.descArea', { name: name(r), code: r.key, n: env.nums(l)(r.count) });
    return [
      drawn.length > 0
        ? m('map.desc', { area: env.areaLevel(l), list: drawn.map(area).join(l === 'fr' ? ' ; ' : '; ') })
        : m('map.descNone'),
      notDrawn.length > 0 ? m('map.descNotDrawn', { list: notDrawn.map(area).join(l === 'fr' ? ' ; ' : '; ') }) : '',
      shownSites.length > 0
        ? m('map.descVenues', { list: shownSites.map((s) => `${s.name} (${s.area})`).join(', ') })
        : '',
    ]
      .filter((s) => s !== '')
      .join(' ');
  };
  const desc = langsOf(env.mode).map(descIn).join(' — ');

  const labels: MapLabels = {
    title: both(env.mode, (l) => interpolate(message(l, 'map.title'), { area: env.areaLevel(l) })),
    desc,
    legendTitle: both(env.mode, (l) => message(l, 'map.legendTitle')),
    none: both(env.mode, (l) => message(l, 'map.none')),
    venue: both(env.mode, (l) => message(l, 'map.venue')),
    venueAtArea: both(env.mode, (l) => message(l, 'map.venueAtArea')),
    inset: insetCaptions(env.mode),
    note: (inset) => (inset.note ? both(env.mode, (l) => textIn(inset.note, l) ?? '') || undefined : undefined),
    range: (from, to) =>
      from === to ? env.num(from) : interpolate(message(lang, 'map.range'), { from: env.num(from), to: env.num(to) }),
  };
  return renderMapSvg({ id, geometry, counts, venues: sites, labels, num: env.num });
}

/**
 * The caption lines of an inset in a document's language(s), one a language: what decides where
 * the map's frames go (npm run build draws the shipped map's frames with these, map.ts).
 */
export function insetCaptions(mode: DocLang): (inset: InsetSpec) => string[] {
  // An overseas tile's first line names its code too: "987 Polynésie française", then "French Polynesia".
  const caption = (inset: InsetSpec, l: Lang, first: boolean): string => {
    const label = textIn(inset.label, l) ?? textIn(inset.label, l === 'fr' ? 'en' : 'fr');
    const code = inset.kind === 'overseas' && inset.codes.length === 1 ? inset.codes[0]! : undefined;
    // an area named nowhere, or by its code: the code once ("TSV", never "TSV TSV")
    if (code !== undefined && (label === undefined || label.trim() === code)) return code;
    return first && code !== undefined
      ? interpolate(message(l, 'map.insetCaption'), { code, name: label! })
      : (label ?? inset.id);
  };
  return (inset) => {
    const lines = langsOf(mode).map((l, i) => caption(inset, l, i === 0));
    // A name the same in both languages is written once ("971 Guadeloupe", not "Guadeloupe" again).
    return lines.filter((t, i) => i === 0 || !lines[0]!.endsWith(t));
  };
}

/** The sources of the map's geometry, for the document's notes; '' when it names none. */
export function mapSourcesHtml(env: MapEnv): string {
  const attribution = env.map?.geometry.attribution;
  if (!attribution) return '';
  const one = (l: Lang): string => {
    const a = textIn(attribution, l) ?? textIn(attribution, l === 'fr' ? 'en' : 'fr') ?? '';
    return interpolate(message(l, 'map.sources'), { attribution: a });
  };
  if (env.mode !== 'both') return `<p class="txt">${esc(one(env.mode))}</p>`;
  return `<p class="txt fr">${esc(one('fr'))}</p><p class="txt en" lang="en">${esc(one('en'))}</p>`;
}
