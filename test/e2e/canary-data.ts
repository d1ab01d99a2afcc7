// The data set of the canary test (test/e2e/canary.test.ts): an event around a given day D, with
// in every record type (incidents, assessments, agenda, key messages; deployments, which hold
// no text, in the broken set) a TLP:RED canary, an AMBER+STRICT canary, a Spécial France canary
// and a CLEAR control, in ids and in every text field; on the days a briefing counts from the
// tally cache too. A second, broken set adds RED records with problems (a bad category, a
// duplicate id either way round, bad values) whose values must never reach a message.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';

export interface Canaries {
  /** TLP:RED: in no file, output, log, cache, register, message or email. */
  red: string;
  /** AMBER+STRICT: in national documents, national emails and the data folder only. */
  strict: string;
  /** special_france: as AMBER+STRICT. */
  sf: string;
  /** TLP:CLEAR: expected in every document. */
  control: string;
}

export function canaries(suffix: string): Canaries {
  return { red: `QZRED${suffix}`, strict: `QZSTRICT${suffix}`, sf: `QZSPECFR${suffix}`, control: `QZCLEAR${suffix}` };
}

/** A date `n` days after `day` (YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

type Marked = { key: keyof Canaries; marking: string };
const MARKED: readonly Marked[] = [
  { key: 'control', marking: '  tlp: CLEAR' },
  { key: 'red', marking: '  tlp: RED' },
  { key: 'strict', marking: '  tlp: AMBER+STRICT' },
  { key: 'sf', marking: '  tlp: GREEN\n  special_france: oui' },
];

function incidents(c: Canaries, day: string, time: string, tag: string): string {
  return (
    MARKED.map(({ key, marking }, i) =>
      [
        `- id: ${c[key]}-INC-${tag}`,
        `  time: ${day}T${time}${i}:00`,
        `  category: ${i % 2 === 0 ? 'drone' : 'terrorism'}`,
        '  severity: critical',
        '  games_impact: true',
        '  departement: "93"',
        `  commune: ${c[key]}-commune`,
        `  summary_fr: "${c[key]} fait ${tag} en français"`,
        `  summary_en: "${c[key]} fact ${tag} in English"`,
        '  nationalities: [DEU, BRA, USA]',
        `  arrests: ${i + 1}`,
        '  custody: 1',
        `  source: ${c[key]}-src`,
        marking,
      ].join('\n'),
    ).join('\n') + '\n'
  );
}

function assessments(c: Canaries, day: string): string {
  return (
    MARKED.map(({ key, marking }, i) =>
      [
        `- id: ${c[key]}-ASSESS`,
        `  time: ${day}T07:1${i}:00+02:00`,
        '  theme: terrorism',
        '  level: very_high',
        `  title_fr: "${c[key]} titre d'évaluation"`,
        `  title_en: "${c[key]} assessment title"`,
        `  body_fr: "${c[key]} corps de l'évaluation"`,
        `  body_en: "${c[key]} assessment body"`,
        `  source: ${c[key]}-src`,
        '  grading: B2',
        marking,
      ].join('\n'),
    ).join('\n') + '\n'
  );
}

function agenda(c: Canaries, day: string): string {
  return (
    MARKED.map(({ key, marking }, i) =>
      [
        `- id: ${c[key]}-AGENDA`,
        `  start: ${day}T14:0${i}:00+02:00`,
        '  kind: demonstration',
        `  title_fr: "${c[key]} manifestation"`,
        `  title_en: "${c[key]} demonstration"`,
        '  venue: stade-de-france',
        '  risk: high',
        marking,
      ].join('\n'),
    ).join('\n') + '\n'
  );
}

function keyMessages(c: Canaries): string {
  const messages = MARKED.map(({ key, marking }) =>
    [
      `    - fr: "${c[key]} message clé"`,
      `      en: "${c[key]} key message"`,
      marking.replace(/^ {2}/gm, '      '),
    ].join('\n'),
  ).join('\n');
  return `threat_level: urgence_attentat\nkey_messages:\n  securite:\n${messages}\n  renseignement:\n${messages}\n`;
}

/** Records of an earlier day, as CSV (counted from the tally cache once cached). */
function earlierCsv(c: Canaries, day: string): string {
  const rows = [
    'id,time,category,severity,departement,commune,summary_fr,summary_en,arrests,tlp,special_france',
    `${c.control}-OLD,${day} 15:00,theft,medium,75,${c.control}-commune,${c.control} ancien,${c.control} old,1,CLEAR,non`,
    `${c.red}-OLD,${day} 15:10,theft,medium,75,${c.red}-commune,${c.red} ancien,${c.red} old,40,RED,non`,
    `${c.strict}-OLD,${day} 15:20,theft,medium,75,${c.strict}-commune,${c.strict} ancien,${c.strict} old,2,AMBER+STRICT,non`,
    `${c.sf}-OLD,${day} 15:30,theft,medium,75,${c.sf}-commune,${c.sf} ancien,${c.sf} old,3,GREEN,oui`,
  ];
  return `${rows.join('\n')}\n`;
}

const xml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An Excel workbook (one sheet named `incidents`, inline strings) of these rows, the first the field names. */
export function workbook(rows: readonly (readonly string[])[]): Uint8Array {
  const col = (i: number) => String.fromCharCode(65 + i);
  const data = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells.map((v, i) => `<c r="${col(i)}${r + 1}" t="inlineStr"><is><t>${xml(v)}</t></is></c>`).join('')}</row>`,
    )
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="incidents" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData></worksheet>`,
    ),
  });
}

const XLSX_HEADER = [
  'id',
  'time',
  'category',
  'departement',
  'commune',
  'summary_fr',
  'summary_en',
  'arrests',
  'tlp',
  'special_france',
];

/** The four markings as workbook rows (ids ending `-XL<tag>`). */
function workbookRows(c: Canaries, day: string, time: string, tag: string): string[][] {
  return [
    XLSX_HEADER,
    ...MARKED.map(({ key }, i) => [
      `${c[key]}-XL${tag}`,
      `${day} ${time}${i}`,
      'cyber',
      '75',
      `${c[key]}-xl-commune`,
      `${c[key]} classeur`,
      `${c[key]} workbook`,
      String(i),
      key === 'red' ? 'RED' : key === 'strict' ? 'AMBER+STRICT' : key === 'sf' ? 'GREEN' : 'CLEAR',
      key === 'sf' ? 'oui' : 'non',
    ]),
  ];
}

function event(day: string): string {
  return `event:
  id: canary-e2e
  name_fr: Jeux témoins
  name_en: Canary Games
  centre_fr: Centre de coopération internationale (CCI)
  centre_en: International Cooperation Centre (ICC)
  timezone: Europe/Paris
  opens: ${addDays(day, -14)}
  closes: ${addDays(day, 20)}
  protection_mention: DIFFUSION RESTREINTE
defaults:
  tlp: GREEN
divisions:
  renseignement: { time: "09:30", title_fr: Briefing Renseignement, title_en: Intelligence briefing, records: [incidents, assessments, agenda], categories: intelligence, sections: [key_messages, threat_level, key_figures, late_reports, assessments, intelligence_incidents, trend, outlook, country_notes] }
  securite:      { time: "11:30", title_fr: Briefing Sécurité générale, title_en: General security briefing, records: [incidents, deployments, agenda], categories: all, sections: [key_messages, threat_level, key_figures, late_reports, forces, trend, notable_facts, by_category, by_area, map, nationals, outlook, country_notes] }
venues:
  - { id: stade-de-france, name: Stade de France, commune: Saint-Denis, departement: "93" }
partners: [DEU, BRA, USA]
distribution:
  from: cci-briefings@example.org
  duty: [duty@example.org]
  securite:      { partners: [all-officers@example.org], national: [cabinet@example.org] }
  renseignement: { partners: [all-officers@example.org], national: [cabinet@example.org] }
  countries:     { DEU: [lo-deu@example.org], BRA: [lo-bra@example.org], USA: [lo-usa@example.org] }
areas: { field: departement, label_fr: Département, label_en: Department, heading_fr: département, heading_en: department, codes: fr-departements }
threat_scale:
  name_fr: Vigipirate
  name_en: Vigipirate
  levels:
    - { id: vigilance, label_fr: Vigilance, label_en: Vigilance }
    - { id: securite_renforcee, label_fr: Sécurité renforcée – risque attentat, label_en: Enhanced security – attack risk }
    - { id: urgence_attentat, label_fr: Urgence attentat, label_en: Attack emergency }
`;
}

/**
 * Writes the valid data set for day D into `dir`: day folders D−3 (CSV, counted from the cache
 * from the second run on, with a RED record timed three days from its folder, which validate
 * warns about), D−1 (incidents, deployments, key messages) and D (every record type).
 */
export async function writeCanaryData(dir: string, c: Canaries, day: string): Promise<void> {
  const d1 = addDays(day, -1);
  const d3 = addDays(day, -3);
  await mkdir(join(dir, day), { recursive: true });
  await mkdir(join(dir, d1), { recursive: true });
  await mkdir(join(dir, d3), { recursive: true });
  await writeFile(join(dir, 'event.yaml'), event(day));
  await writeFile(join(dir, day, 'incidents.yaml'), incidents(c, day, '08:1', 'D'));
  await writeFile(join(dir, day, 'assessments.yaml'), assessments(c, day));
  await writeFile(join(dir, day, 'agenda.yaml'), agenda(c, day));
  await writeFile(join(dir, day, 'day.yaml'), keyMessages(c));
  await writeFile(
    join(dir, day, 'deployments.csv'),
    `date,force,departement,count,tlp\n${day},police,75,1200,CLEAR\n${day},gendarmerie,93,987654,RED\n${day},military,93,4321,AMBER+STRICT\n`,
  );
  await writeFile(join(dir, d1, 'incidents.yaml'), incidents(c, d1, '14:1', 'D1'));
  await writeFile(join(dir, d1, 'day.yaml'), keyMessages(c));
  await writeFile(
    join(dir, d1, 'deployments.csv'),
    `date,force,departement,count,tlp\n${d1},police,75,1100,CLEAR\n${d1},gendarmerie,93,987653,RED\n`,
  );
  await writeFile(join(dir, d3, 'incidents.csv'), earlierCsv(c, d3));
  await writeFile(join(dir, d3, 'incidents-xl.xlsx'), workbook(workbookRows(c, d3, '16:1', 'OLD')));
  await writeFile(join(dir, day, 'incidents-xl.xlsx'), workbook(workbookRows(c, day, '07:4', 'D')));
  // valid but three days from its folder: validate's warning must not name it
  await writeFile(
    join(dir, d3, 'incidents-far.yaml'),
    [
      `- id: ${c.red}-FAR`,
      `  time: ${addDays(d3, -3)}T10:00:00+02:00`,
      '  category: theft',
      '  departement: "75"',
      `  summary_fr: ${c.red} loin`,
      '  tlp: RED',
      '',
    ].join('\n'),
  );
}

/** Records reported late: timed in D's general security window, after the briefing of D was issued. */
export function lateIncidents(c: Canaries, day: string): string {
  return incidents(c, day, '10:5', 'LATE');
}

/**
 * Writes the broken data set into `dir` (the valid one plus RED records with problems): a bad
 * category, an id used twice (RED first, and RED second), bad severity, area, venue, country,
 * grading, number, time that does not exist, an unreadable tlp, a RED assessment and agenda
 * item with bad values, a RED deployment with a bad force and area, and a RED key message with
 * an unknown field.
 */
export async function writeBrokenData(dir: string, c: Canaries, day: string): Promise<void> {
  await writeCanaryData(dir, c, day);
  const r = c.red;
  await writeFile(
    join(dir, day, 'incidents-broken.yaml'),
    [
      `- id: ${r}-BADCAT`,
      `  time: ${day}T08:30:00+02:00`,
      `  category: ${r}-category`,
      '  departement: "75"',
      `  summary_fr: ${r} catégorie`,
      '  tlp: RED',
      // the same id as a valid RED record of the day (second use is RED)
      `- id: ${r}-INC-D`,
      `  time: ${day}T08:31:00+02:00`,
      '  category: theft',
      '  departement: "75"',
      `  summary_fr: ${r} doublon`,
      '  tlp: RED',
      `- id: ${r}-BADVALS`,
      `  time: ${day}T08:32:00+02:00`,
      '  category: theft',
      `  severity: ${r}-sev`,
      `  departement: "${r}"`,
      `  venue: ${r}-venue`,
      `  nationalities: [${r}]`,
      `  grading: ${r}`,
      `  arrests: ${r}-n`,
      `  games_impact: ${r}-b`,
      `  summary_fr: ${r} valeurs`,
      `  ${r.toLowerCase()}_field: ${r}-unknown`,
      '  tlp: RED',
      `- id: ${r}-BADTIME`,
      `  time: ${day}T02:30:00 ${r}`,
      '  category: theft',
      '  departement: "75"',
      `  summary_fr: ${r} heure`,
      '  tlp: red',
      `- id: ${r}-BADTLP`,
      `  time: ${day}T08:33:00+02:00`,
      `  category: ${r}-cat2`,
      '  departement: "75"',
      `  summary_fr: ${r} marquage`,
      `  tlp: ${r}-tlp`,
      '',
    ].join('\n'),
  );
  // the id of a RED record used again by a GREEN one, before and after it (file order)
  await writeFile(
    join(dir, day, 'incidents-a-dup.yaml'),
    [
      `- id: ${r}-DUP-FIRST`,
      `  time: ${day}T08:40:00+02:00`,
      '  category: theft',
      '  departement: "75"',
      `  summary_fr: ${r} premier`,
      '  tlp: RED',
      `- id: ${r}-DUP-SECOND`,
      `  time: ${day}T08:41:00+02:00`,
      '  category: theft',
      '  departement: "75"',
      '  summary_fr: vert',
      '  tlp: GREEN',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, day, 'incidents-b-dup.yaml'),
    [
      `- id: ${r}-DUP-FIRST`,
      `  time: ${day}T08:42:00+02:00`,
      '  category: theft',
      '  departement: "75"',
      '  summary_fr: vert',
      '  tlp: GREEN',
      `- id: ${r}-DUP-SECOND`,
      `  time: ${day}T08:43:00+02:00`,
      '  category: theft',
      '  departement: "75"',
      `  summary_fr: ${r} second`,
      '  tlp: RED',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, day, 'assessments-broken.yaml'),
    [
      `- id: ${r}-ASSESS`,
      `  time: ${day}T07:20:00+02:00`,
      `  theme: ${r}-theme`,
      `  level: ${r}-level`,
      `  title_fr: ${r} titre`,
      `  grading: ${r}`,
      '  tlp: RED',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, day, 'agenda-broken.yaml'),
    [
      `- id: ${r}-AGENDA-BAD`,
      `  start: ${day}T14:30:00+02:00`,
      `  kind: ${r}-kind`,
      `  title_fr: ${r} agenda`,
      `  venue: ${r}-venue`,
      `  risk: ${r}-risk`,
      '  tlp: RED',
      '',
    ].join('\n'),
  );
  // CSV and workbook rows: RED with a bad category, a bad number, a value under no field name,
  // and the id of a RED record of a day counted from the tally cache
  await writeFile(
    join(dir, day, 'incidents-broken.csv'),
    [
      'id,time,category,departement,summary_fr,arrests,tlp',
      `${r}-CSV,${day} 08:50,${r}-category,75,${r} csv,${r}-n,RED,${r}-extra`,
      `${r}-OLD,${day} 08:51,theft,75,vert,1,GREEN`,
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, day, 'incidents-xlbad.xlsx'),
    workbook([
      ['id', 'time', 'category', 'departement', 'summary_fr', 'arrests', 'tlp'],
      [`${r}-XLBAD`, `${day} 08:52`, `${r}-category`, `${r}`, `${r} classeur`, `${r}-n`, 'RED', `${r}-extra`],
      [`${r}-XLOLD`, `${day} 08:53`, 'theft', '75', `${r} classeur`, '1', `${r}-tlp`],
    ]),
  );
  await writeFile(
    join(dir, day, 'deployments-broken.csv'),
    `date,force,departement,count,tlp\n${day},${r}-force,${r},${r}-count,RED\n`,
  );
  await writeFile(
    join(dir, day, 'day.yaml'),
    `${keyMessages(c)}    - fr: "${r} message cassé"\n      en: "${r} broken message"\n      ${r.toLowerCase()}: "${r}-x"\n      tlp: RED\n`,
  );
}
