// `cci init DIR`: a new event's data folder that validates: a commented event.yaml and one
// example day (today, in the event's time zone) with a record of every kind.

import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { t } from '../i18n/messages.js';
import { writeOutputs } from '../output/write-outputs.js';
import { addDays, dateInZone } from '../window/calendar.js';
import type { Io } from './io.js';
import { errorText } from '../text/one-line.js';

const TIMEZONE = 'Europe/Paris';

export async function runInit(opts: { dir: string }, io: Io): Promise<number> {
  const dir = resolve(io.cwd, opts.dir);
  const existing = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw new UsageError(t('init.cannotCreate', { dir, reason: errorText(e) }));
  });
  if (existing.length > 0) {
    throw new UsageError(t('init.notEmpty', { dir }));
  }
  const today = dateInZone(io.now(), TIMEZONE);
  const written = await writeOutputs([
    { path: join(dir, 'event.yaml'), content: eventYaml(today) },
    { path: join(dir, today, 'incidents.yaml'), content: incidentsYaml(today) },
    { path: join(dir, today, 'deployments.csv'), content: deploymentsCsv(today) },
    { path: join(dir, today, 'assessments.yaml'), content: assessmentsYaml(today) },
    { path: join(dir, today, 'agenda.yaml'), content: agendaYaml(today) },
    { path: join(dir, today, 'day.yaml'), content: dayYaml() },
  ]);
  for (const path of written) io.out(path);
  io.info(t('init.done', { dir, arg: opts.dir }));
  return 0;
}

function eventYaml(today: string): string {
  return `# The event: edit every field for yours (README, "Adapting cci to another event").
# Times are local to \`timezone\`. These defaults are those of a French event, as Paris 2024.
event:
  id: my-event
  name_fr: Mon événement ${today.slice(0, 4)}
  name_en: My Event ${today.slice(0, 4)}
  centre_fr: Centre de coopération internationale (CCI)
  centre_en: International Cooperation Centre (ICC)
  timezone: ${TIMEZONE}
  opens: ${today}              # day 1 of the serial number (J1)
  closes: ${addDays(today, 30)}
  protection_mention: DIFFUSION RESTREINTE   # optional, printed on every page (160 characters at most)
  host: FRA                    # the host nation: its nationals are not foreign nationals

defaults:
  tlp: AMBER                   # marking of a record that names none

# The administrative level records and venues are placed in, and its codes: a list cci ships
# (fr-departements), a file of this folder ({ file: areas.csv }, columns code,name), or none
# (then any short code, in the field area). The map section draws the areas: cci has the outlines
# of fr-departements; another event gives its own (GeoJSON or TopoJSON, WGS 84), e.g.
#   geometry: { file: areas.geojson, code_property: code }
areas:
  field: departement
  label_fr: Département
  label_en: Department
  heading_fr: département      # the level inside a heading ("Incidents par département"); default: the label as written
  heading_en: department
  codes: fr-departements

# The national threat scale, lowest level first (day.yaml threat_level names one).
threat_scale:
  name_fr: Vigipirate
  name_en: Vigipirate
  levels:
    - { id: vigilance, label_fr: Vigilance, label_en: Vigilance }
    - { id: securite_renforcee, label_fr: Sécurité renforcée – risque attentat, label_en: Enhanced security – attack risk }
    - { id: urgence_attentat, label_fr: Urgence attentat, label_en: Attack emergency }

# The event's own words, in both languages: the word beside the serial number, an incident that
# affects the event (games_impact in the records) and its key figure, the deployment forces' names
# (ids of the deployments files: police, gendarmerie, military, private_security, foreign_police,
# civil_security, municipal_police, other). Without them, cci uses neutral words (« Jour de
# l’événement » / "Event day", « Police » / "Police"). These are those of Paris 2024.
labels:
  event_day_fr: Jour des Jeux
  event_day_en: Games day
  impact_fr: Impact sur les Jeux
  impact_en: Games impact
  impact_figure_fr: Impact sur les Jeux
  impact_figure_en: Affecting the Games
forces:
  - { id: police, label_fr: Police nationale, label_en: National police }
  - { id: gendarmerie, label_fr: Gendarmerie nationale, label_en: Gendarmerie }

# Each division's briefing: its time, titles, the record kinds and incident categories it covers
# (all, intelligence, or a list) and its sections in order.
divisions:
  renseignement:
    time: "09:30"
    title_fr: Briefing Renseignement
    title_en: Intelligence briefing
    records: [incidents, assessments, agenda]
    categories: intelligence
    sections: [key_messages, threat_level, key_figures, late_reports, assessments, intelligence_incidents, trend, outlook, country_notes]
  securite:
    time: "11:30"
    title_fr: Briefing Sécurité générale
    title_en: General security briefing
    records: [incidents, deployments, agenda]
    categories: all
    sections: [key_messages, threat_level, key_figures, late_reports, forces, trend, notable_facts, by_category, by_area, map, nationals, outlook, country_notes]

# lon, lat (WGS 84 decimal degrees, optional): where the venue is marked on the map.
venues:
  - { id: main-stadium, name: Main Stadium, commune: Saint-Denis, departement: "93", lon: 2.3601, lat: 48.9245 }
  - { id: city-hall, name: City Hall, commune: Paris, departement: "75" }

# Countries with liaison officers (ISO 3166-1 alpha-3 or alpha-2); never the host.
partners: [DEU, BEL, ESP, GBR, ITA, USA]

# Who receives the PDFs with \`cci brief --email\` (SMTP server in CCI_SMTP_URL).
distribution:
  from: cci-briefings@example.org
  securite:      { partners: [all-officers@example.org], national: [cabinet@example.org] }
  renseignement: { partners: [all-officers@example.org], national: [cabinet@example.org] }
  countries:     { DEU: [lo-deu@example.org] }
  # visible_recipients: true   # name the recipients in To (default: Bcc, none sees the others)
`;
}

function incidentsYaml(today: string): string {
  return `# Incidents of the day. Times without offset are local to the venue's or the event's zone.
# Record files may also be CSV (incidents-pp.csv) or Excel workbooks (incidents-pp.xlsx) whose
# first row names the same fields; a workbook's date cells are read as local times too.
- id: EX-${today.replaceAll('-', '')}-0001
  time: ${today} 08:15
  category: public_order
  severity: medium
  venue: main-stadium
  summary_fr: Rassemblement non déclaré aux abords du stade, dispersé sans incident.
  summary_en: Undeclared gathering near the stadium, dispersed without incident.
  arrests: 2
  custody: 1
  nationalities: [DEU]
  source: PP
- id: EX-${today.replaceAll('-', '')}-0002
  time: ${today} 10:40
  category: drone
  severity: high
  games_impact: true
  departement: "75"
  commune: Paris
  summary_fr: Drone intercepté au-dessus de la zone de la cérémonie.
  summary_en: Drone intercepted over the ceremony area.
  tlp: GREEN
`;
}

function deploymentsCsv(today: string): string {
  return `date,force,departement,count
${today},police,75,1200
${today},gendarmerie,93,800
${today},private_security,,450
`;
}

function assessmentsYaml(today: string): string {
  return `- id: EX-RENS-${today.replaceAll('-', '')}-01
  time: ${today} 07:00
  theme: terrorism
  level: high
  title_fr: Menace terroriste élevée
  title_en: High terrorist threat
  body_fr: La menace reste élevée autour des sites de l'événement.
  body_en: The threat remains high around the event's venues.
  source: DGSI
  grading: B2
`;
}

function agendaYaml(today: string): string {
  return `- id: EX-AG-${today.replaceAll('-', '')}-01
  start: ${today} 19:00
  end: ${today} 22:00
  kind: ceremony
  title_fr: Cérémonie d'ouverture
  title_en: Opening ceremony
  venue: main-stadium
  risk: high
`;
}

function dayYaml(): string {
  return `threat_level: urgence_attentat
key_messages:
  securite:
    - fr: Situation calme dans l'ensemble.
      en: Overall calm situation.
  renseignement:
    - fr: Vigilance maintenue sur les sites de l'événement.
      en: Vigilance maintained on the event's venues.
`;
}
