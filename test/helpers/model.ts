// Small synthetic BriefingModel objects for tests of what consumes a model (delivery, ...).

import type { BriefingModel, KeyMessageView } from '../../src/aggregate/model.js';
import type { EventConfig } from '../../src/model/types.js';

export function keyMessageView(fr: string, en: string, o: Partial<KeyMessageView> = {}): KeyMessageView {
  return { text: { fr, en }, tlp: 'AMBER', draft: false, ...o };
}

export function briefingModel(o: Partial<BriefingModel> = {}): BriefingModel {
  const window = { start: '2024-08-04T11:30:00+02:00', end: '2024-08-05T11:30:00+02:00', hours: 24 };
  return {
    division: 'securite',
    divisionTitle: { fr: 'Briefing Sécurité générale', en: 'General security briefing' },
    divisionTime: '11:30',
    briefingTime: '11:30',
    coverage: { records: ['incidents', 'deployments', 'agenda'], categories: 'all' },
    sections: [
      'key_messages',
      'threat_level',
      'key_figures',
      'forces',
      'trend',
      'notable_facts',
      'by_category',
      'by_area',
      'nationals',
      'outlook',
    ],
    audience: 'partners',
    date: '2024-08-05',
    serial: 15,
    event: {
      id: 'paris-2024',
      name: { fr: 'Jeux Olympiques et Paralympiques de Paris 2024', en: 'Paris 2024 Olympic and Paralympic Games' },
      centre: { fr: 'Centre de coopération internationale (CCI)', en: 'International Cooperation Centre (ICC)' },
      timezone: 'Europe/Paris',
    },
    window,
    previousWindow: { start: '2024-08-03T11:30:00+02:00', end: '2024-08-04T11:30:00+02:00', hours: 24 },
    nextBriefing: {
      division: 'renseignement',
      title: { fr: 'Briefing Renseignement', en: 'Intelligence briefing' },
      at: '2024-08-06T09:30:00+02:00',
    },
    marking: 'TLP:AMBER',
    tlp: 'AMBER',
    protectionMention: 'DIFFUSION RESTREINTE',
    specialFrance: false,
    draft: false,
    areaLabel: { fr: 'Département', en: 'Department' },
    areaHeading: { fr: 'département', en: 'department' },
    threatScale: {
      name: { fr: 'Vigipirate', en: 'Vigipirate' },
      levels: [
        { id: 'vigilance', label: { fr: 'Vigilance', en: 'Vigilance' } },
        {
          id: 'securite_renforcee',
          label: { fr: 'Sécurité renforcée – risque attentat', en: 'Enhanced security – attack risk' },
        },
        { id: 'urgence_attentat', label: { fr: 'Urgence attentat', en: 'Attack emergency' } },
      ],
    },
    threatLevel: 'urgence_attentat',
    keyMessages: [keyMessageView('Situation calme sur les sites.', 'Calm situation at the venues.')],
    figures: { incidents: 12, gamesImpact: 3, arrests: 5, custody: 4, forces: 45_000 },
    previous: { incidents: 9, gamesImpact: 1, arrests: 7, custody: 2, forces: 44_500 },
    keyFigures: ['incidents', 'gamesImpact', 'arrests', 'custody', 'forces'],
    cumulative: { incidents: 140, gamesImpact: 30, arrests: 80, custody: 60 },
    forces: { fallback: false, rows: [], total: 45_000, date: '2024-08-05' },
    notable: [],
    byCategory: [],
    byArea: [],
    foreignNationals: [],
    outlook: [],
    outlookWindow: { start: window.end, end: '2024-08-06T11:30:00+02:00', hours: 24 },
    trend: [],
    items: [],
    ...o,
  };
}

/** A country audience's model. */
export function countryModel(country: string, o: Partial<BriefingModel> = {}): BriefingModel {
  return briefingModel({
    audience: `country:${country}`,
    audienceCountry: country,
    audienceCountryName: { fr: country, en: country },
    ...o,
  });
}

export function distributionEvent(base: EventConfig): EventConfig {
  return {
    ...base,
    id: 'paris-2024',
    partners: ['DEU', 'BRA', 'USA'],
    distribution: {
      from: 'cci-briefings@example.org',
      divisions: {
        securite: { partners: ['all-officers@example.org', 'duty@example.org'], national: ['cabinet@example.org'] },
        renseignement: { partners: ['all-officers@example.org'], national: ['cabinet@example.org'] },
      },
      countries: { DEU: ['lo-deu@example.org'], BRA: ['lo-bra@example.org', 'lo-bra2@example.org'] },
    },
  };
}
