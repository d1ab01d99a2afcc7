import { describe, expect, it } from 'vitest';
import { parseDayText } from '../../src/data/day.js';
import { formatProblem } from '../../src/errors.js';
import { event } from '../helpers/dataset.js';

const day = (text: string, ev = event()) => {
  const r = parseDayText(text, '2028-07-21/day.yaml', '2028-07-21', ev);
  return { day: r.day, lines: r.problems.map(formatProblem) };
};

describe('day.yaml', () => {
  it("takes a level of the event's own threat scale, in any case", () => {
    const ntas = event({
      threatScale: {
        name: { en: 'NTAS' },
        levels: [
          { id: 'bulletin', label: { en: 'Bulletin' } },
          { id: 'elevated', label: { en: 'Elevated' } },
        ],
      },
    });
    expect(day('threat_level: Elevated\n', ntas).day?.threatLevel).toBe('elevated');
    expect(day('threat_level: urgence_attentat\n', ntas).lines).toEqual([
      '2028-07-21/day.yaml:1:15: threat_level "urgence_attentat" is not known; expected one of bulletin, elevated',
    ]);
    expect(day('threat_level: elevate\n', ntas).lines[0]).toMatch(/did you mean "elevated"\?$/);
  });

  it('refuses a threat level when event.yaml has no threat scale', () => {
    expect(day('threat_level: vigilance\n', event({ threatScale: undefined })).lines).toEqual([
      '2028-07-21/day.yaml:1:15: threat_level is given but event.yaml has no threat_scale; add one (name_fr, name_en, levels) or leave threat_level out',
    ]);
  });

  it('takes key messages for any division of the event, a third one included', () => {
    const ev = event();
    ev.divisions.push({ ...ev.divisions[0]!, id: 'cyber' });
    const r = day('key_messages:\n  cyber:\n    - en: Two cyber incidents\n', ev);
    expect(r.lines).toEqual([]);
    expect(r.day?.keyMessages.map((m) => [m.division, m.text.en])).toEqual([['cyber', 'Two cyber incidents']]);
  });
});
