// Class breaks of the choropleth: few classes with round bounds, so that a reader tells them
// apart in print and in black and white (each class also has its own hatching, and every count
// is written on the map).

/** Round bounds the classes may end on: 1, 2, 3, 5 times a power of ten. */
function niceValues(max: number): number[] {
  const out: number[] = [];
  for (let p = 1; p <= max * 10; p *= 10) for (const m of [1, 2, 3, 5]) out.push(m * p);
  return out;
}

/**
 * Upper bounds of at most four classes of counts 1..max (0 is a class of its own, drawn
 * unfilled): each count its own class up to 4; above, bounds near max^¼, max^½ and max^¾ rounded
 * to 1-2-3-5 values (geometric: counts of incidents are skewed, a few areas have most), then max.
 * E.g. max 9 → [2, 3, 5, 9] (1–2, 3, 4–5, 6–9); max 100 → [3, 10, 30, 100]; max 0 → [].
 */
export function classBreaks(max: number): number[] {
  const top = Math.floor(max);
  if (!(top >= 1)) return [];
  if (top <= 4) return Array.from({ length: top }, (_, i) => i + 1);
  const nice = niceValues(top);
  const nearest = (x: number): number =>
    nice.reduce((best, v) => (Math.abs(Math.log(v / x)) < Math.abs(Math.log(best / x)) ? v : best), 1);
  const bounds = [0.25, 0.5, 0.75].map((e) => nearest(top ** e)).filter((v) => v < top);
  return [...new Set([...bounds, top])].sort((a, b) => a - b);
}

/** The class (0-based) of a count under `breaks`, or -1 for no incident. */
export function classOf(count: number, breaks: readonly number[]): number {
  if (!(count > 0)) return -1;
  const i = breaks.findIndex((b) => count <= b);
  return i === -1 ? breaks.length - 1 : i;
}

/** The counts each class holds, as [from, to] (from = to for a class of one count). */
export function classRanges(breaks: readonly number[]): [number, number][] {
  return breaks.map((b, i) => [i === 0 ? 1 : breaks[i - 1]! + 1, b]);
}
