import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import { composeEmail } from '../../src/deliver/compose.js';
import { identification, printJob } from '../../src/pipeline/print-job.js';
import { renderBriefingHtml } from '../../src/render/briefing.js';
import { nameInBoth } from '../../src/model/bilingual.js';
import { dataset, division, event } from '../helpers/dataset.js';

// One rule for a name the event gives in one language only (a division's title, the event's
// name): the other language takes it, in the title block, the running header, the PDF's title
// and the email alike; never the division's id, never "translation pending" in one place only.
const data = dataset({
  event: event({
    name: { en: 'Football Championship 2026' },
    divisions: [division('cyber', '16:00', { en: 'Cyber briefing' }, { records: ['incidents'] })],
  }),
});
const model = buildBriefing(data, {
  division: 'cyber',
  date: '2024-08-05',
  audience: { kind: 'partners' },
  draft: false,
}).model;

describe('a name the event gives in one language', () => {
  it('is the same in both languages in the model, the next briefing included', () => {
    expect(model.divisionTitle).toEqual({ fr: 'Cyber briefing', en: 'Cyber briefing' });
    expect(model.nextBriefing?.title).toEqual({ fr: 'Cyber briefing', en: 'Cyber briefing' });
    expect(model.event.name).toEqual({ fr: 'Football Championship 2026', en: 'Football Championship 2026' });
  });

  it('reads the same in the title block, the running header, the PDF title and the email', () => {
    for (const lang of ['both', 'fr', 'en'] as const) {
      const html = renderBriefingHtml(model, { lang });
      const block = /<header class="title-block">[\s\S]*?<\/header>/.exec(html)![0];
      expect(block, lang).toContain('<h1>Cyber briefing</h1>');
      expect(block, lang).not.toMatch(/traduction en attente|translation pending|>cyber</);
      const job = printJob({ plan: { baseName: 'x', lang }, model, html });
      expect(job.title, lang).toContain('Cyber briefing — ');
      expect(job.title, lang).not.toMatch(/\bcyber —|traduction en attente|translation pending/);
    }
    expect(identification(model, ['fr', 'en'])).toMatch(/ · Cyber briefing$/);
    const email = composeEmail(model, 'both', 'x.pdf');
    expect(email.subject).toContain('Cyber briefing');
    expect(email.text).not.toMatch(/traduction en attente|translation pending/);
  });

  it('keeps both languages when both are given, and gives nothing for none', () => {
    expect(nameInBoth({ fr: 'Briefing Cyber', en: 'Cyber briefing' })).toEqual({
      fr: 'Briefing Cyber',
      en: 'Cyber briefing',
    });
    expect(nameInBoth({ fr: 'Briefing Cyber', en: '  ' })).toEqual({ fr: 'Briefing Cyber', en: 'Briefing Cyber' });
    expect(nameInBoth({})).toEqual({});
  });
});
