// Representative briefing models for the rendering tests and for looking at the output:
// Sécurité générale and Renseignement of Monday 5 August 2024 (J15 of Paris 2024), and an empty
// window. Each call returns a fresh object, so tests may change it.

import type { BriefingModel, IncidentView } from '../../src/aggregate/model.js';
import type { SectionId } from '../../src/model/sections.js';

/** The sections of the demo's divisions (data/event.yaml). */
export const SECURITE: SectionId[] = [
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
export const RENSEIGNEMENT: SectionId[] = [
  'key_messages',
  'threat_level',
  'key_figures',
  'assessments',
  'intelligence_incidents',
  'trend',
  'outlook',
  'country_notes',
];

const VIGIPIRATE = {
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

const EVENT = {
  id: 'paris-2024',
  name: { fr: 'Jeux Olympiques et Paralympiques de Paris 2024', en: 'Paris 2024 Olympic and Paralympic Games' },
  centre: { fr: 'Centre de coopération internationale (CCI)', en: 'International Cooperation Centre (ICC)' },
  timezone: 'Europe/Paris',
};

function incident(p: Partial<IncidentView> & Pick<IncidentView, 'id' | 'time' | 'category' | 'summary'>): IncidentView {
  return {
    categoryLabel: CATEGORY_LABELS[p.category] ?? { fr: p.category, en: p.category },
    severity: 'medium',
    area: '75',
    arrests: 0,
    custody: 0,
    nationalities: [],
    gamesImpact: false,
    tlp: 'AMBER',
    draft: false,
    ...p,
  };
}

const CATEGORY_LABELS: Record<string, { fr: string; en: string }> = {
  public_order: { fr: 'Ordre public', en: 'Public order' },
  theft: { fr: 'Vol', en: 'Theft' },
  drone: { fr: 'Drone', en: 'Drone' },
  fraud: { fr: 'Escroquerie', en: 'Fraud' },
  assault: { fr: 'Atteinte aux personnes', en: 'Assault' },
  transport: { fr: 'Transports', en: 'Transport' },
  suspicious_item: { fr: 'Objet suspect', en: 'Suspicious item' },
  intrusion: { fr: 'Intrusion', en: 'Intrusion' },
  demonstration: { fr: 'Manifestation', en: 'Demonstration' },
  cyber: { fr: 'Cyber', en: 'Cyber' },
  consular: { fr: 'Affaire consulaire', en: 'Consular matter' },
};

function notableIncidents(): IncidentView[] {
  return [
    incident({
      id: 'pp-2024-08-04-031',
      time: '2024-08-04T13:40:00+02:00',
      category: 'drone',
      severity: 'high',
      venue: 'stade-de-france',
      venueName: 'Stade de France',
      commune: 'Saint-Denis',
      area: '93',
      summary: {
        fr: 'Drone de loisir détecté au-dessus de la tribune est pendant la session d\u2019athlétisme ; neutralisé par brouillage, télépilote interpellé à 800 m.',
        en: 'Leisure drone detected over the east stand during the athletics session; neutralised by jamming, pilot arrested 800 m away.',
      },
      arrests: 1,
      custody: 1,
      gamesImpact: true,
      source: 'PP',
      grading: 'B2',
    }),
    incident({
      id: 'gn-2024-08-04-012',
      time: '2024-08-04T16:05:00+02:00',
      category: 'transport',
      severity: 'high',
      area: '77',
      commune: 'Vaires-sur-Marne',
      venue: 'vaires',
      venueName: 'Stade nautique de Vaires-sur-Marne',
      summary: {
        fr: 'Incident de signalisation sur la ligne P : navettes spectateurs retardées de 40 minutes, dispositif de substitution par cars mis en place.',
        en: 'Signalling failure on line P: spectator shuttles delayed by 40 minutes, replacement coaches put in place.',
      },
      gamesImpact: true,
      source: 'SNCF',
      tlp: 'GREEN',
    }),
    incident({
      id: 'pp-2024-08-04-058',
      time: '2024-08-04T21:15:00+02:00',
      category: 'theft',
      severity: 'medium',
      venue: 'village',
      venueName: 'Village olympique',
      commune: 'Saint-Denis',
      area: '93',
      summary: {
        fr: 'Vol de matériel et d\u2019effets personnels dans un logement de la délégation brésilienne ; plainte déposée.',
      },
      nationalities: ['BRA'],
      gamesImpact: true,
      source: 'PP',
    }),
    incident({
      id: 'pp-2024-08-05-004',
      time: '2024-08-05T01:20:00+02:00',
      category: 'assault',
      severity: 'critical',
      area: '75',
      commune: 'Paris 8e',
      summary: {
        fr: 'Rixe sur les Champs-Élysées entre supporters, un blessé grave ; trois ressortissants étrangers interpellés et placés en garde à vue.',
        en: 'Brawl between supporters on the Champs-Élysées, one seriously injured; three foreign nationals arrested and taken into custody.',
      },
      arrests: 3,
      custody: 3,
      nationalities: ['DEU', 'GBR'],
      source: 'PP',
      grading: 'A1',
    }),
    incident({
      id: 'dgsi-2024-08-05-002',
      time: '2024-08-05T07:50:00+02:00',
      category: 'suspicious_item',
      severity: 'high',
      venue: 'concorde',
      venueName: 'La Concorde',
      commune: 'Paris 8e',
      area: '75',
      summary: {
        fr: 'Bagage abandonné à l\u2019entrée du site urbain : levée de doute par les démineurs, ouverture des portes retardée de 25 minutes.',
        en: 'Unattended bag at the urban park entrance: cleared by bomb disposal, gates opened 25 minutes late.',
      },
      gamesImpact: true,
      source: 'PP',
      draft: true,
    }),
  ];
}

/** The Paris demo's own words (its event.yaml labels: and forces:), by the catalogue key each replaces. */
export const PARIS_WORDS: Record<string, { fr: string; en: string }> = {
  'title.serialLabel': { fr: 'Jour des Jeux', en: 'Games day' },
  'common.gamesImpact': { fr: 'Impact sur les Jeux', en: 'Games impact' },
  'late.fields.games_impact': { fr: 'Impact sur les Jeux', en: 'Games impact' },
  'figures.gamesImpact': { fr: 'Impact sur les Jeux', en: 'Affecting the Games' },
  'email.figures.gamesImpact': { fr: 'Impact sur les Jeux', en: 'Affecting the Games' },
  'enums.force.police': { fr: 'Police nationale', en: 'National police' },
  'enums.force.gendarmerie': { fr: 'Gendarmerie nationale', en: 'Gendarmerie' },
};

export function sampleSecuriteModel(): BriefingModel {
  const notable = notableIncidents();
  return {
    division: 'securite',
    divisionTitle: { fr: 'Briefing Sécurité générale', en: 'General security briefing' },
    divisionTime: '11:30',
    briefingTime: '11:30',
    coverage: { records: ['incidents', 'deployments', 'agenda'], categories: 'all' },
    sections: SECURITE.filter((x) => x !== 'country_notes'),
    audience: 'partners',
    date: '2024-08-05',
    serial: 15,
    event: structuredClone(EVENT),
    window: { start: '2024-08-04T11:30:00+02:00', end: '2024-08-05T11:30:00+02:00', hours: 24 },
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
    draft: true,
    areaLabel: { fr: 'Département', en: 'Department' },
    areaHeading: { fr: 'département', en: 'department' },
    words: structuredClone(PARIS_WORDS),
    threatScale: structuredClone(VIGIPIRATE),
    threatLevel: 'urgence_attentat',
    keyMessages: [
      {
        text: {
          fr: 'Situation globalement maîtrisée : 38 incidents en 24 h, dont 6 ayant affecté le déroulement des épreuves, sans conséquence durable.',
          en: 'Situation broadly under control: 38 incidents in 24 hours, 6 of which affected events, with no lasting consequence.',
        },
        tlp: 'GREEN',
        draft: false,
      },
      {
        text: {
          fr: 'Vigilance renforcée sur les survols de drones aux abords des sites : 7 détections, 2 télépilotes interpellés.',
          en: 'Heightened vigilance on drone overflights near venues: 7 detections, 2 pilots arrested.',
        },
        tlp: 'AMBER',
        draft: false,
      },
      {
        text: {
          fr: 'Finale du 100 m ce soir au Stade de France : afflux attendu de 80 000 spectateurs, fermeture de la ligne 13 à partir de 22 h.',
        },
        tlp: 'AMBER',
        draft: true,
      },
    ],
    keyFigures: ['incidents', 'gamesImpact', 'arrests', 'custody', 'forces'],
    figures: { incidents: 38, gamesImpact: 6, arrests: 27, custody: 21, forces: 68340 },
    previous: { incidents: 44, gamesImpact: 4, arrests: 31, custody: 21, forces: 66120 },
    cumulative: { incidents: 612, gamesImpact: 71, arrests: 402, custody: 344 },
    forces: {
      date: '2024-08-05',
      fallback: false,
      previousDate: '2024-08-04',
      rows: [
        { force: 'police', count: 21500, previous: 20900, change: 600 },
        { force: 'gendarmerie', count: 13200, previous: 13200, change: 0 },
        { force: 'military', count: 18000, previous: 17400, change: 600 },
        { force: 'private_security', count: 13840, previous: 12820, change: 1020 },
        { force: 'foreign_police', count: 1800, previous: 1800, change: 0 },
      ],
      total: 68340,
      previousTotal: 66120,
    },
    notable,
    byCategory: [
      { key: 'public_order', label: CATEGORY_LABELS.public_order!, count: 11 },
      { key: 'theft', label: CATEGORY_LABELS.theft!, count: 9 },
      { key: 'drone', label: CATEGORY_LABELS.drone!, count: 7 },
      { key: 'fraud', label: CATEGORY_LABELS.fraud!, count: 4 },
      { key: 'assault', label: CATEGORY_LABELS.assault!, count: 3 },
      { key: 'transport', label: CATEGORY_LABELS.transport!, count: 2 },
      { key: 'suspicious_item', label: CATEGORY_LABELS.suspicious_item!, count: 1 },
      { key: 'consular', label: CATEGORY_LABELS.consular!, count: 1 },
    ],
    byArea: [
      { key: '75', label: { fr: 'Paris', en: 'Paris' }, count: 19 },
      { key: '93', label: { fr: 'Seine-Saint-Denis', en: 'Seine-Saint-Denis' }, count: 11 },
      { key: '92', label: { fr: 'Hauts-de-Seine', en: 'Hauts-de-Seine' }, count: 4 },
      { key: '77', label: { fr: 'Seine-et-Marne', en: 'Seine-et-Marne' }, count: 2 },
      { key: '13', label: { fr: 'Bouches-du-Rhône', en: 'Bouches-du-Rhône' }, count: 1 },
      { key: '987', label: { fr: '987', en: '987' }, count: 1 },
    ],
    foreignNationals: [
      {
        country: 'DEU',
        name: { fr: 'Allemagne', en: 'Germany' },
        count: 2,
        arrests: 2,
        custody: 2,
        incidents: ['pp-2024-08-05-004', 'pp-2024-08-04-077'],
      },
      {
        country: 'GBR',
        name: { fr: 'Royaume-Uni', en: 'United Kingdom' },
        count: 1,
        arrests: 1,
        custody: 1,
        incidents: ['pp-2024-08-05-004'],
      },
      {
        country: 'BRA',
        name: { fr: 'Brésil', en: 'Brazil' },
        count: 1,
        arrests: 0,
        custody: 0,
        incidents: ['pp-2024-08-04-058'],
      },
    ],
    intelligenceIncidents: [],
    assessments: [],
    outlook: [
      {
        id: 'ag-0806-01',
        start: '2024-08-05T19:00:00+02:00',
        end: '2024-08-05T23:00:00+02:00',
        kind: 'competition',
        title: { fr: 'Athlétisme : finale du 100 m hommes', en: 'Athletics: men\u2019s 100 m final' },
        venue: 'stade-de-france',
        venueName: 'Stade de France',
        area: '93',
        risk: 'high',
        tlp: 'CLEAR',
        draft: false,
      },
      {
        id: 'ag-0806-02',
        start: '2024-08-05T14:00:00+02:00',
        kind: 'demonstration',
        title: {
          fr: 'Rassemblement déclaré place de la République (environ 500 personnes)',
          en: 'Declared rally at Place de la République (about 500 people)',
        },
        area: '75',
        risk: 'medium',
        tlp: 'AMBER',
        draft: false,
      },
      {
        id: 'ag-0806-03',
        start: '2024-08-06T08:00:00+02:00',
        kind: 'visit',
        title: { fr: 'Visite d\u2019une délégation ministérielle au Village olympique' },
        venue: 'village',
        venueName: 'Village olympique',
        area: '93',
        risk: 'low',
        tlp: 'AMBER',
        draft: false,
      },
    ],
    outlookWindow: { start: '2024-08-05T11:30:00+02:00', end: '2024-08-06T11:30:00+02:00', hours: 24 },
    trend: [
      { date: '2024-07-30', applicable: true, incidents: 41, arrests: 33, custody: 26 },
      { date: '2024-07-31', applicable: true, incidents: 36, arrests: 25, custody: 22 },
      { date: '2024-08-01', applicable: true, incidents: 47, arrests: 38, custody: 30 },
      { date: '2024-08-02', applicable: true, incidents: 52, arrests: 35, custody: 29 },
      { date: '2024-08-03', applicable: true, incidents: 39, arrests: 24, custody: 18 },
      { date: '2024-08-04', applicable: true, incidents: 44, arrests: 31, custody: 21 },
      { date: '2024-08-05', applicable: true, incidents: 38, arrests: 27, custody: 21 },
    ],
    items: notable.map((i) => ({ id: i.id, kind: 'incident' as const })),
  };
}

export function sampleRenseignementModel(): BriefingModel {
  const base = sampleSecuriteModel();
  const intel = notableIncidents().filter((i) => ['drone', 'suspicious_item'].includes(i.category));
  return {
    ...base,
    division: 'renseignement',
    divisionTitle: { fr: 'Briefing Renseignement', en: 'Intelligence briefing' },
    divisionTime: '09:30',
    briefingTime: '09:30',
    coverage: { records: ['incidents', 'assessments', 'agenda'], categories: 'intelligence' },
    sections: RENSEIGNEMENT.filter((x) => x !== 'country_notes'),
    keyFigures: ['incidents', 'gamesImpact', 'arrests', 'custody'],
    window: { start: '2024-08-04T09:30:00+02:00', end: '2024-08-05T09:30:00+02:00', hours: 24 },
    previousWindow: { start: '2024-08-03T09:30:00+02:00', end: '2024-08-04T09:30:00+02:00', hours: 24 },
    nextBriefing: {
      division: 'securite',
      title: { fr: 'Briefing Sécurité générale', en: 'General security briefing' },
      at: '2024-08-05T11:30:00+02:00',
    },
    draft: false,
    keyMessages: [
      {
        text: {
          fr: 'La menace terroriste demeure à un niveau très élevé ; aucune action imminente identifiée contre les sites des Jeux.',
          en: 'The terrorist threat remains very high; no imminent action identified against Games venues.',
        },
        tlp: 'AMBER',
        draft: false,
      },
    ],
    figures: { incidents: 9, gamesImpact: 3, arrests: 2, custody: 1, forces: 0 },
    previous: { incidents: 7, gamesImpact: 2, arrests: 3, custody: 2, forces: 0 },
    cumulative: { incidents: 141, gamesImpact: 18, arrests: 35, custody: 22 },
    notable: [],
    intelligenceIncidents: intel,
    assessments: [
      {
        theme: 'terrorism',
        level: 'very_high',
        assessments: [
          {
            id: 'as-0805-01',
            time: '2024-08-05T07:00:00+02:00',
            theme: 'terrorism',
            level: 'very_high',
            title: { fr: 'Menace terroriste endogène', en: 'Home-grown terrorist threat' },
            body: {
              fr: 'Appels renouvelés à passer à l\u2019action contre les cérémonies et les fan zones relayés sur des messageries chiffrées ; aucun projet structuré identifié à ce stade.',
              en: 'Renewed calls to act against ceremonies and fan zones relayed on encrypted messaging; no structured plot identified at this stage.',
            },
            source: 'DGSI',
            grading: 'B2',
            tlp: 'AMBER',
            draft: false,
          },
        ],
      },
      {
        theme: 'cyber',
        level: 'high',
        assessments: [
          {
            id: 'as-0805-02',
            time: '2024-08-05T06:30:00+02:00',
            theme: 'cyber',
            level: 'high',
            title: {
              fr: 'Attaques par déni de service contre des sites de billetterie',
              en: 'Denial-of-service attacks on ticketing sites',
            },
            body: {
              fr: 'Trois vagues d\u2019attaques revendiquées par un groupe hacktiviste ; impact limité, services rétablis en moins d\u2019une heure.',
            },
            source: 'ANSSI',
            grading: 'A2',
            tlp: 'GREEN',
            draft: false,
          },
        ],
      },
      {
        theme: 'public_order',
        level: 'moderate',
        assessments: [
          {
            id: 'as-0805-03',
            time: '2024-08-05T08:00:00+02:00',
            theme: 'public_order',
            level: 'moderate',
            title: { fr: 'Mobilisations sociales', en: 'Social protests' },
            body: {
              fr: 'Préavis de grève déposé dans les transports franciliens pour le 8 août.',
              en: 'Strike notice filed for Île-de-France transport on 8 August.',
            },
            source: 'SCRT',
            tlp: 'AMBER',
            draft: false,
          },
        ],
      },
    ],
    trend: base.trend!.map((p) => ({
      ...p,
      incidents: Math.round(p.incidents / 4),
      arrests: Math.round(p.arrests / 10),
      custody: Math.round(p.custody / 12),
    })),
  };
}

/** A window with nothing in it. */
export function emptyModel(): BriefingModel {
  const base = sampleSecuriteModel();
  const zero = { incidents: 0, gamesImpact: 0, arrests: 0, custody: 0, forces: 0 };
  return {
    ...base,
    draft: false,
    marking: 'TLP:CLEAR',
    tlp: 'CLEAR',
    threatLevel: undefined,
    keyMessages: [],
    figures: zero,
    previous: { ...zero },
    cumulative: { incidents: 0, gamesImpact: 0, arrests: 0, custody: 0 },
    forces: { fallback: false, rows: [], total: 0 },
    notable: [],
    byCategory: [],
    byArea: [],
    foreignNationals: [],
    intelligenceIncidents: [],
    assessments: [],
    outlook: [],
    trend: base.trend!.map((p) => ({ date: p.date, applicable: true, incidents: 0, arrests: 0, custody: 0 })),
    items: [],
  };
}

/** The Sécurité générale model for one partner country's officers. */
export function countryModel(): BriefingModel {
  const base = sampleSecuriteModel();
  return {
    ...base,
    audience: 'country:DEU',
    audienceCountry: 'DEU',
    audienceCountryName: { fr: 'Allemagne', en: 'Germany' },
    sections: [...base.sections, 'country_notes'],
    countryNotes: base.notable!.filter((i) => i.nationalities.includes('DEU')),
  };
}
