import { describe, expect, it } from 'vitest';
import { barChartSvg, niceScale, trendChartSvg } from '../../src/render/charts.js';

const num = (n: number) => String(n);
const text = { id: 'c1', title: 'Incidents by category', desc: 'Public order: 10' };

function rects(svg: string, cls: string): { width: number; height: number; y: number }[] {
  return [...svg.matchAll(new RegExp(`<rect class="${cls}"[^>]*>`, 'g'))].map((m) => ({
    width: Number(/width="([\d.]+)"/.exec(m[0])![1]),
    height: Number(/height="([\d.]+)"/.exec(m[0])![1]),
    y: Number(/ y="([\d.]+)"/.exec(m[0])![1]),
  }));
}

const trendLabels = { incidents: 'Incidents', arrests: 'Arrests', custody: 'Custody', current: 'J15', empty: 'Nothing to report' };
const day = (i: number, incidents: number, arrests = 0, custody = 0) => ({ label: `D${i}`, incidents, arrests, custody, current: i === 6 });

describe('bar chart', () => {
  it('draws bars whose widths follow the data', () => {
    const svg = barChartSvg([{ labels: ['A'], value: 10 }, { labels: ['B'], value: 5 }, { labels: ['C'], value: 1 }], text, num);
    const [a, b, c] = rects(svg, 'bar');
    expect(a!.width).toBeGreaterThan(100);
    expect(b!.width / a!.width).toBeCloseTo(0.5, 2);
    expect(c!.width / a!.width).toBeCloseTo(0.1, 2);
  });

  it('has a title and a description, and writes labels and values', () => {
    const svg = barChartSvg([{ labels: ['Ordre public', 'Public order'], value: 1234 }], text, num);
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="c1-title c1-desc"/);
    expect(svg).toContain('<title id="c1-title">Incidents by category</title>');
    expect(svg).toContain('<desc id="c1-desc">Public order: 10</desc>');
    expect(svg).toContain('>Ordre public</text>');
    expect(svg).toContain('>Public order</text>');
    expect(svg).toContain('>1234</text>');
  });

  it('still draws when every value is zero', () => {
    const svg = barChartSvg([{ labels: ['A'], value: 0 }, { labels: ['B'], value: 0 }], text, num);
    expect(rects(svg, 'bar').map((r) => r.width)).toEqual([0, 0]);
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('</svg>');
  });

  it('still draws when one value dwarfs the others', () => {
    const svg = barChartSvg([{ labels: ['A'], value: 1_000_000 }, { labels: ['B'], value: 1 }], text, num);
    const [a, b] = rects(svg, 'bar');
    expect(a!.width).toBeLessThanOrEqual(680);
    expect(b!.width).toBeGreaterThanOrEqual(0);
    expect(b!.width).toBeLessThan(1);
    expect(svg).toContain('>1</text>');
    expect(svg).not.toContain('NaN');
  });

  it('escapes its labels', () => {
    const svg = barChartSvg([{ labels: ['<script>alert(1)</script>'], value: 1 }], { ...text, title: '</svg><script>' }, num);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('trend chart', () => {
  it('draws one bar per day with heights that follow the incidents', () => {
    const svg = trendChartSvg([0, 1, 2, 3, 4, 5, 6].map((i) => day(i, (i + 1) * 10, i, 1)), text, trendLabels, num);
    const bars = rects(svg, 'bar');
    expect(bars).toHaveLength(7);
    expect(bars[6]!.height / bars[0]!.height).toBeCloseTo(7, 1);
    expect(svg).toContain('class="line arrests"');
    expect(svg).toContain('class="line custody"');
    expect(svg).toContain('stroke-dasharray'); // custody differs by dash, not colour only
    expect(svg).toContain('<rect class="current"');
    expect(svg).toContain('>J15</text>');
    for (const l of ['Incidents', 'Arrests', 'Custody']) expect(svg).toContain(`>${l}</text>`);
    expect(svg).toContain('<title id="c1-title">');
    expect(svg).toContain('<desc id="c1-desc">');
  });

  it('draws an all-zero week with zero-height bars and says nothing to report', () => {
    const svg = trendChartSvg([0, 1, 2, 3, 4, 5, 6].map((i) => day(i, 0)), text, trendLabels, num);
    expect(rects(svg, 'bar').map((r) => r.height)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(svg).toContain('>Nothing to report</text>');
    expect(svg).not.toContain('NaN');
  });

  it('draws a week with one huge day', () => {
    const svg = trendChartSvg([0, 1, 2, 3, 4, 5, 6].map((i) => day(i, i === 3 ? 100_000 : 2, 1, 1)), text, trendLabels, num);
    const bars = rects(svg, 'bar');
    expect(Math.max(...bars.map((b) => b.height))).toBe(bars[3]!.height);
    expect(bars[3]!.y).toBeGreaterThanOrEqual(0);
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('>Nothing to report</text>');
  });

  it('uses nice axis maxima', () => {
    expect(niceScale(0)).toEqual({ top: 1, step: 1 });
    expect(niceScale(3)).toEqual({ top: 3, step: 1 });
    expect(niceScale(52)).toEqual({ top: 60, step: 20 });
    expect(niceScale(100_000).top).toBeGreaterThanOrEqual(100_000);
  });
});
