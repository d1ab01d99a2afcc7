// The demo's data with briefings issued, then records entered late: what the accessibility and
// PDF structure tests need to see the late reports and the corrigendum in full. Both divisions'
// briefings of 2 and 4 August 2024 are handed out to the partners in the three languages
// (3 August is not: a period no briefing covered); then a theft, a drone flight and an assessment of 4 August are entered, and
// an incident of 4 August is made more severe. The 5 August briefings then list them in their
// late reports (new, changed, the period not covered, the revised figures), and the 4 August
// briefings come out as corrigendum No. 1.

import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cci, ROOT, tempDir } from './helpers.js';

export interface IssuedDemo {
  /** The data folder (a copy of the demo's). */
  data: string;
  /** The output folder the briefings were issued to: its runs share their register. */
  out: string;
  /** Runs `cci brief` on this data into `out`, both divisions, for the partners. */
  brief(date: string, ...extra: string[]): Promise<string[]>;
}

const LATE_INCIDENTS = `
- id: LATE-THEFT
  time: "2024-08-04T10:05:00+02:00"
  category: theft
  severity: high
  venue: stade-de-france
  summary_fr: Vol de matériel radio dans un véhicule de service, signalé après la diffusion du briefing.
  summary_en: Radio equipment stolen from a service vehicle, reported after the briefing was issued.
  arrests: 2
  custody: 1
  source: DDSP 93
  tlp: GREEN
- id: LATE-DRONE
  time: "2024-08-04T09:10:00+02:00"
  category: drone
  severity: medium
  venue: chateau-de-versailles
  summary_fr: Survol du château de Versailles par un drone de loisir; télépilote identifié.
  summary_en: Leisure drone flown over the Château de Versailles; pilot identified.
  source: GGD 78
  grading: B2
  tlp: GREEN
`;

const LATE_ASSESSMENT = `
- id: LATE-ASSESSMENT
  time: "2024-08-04T08:00:00+02:00"
  theme: cyber
  level: moderate
  title_fr: Hameçonnage visant les billetteries
  title_en: Phishing aimed at ticketing
  body_fr: Une campagne d’hameçonnage imite la billetterie officielle; aucun système des Jeux n’est atteint.
  body_en: A phishing campaign imitates the official ticketing site; no Games system is affected.
  source: ANSSI
  grading: A2
  tlp: GREEN
`;

export async function issuedDemo(): Promise<IssuedDemo> {
  const data = join(await tempDir('cci-issued-demo-'), 'data');
  await cp(join(ROOT, 'data'), data, { recursive: true });
  const out = await tempDir('cci-issued-demo-out-');
  const brief = async (date: string, ...extra: string[]): Promise<string[]> => {
    const r = await cci([
      'brief',
      '--data',
      data,
      '--date',
      date,
      '--division',
      'securite,renseignement',
      '--audience',
      'partners',
      '--out',
      out,
      ...extra,
    ]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.trim().split('\n');
  };
  for (const lang of [[], ['--lang', 'fr'], ['--lang', 'en']]) {
    // each language is a document of its own: issued, and corrected, by itself
    await brief('2024-08-02', '--format', 'html', '--issue', '--by', 'duty', ...lang);
    await brief('2024-08-04', '--format', 'html', '--issue', '--by', 'duty', ...lang);
  }
  const day = join(data, '2024-08-04');
  await appendFile(join(day, 'incidents-gn.yaml'), LATE_INCIDENTS);
  await appendFile(join(day, 'assessments.yaml'), LATE_ASSESSMENT);
  const gn = await readFile(join(day, 'incidents-gn.yaml'), 'utf8');
  const changed = gn.replace(
    'category: consular\n  severity: medium\n  departement: "95"',
    'category: consular\n  severity: high\n  departement: "95"',
  );
  expect(changed).not.toBe(gn);
  await writeFile(join(day, 'incidents-gn.yaml'), changed);
  return { data, out, brief };
}
