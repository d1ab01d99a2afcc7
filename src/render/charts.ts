// Inline SVG charts. No script, no external resource; every text goes through `esc`. Each chart
// carries a <title> and <desc> (the data in words: the alternative text of its Figure in the
// tagged PDF) and stays readable in black and white: values are written next to the marks, and
// series differ by shape and dash, not colour only. A chart is drawn 680 units wide across the
// page's 180 mm, so 1 unit is 0.75 pt: no text is under 11 units (8 pt), and a second language
// line is the same size as the first, in a dark grey, never lighter than WCAG AA.

import { esc } from './markup.js';

export interface ChartText {
  id: string; // unique in the document
  title: string;
  desc: string;
}

export interface BarDatum {
  labels: string[]; // one line per language shown, French first (a line equal to the one before is dropped)
  value: number;
  /** A secondary figure written after the value, in lighter type (a share, "31 %"). */
  note?: string;
}

const W = 680;
const COLOURS = {
  bar: '#1f3a5f',
  accent: '#b07d2b',
  slate: '#55657a',
  grid: '#d5dbe3',
  band: '#e9eef5',
  text: '#1c2533',
  muted: '#5f6b7a',
  second: '#3b4758',
  ink: '#000',
};
/** The smallest text: 11 units, 8.25 pt on the printed page. */
const SMALL = 11;

function open(text: ChartText, height: number, cls: string): string {
  const t = `${text.id}-title`;
  const d = `${text.id}-desc`;
  return (
    `<svg class="chart ${cls}" viewBox="0 0 ${W} ${height}" ` +
    `width="${W}" height="${height}" role="img" aria-labelledby="${t} ${d}" font-size="${SMALL}">` +
    `<title id="${t}">${esc(text.title)}</title><desc id="${d}">${esc(text.desc)}</desc>`
  );
}

const r1 = (n: number): string => String(Math.round(n * 10) / 10);
/** A finite, non-negative number for a length: NaN, infinities and negatives draw as zero. */
const len = (n: number | undefined): number => (n !== undefined && Number.isFinite(n) && n > 0 ? n : 0);
/** A bar's length: proportional, but a non-zero value never vanishes (a 1.5-unit hairline at least). */
function barWidth(value: number, max: number, full: number): number {
  const v = len(value);
  if (!(max > 0) || v === 0) return 0;
  return Math.max((v / max) * full, 1.5);
}

/** The estimated width of a row's label: ~6.2 units a character at 11. */
function labelWidth(labels: readonly string[]): number {
  return Math.max(0, ...lines(labels).map((l) => [...l].length * 6.2)) + 6;
}

/** Label lines without a repeat (a name that reads the same in both languages is written once). */
const lines = (labels: readonly string[]): string[] => labels.filter((l, i) => i === 0 || l !== labels[i - 1]);

/**
 * Most lines a label's language takes in a row: a name at the validated limit (200 characters)
 * fits even in the narrowest label column (the forces', ~28 characters a line); only a longer
 * one would be cut there with "…".
 */
const MAX_LABEL_LINES = 8;

/**
 * A label in lines of at most `width` units (estimated), broken between words (inside a word
 * longer than a line), at most MAX_LABEL_LINES, the last cut with an ellipsis only if the name is
 * longer still: a force's, category's or area's name is printed whole (the charts are the only
 * place it appears); the desc keeps the whole text anyway.
 */
function wrapLabel(label: string, width: number, perChar: number): string[] {
  const room = Math.max(4, Math.floor(width / perChar));
  const out: string[] = [];
  let line: string[] = [];
  for (const word of label.split(/\s+/).filter((w) => w !== '')) {
    let chars = [...word];
    const sep = line.length > 0 ? 1 : 0;
    if (line.length + sep + chars.length <= room) {
      if (sep) line.push(' ');
      for (const c of chars) line.push(c);
      continue;
    }
    if (line.length > 0) out.push(line.join(''));
    while (chars.length > room) {
      out.push(chars.slice(0, room).join(''));
      chars = chars.slice(room);
    }
    line = chars;
  }
  if (line.length > 0) out.push(line.join(''));
  if (out.length <= MAX_LABEL_LINES) return out.length > 0 ? out : [''];
  const last = [...out.slice(MAX_LABEL_LINES - 1).join(' ')];
  return [
    ...out.slice(0, MAX_LABEL_LINES - 1),
    `${last
      .slice(0, room - 1)
      .join('')
      .trimEnd()}…`,
  ];
}

/** A row's label lines, each language's wrapped to the label column (`x` units): the language's index with each. */
function labelLines(labels: readonly string[], x: number): { text: string; second: boolean }[] {
  return lines(labels).flatMap((l, j) => wrapLabel(l, x - 2, 6.2).map((text) => ({ text, second: j > 0 })));
}

/** The height of rows whose labels take at most `n` lines: `base` for one line, 30 for two, 13 more a line. */
const rowHeight = (n: number, base: number): number => (n > 1 ? Math.max(30, n * 13 + 4) : base);

/** The most label lines of any row, wrapped to the label column. */
const mostLines = (rows: readonly { labels: readonly string[] }[], x: number): number =>
  Math.max(1, ...rows.map((r) => labelLines(r.labels, x).length));

/** Label lines of one row, right-aligned at x: the first language in ink, the second under it in dark grey, same size. */
function rowLabels(labels: readonly string[], x: number, y: number, rowH: number): string {
  const ls = labelLines(labels, x);
  let out = '';
  ls.forEach((line, j) => {
    const ly = ls.length > 1 ? y + rowH / 2 - (ls.length - 1) * 6.5 + 3.5 + j * 13 : y + rowH / 2 + 4;
    const style = line.second ? `fill="${COLOURS.second}"${secondLang(labels)}` : `fill="${COLOURS.text}"`;
    out += `<text x="${x}" y="${r1(ly)}" text-anchor="end" ${style}>${esc(line.text)}</text>`;
  });
  return out;
}

/** The lang attribute of a second line: labels come one per language, French first, then English. */
const secondLang = (labels: readonly string[]): string => (labels.length > 1 ? ' lang="en"' : '');

/** Horizontal bars, one per row, labelled on the left, value (and note) written at the end of the bar. */
export function barChartSvg(rows: readonly BarDatum[], text: ChartText, num: (n: number) => string): string {
  // The label column is as wide as the longest label (estimated), between 90 and 226 units.
  const labelX = Math.round(Math.min(226, Math.max(90, ...rows.map((r) => labelWidth(r.labels)))));
  const rowH = rowHeight(mostLines(rows, labelX), 20);
  const barX = labelX + 8;
  const hasNote = rows.some((r) => r.note !== undefined && r.note !== '');
  const barMax = W - barX - (hasNote ? 110 : 60);
  const top = 4;
  const height = top * 2 + rowH * Math.max(rows.length, 1);
  const max = Math.max(0, ...rows.map((r) => len(r.value)));
  let out = open(text, height, 'bars');
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const w = barWidth(r.value, max, barMax);
    const barH = Math.min(rowH - 10, 16);
    const by = y + (rowH - barH) / 2;
    out += `<g class="row">`;
    out += rowLabels(r.labels, labelX, y, rowH);
    out += `<rect class="bar" x="${barX}" y="${r1(by)}" width="${r1(w)}" height="${barH}" fill="${COLOURS.bar}" data-value="${esc(String(r.value))}"/>`;
    const vx = r1(barX + w + 6);
    const vy = r1(y + rowH / 2 + 4);
    out += r.note
      ? `<text class="value" x="${vx}" y="${vy}" fill="${COLOURS.text}"><tspan font-weight="bold">${esc(num(r.value))}</tspan>` +
        `<tspan class="note" fill="${COLOURS.muted}" dx="6">${esc(r.note)}</tspan></text>`
      : `<text class="value" x="${vx}" y="${vy}" fill="${COLOURS.text}" font-weight="bold">${esc(num(r.value))}</text>`;
    out += `</g>`;
  });
  out += `<line x1="${barX}" y1="${top}" x2="${barX}" y2="${height - top}" stroke="${COLOURS.slate}" stroke-width="1"/>`;
  return `${out}</svg>`;
}

export interface ForceDatum {
  labels: string[];
  value: number;
  previous?: number; // the day before, when known
  change?: string; // the signed change, formatted ("▼ −190")
}

export interface ForceLabels {
  count: string[]; // column heads, one line per language
  previous: string[];
  change: string[];
  total: string;
  /** The total row: its value, the day before and the change, formatted. */
  totalValue: string;
  totalPrevious: string;
  totalChange: string;
}

/**
 * Forces by type: a bar for the strength, a black tick at the strength of the day compared with
 * (named in the head: the latest earlier day with figures), and the figures in three
 * right-aligned columns (strength, that day, change), then a total row.
 */
export function forcesChartSvg(
  rows: readonly ForceDatum[],
  text: ChartText,
  labels: ForceLabels,
  num: (n: number) => string,
): string {
  const labelX = 176;
  const rowH = rowHeight(mostLines(rows, labelX), 22);
  const barX = 184;
  const barMax = 256;
  const cols = [528, 604, 676]; // right edges of the figure columns
  const headLines = Math.max(lines(labels.count).length, lines(labels.previous).length, lines(labels.change).length);
  // Column heads (one line per language), then the key of the bar and the tick under them.
  const keyY = headLines * 13 + 14;
  const headH = keyY + 8;
  const top = headH;
  const totalH = 24;
  const height = top + rowH * Math.max(rows.length, 1) + totalH + 4;
  const max = Math.max(0, ...rows.flatMap((r) => [len(r.value), len(r.previous)]));
  const x = (v: number | undefined): number => barX + barWidth(v ?? 0, max, barMax);
  let out = open(text, height, 'forces');

  const head = (ls: readonly string[], cx: number): string =>
    lines(ls)
      .map(
        (l, j) =>
          `<text x="${cx}" y="${12 + j * 13}" text-anchor="end" ` +
          `${j === 0 ? `fill="${COLOURS.text}" font-weight="bold"` : `fill="${COLOURS.second}"${secondLang(ls)}`}>${esc(l)}</text>`,
      )
      .join('');
  const countKey = esc(lines(labels.count).join(' / '));
  const tickX = barX + 24 + countKey.length * 6.2 + 16;
  out +=
    `<g class="head">${head(labels.count, cols[0]!)}${head(labels.previous, cols[1]!)}${head(labels.change, cols[2]!)}` +
    `<rect x="${barX}" y="${keyY - 9}" width="14" height="9" fill="${COLOURS.bar}"/>` +
    `<text x="${barX + 19}" y="${keyY}" fill="${COLOURS.text}">${countKey}</text>` +
    `<line x1="${r1(tickX)}" y1="${keyY - 11}" x2="${r1(tickX)}" y2="${keyY + 2}" stroke="${COLOURS.ink}" stroke-width="2.5"/>` +
    `<text x="${r1(tickX + 8)}" y="${keyY}" fill="${COLOURS.text}">${esc(lines(labels.previous).join(' / '))}</text>` +
    `</g>`;
  out += `<line x1="0" y1="${top - 1}" x2="${W}" y2="${top - 1}" stroke="${COLOURS.slate}" stroke-width="1"/>`;

  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const barH = Math.min(rowH - 12, 14);
    const by = y + (rowH - barH) / 2;
    const ty = r1(y + rowH / 2 + 4);
    if (i % 2 === 1) out += `<rect x="0" y="${y}" width="${W}" height="${rowH}" fill="#f8f9fb"/>`;
    out += `<g class="row">`;
    out += rowLabels(r.labels, labelX, y, rowH);
    out += `<rect class="bar" x="${barX}" y="${r1(by)}" width="${r1(x(r.value) - barX)}" height="${barH}" fill="${COLOURS.bar}" data-value="${esc(String(r.value))}"/>`;
    if (r.previous !== undefined) {
      const px = r1(x(r.previous));
      out += `<line class="previous" x1="${px}" y1="${r1(by - 3)}" x2="${px}" y2="${r1(by + barH + 3)}" stroke="${COLOURS.ink}" stroke-width="2.5" data-value="${esc(String(r.previous))}"/>`;
    }
    out += `<text x="${cols[0]}" y="${ty}" text-anchor="end" font-weight="bold" fill="${COLOURS.text}">${esc(num(r.value))}</text>`;
    out += `<text x="${cols[1]}" y="${ty}" text-anchor="end" fill="${COLOURS.muted}">${r.previous === undefined ? '–' : esc(num(r.previous))}</text>`;
    out += `<text x="${cols[2]}" y="${ty}" text-anchor="end" fill="${COLOURS.text}">${esc(r.change ?? '–')}</text>`;
    out += `</g>`;
  });
  out += `<line x1="${barX}" y1="${top}" x2="${barX}" y2="${top + rowH * Math.max(rows.length, 1)}" stroke="${COLOURS.slate}" stroke-width="1"/>`;

  const ty = top + rowH * Math.max(rows.length, 1);
  out +=
    `<g class="total"><rect x="0" y="${ty}" width="${W}" height="${totalH}" fill="#eef2f7"/>` +
    `<line x1="0" y1="${ty}" x2="${W}" y2="${ty}" stroke="${COLOURS.bar}" stroke-width="1.5"/>` +
    `<text x="${labelX}" y="${ty + 16}" text-anchor="end" font-weight="bold" fill="${COLOURS.bar}">${esc(labels.total)}</text>` +
    `<text x="${cols[0]}" y="${ty + 16}" text-anchor="end" font-weight="bold" fill="${COLOURS.bar}">${esc(labels.totalValue)}</text>` +
    `<text x="${cols[1]}" y="${ty + 16}" text-anchor="end" fill="${COLOURS.muted}">${esc(labels.totalPrevious)}</text>` +
    `<text x="${cols[2]}" y="${ty + 16}" text-anchor="end" font-weight="bold" fill="${COLOURS.bar}">${esc(labels.totalChange)}</text></g>`;
  return `${out}</svg>`;
}

export interface LevelDatum {
  labels: string[];
  level: number; // 0-based index in the scale
}

/**
 * Threat level by theme: one row per theme, the scale's steps as boxes, filled up to the theme's
 * level with darker and darker tones (and stripes on the top step), the level named at the end.
 */
export function levelChartSvg(rows: readonly LevelDatum[], text: ChartText, scale: readonly string[][]): string {
  const labelX = 196;
  const rowH = rowHeight(mostLines(rows, labelX), 24);
  const x0 = 206;
  const n = Math.max(scale.length, 1);
  const gap = 4;
  const cw = (W - x0 - 4 - gap * (n - 1)) / n;
  const headH = Math.max(1, ...scale.map((s) => lines(s).length)) * 13 + 8;
  const top = headH;
  const height = top + rowH * Math.max(rows.length, 1) + 4;
  // White text on every filled step but the first: each fill at least 4.5:1 against white.
  const fills = ['#c9d2de', '#5b6b84', '#ad5410', '#8e1f18'];
  let out = open(text, height, 'levels');
  scale.forEach((s, k) => {
    const cx = x0 + k * (cw + gap) + cw / 2;
    lines(s).forEach((l, j) => {
      out += `<text x="${r1(cx)}" y="${12 + j * 13}" text-anchor="middle" ${j === 0 ? `fill="${COLOURS.text}" font-weight="bold"` : `fill="${COLOURS.second}"${secondLang(s)}`}>${esc(l)}</text>`;
    });
  });
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const level = Math.max(-1, Math.min(n - 1, Math.floor(Number.isFinite(r.level) ? r.level : -1)));
    out += `<g class="row" data-level="${level}">`;
    out += rowLabels(r.labels, labelX, y, rowH);
    for (let k = 0; k < n; k += 1) {
      const bx = r1(x0 + k * (cw + gap));
      const on = k <= level;
      const fill = on ? fills[Math.min(k, fills.length - 1)]! : '#fff';
      out += `<rect class="step${on ? ' on' : ''}" x="${bx}" y="${y + 4}" width="${r1(cw)}" height="${rowH - 8}" fill="${fill}" stroke="${on ? fill : COLOURS.grid}" stroke-width="1"/>`;
      // The top step is also striped, so it differs from the one below in grey printing too.
      if (on && k === n - 1) {
        for (let sx = 5; sx < cw; sx += 7) {
          out += `<line x1="${r1(x0 + k * (cw + gap) + sx)}" y1="${y + 4}" x2="${r1(x0 + k * (cw + gap) + sx)}" y2="${y + rowH - 4}" stroke="#fff" stroke-width="1.5" stroke-opacity=".35"/>`;
        }
      }
      if (k === level) {
        const tx = r1(x0 + k * (cw + gap) + cw / 2);
        out += `<text x="${tx}" y="${r1(y + rowH / 2 + 4)}" text-anchor="middle" font-weight="bold" fill="${k >= 1 ? '#fff' : COLOURS.text}">${esc(scale[k]?.[0] ?? '')}</text>`;
      }
    }
    out += `</g>`;
  });
  return `${out}</svg>`;
}

export interface TrendDatum {
  label: string; // x-axis label (short date)
  incidents: number;
  arrests: number;
  custody: number;
  current: boolean; // the briefing's own window
  /** False: a day before the opening or without data, drawn as "n/a" rather than as zeros. */
  applicable: boolean;
}

export interface TrendLabels {
  incidents: string;
  arrests: string;
  custody: string;
  current: string;
  empty: string; // shown across an all-zero chart
  notApplicable: string; // written on a day that has no figures
}

/** The smallest "nice" axis maximum (1, 2, 5 × 10^k) ≥ max, with its tick step. */
export function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  // Counts: a step is a whole number (no 2.5 between 0 and 5).
  const step =
    [1, 2, 2.5, 5, 10]
      .map((m) => m * mag)
      .filter((s) => Number.isInteger(s))
      .find((s) => s >= raw) ?? 10 * mag;
  const s = Math.max(1, step);
  return { top: Math.ceil(max / s) * s, step: s };
}

/**
 * Incidents as bars, arrests (solid line, circles) and custody (dashed line, squares). A day
 * that is not applicable has no mark, breaks the lines and says "n/a" in a dashed empty box.
 */
export function trendChartSvg(
  points: readonly TrendDatum[],
  text: ChartText,
  labels: TrendLabels,
  num: (n: number) => string,
): string {
  const H = 252;
  const left = 46;
  const right = W - 12;
  const top = 40;
  const bottom = 206;
  const n = Math.max(points.length, 1);
  const gw = (right - left) / n;
  const shown = points.filter((p) => p.applicable);
  const max = Math.max(0, ...shown.flatMap((p) => [p.incidents, p.arrests, p.custody]));
  const { top: yMax, step } = niceScale(max);
  const y = (v: number): number => bottom - (Math.max(0, v) / yMax) * (bottom - top);
  const cx = (i: number): number => left + gw * i + gw / 2;
  let out = open(text, H, 'trend');

  // Legend: the shape of each series and its name.
  const lx = [left, left + 200, left + 400];
  out +=
    `<g class="legend" fill="${COLOURS.text}">` +
    `<rect x="${lx[0]}" y="8" width="14" height="10" fill="${COLOURS.bar}"/><text x="${lx[0]! + 20}" y="17">${esc(labels.incidents)}</text>` +
    `<line x1="${lx[1]}" y1="13" x2="${lx[1]! + 22}" y2="13" stroke="${COLOURS.accent}" stroke-width="2.5"/><circle cx="${lx[1]! + 11}" cy="13" r="3.5" fill="#fff" stroke="${COLOURS.accent}" stroke-width="2"/><text x="${lx[1]! + 28}" y="17">${esc(labels.arrests)}</text>` +
    `<line x1="${lx[2]}" y1="13" x2="${lx[2]! + 22}" y2="13" stroke="${COLOURS.slate}" stroke-width="2" stroke-dasharray="5 3"/><rect x="${lx[2]! + 8}" y="10" width="6" height="6" fill="${COLOURS.slate}"/><text x="${lx[2]! + 28}" y="17">${esc(labels.custody)}</text>` +
    `</g>`;

  // The briefing's own window, shaded and named; days without figures, a dashed empty box.
  points.forEach((p, i) => {
    if (p.current) {
      out += `<rect class="current" x="${r1(left + gw * i + 2)}" y="${top - 12}" width="${r1(gw - 4)}" height="${bottom - top + 50}" fill="${COLOURS.band}"/>`;
      out += `<text x="${r1(cx(i))}" y="${bottom + 31}" text-anchor="middle" fill="${COLOURS.text}" font-weight="bold">${esc(labels.current)}</text>`;
    }
    if (!p.applicable) {
      out += `<rect class="not-applicable" x="${r1(left + gw * i + 6)}" y="${top}" width="${r1(gw - 12)}" height="${bottom - top}" fill="#f8f9fb" stroke="${COLOURS.grid}" stroke-dasharray="4 3"/>`;
    }
  });

  // Grid and y axis.
  for (let v = 0; v <= yMax + 1e-9; v += step) {
    const gy = r1(y(v));
    out += `<line x1="${left}" y1="${gy}" x2="${right}" y2="${gy}" stroke="${v === 0 ? COLOURS.slate : COLOURS.grid}" stroke-width="1"/>`;
    out += `<text x="${left - 6}" y="${r1(y(v) + 4)}" text-anchor="end" fill="${COLOURS.muted}">${esc(num(v))}</text>`;
  }

  // Incidents: bars with their value above; the day's name under the axis.
  const bw = Math.min(gw * 0.42, 36);
  points.forEach((p, i) => {
    if (p.applicable) {
      const by = y(p.incidents);
      out += `<rect class="bar" x="${r1(cx(i) - bw / 2)}" y="${r1(by)}" width="${r1(bw)}" height="${r1(bottom - by)}" fill="${COLOURS.bar}" data-value="${p.incidents}"/>`;
    }
    out += `<text x="${r1(cx(i))}" y="${bottom + 16}" text-anchor="middle" fill="${COLOURS.text}"${p.current ? ' font-weight="bold"' : ''}>${esc(p.label)}</text>`;
  });

  // Arrests and custody: lines with distinct dash and marker shapes, broken where a day has no figures.
  const path = (key: 'arrests' | 'custody'): string => {
    let d = '';
    let pen = false;
    points.forEach((p, i) => {
      if (!p.applicable) {
        pen = false;
        return;
      }
      d += `${d === '' ? '' : ' '}${pen ? 'L' : 'M'}${r1(cx(i))} ${r1(y(p[key]))}`;
      pen = true;
    });
    return d;
  };
  if (shown.length > 0) {
    out += `<path class="line arrests" d="${path('arrests')}" fill="none" stroke="${COLOURS.accent}" stroke-width="2.5"/>`;
    out += `<path class="line custody" d="${path('custody')}" fill="none" stroke="${COLOURS.slate}" stroke-width="2" stroke-dasharray="5 3"/>`;
    points.forEach((p, i) => {
      if (!p.applicable) return;
      out += `<circle cx="${r1(cx(i))}" cy="${r1(y(p.arrests))}" r="3.5" fill="#fff" stroke="${COLOURS.accent}" stroke-width="2"/>`;
      out += `<rect x="${r1(cx(i) - 3)}" y="${r1(y(p.custody) - 3)}" width="6" height="6" fill="${COLOURS.slate}"/>`;
    });
  }
  // The incidents' values last, with a white halo, so that no line hides them; "n/a" on days without figures.
  points.forEach((p, i) => {
    const value = p.applicable ? num(p.incidents) : labels.notApplicable;
    const vy = p.applicable ? y(p.incidents) - 4 : (top + bottom) / 2;
    out +=
      `<text class="value${p.applicable ? '' : ' na'}" x="${r1(cx(i))}" y="${r1(vy)}" text-anchor="middle" fill="${p.applicable ? COLOURS.text : COLOURS.muted}" font-weight="bold" ` +
      `stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${esc(value)}</text>`;
  });
  if (shown.length > 0 && max === 0) {
    out += `<text class="empty" x="${(left + right) / 2}" y="${(top + bottom) / 2 - 18}" text-anchor="middle" fill="${COLOURS.muted}" font-size="13">${esc(labels.empty)}</text>`;
  }
  return `${out}</svg>`;
}
