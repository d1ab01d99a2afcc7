import { describe, expect, it } from 'vitest';
import { barChartSvg, forcesChartSvg, levelChartSvg, niceScale, trendChartSvg } from '../../src/render/charts.js';

const num = (n: number) => String(n);
const text = { id: 'c1', title: 'Incidents by category', desc: 'Public order: 10' };

function rects(svg: string, cls: string): { width: number; height: number; y: number }[] {
  return [...svg.matchAll(new RegExp(`<rect class="${cls}"[^>]*>`, 'g'))].map((m) => ({
    width: Number(/width="([\d.]+)"/.exec(m[0])![1]),
    height: Number(/height="([\d.]+)"/.exec(m[0])![1]),
    y: Number(/ y="([\d.]+)"/.exec(m[0])![1]),
  }));
}

const trendLabels = {
  incidents: 'Incidents',
  arrests: 'Arrests',
  custody: 'Custody',
  current: 'J15',
  empty: 'Nothing to report',
  notApplicable: 'n/a',
};
const day = (i: number, incidents: number, arrests = 0, custody = 0, applicable = true) => ({
  label: `D${i}`,
  incidents,
  arrests,
  custody,
  current: i === 6,
  applicable,
});

describe('bar chart', () => {
  it('draws bars whose widths follow the data', () => {
    const svg = barChartSvg(
      [
        { labels: ['A'], value: 10 },
        { labels: ['B'], value: 5 },
        { labels: ['C'], value: 1 },
      ],
      text,
      num,
    );
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
    const svg = barChartSvg(
      [
        { labels: ['A'], value: 0 },
        { labels: ['B'], value: 0 },
      ],
      text,
      num,
    );
    expect(rects(svg, 'bar').map((r) => r.width)).toEqual([0, 0]);
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('</svg>');
  });

  it('still draws when one value dwarfs the others', () => {
    const svg = barChartSvg(
      [
        { labels: ['A'], value: 1_000_000 },
        { labels: ['B'], value: 1 },
      ],
      text,
      num,
    );
    const [a, b] = rects(svg, 'bar');
    expect(a!.width).toBeLessThanOrEqual(680);
    expect(b!.width).toBeGreaterThan(0); // a hairline: the small value is not drawn as nothing
    expect(b!.width).toBeLessThanOrEqual(2);
    expect(svg).toContain('>1</text>');
    expect(svg).not.toContain('NaN');
  });

  it('writes a name that reads the same in both languages once, and a note after the value', () => {
    const svg = barChartSvg(
      [
        { labels: ['Drone', 'Drone'], value: 7, note: '(18 %)' },
        { labels: ['Vol', 'Theft'], value: 9 },
      ],
      text,
      num,
    );
    expect(svg.match(/>Drone<\/text>/g)).toHaveLength(1);
    expect(svg).toContain('>Theft</text>');
    expect(svg).toContain(
      '<tspan font-weight="bold">7</tspan><tspan class="note" fill="#5f6b7a" dx="6">(18 %)</tspan>',
    );
  });

  it('draws nothing broken from no row or from values that are not counts', () => {
    const none = barChartSvg([], text, num);
    expect(none).toMatch(/^<svg [\s\S]*<\/svg>$/);
    const odd = barChartSvg(
      [
        { labels: ['A'], value: Number.NaN },
        { labels: ['B'], value: -3 },
        { labels: ['C'], value: 2 },
      ],
      text,
      num,
    );
    expect(odd).not.toContain('width="NaN"');
    expect(rects(odd, 'bar').map((r) => r.width)).toEqual([0, 0, expect.any(Number)]);
  });

  it('wraps a name too long for its column on more lines, whole, in every chart, and leaves the rows room for them', () => {
    const fr = 'Atteinte aux systèmes de traitement automatisé de données et assimilés';
    const en = 'Violence between ultra supporter groups of rival clubs';
    const forces = 'Police municipale de la Ville de Brisbane et de sa région';
    const limit = `${'Forces '.repeat(28)}X`.slice(0, 200); // the validated limit
    const svgs = [
      barChartSvg([{ labels: [fr, en], value: 3 }], text, num),
      forcesChartSvg([{ labels: [forces, limit], value: 3 }], text, forceLabels, num),
      levelChartSvg([{ labels: [fr, en], level: 2 }], text, [
        ['Faible', 'Low'],
        ['Élevé', 'High'],
      ]),
    ];
    for (const svg of svgs) {
      const anchored = [
        ...svg.matchAll(/<text x="(\d+)" y="([\d.]+)" text-anchor="end" fill="[^"]+"(?: lang="en")?>([^<]*)<\/text>/g),
      ];
      // the label column: the leftmost right-aligned texts (the figures' columns are further right)
      const column = Math.min(...anchored.map((m) => Number(m[1])));
      const texts = anchored.filter((m) => Number(m[1]) === column);
      const label = texts.map((m) => m[3]!);
      expect(label.join('')).not.toContain('…');
      // each language's name whole, line after line, each line within the column
      const joined = label.join(' ');
      for (const name of [fr, en, forces, limit]) if (svg.includes(name.slice(0, 20))) expect(joined).toContain(name);
      for (const m of texts) expect([...m[3]!].length * 6.2).toBeLessThanOrEqual(Number(m[1]) + 6.2);
      // lines 13 units apart, none outside the drawing
      const ys = texts.map((m) => Number(m[2]));
      ys.slice(1).forEach((y, i) => expect(y - ys[i]!).toBeCloseTo(13, 5));
      expect(Math.max(...ys)).toBeLessThan(Number(/viewBox="0 0 \d+ (\d+)"/.exec(svg)![1]));
    }
  });

  it('escapes its labels', () => {
    const svg = barChartSvg(
      [{ labels: ['<script>alert(1)</script>'], value: 1 }],
      { ...text, title: '</svg><script>' },
      num,
    );
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('trend chart', () => {
  it('draws one bar per day with heights that follow the incidents', () => {
    const svg = trendChartSvg(
      [0, 1, 2, 3, 4, 5, 6].map((i) => day(i, (i + 1) * 10, i, 1)),
      text,
      trendLabels,
      num,
    );
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
    const svg = trendChartSvg(
      [0, 1, 2, 3, 4, 5, 6].map((i) => day(i, 0)),
      text,
      trendLabels,
      num,
    );
    expect(rects(svg, 'bar').map((r) => r.height)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(svg).toContain('>Nothing to report</text>');
    expect(svg).not.toContain('NaN');
  });

  it('draws a week with one huge day', () => {
    const svg = trendChartSvg(
      [0, 1, 2, 3, 4, 5, 6].map((i) => day(i, i === 3 ? 100_000 : 2, 1, 1)),
      text,
      trendLabels,
      num,
    );
    const bars = rects(svg, 'bar');
    expect(Math.max(...bars.map((b) => b.height))).toBe(bars[3]!.height);
    expect(bars[3]!.y).toBeGreaterThanOrEqual(0);
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('>Nothing to report</text>');
  });

  it('shows days before the opening or without data as n/a: no bar, no mark, the lines broken, never a zero', () => {
    const svg = trendChartSvg(
      [0, 1, 2, 3, 4, 5, 6].map((i) => day(i, i < 3 ? 0 : 5 + i, 2, 1, i >= 3)),
      text,
      trendLabels,
      num,
    );
    expect(rects(svg, 'bar')).toHaveLength(4);
    expect(svg.match(/<rect class="not-applicable"/g)).toHaveLength(3);
    expect(svg.match(/class="value na"[^>]*>n\/a<\/text>/g)).toHaveLength(3);
    expect(svg).not.toMatch(/class="value"[^>]*>0<\/text>/);
    // The arrests line starts at the first day with figures: one move, three segments.
    const d = /class="line arrests" d="([^"]+)"/.exec(svg)![1]!;
    expect(d.match(/M/g)).toHaveLength(1);
    expect(d.match(/L/g)).toHaveLength(3);
    expect(svg.match(/<circle /g)).toHaveLength(4 + 1); // four days and the legend
    expect(svg).not.toContain('>Nothing to report</text>');
  });

  it('draws no line and no bar for a week without any figure', () => {
    const svg = trendChartSvg(
      [0, 1, 2, 3, 4, 5, 6].map((i) => day(i, 0, 0, 0, false)),
      text,
      trendLabels,
      num,
    );
    expect(rects(svg, 'bar')).toHaveLength(0);
    expect(svg).not.toContain('class="line arrests"');
    expect(svg.match(/>n\/a<\/text>/g)).toHaveLength(7);
  });

  it('uses nice axis maxima', () => {
    expect(niceScale(0)).toEqual({ top: 1, step: 1 });
    expect(niceScale(3)).toEqual({ top: 3, step: 1 });
    expect(niceScale(52)).toEqual({ top: 60, step: 20 });
    expect(niceScale(100_000).top).toBeGreaterThanOrEqual(100_000);
  });
});

const forceLabels = {
  count: ['Effectif', 'Strength'],
  previous: ['Veille', 'Day before'],
  change: ['Évolution', 'Change'],
  total: 'Total',
  totalValue: '36 500',
  totalPrevious: '35 000',
  totalChange: '+1 500',
};
const ticks = (svg: string): number[] =>
  [...svg.matchAll(/<line class="previous" x1="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('forces chart', () => {
  const rows = [
    { labels: ['Police nationale', 'National police'], value: 20000, previous: 19000, change: '▲ +1000' },
    { labels: ['Gendarmerie', 'Gendarmerie'], value: 10000, previous: 10000, change: '=' },
    { labels: ['Militaires', 'Military'], value: 5000, previous: 6000, change: '▼ −1000' },
    { labels: ['Autres', 'Other'], value: 1500 },
  ];

  it('draws bars that follow the strengths and a tick at the day before', () => {
    const svg = forcesChartSvg(rows, text, forceLabels, num);
    const bars = rects(svg, 'bar');
    expect(bars).toHaveLength(4);
    expect(bars[1]!.width / bars[0]!.width).toBeCloseTo(0.5, 2);
    expect(bars[2]!.width / bars[0]!.width).toBeCloseTo(0.25, 2);
    const [t0, t1, t2] = ticks(svg);
    expect(ticks(svg)).toHaveLength(3); // no tick where the day before is unknown
    const x0 = 184;
    expect((t0! - x0) / bars[0]!.width).toBeCloseTo(19000 / 20000, 2);
    expect(t1! - x0).toBeCloseTo(bars[1]!.width, 1);
    expect(t2! - x0).toBeGreaterThan(bars[2]!.width); // fewer than the day before: the tick is past the bar
  });

  it('writes the figures, the column heads in both languages and the total', () => {
    const svg = forcesChartSvg(rows, text, forceLabels, num);
    for (const t of [
      'Police nationale',
      'National police',
      'Effectif',
      'Strength',
      'Day before',
      'Change',
      '20000',
      '19000',
      '▲ +1000',
      '&#x3D;',
      '▼ −1000',
      'Total',
      '36 500',
      '+1 500',
    ]) {
      expect(svg, t).toContain(`>${t}</text>`);
    }
    expect(svg.match(/>Gendarmerie<\/text>/g)).toHaveLength(1);
    expect(svg).toContain('<title id="c1-title">');
    expect(svg).toContain('<desc id="c1-desc">');
  });

  it('still draws when every strength is zero or one force dwarfs the others', () => {
    const zero = forcesChartSvg(
      [
        { labels: ['A'], value: 0, previous: 0 },
        { labels: ['B'], value: 0 },
      ],
      text,
      forceLabels,
      num,
    );
    expect(rects(zero, 'bar').map((r) => r.width)).toEqual([0, 0]);
    expect(zero).not.toContain('NaN');
    const huge = forcesChartSvg(
      [
        { labels: ['A'], value: 5_000_000, previous: 10 },
        { labels: ['B'], value: 3, previous: 4_000_000 },
      ],
      text,
      forceLabels,
      num,
    );
    const [a, b] = rects(huge, 'bar');
    expect(a!.width).toBeLessThanOrEqual(276);
    expect(b!.width).toBeGreaterThan(0);
    expect(Math.max(...ticks(huge))).toBeLessThanOrEqual(184 + 276);
    expect(huge).toContain('>5000000</text>');
    expect(huge).not.toContain('NaN');
  });
});

describe('level chart', () => {
  const scale = [
    ['Faible', 'Low'],
    ['Modéré', 'Moderate'],
    ['Élevé', 'High'],
    ['Très élevé', 'Very high'],
  ];

  it("fills the scale up to each theme's level and names the level", () => {
    const svg = levelChartSvg(
      [
        { labels: ['Terrorisme', 'Terrorism'], level: 3 },
        { labels: ['Drones'], level: 0 },
      ],
      text,
      scale,
    );
    const rows = svg.split('<g class="row"').slice(1);
    expect(rows[0]!.match(/class="step on"/g)).toHaveLength(4);
    expect(rows[1]!.match(/class="step on"/g)).toHaveLength(1);
    expect(rows[1]!.match(/class="step"/g)).toHaveLength(3);
    expect(rows[0]).toContain('>Très élevé</text>');
    for (const l of ['Faible', 'Low', 'Very high', 'Terrorism']) expect(svg).toContain(`>${l}</text>`);
    expect(svg).toContain('<title id="c1-title">');
    expect(svg).not.toMatch(/url\(|<script/);
  });

  it('draws an unknown level as an empty scale', () => {
    const svg = levelChartSvg(
      [
        { labels: ['X'], level: -1 },
        { labels: ['Y'], level: 99 },
      ],
      text,
      scale,
    );
    const rows = svg.split('<g class="row"').slice(1);
    expect(rows[0]).not.toContain('class="step on"');
    expect(rows[1]!.match(/class="step on"/g)).toHaveLength(4);
    expect(svg).not.toContain('NaN');
  });
});
