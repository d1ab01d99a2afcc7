// Small in-memory datasets for tests of the pure stages.

import { shippedAreaList } from '../../src/data/areas.js';
import { defaultSections, type SectionId } from '../../src/model/sections.js';
import type {
  AgendaItem,
  Assessment,
  Dataset,
  Deployment,
  Division,
  EventConfig,
  Incident,
  KeyMessage,
  Markings,
  RecordKind,
  ThreatScale,
} from '../../src/model/types.js';

export const MARKINGS: Markings = {
  tlp: 'AMBER',
  releasableTo: [],
  exclude: [],
  specialFrance: false,
  status: 'validated',
};
const src = { file: 'test', line: 1 };

/** The Paris demo's divisions, as its event.yaml writes them. */
export const RENSEIGNEMENT_SECTIONS: SectionId[] = [
  'key_messages',
  'threat_level',
  'key_figures',
  'assessments',
  'intelligence_incidents',
  'trend',
  'outlook',
  'country_notes',
];
export const SECURITE_SECTIONS: SectionId[] = [
  'key_messages',
  'threat_level',
  'key_figures',
  'forces',
  'trend',
  'notable_facts',
  'by_category',
  'by_area',
  'map',
  'nationals',
  'outlook',
  'country_notes',
];

/** A division; without `records`, every kind; without `sections`, those its records allow. */
export function division(id: string, time: string, title: Division['title'], o: Partial<Division> = {}): Division {
  const records: RecordKind[] = [...(o.records ?? ['incidents', 'deployments', 'assessments', 'agenda'])];
  return {
    id,
    time,
    title,
    records,
    categories: o.categories ?? 'all',
    sections: o.sections ?? defaultSections(records, true),
  };
}

export const VIGIPIRATE: ThreatScale = {
  name: { fr: 'Vigipirate', en: 'Vigipirate' },
  levels: [
    { id: 'vigilance', label: { fr: 'Vigilance', en: 'Vigilance' } },
    {
      id: 'securite_renforcee',
      label: { fr: 'Sécurité renforcée – risque attentat', en: 'Enhanced security – attack risk' },
    },
    { id: 'urgence_attentat', label: { fr: 'Urgence attentat', en: 'Attack emergency' } },
  ],
};

export function event(overrides: Partial<EventConfig> = {}): EventConfig {
  const cat = (id: string, fr: string, en: string, intelligence = false) => ({ id, label: { fr, en }, intelligence });
  return {
    id: 'test-event',
    name: { fr: 'Événement de test', en: 'Test event' },
    centre: { fr: 'Centre de test', en: 'Test centre' },
    timezone: 'Europe/Paris',
    opens: '2024-07-22',
    closes: '2024-09-08',
    defaultTlp: 'AMBER',
    host: 'FRA',
    areas: {
      field: 'departement',
      label: { fr: 'Département', en: 'Department' },
      heading: { fr: 'département', en: 'department' },
      codes: shippedAreaList('fr-departements')!.codes,
      source: 'fr-departements',
    },
    threatScale: VIGIPIRATE,
    divisions: [
      division(
        'renseignement',
        '09:30',
        { fr: 'Briefing Renseignement', en: 'Intelligence briefing' },
        {
          records: ['incidents', 'assessments', 'agenda'],
          categories: 'intelligence',
          sections: RENSEIGNEMENT_SECTIONS,
        },
      ),
      division(
        'securite',
        '11:30',
        { fr: 'Briefing Sécurité générale', en: 'General security briefing' },
        {
          records: ['incidents', 'deployments', 'agenda'],
          categories: 'all',
          sections: SECURITE_SECTIONS,
        },
      ),
    ],
    venues: [
      { id: 'stade-de-france', name: 'Stade de France', commune: 'Saint-Denis', area: '93' },
      { id: 'teahupoo', name: "Teahupo'o", commune: "Teahupo'o", area: '987', timezone: 'Pacific/Tahiti' },
    ],
    partners: ['DEU', 'BRA', 'USA'],
    categories: [
      cat('terrorism', 'Terrorisme', 'Terrorism', true),
      cat('public_order', 'Ordre public', 'Public order'),
      cat('drone', 'Drone', 'Drone', true),
      cat('theft', 'Vol', 'Theft'),
    ],
    ...overrides,
  };
}

let n = 0;
export function incident(time: string, o: Partial<Incident> = {}): Incident {
  return {
    kind: 'incident',
    id: `I-${++n}`,
    time: new Date(time),
    category: 'public_order',
    severity: 'medium',
    area: '75',
    summary: { fr: 'Fait', en: 'Fact' },
    arrests: 0,
    custody: 0,
    nationalities: [],
    gamesImpact: false,
    ...MARKINGS,
    source: src,
    ...o,
  };
}

export function deployment(
  date: string,
  force: Deployment['force'],
  count: number,
  o: Partial<Deployment> = {},
): Deployment {
  return { kind: 'deployment', date, force, count, ...MARKINGS, source: src, ...o };
}

export function assessment(time: string, o: Partial<Assessment> = {}): Assessment {
  return {
    kind: 'assessment',
    id: `A-${++n}`,
    time: new Date(time),
    theme: 'terrorism',
    level: 'high',
    title: { fr: 'Titre', en: 'Title' },
    body: { fr: 'Corps', en: 'Body' },
    ...MARKINGS,
    source: src,
    ...o,
  };
}

export function agenda(start: string, o: Partial<AgendaItem> = {}): AgendaItem {
  return {
    kind: 'agenda',
    id: `G-${++n}`,
    start: new Date(start),
    agendaKind: 'competition',
    title: { fr: 'Épreuve', en: 'Event' },
    risk: 'medium',
    area: '75',
    ...MARKINGS,
    source: src,
    ...o,
  };
}

export function keyMessage(division: string, o: Partial<KeyMessage> = {}): KeyMessage {
  return { kind: 'key_message', division, text: { fr: 'Message', en: 'Message' }, ...MARKINGS, source: src, ...o };
}

/** Every calendar day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T12:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** A dataset; by default the data folder has a day folder for every day of its event. */
export function dataset(parts: Partial<Dataset> = {}): Dataset {
  const ev = parts.event ?? event();
  return {
    dataDir: '/data',
    event: ev,
    incidents: [],
    deployments: [],
    assessments: [],
    agenda: [],
    days: new Map(),
    availableDates: daysBetween(ev.opens, ev.closes),
    loadedDates: [],
    ...parts,
  };
}
