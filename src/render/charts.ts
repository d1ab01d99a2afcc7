// Inline SVG charts. No script, no external resource; every text goes through `esc`. Each chart
// carries a <title> and <desc> (the data in words) and stays readable in black and white:
// values are written next to the marks, and series differ by shape and dash, not colour only.

import { esc } from './markup.js';

export interface ChartText {
  id: string; // unique in the document
  title: string;
  desc: string;
}

export interface BarDatum {
  labels: string[]; // one line per language shown, French first
  value: number;
}

const W = 680;
const COLOURS = { bar: '#1f3a5f', accent: '#b07d2b', slate: '#55657a', grid: '#d5dbe3', band: '#e9eef5', text: '#1c2533', muted: '#5f6b7a' };

function open(text: ChartText, height: number, cls: string): string {
  const t = `${text.id}-title`;
  const d = `${text.id}-desc`;
  return `<svg class="chart ${cls}" viewBox="0 0 ${W} ${height}" `
    + `width="${W}" height="${height}" role="img" aria-labelledby="${t} ${d}" font-size="11">`
    + `<title id="${t}">${esc(text.title)}</title><desc id="${d}">${esc(text.desc)}</desc>`;
}

const r1 = (n: number): string => String(Math.round(n * 10) / 10);

/** Horizontal bars, one per row, labelled on the left, value written at the end of the bar. */
export function barChartSvg(rows: readonly BarDatum[], text: ChartText, num: (n: number) => string): string {
  const lines = Math.max(1, ...rows.map((r) => r.labels.length));
  const rowH = lines > 1 ? 30 : 22;
  const labelX = 226;
  const barX = 234;
  const barMax = W - barX - 56;
  const top = 4;
  const height = top * 2 + rowH * Math.max(rows.length, 1);
  const max = Math.max(0, ...rows.map((r) => r.value));
  let out = open(text, height, 'bars');
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const w = max > 0 ? (Math.max(0, r.value) / max) * barMax : 0;
    const barH = rowH - 10;
    out += `<g class="row">`;
    r.labels.forEach((label, j) => {
      const ly = y + (lines > 1 ? 12 + j * 12 : rowH / 2 + 4);
      const style = j === 0 ? `fill="${COLOURS.text}"` : `fill="${COLOURS.muted}" font-style="italic" font-size="10"`;
      out += `<text x="${labelX}" y="${ly}" text-anchor="end" ${style}>${esc(label)}</text>`;
    });
    out += `<rect class="bar" x="${barX}" y="${r1(y + 5)}" width="${r1(w)}" height="${barH}" fill="${COLOURS.bar}" data-value="${esc(String(r.value))}"/>`;
    out += `<text class="value" x="${r1(barX + w + 6)}" y="${r1(y + rowH / 2 + 4)}" fill="${COLOURS.text}" font-weight="bold">${esc(num(r.value))}</text>`;
    out += `</g>`;
  });
  out += `<line x1="${barX}" y1="${top}" x2="${barX}" y2="${height - top}" stroke="${COLOURS.slate}" stroke-width="1"/>`;
  return `${out}</svg>`;
}

export interface TrendDatum {
  label: string; // x-axis label (short date)
  incidents: number;
  arrests: number;
  custody: number;
  current: boolean; // the briefing's own window
}

export interface TrendLabels {
  incidents: string;
  arrests: string;
  custody: string;
  current: string;
  empty: string; // shown across an all-zero chart
}

/** The smallest "nice" axis maximum (1, 2, 5 × 10^k) ≥ max, with its tick step. */
export function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const s = Math.max(1, step);
  return { top: Math.ceil(max / s) * s, step: s };
}

/** Incidents as bars, arrests (solid line, circles) and custody (dashed line, squares). */
export function trendChartSvg(points: readonly TrendDatum[], text: ChartText, labels: TrendLabels, num: (n: number) => string): string {
  const H = 250;
  const left = 46;
  const right = W - 12;
  const top = 40;
  const bottom = 206;
  const n = Math.max(points.length, 1);
  const gw = (right - left) / n;
  const max = Math.max(0, ...points.flatMap((p) => [p.incidents, p.arrests, p.custody]));
  const { top: yMax, step } = niceScale(max);
  const y = (v: number): number => bottom - (Math.max(0, v) / yMax) * (bottom - top);
  const cx = (i: number): number => left + gw * i + gw / 2;
  let out = open(text, H, 'trend');

  // Legend: the shape of each series and its name.
  const lx = [left, left + 200, left + 400];
  out += `<g class="legend" fill="${COLOURS.text}">`
    + `<rect x="${lx[0]}" y="8" width="14" height="10" fill="${COLOURS.bar}"/><text x="${lx[0]! + 20}" y="17">${esc(labels.incidents)}</text>`
    + `<line x1="${lx[1]}" y1="13" x2="${lx[1]! + 22}" y2="13" stroke="${COLOURS.accent}" stroke-width="2.5"/><circle cx="${lx[1]! + 11}" cy="13" r="3.5" fill="#fff" stroke="${COLOURS.accent}" stroke-width="2"/><text x="${lx[1]! + 28}" y="17">${esc(labels.arrests)}</text>`
    + `<line x1="${lx[2]}" y1="13" x2="${lx[2]! + 22}" y2="13" stroke="${COLOURS.slate}" stroke-width="2" stroke-dasharray="5 3"/><rect x="${lx[2]! + 8}" y="10" width="6" height="6" fill="${COLOURS.slate}"/><text x="${lx[2]! + 28}" y="17">${esc(labels.custody)}</text>`
    + `</g>`;

  // The briefing's own window, shaded and named.
  points.forEach((p, i) => {
    if (!p.current) return;
    out += `<rect class="current" x="${r1(left + gw * i + 2)}" y="${top - 12}" width="${r1(gw - 4)}" height="${bottom - top + 12}" fill="${COLOURS.band}"/>`;
    out += `<text x="${r1(cx(i))}" y="${top - 2}" text-anchor="middle" font-size="9.5" fill="${COLOURS.muted}" font-weight="bold">${esc(labels.current)}</text>`;
  });

  // Grid and y axis.
  for (let v = 0; v <= yMax + 1e-9; v += step) {
    const gy = r1(y(v));
    out += `<line x1="${left}" y1="${gy}" x2="${right}" y2="${gy}" stroke="${v === 0 ? COLOURS.slate : COLOURS.grid}" stroke-width="1"/>`;
    out += `<text x="${left - 6}" y="${r1(y(v) + 4)}" text-anchor="end" fill="${COLOURS.muted}" font-size="10">${esc(num(v))}</text>`;
  }

  // Incidents: bars with their value above.
  const bw = Math.min(gw * 0.42, 36);
  points.forEach((p, i) => {
    const by = y(p.incidents);
    out += `<rect class="bar" x="${r1(cx(i) - bw / 2)}" y="${r1(by)}" width="${r1(bw)}" height="${r1(bottom - by)}" fill="${COLOURS.bar}" data-value="${p.incidents}"/>`;
    out += `<text x="${r1(cx(i))}" y="${r1(by - 4)}" text-anchor="middle" fill="${COLOURS.text}" font-weight="bold" font-size="10.5">${esc(num(p.incidents))}</text>`;
    out += `<text x="${r1(cx(i))}" y="${bottom + 16}" text-anchor="middle" fill="${COLOURS.text}"${p.current ? ' font-weight="bold"' : ''}>${esc(p.label)}</text>`;
  });

  // Arrests and custody: lines with distinct dash and marker shapes.
  const path = (key: 'arrests' | 'custody'): string => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r1(cx(i))} ${r1(y(p[key]))}`).join(' ');
  if (points.length > 0) {
    out += `<path class="line arrests" d="${path('arrests')}" fill="none" stroke="${COLOURS.accent}" stroke-width="2.5"/>`;
    out += `<path class="line custody" d="${path('custody')}" fill="none" stroke="${COLOURS.slate}" stroke-width="2" stroke-dasharray="5 3"/>`;
    points.forEach((p, i) => {
      out += `<circle cx="${r1(cx(i))}" cy="${r1(y(p.arrests))}" r="3.5" fill="#fff" stroke="${COLOURS.accent}" stroke-width="2"/>`;
      out += `<rect x="${r1(cx(i) - 3)}" y="${r1(y(p.custody) - 3)}" width="6" height="6" fill="${COLOURS.slate}"/>`;
    });
  }
  if (max === 0) {
    out += `<text class="empty" x="${(left + right) / 2}" y="${(top + bottom) / 2}" text-anchor="middle" fill="${COLOURS.muted}" font-size="13">${esc(labels.empty)}</text>`;
  }
  return `${out}</svg>`;
}
