// Small in-memory datasets for tests of the pure stages.

import type {
  AgendaItem, Assessment, Dataset, Deployment, EventConfig, Incident, KeyMessage, Markings,
} from '../../src/model/types.js';

export const MARKINGS: Markings = { tlp: 'AMBER', releasableTo: [], exclude: [], specialFrance: false, status: 'validated' };
const src = { file: 'test', line: 1 };

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
    divisions: [
      { id: 'renseignement', time: '09:30', title: { fr: 'Briefing Renseignement', en: 'Intelligence briefing' } },
      { id: 'securite', time: '11:30', title: { fr: 'Briefing Sécurité générale', en: 'General security briefing' } },
    ],
    venues: [
      { id: 'stade-de-france', name: 'Stade de France', commune: 'Saint-Denis', departement: '93' },
      { id: 'teahupoo', name: "Teahupo'o", commune: "Teahupo'o", departement: '987', timezone: 'Pacific/Tahiti' },
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
    kind: 'incident', id: `I-${++n}`, time: new Date(time), category: 'public_order', severity: 'medium',
    departement: '75', summary: { fr: 'Fait', en: 'Fact' }, arrests: 0, custody: 0, nationalities: [],
    gamesImpact: false, ...MARKINGS, source: src, ...o,
  };
}

export function deployment(date: string, force: Deployment['force'], count: number, o: Partial<Deployment> = {}): Deployment {
  return { kind: 'deployment', date, force, count, ...MARKINGS, source: src, ...o };
}

export function assessment(time: string, o: Partial<Assessment> = {}): Assessment {
  return {
    kind: 'assessment', id: `A-${++n}`, time: new Date(time), theme: 'terrorism', level: 'high',
    title: { fr: 'Titre', en: 'Title' }, body: { fr: 'Corps', en: 'Body' }, ...MARKINGS, source: src, ...o,
  };
}

export function agenda(start: string, o: Partial<AgendaItem> = {}): AgendaItem {
  return {
    kind: 'agenda', id: `G-${++n}`, start: new Date(start), agendaKind: 'competition',
    title: { fr: 'Épreuve', en: 'Event' }, risk: 'medium', departement: '75', ...MARKINGS, source: src, ...o,
  };
}

export function keyMessage(division: string, o: Partial<KeyMessage> = {}): KeyMessage {
  return { kind: 'key_message', division, text: { fr: 'Message', en: 'Message' }, ...MARKINGS, source: src, ...o };
}

export function dataset(parts: Partial<Dataset> = {}): Dataset {
  return {
    dataDir: '/data', event: event(), incidents: [], deployments: [], assessments: [], agenda: [],
    days: new Map(), availableDates: [], loadedDates: [], ...parts,
  };
}
