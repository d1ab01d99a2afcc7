// The Handlebars helpers of the briefing templates. Helpers that return markup (SafeString)
// build it with the escaping builders of markup.ts; the others return plain strings, which
// Handlebars escapes. The per-document state (language mode, formatters, model) travels in the
// template's private data as `@cci`, so the compiled templates are shared by all documents.

import type { HelperDelegate, HelperOptions, SafeString } from 'handlebars';
import { runtime, type Handlebars } from './handlebars.js';
import type { BriefingModel, CountRow, ForcesView, ThemeGroup, TrendPoint } from '../aggregate/model.js';
import { countryName } from '../data/countries.js';
import { LEVELS } from '../model/types.js';
import type { Bilingual } from '../model/types.js';
import type { Lang } from '../i18n/lang.js';
import { barChartSvg, forcesChartSvg, levelChartSvg, trendChartSvg } from './charts.js';
import type { MapContext } from '../model/area-geometry.js';
import { areaMapSvg, mapDrawn, mapSourcesHtml } from './map-helpers.js';
import type { MapEnv } from './map-helpers.js';
import { formatter, type Formatter } from './format.js';
import { zoneOffsetMs } from '../data/time.js';
import { interpolate, lookup, type Catalogue } from '../i18n/catalogue.js';
import { loadCatalogue, message } from '../i18n/document-messages.js';
import { langsOf } from '../i18n/lang.js';
import { eventWord } from '../i18n/event-words.js';
import { badgeHtml, esc, labelHtml, textHtml, textIn } from './markup.js';
import type { DocLang } from '../i18n/lang.js';

export interface RenderState {
  mode: DocLang;
  model: BriefingModel;
  /** The formatter of figures and compact dates: French in bilingual documents. */
  fmt: Formatter;
  fmts: Record<Lang, Formatter>;
  css: string;
  nextId: number;
  /** The event's map (geometry, venues); undefined: the document has no map. */
  map?: MapContext;
  /** Messages without parameters already looked up, by language and key (see msg). */
  messages?: Map<string, string>;
}

type Helper = (args: unknown[], st: RenderState, options: HelperOptions) => unknown;

function stateOf(options: HelperOptions): RenderState {
  const st = (options.data as { cci?: RenderState } | undefined)?.cci;
  if (!st) throw new Error('briefing helpers need the render state in @cci');
  return st;
}

const safe = (html: string): SafeString => new runtime.SafeString(html);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBilingual = (v: unknown): v is Bilingual => isObject(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${String(v)}`);
  return n;
};

/** Values for a message's placeholders, in one language. */
function paramsIn(hash: Record<string, unknown>, lang: Lang, st: RenderState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(hash)) {
    if (typeof v === 'number')
      out[k] = st.fmts[lang].num(v); // 23,5 h / 23.5-hour window, in one document
    else if (isBilingual(v)) out[k] = textIn(v, lang) ?? `[${message(lang, 'common.translationPending')}]`;
    else out[k] = str(v);
  }
  return out;
}

/** A catalogue message, or the event's own word for it (event.yaml labels:). */
function msg(key: string, lang: Lang, hash: Record<string, unknown>, st: RenderState): string {
  // Without parameters a message is the same all through the document (a label on every incident):
  // looked up once per document and language.
  let plain = true;
  for (const _ in hash) {
    plain = false;
    break;
  }
  if (plain) {
    const memo = (st.messages ??= new Map());
    const k = `${lang}\0${key}`;
    let m = memo.get(k);
    if (m === undefined) {
      m = eventWord(st.model.words, lang, key) ?? interpolate(message(lang, key), {});
      memo.set(k, m);
    }
    return m;
  }
  // the event's own word is text as written: a brace in it is no placeholder
  return eventWord(st.model.words, lang, key) ?? interpolate(message(lang, key), paramsIn(hash, lang, st));
}

/** An enum label (the event's own word for it first: a force's name), or the code itself when the catalogue has no label for it. */
function enumLabelOf(st: RenderState, prefix: string, value: string, lang: Lang): string {
  const key = `${prefix}.${value}`;
  return eventWord(st.model.words, lang, key) ?? lookupIn(lang, key) ?? value;
}

/** Lookups already made, by catalogue (a catalogue read again, as in the preview, starts afresh). */
const lookups = new WeakMap<Catalogue, Map<string, string | undefined>>();

/** The message at a key of a language's document catalogue (catalogue.ts lookup), remembered: labels repeat on every incident. */
function lookupIn(lang: Lang, key: string): string | undefined {
  const cat = loadCatalogue(lang);
  let seen = lookups.get(cat);
  if (!seen) lookups.set(cat, (seen = new Map()));
  if (seen.has(key)) return seen.get(key);
  const m = lookup(cat, key);
  seen.set(key, m);
  return m;
}

/** An enum label of the catalogue, or the code itself (labels no event renames: severity, level...). */
function enumLabel(prefix: string, value: string, lang: Lang): string {
  return lookupIn(lang, `${prefix}.${value}`) ?? value;
}

const TLP_CLASS: Record<string, string> = {
  CLEAR: 'clear',
  GREEN: 'green',
  AMBER: 'amber',
  'AMBER+STRICT': 'amber',
  RED: 'red',
};

const HELPERS: Record<string, Helper> = {
  /** {{t "key" name=value}}: a catalogue message in the document's language(s). */
  t: ([key], st, o) => safe(labelHtml(st.mode, (l) => msg(str(key), l, o.hash, st), ids(st))),
  /**
   * {{zoneName zone}}: an IANA zone name that may break after its `/` (America/Los_Angeles
   * in a narrow cell), never inside a word; escaped, the breaks as <wbr> (no character of its own).
   */
  zoneName: ([zone]) => safe(esc(str(zone)).replaceAll('/', '/<wbr>')),
  /** {{t1 "key"}}: the message in the primary language only, as plain text. */
  t1: ([key], st, o) => msg(str(key), st.fmt.lang, o.hash, st),
  /** {{enumLabel "enums.severity" severity}}: the label of a code. */
  enumLabel: ([prefix, value], st) =>
    safe(labelHtml(st.mode, (l) => enumLabelOf(st, str(prefix), str(value), l), ids(st))),
  /** {{bi summary}} / {{bi summary block=true}}: a record's text in the document's language(s). */
  bi: ([b], st, o) => safe(textHtml(st.mode, isBilingual(b) ? b : undefined, o.hash.block === true, ids(st))),
  num: ([n], st) => st.fmt.num(num(n)),
  pct: ([n, total], st) => (num(total) > 0 ? st.fmt.percent(num(n) / num(total)) : '–'),
  delta: ([a, b]) => num(a) - num(b),
  /** {{changeBadge n "worse"}}: a signed change with an arrow; colour only repeats the sign. */
  changeBadge: ([n, polarity], st) => {
    const v = num(n);
    const dir = v > 0 ? 'up' : v < 0 ? 'down' : 'same';
    const arrow = v > 0 ? '▲' : v < 0 ? '▼' : '';
    const cls = `chg ${dir}${polarity === 'worse' ? ' worse' : ''}`;
    return safe(
      `<span class="${cls}">${arrow ? `<span class="arrow" aria-hidden="true">${arrow}</span>` : ''}${esc(st.fmt.signed(v))}</span>`,
    );
  },
  longDate: ([v], st) => safe(labelHtml(st.mode, (l) => st.fmts[l].date(str(v)), ids(st))),
  // a time the clocks show twice says which in a span of its own, on a line of its own in the
  // incidents' time column (too narrow for `1 h 15 (UTC−8)` on one line)
  timeOf: ([v], st) => {
    const { clock, offset } = st.fmt.timeParts(str(v));
    return offset === undefined ? clock : safe(`${esc(clock)} <span class="offset">${esc(offset)}</span>`);
  },
  dayTime: ([v], st) => st.fmt.dayTime(str(v)),
  /** {{bDayTime iso}}: `jeu. 20 juil., 10 h 00` and `Thu 20 Jul, 10:00`, each language its own way (the title block). */
  bDayTime: ([v], st) => safe(labelHtml(st.mode, (l) => st.fmts[l].dayTime(str(v)), ids(st))),
  /** {{bSpan start end}}: a window, `start → end`, each language its own way (the title block). */
  bSpan: ([a, b], st) =>
    safe(labelHtml(st.mode, (l) => `${st.fmts[l].dayTime(str(a))} → ${st.fmts[l].dayTime(str(b))}`, ids(st))),
  dayShort: ([v], st) => st.fmt.dayShort(str(v)),
  wallClock: ([v], st) => st.fmt.clockTime(str(v)),
  /** (bdate d): a date in both languages, as a value for a message placeholder. */
  bdate: ([v], st) => ({ fr: st.fmts.fr.date(str(v)), en: st.fmts.en.date(str(v)) }),
  /** (bday d): a short date (`sam. 3 août` / `Sat 3 Aug`) in both languages, for a placeholder. */
  bday: ([v], st) => ({ fr: st.fmts.fr.dayShort(str(v)), en: st.fmts.en.dayShort(str(v)) }),
  /** {{localTime iso zone}}: the time at a venue in another zone, then that zone and its UTC offset. */
  localTime: ([v, zone], st) =>
    safe(
      `${labelHtml(st.mode, (l) => msg('common.localTime', l, { time: localClock(str(v), str(zone), l, st) }, st), ids(st))}` +
        // a zone's name breaks after its slash in a narrow column (Australia/<wbr>Melbourne), not inside a word
        ` <span class="zone-id">(${esc(str(zone)).replace(/\//g, '/<wbr>')}, UTC${esc(utcOffset(str(zone), str(v)))})</span>`,
    ),
  /** (bdayTime iso): a day and time in both languages, as a value for a message placeholder. */
  bdayTime: ([v], st) => ({ fr: st.fmts.fr.dayTime(str(v)), en: st.fmts.en.dayTime(str(v)) }),
  /** {{tlpLabel tlp}} or {{tlpLabel tlp label="TLP:AMBER"}}: a TLP 2.0 label, coloured text on black. */
  tlpLabel: ([v], _st, o) => {
    const tlp = str(v);
    const label = typeof o.hash.label === 'string' ? o.hash.label : `TLP:${tlp}`;
    const cls = Object.hasOwn(TLP_CLASS, tlp) ? TLP_CLASS[tlp] : 'unknown';
    return safe(`<span class="tlp tlp-${cls}">${esc(label)}</span>`);
  },
  sevBadge: ([v], st) =>
    safe(
      badgeHtml(
        `sev sev-${str(v)}`,
        labelHtml(st.mode, (l) => enumLabel('enums.severity', str(v), l), ids(st)),
      ),
    ),
  levelBadge: ([v], st) =>
    safe(
      badgeHtml(
        `lvl lvl-${str(v)}`,
        labelHtml(st.mode, (l) => enumLabel('enums.level', str(v), l), ids(st)),
      ),
    ),
  riskBadge: ([v], st) =>
    safe(
      badgeHtml(
        `risk risk-${str(v)}`,
        labelHtml(st.mode, (l) => enumLabel('enums.risk', str(v), l), ids(st)),
      ),
    ),
  countryName: ([code], st) => safe(textHtml(st.mode, countryName(str(code)), false, ids(st))),
  /** {{placeOf item}}: venue name, commune (or area name) and area code of an incident or agenda item. */
  placeOf: ([item], st) => {
    const it = (isObject(item) ? item : {}) as {
      venueName?: string;
      commune?: string;
      area?: string;
      areaName?: Bilingual;
    };
    const where = [it.venueName, it.commune ?? areaNameIn(it.areaName, st)].filter(
      (s): s is string => !!s && s.trim() !== '',
    );
    const uniq = where.filter((s, i) => where.indexOf(s) === i);
    const code = it.area ? ` (${esc(it.area)})` : '';
    // each name isolated (<bdi>): an Arabic or Hebrew name must not carry the commas and the
    // area code cci writes after it into its own direction
    return safe(uniq.length > 0 ? `${uniq.map((n) => `<bdi>${esc(n)}</bdi>`).join(', ')}${code}` : esc(it.area ?? ''));
  },
  /** (areaLevel): the name of the event's area level in both languages, as a word inside a sentence. */
  areaLevel: (_, st) => ({ fr: areaLevelIn('fr', st), en: areaLevelIn('en', st) }),
  categoryChart: ([rows], st) => safe(categoryChart(rows as CountRow[], st)),
  areaChart: ([rows], st) => safe(areaChart(rows as CountRow[], st)),
  forcesChart: ([forces], st) => safe(forcesChart(forces as ForcesView, st)),
  levelChart: ([groups], st) => safe(levelChart(groups as ThemeGroup[], st)),
  trendChart: ([points], st) => safe(trendChart(points as TrendPoint[], st)),
  /** {{fieldChange change}}: `Arrests: 1 → 3`, `Summary (EN) changed`, from a FieldChangeView. */
  fieldChange: ([change], st) => safe(fieldChangeHtml(isObject(change) ? change : {}, st)),
  /** {{areaMap m.byArea}}: the map of these counts, when the document has a map. */
  areaMap: ([rows], st) => safe(areaMapSvg(rows as CountRow[], mapEnv(st), chartId(st))),
  /** (mapShown m.byArea): whether areaMap draws a map for these counts. */
  mapShown: ([rows], st) => mapDrawn(rows as CountRow[], st.map),
  /** (mapHasSources): whether the map's geometry names its sources. */
  mapHasSources: (_, st) => st.map?.geometry.attribution !== undefined,
  /** {{mapSources}}: the sources and licence of the map's geometry. */
  mapSources: (_, st) => safe(mapSourcesHtml(mapEnv(st))),
  /** The stylesheet (a file of ours, checked when loaded), for the <style> element. */
  css: (_, st) => safe(st.css),
  eq: ([a, b]) => a === b,
  gt: ([a, b]) => num(a) > num(b),
  /** The first truthy argument (or the last one), like JavaScript's `||`. */
  or: (args) => args.find(Boolean) ?? args[args.length - 1],
  defined: ([a]) => a !== undefined && a !== null,
  and: (args) => args.every(Boolean),
};

/** The helper names, for the compiler's knownHelpers. */
export const HELPER_NAMES: readonly string[] = Object.keys(HELPERS);

export function registerHelpers(hb: Handlebars): void {
  for (const [name, fn] of Object.entries(HELPERS)) {
    const delegate: HelperDelegate = function (this: unknown, ...all: unknown[]) {
      const options = all.pop() as HelperOptions;
      return fn(all, stateOf(options), options);
    };
    hb.registerHelper(name, delegate);
  }
}

/** The time of an instant at a venue: `21 h 10`, or `ven. 2 août, 21 h 10` when its day there is not the event's. */
function localClock(iso: string, zone: string, lang: Lang, st: RenderState): string {
  const there = formatter(lang, zone);
  return there.dayShort(iso) === st.fmts[lang].dayShort(iso) ? there.time(iso) : there.dayTime(iso);
}

/** The UTC offset of a zone at an instant, as `+2`, `\u221210`, `+5:30`. */
function utcOffset(zone: string, iso: string): string {
  const mins = Math.round(zoneOffsetMs(zone, new Date(iso).getTime()) / 60_000);
  const abs = Math.abs(mins);
  const hm = abs % 60 === 0 ? String(abs / 60) : `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
  return `${mins < 0 ? '\u2212' : '+'}${hm}`;
}

function bothLangs(st: RenderState, key: string): string {
  const texts = langsOf(st.mode).map((l) => message(l, key));
  return texts.filter((t, i) => texts.indexOf(t) === i).join(' / ');
}

/** What the map helpers need of the document's state. */
function mapEnv(st: RenderState): MapEnv {
  return {
    mode: st.mode,
    num: (n: number) => st.fmt.num(n),
    nums: (l: Lang) => (n: number) => st.fmts[l].num(n),
    lang: st.fmt.lang,
    areaLevel: (l: Lang) => areaLevelIn(l, st),
    map: st.map,
  };
}

/** Ids for the document's English spans (markup.ts: they carry its language into the tagged PDF). */
function ids(st: RenderState): () => string {
  return () => {
    st.nextId += 1;
    return `l${st.nextId}`;
  };
}

function chartId(st: RenderState): string {
  st.nextId += 1;
  return `chart-${st.nextId}`;
}

/** Labels of a chart row in the document's language(s), French first. */
function rowLabels(st: RenderState, text: (l: Lang) => string): string[] {
  return langsOf(st.mode).map(text);
}

/** The share of the window's incidents, for a chart's note. */
function share(count: number, st: RenderState): string | undefined {
  const total = st.model.figures.incidents;
  return total > 0 ? `(${st.fmt.percent(count / total)})` : undefined;
}

function withNote(value: number, note: string | undefined): { value: number; note?: string } {
  return note === undefined ? { value } : { value, note };
}

function countDesc(rows: readonly { label: string; count: number }[], lang: Lang, st: RenderState): string {
  return rows
    .map((r) => `${r.label}${lang === 'fr' ? '\u00a0:' : ':'} ${st.fmts[lang].num(r.count)}`)
    .join(lang === 'fr' ? ' ; ' : '; ');
}

/**
 * A chart's description (the alternative text of its Figure in the tagged PDF): the data in
 * words, in each language of the document, French first.
 */
function descIn(st: RenderState, text: (lang: Lang) => string): string {
  return langsOf(st.mode).map(text).join(' — ');
}

function categoryChart(rows: readonly CountRow[], st: RenderState): string {
  const data = rows.map((r) => ({
    labels: rowLabels(st, (l) => textIn(r.label, l) ?? message(l, 'common.translationPending')),
    ...withNote(r.count, share(r.count, st)),
  }));
  const desc = descIn(st, (l) =>
    countDesc(
      rows.map((r) => ({ label: textIn(r.label, l) ?? r.key, count: r.count })),
      l,
      st,
    ),
  );
  return barChartSvg(data, { id: chartId(st), title: bothLangs(st, 'sections.byCategory'), desc }, (n) =>
    st.fmt.num(n),
  );
}

/** An area's name in the document's language; French / English in a bilingual document when they differ. */
function areaNameIn(name: Bilingual | undefined, st: RenderState): string | undefined {
  if (!name) return undefined;
  const names = langsOf(st.mode)
    .map((l) => textIn(name, l))
    .filter((n): n is string => n !== undefined);
  const uniq = names.filter((n, i) => names.indexOf(n) === i);
  return uniq.length > 0 ? uniq.join(' / ') : undefined;
}

/**
 * The area level's name in a language as it reads inside a heading: the event's heading form
 * (`areas.heading_fr/_en`), else its label exactly as written (a German Land keeps its capital),
 * else the catalogue's generic word. Never re-cased here.
 */
function areaLevelIn(lang: Lang, st: RenderState): string {
  return textIn(st.model.areaHeading, lang) ?? textIn(st.model.areaLabel, lang) ?? message(lang, 'common.areaHeading');
}

/** Rows of areas drawn one by one before the rest is summed on one line. */
const AREA_ROWS = 12;

function areaChart(rows: readonly CountRow[], st: RenderState): string {
  const name = (r: CountRow, l: Lang): string => {
    const n = textIn(r.label, l);
    return n === undefined || n === r.key ? r.key : `${r.key} ${n}`;
  };
  const shown = rows.length > AREA_ROWS + 1 ? rows.slice(0, AREA_ROWS) : rows;
  const rest = rows.slice(shown.length);
  const data = shown.map((r) => ({
    labels: rowLabels(st, (l) => name(r, l)),
    ...withNote(r.count, share(r.count, st)),
  }));
  const restCount = rest.reduce((a, r) => a + r.count, 0);
  if (rest.length > 0) {
    data.push({
      labels: rowLabels(st, (l) => interpolate(message(l, 'charts.otherAreas'), { n: st.fmts[l].num(rest.length) })),
      ...withNote(restCount, share(restCount, st)),
    });
  }
  const desc = descIn(st, (l) =>
    countDesc(
      rows.map((r) => ({ label: name(r, l), count: r.count })),
      l,
      st,
    ),
  );
  const titles = langsOf(st.mode).map((l) => interpolate(message(l, 'sections.byArea'), { area: areaLevelIn(l, st) }));
  const title = titles.filter((x, i) => titles.indexOf(x) === i).join(' / ');
  return barChartSvg(data, { id: chartId(st), title, desc }, (n) => st.fmt.num(n));
}

function forcesChart(forces: ForcesView, st: RenderState): string {
  const f = st.fmt;
  const change = (n: number | undefined): string | undefined => {
    if (n === undefined) return undefined;
    return `${n > 0 ? '▲ ' : n < 0 ? '▼ ' : ''}${f.signed(n)}`;
  };
  const data = forces.rows.map((r) => ({
    labels: rowLabels(st, (l) => enumLabelOf(st, 'enums.force', r.force, l)),
    value: r.count,
    ...(r.previous === undefined ? {} : { previous: r.previous }),
    ...(change(r.change) === undefined ? {} : { change: change(r.change)! }),
  }));
  // The figures are compared with the latest earlier day that has some: named by its date.
  const comparedDay = (l: Lang): string =>
    forces.previousDate === undefined ? message(l, 'table.previousDay') : st.fmts[l].dayShort(forces.previousDate);
  const desc = descIn(st, (lang) =>
    forces.rows
      .map((r) =>
        interpolate(message(lang, r.previous === undefined ? 'charts.forceDesc' : 'charts.forceDescPrevious'), {
          force: enumLabelOf(st, 'enums.force', r.force, lang),
          count: st.fmts[lang].num(r.count),
          previous: r.previous === undefined ? '' : st.fmts[lang].num(r.previous),
          date: comparedDay(lang),
        }),
      )
      .join(lang === 'fr' ? ' ; ' : '; '),
  );
  const heads = (key: string): string[] => rowLabels(st, (l) => message(l, key));
  const totalChange = forces.previousTotal === undefined ? '–' : change(forces.total - forces.previousTotal)!;
  return forcesChartSvg(
    data,
    { id: chartId(st), title: bothLangs(st, 'sections.forces'), desc },
    {
      count: heads('table.count'),
      previous: rowLabels(st, comparedDay),
      change: heads('table.change'),
      total: bothLangs(st, 'table.total'),
      totalValue: f.num(forces.total),
      totalPrevious: forces.previousTotal === undefined ? '–' : f.num(forces.previousTotal),
      totalChange,
    },
    (n) => f.num(n),
  );
}

function levelChart(groups: readonly ThemeGroup[], st: RenderState): string {
  const data = groups.map((g) => ({
    labels: rowLabels(st, (l) => enumLabel('enums.theme', g.theme, l)),
    level: (LEVELS as readonly string[]).indexOf(g.level),
  }));
  const scale = LEVELS.map((lv) => rowLabels(st, (l) => enumLabel('enums.level', lv, l)));
  const desc = descIn(st, (l) =>
    groups
      .map((g) =>
        interpolate(message(l, 'charts.levelDesc'), {
          theme: enumLabel('enums.theme', g.theme, l),
          level: enumLabel('enums.level', g.level, l),
        }),
      )
      .join(l === 'fr' ? ' ; ' : '; '),
  );
  return levelChartSvg(data, { id: chartId(st), title: bothLangs(st, 'charts.levelsByTheme'), desc }, scale);
}

function trendChart(points: readonly TrendPoint[], st: RenderState): string {
  const f = st.fmt;
  const data = points.map((p) => ({
    label: f.dayShort(p.date),
    incidents: p.incidents,
    arrests: p.arrests,
    custody: p.custody,
    current: p.date === st.model.date,
    applicable: p.applicable,
  }));
  const desc = descIn(st, (l) =>
    points
      .map(
        (p) =>
          `${st.fmts[l].dayShort(p.date)}${l === 'fr' ? '\u00a0:' : ':'} ` +
          (p.applicable
            ? `${message(l, 'figures.incidents')} ${st.fmts[l].num(p.incidents)}, ` +
              `${message(l, 'figures.arrests')} ${st.fmts[l].num(p.arrests)}, ${message(l, 'figures.custody')} ${st.fmts[l].num(p.custody)}`
            : message(l, 'common.notApplicable')),
      )
      .join(l === 'fr' ? ' ; ' : '; '),
  );
  return trendChartSvg(
    data,
    { id: chartId(st), title: bothLangs(st, 'sections.trend'), desc },
    {
      incidents: bothLangs(st, 'figures.incidents'),
      arrests: bothLangs(st, 'figures.arrests'),
      custody: bothLangs(st, 'figures.custody'),
      current: message(f.lang, 'title.serial').replace('{n}', String(st.model.serial)),
      empty: bothLangs(st, 'common.nothingToReport'),
      notApplicable: bothLangs(st, 'common.notApplicable'),
    },
    (n) => f.num(n),
  );
}

/** Fields holding an instant (ISO 8601): shown as day and time. */
const TIME_FIELDS = new Set(['time', 'start', 'end']);

function factValue(field: string, v: unknown, st: RenderState, lang: Lang): string {
  if (typeof v === 'number') return st.fmts[lang].num(v);
  if (typeof v === 'boolean') return message(lang, v ? 'common.yes' : 'common.no');
  const s = str(v);
  if (TIME_FIELDS.has(field) && !Number.isNaN(Date.parse(s))) return st.fmts[lang].dayTime(s);
  if (field === 'severity') return enumLabel('enums.severity', s, lang);
  if (field === 'level') return enumLabel('enums.level', s, lang);
  if (field === 'risk') return enumLabel('enums.risk', s, lang);
  if (field === 'theme') return enumLabel('enums.theme', s, lang);
  return s;
}

function fieldChangeHtml(c: Record<string, unknown>, st: RenderState): string {
  const field = str(c.field);
  return labelHtml(
    st.mode,
    (l) => {
      const label =
        eventWord(st.model.words, l, `late.fields.${field}`) ??
        lookup(loadCatalogue(l), `late.fields.${field}`) ??
        field;
      if (c.text === true) return interpolate(message(l, 'late.textChanged'), { field: label });
      const none = message(l, 'common.none');
      const from = c.from === undefined ? none : factValue(field, c.from, st, l);
      const to = c.to === undefined ? none : factValue(field, c.to, st, l);
      return interpolate(message(l, 'late.valueChanged'), { field: label, from, to });
    },
    ids(st),
  );
}
