#!/usr/bin/env node
// Seeded, deterministic generator of the shipped demo data folder (SPEC §1 and §3).
//
//   node scripts/generate-demo.mjs                       realistic Paris 2024 demo into ./data
//   node scripts/generate-demo.mjs --out DIR --seed S --incidents-per-day N [--from D --to D]
//       [--partners N] [--all-deployments] [--daily-agenda N]      (full-event benchmark data)
//
// The default run wipes ./data and rewrites it byte for byte the same every time (no clock, no
// Math.random, no machine time zone: every choice comes from a mulberry32 stream seeded by the
// seed and the day). Without --incidents-per-day the daily volumes follow the real phases of the
// Games (ceremonies, the gap between Olympics and Paralympics); with it every day gets N
// incidents, for benchmarks. `generateDemo(options)` is exported for other scripts.
//
// The facts are fictional where they have to be and plausible everywhere; the dated notable
// facts (SNCF arson of 26 July, Eiffel Tower climber of 11 August, ...) follow public reports.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';
import iconv from 'iconv-lite';

// ---------------------------------------------------------------------------------------------
// PRNG and small helpers

export function mulberry32(a) {
  return function next() {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashStr(s) {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

export class Rng {
  constructor(seed) {
    this.f = mulberry32(seed);
  }
  next() {
    return this.f();
  }
  int(a, b) {
    return a + Math.floor(this.f() * (b - a + 1));
  }
  chance(p) {
    return this.f() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.f() * arr.length)];
  }
  /** entries: [[value, weight], ...] or an object {value: weight} */
  weighted(entries) {
    const list = Array.isArray(entries) ? entries : Object.entries(entries);
    const total = list.reduce((s, [, w]) => s + w, 0);
    let r = this.f() * total;
    for (const [v, w] of list) {
      r -= w;
      if (r < 0) return v;
    }
    return list[list.length - 1][0];
  }
  shuffle(arr) {
    const a = arr.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.f() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

const rngFor = (seed, ...keys) => new Rng(hashStr(`${seed}|${keys.join('|')}`));

const pad = (n, w = 2) => String(n).padStart(w, '0');
const DAY_MS = 86400000;
function addDays(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}
function daysBetween(a, b) {
  const p = (s) => Date.UTC(...s.split('-').map((x, i) => Number(x) - (i === 1 ? 1 : 0)));
  return Math.round((p(b) - p(a)) / DAY_MS);
}
const compact = (date) => date.replaceAll('-', '');

// Time zones through Intl only (never the machine's zone).
const fmtCache = new Map();
function tzOffsetMin(tz, utcMs) {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    fmtCache.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}
/** UTC ms of a local wall-clock time; throws on a DST gap or overlap. */
function localToUtc(tz, date, hh, mm) {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const cands = new Set();
  for (const probe of [wall - 14 * 3600e3, wall + 14 * 3600e3, wall]) {
    const off = tzOffsetMin(tz, probe);
    const u = wall - off * 60000;
    if (tzOffsetMin(tz, u) === off) cands.add(u);
  }
  if (cands.size !== 1) throw new Error(`local time ${date} ${hh}:${mm} ambiguous or missing in ${tz}`);
  return [...cands][0];
}
function offsetStr(min) {
  const s = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${s}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
function isDstChangeDay(tz, date) {
  const [y, m, d] = date.split('-').map(Number);
  const a = Date.UTC(y, m - 1, d, 0, 0);
  return tzOffsetMin(tz, a - 3 * 3600e3) !== tzOffsetMin(tz, a + 27 * 3600e3);
}

const nbsp = '\u00a0';
/** French thousands: 12 500 (no-break space by default). */
function frInt(n, sep = nbsp) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}
function enInt(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// ---------------------------------------------------------------------------------------------
// Reference tables (Paris 2024)

const EVENT_TZ = 'Europe/Paris';

// id, name (event.yaml), commune, departement, French "de" form, English form, timezone
const VENUES = [
  ['parc-des-princes', 'Parc des Princes', 'Paris 16e', '75', 'du Parc des Princes', 'the Parc des Princes'],
  ['roland-garros', 'Stade Roland-Garros', 'Paris 16e', '75', 'du stade Roland-Garros', 'Roland-Garros Stadium'],
  ['bercy-arena', 'Arena Bercy', 'Paris 12e', '75', "de l'Arena Bercy", 'Bercy Arena'],
  [
    'porte-de-la-chapelle-arena',
    'Arena Porte de la Chapelle',
    'Paris 18e',
    '75',
    "de l'Arena Porte de la Chapelle",
    'Porte de La Chapelle Arena',
  ],
  [
    'south-paris-arena',
    'Arena Paris Sud',
    'Paris 15e',
    '75',
    "de l'Arena Paris Sud (Porte de Versailles)",
    'South Paris Arena (Porte de Versailles)',
  ],
  ['grand-palais', 'Grand Palais', 'Paris 8e', '75', 'du Grand Palais', 'the Grand Palais'],
  ['champ-de-mars-arena', 'Arena Champ-de-Mars', 'Paris 7e', '75', "de l'Arena Champ-de-Mars", 'Champ-de-Mars Arena'],
  ['eiffel-tower-stadium', 'Stade Tour Eiffel', 'Paris 7e', '75', 'du Stade Tour Eiffel', 'Eiffel Tower Stadium'],
  ['invalides', 'Invalides', 'Paris 7e', '75', "de l'esplanade des Invalides", 'the Invalides'],
  ['concorde', 'La Concorde', 'Paris 8e', '75', 'de la place de la Concorde', 'La Concorde'],
  ['pont-alexandre-iii', 'Pont Alexandre-III', 'Paris 8e', '75', 'du pont Alexandre-III', 'Pont Alexandre III'],
  ['trocadero', 'Trocadéro', 'Paris 16e', '75', 'du Trocadéro', 'the Trocadéro'],
  ['hotel-de-ville', 'Hôtel de Ville', 'Paris 4e', '75', "de l'Hôtel de Ville", 'the Hôtel de Ville'],
  ['stade-de-france', 'Stade de France', 'Saint-Denis', '93', 'du Stade de France', 'the Stade de France'],
  [
    'aquatics-centre',
    'Centre aquatique olympique',
    'Saint-Denis',
    '93',
    'du Centre aquatique olympique',
    'the Olympic Aquatics Centre',
  ],
  [
    'le-bourget-climbing',
    "Site d'escalade du Bourget",
    'Le Bourget',
    '93',
    "du site d'escalade du Bourget",
    'the Le Bourget Climbing Venue',
  ],
  ['north-paris-arena', 'Arena Paris Nord', 'Villepinte', '93', "de l'Arena Paris Nord", 'North Paris Arena'],
  ['olympic-village', 'Village des athlètes', 'Saint-Denis', '93', 'du Village des athlètes', "the Athletes' Village"],
  [
    'paris-la-defense-arena',
    'Paris La Défense Arena',
    'Nanterre',
    '92',
    'de Paris La Défense Arena',
    'Paris La Défense Arena',
  ],
  [
    'stade-yves-du-manoir',
    'Stade Yves-du-Manoir',
    'Colombes',
    '92',
    'du stade Yves-du-Manoir',
    'Yves-du-Manoir Stadium',
  ],
  [
    'vaires-sur-marne-nautical-stadium',
    'Stade nautique de Vaires-sur-Marne',
    'Vaires-sur-Marne',
    '77',
    'du stade nautique de Vaires-sur-Marne',
    'Vaires-sur-Marne Nautical Stadium',
  ],
  [
    'chateau-de-versailles',
    'Château de Versailles',
    'Versailles',
    '78',
    'du château de Versailles',
    'the Château de Versailles',
  ],
  [
    'national-velodrome',
    'Vélodrome national de Saint-Quentin-en-Yvelines',
    'Montigny-le-Bretonneux',
    '78',
    'du Vélodrome national',
    'the National Velodrome',
  ],
  [
    'bmx-stadium',
    'Stade BMX de Saint-Quentin-en-Yvelines',
    'Montigny-le-Bretonneux',
    '78',
    'du stade BMX de Saint-Quentin-en-Yvelines',
    'Saint-Quentin-en-Yvelines BMX Stadium',
  ],
  ['golf-national', 'Golf national', 'Guyancourt', '78', 'du Golf national', 'Le Golf National'],
  ['elancourt-hill', "Colline d'Élancourt", 'Élancourt', '78', "de la colline d'Élancourt", 'Élancourt Hill'],
  [
    'stade-pierre-mauroy',
    'Stade Pierre-Mauroy',
    "Villeneuve-d'Ascq",
    '59',
    'du stade Pierre-Mauroy',
    'Pierre Mauroy Stadium',
  ],
  [
    'national-shooting-centre',
    'Centre national de tir',
    'Déols',
    '36',
    'du Centre national de tir de Châteauroux',
    'the National Shooting Centre (Châteauroux)',
  ],
  ['marseille-marina', 'Marina de Marseille', 'Marseille', '13', 'de la Marina de Marseille', 'Marseille Marina'],
  ['stade-velodrome', 'Stade Vélodrome', 'Marseille', '13', 'du stade Vélodrome', 'the Stade Vélodrome (Marseille)'],
  ['stade-de-lyon', 'Stade de Lyon', 'Décines-Charpieu', '69', 'du stade de Lyon', 'Lyon Stadium'],
  ['stade-de-nice', 'Stade de Nice', 'Nice', '06', 'du stade de Nice', 'Nice Stadium'],
  [
    'la-beaujoire',
    'Stade de la Beaujoire',
    'Nantes',
    '44',
    'du stade de la Beaujoire',
    'La Beaujoire Stadium (Nantes)',
  ],
  ['stade-de-bordeaux', 'Stade de Bordeaux', 'Bordeaux', '33', 'du stade de Bordeaux', 'Bordeaux Stadium'],
  [
    'geoffroy-guichard',
    'Stade Geoffroy-Guichard',
    'Saint-Étienne',
    '42',
    'du stade Geoffroy-Guichard',
    'Geoffroy-Guichard Stadium',
  ],
  ['teahupoo', "Teahupo'o", "Teahupo'o", '987', "du spot de Teahupo'o", "Teahupo'o", 'Pacific/Tahiti'],
].map(([id, name, commune, departement, de, en, timezone]) => ({ id, name, commune, departement, de, en, timezone }));
const VENUE = Object.fromEntries(VENUES.map((v) => [v.id, v]));

// Where each venue is (WGS 84, about 100 m), for its mark on the map: [latitude, longitude].
const VENUE_LOCATIONS = {
  'parc-des-princes': [48.8414, 2.253],
  'roland-garros': [48.847, 2.249],
  'bercy-arena': [48.8386, 2.3785],
  'porte-de-la-chapelle-arena': [48.8995, 2.3603],
  'south-paris-arena': [48.8322, 2.2875],
  'grand-palais': [48.8661, 2.3125],
  'champ-de-mars-arena': [48.853, 2.303],
  'eiffel-tower-stadium': [48.856, 2.298],
  invalides: [48.859, 2.314],
  concorde: [48.8656, 2.3212],
  'pont-alexandre-iii': [48.8639, 2.3135],
  trocadero: [48.862, 2.288],
  'hotel-de-ville': [48.8566, 2.3522],
  'stade-de-france': [48.9245, 2.3601],
  'aquatics-centre': [48.923, 2.356],
  'le-bourget-climbing': [48.934, 2.425],
  'north-paris-arena': [48.973, 2.515],
  'olympic-village': [48.915, 2.335],
  'paris-la-defense-arena': [48.8955, 2.229],
  'stade-yves-du-manoir': [48.929, 2.247],
  'vaires-sur-marne-nautical-stadium': [48.861, 2.65],
  'chateau-de-versailles': [48.8049, 2.1204],
  'national-velodrome': [48.788, 2.035],
  'bmx-stadium': [48.789, 2.033],
  'golf-national': [48.754, 2.075],
  'elancourt-hill': [48.773, 1.96],
  'stade-pierre-mauroy': [50.6119, 3.1305],
  'national-shooting-centre': [46.852, 1.718],
  'marseille-marina': [43.27, 5.369],
  'stade-velodrome': [43.2699, 5.3959],
  'stade-de-lyon': [45.7653, 4.9819],
  'stade-de-nice': [43.705, 7.1926],
  'la-beaujoire': [47.256, -1.525],
  'stade-de-bordeaux': [44.8973, -0.5614],
  'geoffroy-guichard': [45.4607, 4.3903],
  teahupoo: [-17.847, -149.267],
};

const PARTNERS = [
  'DEU',
  'BRA',
  'USA',
  'GBR',
  'ESP',
  'ITA',
  'BEL',
  'NLD',
  'CHE',
  'CAN',
  'MAR',
  'DZA',
  'TUN',
  'JPN',
  'CHN',
  'KOR',
  'AUS',
  'UKR',
  'POL',
  'PRT',
  'AUT',
  'LUX',
  'IRL',
  'DNK',
  'SWE',
  'NOR',
  'FIN',
  'CZE',
  'SVK',
  'HUN',
  'ROU',
  'BGR',
  'GRC',
  'HRV',
  'SVN',
  'EST',
  'LVA',
  'LTU',
  'CYP',
  'MLT',
  'ISR',
  'TUR',
  'EGY',
  'SEN',
  'CIV',
  'CMR',
  'MEX',
  'ARG',
  'COL',
  'CHL',
  'IND',
  'QAT',
  'SAU',
  'ARE',
  'NZL',
  'ZAF',
  'KEN',
  'GEO',
  'MDA',
  'SGP',
];
/** More countries, after PARTNERS, for the `partners: N` option (141 took part in Paris 2024). */
const MORE_PARTNERS = [
  'ISL',
  'LIE',
  'MCO',
  'AND',
  'SMR',
  'SRB',
  'MNE',
  'BIH',
  'MKD',
  'ALB',
  'XKX',
  'ARM',
  'AZE',
  'KAZ',
  'UZB',
  'KGZ',
  'TJK',
  'MNG',
  'VNM',
  'THA',
  'MYS',
  'IDN',
  'PHL',
  'KHM',
  'LAO',
  'BGD',
  'PAK',
  'LKA',
  'NPL',
  'JOR',
  'LBN',
  'IRQ',
  'KWT',
  'BHR',
  'OMN',
  'LBY',
  'MRT',
  'MLI',
  'NER',
  'TCD',
  'BFA',
  'GIN',
  'BEN',
  'TGO',
  'GHA',
  'NGA',
  'GAB',
  'COG',
  'COD',
  'CAF',
  'RWA',
  'BDI',
  'ETH',
  'DJI',
  'TZA',
  'UGA',
  'MDG',
  'MUS',
  'COM',
  'AGO',
  'MOZ',
  'ZMB',
  'ZWE',
  'NAM',
  'BWA',
  'CPV',
  'PER',
  'ECU',
  'BOL',
  'PRY',
  'URY',
  'VEN',
  'PAN',
  'CRI',
  'GTM',
  'DOM',
  'CUB',
  'HTI',
  'JAM',
  'TTO',
  'FJI',
  'PNG',
  'VUT',
  'SYC',
].filter((c) => c !== 'XKX');

// alpha-3: [alpha-2, French adjective (masc. sing.), English adjective, weight]
const NAT = {
  USA: ['us', 'américain', 'American', 10],
  GBR: ['gb', 'britannique', 'British', 8],
  DEU: ['de', 'allemand', 'German', 8],
  ESP: ['es', 'espagnol', 'Spanish', 7],
  ITA: ['it', 'italien', 'Italian', 7],
  BEL: ['be', 'belge', 'Belgian', 5],
  NLD: ['nl', 'néerlandais', 'Dutch', 4],
  BRA: ['br', 'brésilien', 'Brazilian', 5],
  CHN: ['cn', 'chinois', 'Chinese', 4],
  JPN: ['jp', 'japonais', 'Japanese', 4],
  KOR: ['kr', 'sud-coréen', 'South Korean', 3],
  AUS: ['au', 'australien', 'Australian', 4],
  CAN: ['ca', 'canadien', 'Canadian', 4],
  CHE: ['ch', 'suisse', 'Swiss', 3],
  MAR: ['ma', 'marocain', 'Moroccan', 4],
  DZA: ['dz', 'algérien', 'Algerian', 4],
  TUN: ['tn', 'tunisien', 'Tunisian', 3],
  ROU: ['ro', 'roumain', 'Romanian', 3],
  POL: ['pl', 'polonais', 'Polish', 3],
  UKR: ['ua', 'ukrainien', 'Ukrainian', 3],
  ARG: ['ar', 'argentin', 'Argentine', 3],
  MEX: ['mx', 'mexicain', 'Mexican', 2],
  COL: ['co', 'colombien', 'Colombian', 2],
  ISR: ['il', 'israélien', 'Israeli', 2],
  IRL: ['ie', 'irlandais', 'Irish', 3],
  PRT: ['pt', 'portugais', 'Portuguese', 3],
  SEN: ['sn', 'sénégalais', 'Senegalese', 2],
  GEO: ['ge', 'géorgien', 'Georgian', 2],
  IND: ['in', 'indien', 'Indian', 2],
  TUR: ['tr', 'turc', 'Turkish', 2],
  MDA: ['md', 'moldave', 'Moldovan', 1],
  CHL: ['cl', 'chilien', 'Chilean', 1],
  EGY: ['eg', 'égyptien', 'Egyptian', 1],
  SWE: ['se', 'suédois', 'Swedish', 2],
  AUT: ['at', 'autrichien', 'Austrian', 2],
  NZL: ['nz', 'néo-zélandais', 'New Zealand', 1],
};
const NAT_WEIGHTS = Object.entries(NAT).map(([k, v]) => [k, v[3]]);
const frPlural = (adj) => (/[sx]$/.test(adj) ? adj : `${adj}s`);

// Non-venue places by reporting stream: [fr, en, departement, commune]
const PLACES = {
  pp: [
    [
      'aux abords de la vasque olympique (jardin des Tuileries)',
      'near the Olympic cauldron (Tuileries Garden)',
      '75',
      'Paris 1er',
    ],
    ['en gare du Nord', 'at Gare du Nord station', '75', 'Paris 10e'],
    ['dans la station Châtelet-Les Halles', 'in Châtelet-Les Halles station', '75', 'Paris 1er'],
    ['sur l’avenue des Champs-Élysées', 'on the Champs-Élysées', '75', 'Paris 8e'],
    ['sur le parvis du Sacré-Cœur (Montmartre)', 'on the Sacré-Cœur forecourt (Montmartre)', '75', 'Paris 18e'],
    ['au Club France (Grande Halle de la Villette)', 'at Club France (Grande Halle de la Villette)', '75', 'Paris 19e'],
    ['en gare de Lyon', 'at Gare de Lyon station', '75', 'Paris 12e'],
    ['sur le quai Branly', 'on Quai Branly', '75', 'Paris 7e'],
    ['place de la République', 'on Place de la République', '75', 'Paris 11e'],
    ['en gare Saint-Lazare', 'at Saint-Lazare station', '75', 'Paris 8e'],
    ['rue de Rivoli', 'on Rue de Rivoli', '75', 'Paris 1er'],
    ['aux abords de l’hôtel d’une délégation étrangère', "near a foreign delegation's hotel", '75', 'Paris 15e'],
    ['porte Maillot', 'at Porte Maillot', '75', 'Paris 17e'],
    ['au marché aux puces de Saint-Ouen', 'at the Saint-Ouen flea market', '93', 'Saint-Ouen-sur-Seine'],
    ['en gare RER de Saint-Denis', 'at Saint-Denis RER station', '93', 'Saint-Denis'],
    ['sur le parvis de La Défense', 'on the La Défense esplanade', '92', 'Puteaux'],
    ['à Boulogne-Billancourt (centre-ville)', 'in Boulogne-Billancourt town centre', '92', 'Boulogne-Billancourt'],
    ['à l’aéroport Paris-Orly', 'at Paris-Orly airport', '94', 'Orly'],
    ['au centre commercial Créteil Soleil', 'at the Créteil Soleil shopping centre', '94', 'Créteil'],
  ],
  gn: [
    [
      'au péage de Saint-Arnoult-en-Yvelines (A10)',
      'at the Saint-Arnoult-en-Yvelines toll (A10)',
      '78',
      'Saint-Arnoult-en-Yvelines',
    ],
    [
      'sur la RN118 à hauteur de Vélizy-Villacoublay',
      'on the RN118 near Vélizy-Villacoublay',
      '78',
      'Vélizy-Villacoublay',
    ],
    ['à la base de loisirs de Vaires-Torcy', 'at the Vaires-Torcy leisure park', '77', 'Torcy'],
    ['aux abords du parc Disneyland Paris', 'near Disneyland Paris', '77', 'Chessy'],
    ['sur l’A4 à hauteur de Bussy-Saint-Georges', 'on the A4 near Bussy-Saint-Georges', '77', 'Bussy-Saint-Georges'],
    ['à l’aérodrome de Toussus-le-Noble', 'at Toussus-le-Noble airfield', '78', 'Toussus-le-Noble'],
    ['dans la zone commerciale de Déols', 'in the Déols retail park', '36', 'Déols'],
    ['en gare de Châteauroux', 'at Châteauroux station', '36', 'Châteauroux'],
    ['à Taravao (presqu’île de Tahiti)', 'in Taravao (Tahiti peninsula)', '987', 'Taiarapu-Est'],
    ['sur l’aire de repos de Lisses (A6)', 'at the Lisses rest area (A6)', '91', 'Lisses'],
    ['à Magny-les-Hameaux', 'in Magny-les-Hameaux', '78', 'Magny-les-Hameaux'],
    [
      'à l’aéroport Paris-Charles-de-Gaulle (zone fret)',
      'at Paris-Charles de Gaulle airport (freight area)',
      '95',
      'Roissy-en-France',
    ],
  ],
  dgpn: [
    ['sur le Vieux-Port', 'on the Old Port', '13', 'Marseille'],
    ['en gare Saint-Charles', 'at Saint-Charles station', '13', 'Marseille'],
    ['sur les plages du Prado', 'on the Prado beaches', '13', 'Marseille'],
    ['en gare Lille-Flandres', 'at Lille-Flandres station', '59', 'Lille'],
    ['sur la Grand-Place', 'on the Grand-Place', '59', 'Lille'],
    ['place Bellecour', 'on Place Bellecour', '69', 'Lyon'],
    ['en gare de la Part-Dieu', 'at Part-Dieu station', '69', 'Lyon'],
    ['sur la promenade des Anglais', 'on the Promenade des Anglais', '06', 'Nice'],
    ['dans le centre-ville de Nantes', 'in Nantes city centre', '44', 'Nantes'],
    ['sur les quais de la Garonne', 'on the Garonne quays', '33', 'Bordeaux'],
    ['place Jean-Jaurès', 'on Place Jean-Jaurès', '42', 'Saint-Étienne'],
  ],
  sncf: [
    ['en gare Montparnasse', 'at Montparnasse station', '75', 'Paris 15e'],
    [
      'sur la ligne B du RER à hauteur d’Aulnay-sous-Bois',
      'on RER line B near Aulnay-sous-Bois',
      '93',
      'Aulnay-sous-Bois',
    ],
    ['sur la ligne D du RER à hauteur de Saint-Denis', 'on RER line D near Saint-Denis', '93', 'Saint-Denis'],
    ['en gare de Marne-la-Vallée–Chessy', 'at Marne-la-Vallée–Chessy station', '77', 'Chessy'],
    ['en gare de Versailles-Chantiers', 'at Versailles-Chantiers station', '78', 'Versailles'],
    ['en gare de Lille-Europe', 'at Lille-Europe station', '59', 'Lille'],
    ['en gare de Marseille-Saint-Charles', 'at Marseille-Saint-Charles station', '13', 'Marseille'],
  ],
  cyber: [
    ['', '', '75', 'Paris'],
    ['', '', '92', 'Nanterre'],
    ['', '', '93', 'Saint-Denis'],
    ['', '', '13', 'Marseille'],
  ],
};

const GRADINGS = [
  ['B2', 10],
  ['A1', 3],
  ['A2', 4],
  ['B1', 3],
  ['B3', 4],
  ['C2', 3],
  ['C3', 3],
  ['X4', 1],
  ['X3', 1],
  ['A3', 1],
  ['C4', 1],
];

// Olympic and Paralympic programme: venue, sport fr, sport en, first day, last day, session hours
const PROGRAMME = [
  ['stade-de-france', 'Rugby à 7', 'Rugby sevens', '2024-07-24', '2024-07-30', ['15:30', '19:00']],
  ['stade-de-france', 'Athlétisme', 'Athletics', '2024-08-01', '2024-08-10', ['10:00', '19:00']],
  ['aquatics-centre', 'Plongeon', 'Diving', '2024-07-27', '2024-08-10', ['11:00', '15:00']],
  ['paris-la-defense-arena', 'Natation', 'Swimming', '2024-07-27', '2024-08-04', ['11:00', '20:30']],
  [
    'paris-la-defense-arena',
    'Water-polo (phase finale)',
    'Water polo (finals)',
    '2024-08-05',
    '2024-08-11',
    ['14:00', '18:30'],
  ],
  ['parc-des-princes', 'Football', 'Football', '2024-07-24', '2024-08-09', ['17:00', '21:00']],
  ['stade-velodrome', 'Football', 'Football', '2024-07-24', '2024-08-06', ['17:00', '21:00']],
  ['stade-de-lyon', 'Football', 'Football', '2024-07-24', '2024-08-06', ['17:00', '21:00']],
  ['stade-de-nice', 'Football', 'Football', '2024-07-24', '2024-07-31', ['17:00', '21:00']],
  ['la-beaujoire', 'Football', 'Football', '2024-07-24', '2024-08-08', ['17:00', '21:00']],
  ['stade-de-bordeaux', 'Football', 'Football', '2024-07-24', '2024-08-03', ['17:00', '21:00']],
  ['geoffroy-guichard', 'Football', 'Football', '2024-07-24', '2024-08-03', ['17:00', '21:00']],
  ['roland-garros', 'Tennis', 'Tennis', '2024-07-27', '2024-08-04', ['12:00']],
  ['roland-garros', 'Boxe (phase finale)', 'Boxing (finals)', '2024-08-06', '2024-08-10', ['16:30', '21:30']],
  ['bercy-arena', 'Gymnastique artistique', 'Artistic gymnastics', '2024-07-27', '2024-08-05', ['11:00', '17:30']],
  ['bercy-arena', 'Basketball (phase finale)', 'Basketball (finals)', '2024-08-06', '2024-08-11', ['11:00', '21:30']],
  ['porte-de-la-chapelle-arena', 'Badminton', 'Badminton', '2024-07-27', '2024-08-05', ['08:30', '19:00']],
  ['south-paris-arena', 'Volley-ball', 'Volleyball', '2024-07-27', '2024-08-11', ['09:00', '21:00']],
  ['south-paris-arena', 'Tennis de table', 'Table tennis', '2024-07-27', '2024-08-10', ['10:00', '15:00']],
  ['south-paris-arena', 'Haltérophilie', 'Weightlifting', '2024-08-07', '2024-08-11', ['15:00', '19:30']],
  ['grand-palais', 'Escrime', 'Fencing', '2024-07-27', '2024-08-04', ['09:00', '19:30']],
  ['grand-palais', 'Taekwondo', 'Taekwondo', '2024-08-07', '2024-08-10', ['09:00', '20:00']],
  ['champ-de-mars-arena', 'Judo', 'Judo', '2024-07-27', '2024-08-03', ['10:00', '16:00']],
  ['champ-de-mars-arena', 'Lutte', 'Wrestling', '2024-08-05', '2024-08-11', ['11:00', '18:00']],
  ['eiffel-tower-stadium', 'Beach-volley', 'Beach volleyball', '2024-07-27', '2024-08-10', ['09:00', '21:00']],
  ['invalides', "Tir à l'arc", 'Archery', '2024-07-25', '2024-08-04', ['09:30', '14:30']],
  [
    'concorde',
    'Skateboard, BMX freestyle et basket 3x3',
    'Skateboarding, BMX freestyle and 3x3 basketball',
    '2024-07-27',
    '2024-08-07',
    ['11:00', '17:00'],
  ],
  ['concorde', 'Breaking', 'Breaking', '2024-08-09', '2024-08-10', ['16:00']],
  ['pont-alexandre-iii', 'Triathlon', 'Triathlon', '2024-07-31', '2024-08-05', ['08:00']],
  ['pont-alexandre-iii', 'Marathon de nage en eau libre', 'Marathon swimming', '2024-08-08', '2024-08-09', ['07:30']],
  ['le-bourget-climbing', 'Escalade', 'Sport climbing', '2024-08-05', '2024-08-10', ['10:00', '17:00']],
  ['north-paris-arena', 'Boxe', 'Boxing', '2024-07-27', '2024-08-05', ['11:00', '20:30']],
  ['stade-yves-du-manoir', 'Hockey sur gazon', 'Hockey', '2024-07-27', '2024-08-09', ['10:00', '19:00']],
  ['vaires-sur-marne-nautical-stadium', 'Aviron', 'Rowing', '2024-07-27', '2024-08-03', ['09:30']],
  ['vaires-sur-marne-nautical-stadium', 'Canoë sprint', 'Canoe sprint', '2024-08-06', '2024-08-10', ['09:30']],
  ['chateau-de-versailles', 'Sports équestres', 'Equestrian', '2024-07-27', '2024-08-06', ['09:30', '14:00']],
  ['chateau-de-versailles', 'Pentathlon moderne', 'Modern pentathlon', '2024-08-09', '2024-08-11', ['10:00']],
  ['national-velodrome', 'Cyclisme sur piste', 'Track cycling', '2024-08-05', '2024-08-11', ['17:00']],
  ['bmx-stadium', 'BMX racing', 'BMX racing', '2024-08-01', '2024-08-02', ['19:00']],
  ['golf-national', 'Golf', 'Golf', '2024-08-01', '2024-08-10', ['09:00']],
  ['elancourt-hill', 'VTT', 'Mountain bike', '2024-07-28', '2024-07-29', ['14:10']],
  [
    'stade-pierre-mauroy',
    'Handball et basketball',
    'Handball and basketball',
    '2024-07-27',
    '2024-08-11',
    ['09:00', '17:00', '21:00'],
  ],
  ['national-shooting-centre', 'Tir', 'Shooting', '2024-07-27', '2024-08-05', ['09:00']],
  ['marseille-marina', 'Voile', 'Sailing', '2024-07-28', '2024-08-08', ['12:00']],
  ['teahupoo', 'Surf', 'Surfing', '2024-07-27', '2024-08-05', ['07:00']],
  // Paralympics
  ['stade-de-france', 'Para athlétisme', 'Para athletics', '2024-08-30', '2024-09-07', ['10:00', '19:00']],
  ['paris-la-defense-arena', 'Para natation', 'Para swimming', '2024-08-29', '2024-09-07', ['09:30', '17:30']],
  ['roland-garros', 'Tennis fauteuil', 'Wheelchair tennis', '2024-08-30', '2024-09-07', ['11:00']],
  ['bercy-arena', 'Basket fauteuil', 'Wheelchair basketball', '2024-08-29', '2024-09-08', ['11:00', '20:00']],
  [
    'porte-de-la-chapelle-arena',
    'Para badminton et para haltérophilie',
    'Para badminton and para powerlifting',
    '2024-08-29',
    '2024-09-08',
    ['09:00', '16:00'],
  ],
  [
    'south-paris-arena',
    'Goalball, boccia et para tennis de table',
    'Goalball, boccia and para table tennis',
    '2024-08-29',
    '2024-09-07',
    ['09:00', '18:00'],
  ],
  ['north-paris-arena', 'Volley-ball assis', 'Sitting volleyball', '2024-08-30', '2024-09-07', ['10:00', '18:00']],
  [
    'grand-palais',
    'Escrime fauteuil et para taekwondo',
    'Wheelchair fencing and para taekwondo',
    '2024-08-29',
    '2024-09-07',
    ['10:00', '17:30'],
  ],
  [
    'champ-de-mars-arena',
    'Para judo et rugby fauteuil',
    'Para judo and wheelchair rugby',
    '2024-08-29',
    '2024-09-07',
    ['10:00', '17:00'],
  ],
  ['eiffel-tower-stadium', 'Cécifoot', 'Blind football', '2024-09-01', '2024-09-07', ['14:00', '20:00']],
  ['invalides', "Para tir à l'arc", 'Para archery', '2024-08-29', '2024-09-05', ['09:00']],
  [
    'vaires-sur-marne-nautical-stadium',
    'Para aviron et para canoë',
    'Para rowing and para canoe',
    '2024-08-30',
    '2024-09-08',
    ['09:30'],
  ],
  ['chateau-de-versailles', 'Para équitation', 'Para equestrian', '2024-09-03', '2024-09-07', ['09:00']],
  ['national-velodrome', 'Para cyclisme sur piste', 'Para track cycling', '2024-08-29', '2024-09-01', ['10:00']],
  ['national-shooting-centre', 'Para tir', 'Para shooting', '2024-08-30', '2024-09-05', ['09:00']],
].map(([venue, fr, en, from, to, hours]) => ({ venue, fr, en, from, to, hours }));

function phaseOf(date) {
  if (date < '2024-07-22' || date > '2024-09-08') return 'games';
  if (date <= '2024-07-25') return 'pre';
  if (date === '2024-07-26') return 'opening';
  if (date <= '2024-08-10') return 'olympics';
  if (date === '2024-08-11') return 'closing';
  if (date <= '2024-08-27') return 'gap';
  if (date === '2024-08-28') return 'para_opening';
  if (date === '2024-09-08') return 'para_closing';
  return 'paralympics';
}
const isGamesPhase = (p) => p !== 'pre' && p !== 'gap';
const isPara = (p) => p.startsWith('para');

function activeVenues(date) {
  const ids = new Set(PROGRAMME.filter((p) => p.from <= date && date <= p.to).map((p) => p.venue));
  return VENUES.filter((v) => ids.has(v.id));
}

// ---------------------------------------------------------------------------------------------
// Incident texts. Each template: (c) => [fr, en]; c.at = {fr, en}, c.v = venue or undefined,
// c.nat = {fr, en, frPl} or undefined, c.arr = arrests phrase {fr, en}, c.k = number

function arrestPhrase(a, g) {
  if (a === 0) return { fr: '', en: '' };
  if (a === 1) {
    return g === 1
      ? { fr: ' Un individu interpellé, placé en garde à vue.', en: ' One person arrested and held in police custody.' }
      : {
          fr: ' Un individu interpellé puis laissé libre après vérifications.',
          en: ' One person arrested, released after checks.',
        };
  }
  if (g === a)
    return {
      fr: ` ${a} individus interpellés et placés en garde à vue.`,
      en: ` ${a} people arrested and held in police custody.`,
    };
  if (g === 0)
    return {
      fr: ` ${a} individus interpellés, tous laissés libres après vérifications.`,
      en: ` ${a} people arrested, all released after checks.`,
    };
  if (g === 1)
    return {
      fr: ` ${a} individus interpellés, dont un placé en garde à vue.`,
      en: ` ${a} people arrested, one of them held in police custody.`,
    };
  return {
    fr: ` ${a} individus interpellés, dont ${g} placés en garde à vue.`,
    en: ` ${a} people arrested, ${g} of them held in police custody.`,
  };
}
const noArrest = (c, fr, en) => (c.a === 0 ? { fr: ` ${fr}`, en: ` ${en}` } : c.arr);
const vde = (c) => (c.v ? c.v.de : 'du site');
const ven = (c) => (c.v ? c.v.en : 'the venue');
const natFr = (c) => (c.nat ? c.nat.fr : 'étranger');
const natEn = (c) => (c.nat ? c.nat.en : 'foreign');

/** Whether a template names a venue or a nationality (then the record must have one). */
const needsCache = new Map();
function templateNeeds(category, t) {
  const key = `${category}/${t}`;
  if (!needsCache.has(key)) {
    const m = '\u0001';
    const c = { at: { fr: '', en: '' }, a: 0, arr: { fr: '', en: '' }, k: 10, org: CYBER_ORGS[0], cause: CAUSES[0] };
    const [vf, ve] = TEMPLATES[category][t]({ ...c, v: { de: m, en: m } });
    const [nf, ne] = TEMPLATES[category][t]({ ...c, nat: { fr: m, en: m } });
    needsCache.set(key, { venue: (vf + ve).includes(m), nat: (nf + ne).includes(m) });
  }
  return needsCache.get(key);
}

/** Whether a template says who was arrested (arrests only go to facts whose text tells them). */
function templateTakesArrests(category, t) {
  const mark = '\u0000A';
  const c = { at: { fr: '', en: '' }, a: 1, arr: { fr: mark, en: mark }, k: 10, org: CYBER_ORGS[0], cause: CAUSES[0] };
  const [fr, en] = TEMPLATES[category][t](c);
  return fr.includes(mark) && en.includes(mark);
}

const TEMPLATES = {
  theft: [
    (c) => [
      `Vol à la tire au préjudice d’un ressortissant ${natFr(c)} ${c.at.fr}.${noArrest(c, 'Auteur en fuite, plainte enregistrée.', '').fr}`,
      `Pickpocketing of a ${natEn(c)} national ${c.at.en}.${noArrest(c, '', 'Suspect fled, complaint filed.').en}`,
    ],
    (c) => [
      `Vol de téléphone portable par arrachement dans la foule ${c.at.fr}.${noArrest(c, 'Signalement diffusé aux patrouilles.', '').fr}`,
      `Mobile phone snatched in the crowd ${c.at.en}.${noArrest(c, '', 'Description circulated to patrols.').en}`,
    ],
    (c) => [
      `Vol dans un véhicule d’une délégation étrangère stationné ${c.at.fr} (matériel photo, préjudice estimé à ${frInt(c.k * 100)} €).${c.arr.fr}`,
      `Theft from a foreign delegation's vehicle parked ${c.at.en} (camera equipment, loss estimated at EUR ${enInt(c.k * 100)}).${c.arr.en}`,
    ],
    (c) => [
      `Vol à l’étalage de produits sous licence officielle dans une boutique Paris 2024 ${c.at.fr}.${c.arr.fr}`,
      `Shoplifting of official licensed merchandise from a Paris 2024 shop ${c.at.en}.${c.arr.en}`,
    ],
    (c) => [
      `Vol avec violence d’une montre de luxe au préjudice d’un touriste ${natFr(c)} ${c.at.fr}; préjudice estimé à ${frInt(c.k * 1000)} €.${noArrest(c, 'Enquête confiée à la brigade de répression du banditisme.', '').fr}`,
      `Violent robbery of a luxury watch from a ${natEn(c)} tourist ${c.at.en}; loss estimated at EUR ${enInt(c.k * 1000)}.${noArrest(c, '', 'Investigation assigned to the organised robbery squad.').en}`,
    ],
    (c) => [
      `Vols à la tire en série signalés dans les rames ${c.at.fr}; équipe de ${(c.k % 4) + 2} mineurs repérée par les agents en civil.${c.arr.fr}`,
      `Series of pickpocketing thefts reported on trains ${c.at.en}; a team of ${(c.k % 4) + 2} minors spotted by plain-clothes officers.${c.arr.en}`,
    ],
  ],
  assault: [
    (c) => [
      `Rixe entre supporters ${c.nat ? frPlural(c.nat.fr) : 'étrangers'} et riverains ${c.at.fr}; deux blessés légers.${c.arr.fr}`,
      `Brawl between ${natEn(c)} supporters and local residents ${c.at.en}; two people slightly injured.${c.arr.en}`,
    ],
    (c) => [
      `Agression sexuelle signalée dans la foule ${c.at.fr}; victime prise en charge par une association d’aide aux victimes.${c.arr.fr}`,
      `Sexual assault reported in the crowd ${c.at.en}; the victim is being supported by a victim-support association.${c.arr.en}`,
    ],
    (c) => [
      `Violences volontaires sur un agent de sécurité privée au contrôle d’accès ${c.at.fr}; ITT de ${(c.k % 5) + 2} jours.${c.arr.fr}`,
      `Assault on a private security guard at the access checkpoint ${c.at.en}; ${(c.k % 5) + 2} days' incapacity.${c.arr.en}`,
    ],
    (c) => [
      `Outrage et rébellion lors d’un contrôle d’identité ${c.at.fr}.${c.arr.fr}`,
      `Insulting and resisting officers during an identity check ${c.at.en}.${c.arr.en}`,
    ],
    (c) => [
      `Violences à caractère raciste signalées ${c.at.fr}; enquête confiée au commissariat local.${c.arr.fr}`,
      `Racially aggravated assault reported ${c.at.en}; investigation assigned to the local police station.${c.arr.en}`,
    ],
  ],
  public_order: [
    (c) => [
      `Mouvement de foule ${c.at.fr} à la fermeture de la zone de célébration; intervention d’unités de forces mobiles, aucun blessé.${c.arr.fr}`,
      `Crowd surge ${c.at.en} as the celebration area closed; mobile units intervened, no injuries.${c.arr.en}`,
    ],
    (c) => [
      `Tentatives de franchissement du périmètre de sécurité sans «Pass Jeux» ${c.at.fr}; ${(c.k % 40) + 10} personnes refoulées.${c.arr.fr}`,
      `Attempts to cross the security perimeter without a 'Games Pass' ${c.at.en}; ${(c.k % 40) + 10} people turned away.${c.arr.en}`,
    ],
    (c) => [
      `Tirs de mortiers d’artifice en direction des forces de l’ordre ${c.at.fr}.${noArrest(c, 'Auteurs dispersés.', '').fr}`,
      `Firework mortars fired at police officers ${c.at.en}.${noArrest(c, '', 'Perpetrators dispersed.').en}`,
    ],
    (c) => [
      `Tapage et consommation d’alcool sur la voie publique ${c.at.fr}; dispersion sans incident.${c.arr.fr}`,
      `Noise and drinking in the street ${c.at.en}; dispersed without incident.${c.arr.en}`,
    ],
    (c) => [
      `Vente à la sauvette de billets et de souvenirs ${c.at.fr}; ${(c.k % 12) + 3} vendeurs évincés, marchandise saisie.${c.arr.fr}`,
      `Illegal street selling of tickets and souvenirs ${c.at.en}; ${(c.k % 12) + 3} vendors moved on, goods seized.${c.arr.en}`,
    ],
  ],
  demonstration: [
    (c) => [
      `Rassemblement non déclaré d’environ ${c.k * 10} personnes en soutien à la Palestine ${c.at.fr}; dispersion dans le calme.${c.arr.fr}`,
      `Undeclared gathering of about ${c.k * 10} people in support of Palestine ${c.at.en}; dispersed peacefully.${c.arr.en}`,
    ],
    (c) => [
      `Déploiement d’une banderole hostile aux Jeux par le collectif «Saccage 2024» ${c.at.fr}; banderole retirée.${c.arr.fr}`,
      `Banner hostile to the Games unfurled by the 'Saccage 2024' collective ${c.at.en}; banner removed.${c.arr.en}`,
    ],
    (c) => [
      `Action de militants écologistes (peinture sur mobilier urbain et affiches d’un partenaire des Jeux) ${c.at.fr}.${c.arr.fr}`,
      `Action by environmental activists (paint on street furniture and posters of a Games sponsor) ${c.at.en}.${c.arr.en}`,
    ],
    (c) => [
      `Manifestation déclarée d’environ ${c.k * 10} personnes (revendications salariales) ${c.at.fr}; aucun incident.`,
      `Declared demonstration of about ${c.k * 10} people (pay claims) ${c.at.en}; no incidents.`,
    ],
    (c) => [
      `Rassemblement d’une centaine de ressortissants ${c.nat ? frPlural(c.nat.fr) : 'étrangers'} ${c.at.fr} en marge d’une rencontre sportive; slogans politiques, pas de trouble.`,
      `Gathering of about a hundred ${natEn(c)} nationals ${c.at.en} alongside a sporting fixture; political slogans, no disorder.`,
    ],
  ],
  drone: [
    (c) => [
      `Survol non autorisé ${vde(c)} par un drone de loisir pendant les épreuves; appareil saisi, télépilote identifié.${c.arr.fr}`,
      `Unauthorised overflight of ${ven(c)} by a hobby drone during competition; drone seized, remote pilot identified.${c.arr.en}`,
    ],
    (c) => [
      `Drone détecté dans la zone d’interdiction de survol ${c.at.fr}; neutralisé par brouillage, télépilote non localisé.`,
      `Drone detected in the no-fly zone ${c.at.en}; neutralised by jamming, remote pilot not located.`,
    ],
    (c) => [
      `Touriste ${natFr(c)} contrôlé en train de faire voler un drone ${c.at.fr}; appareil saisi, procédure pour violation de zone interdite.${c.arr.fr}`,
      `${c.nat ? c.nat.en : 'Foreign'} tourist caught flying a drone ${c.at.en}; drone seized, proceedings for breach of a no-fly zone.${c.arr.en}`,
    ],
  ],
  cyber: [
    (c) => [
      `Attaque par déni de service distribué (DDoS) visant le site internet ${c.org[0]}; service rétabli en ${(c.k % 50) + 10} min, revendication par un groupe hacktiviste prorusse.`,
      `Distributed denial-of-service (DDoS) attack on the website of ${c.org[1]}; service restored within ${(c.k % 50) + 10} min, claimed by a pro-Russian hacktivist group.`,
    ],
    (c) => [
      `Campagne d’hameçonnage usurpant la billetterie officielle; ${(c.k % 20) + 5} noms de domaine frauduleux signalés à PHAROS et aux bureaux d’enregistrement.`,
      `Phishing campaign spoofing the official ticketing service; ${(c.k % 20) + 5} fraudulent domain names reported to PHAROS and the registrars.`,
    ],
    (c) => [
      `Tentative d’intrusion détectée sur le système d’information ${c.org[0]}; pas de compromission constatée, mesures de durcissement appliquées.`,
      `Intrusion attempt detected on the information system of ${c.org[1]}; no compromise found, hardening measures applied.`,
    ],
    (c) => [
      `Défiguration du site internet ${c.org[0]} avec un message politique; site restauré en ${(c.k % 5) + 1} h.`,
      `Defacement of the website of ${c.org[1]} with a political message; site restored within ${(c.k % 5) + 1} h.`,
    ],
    (c) => [
      `Fuite de données signalée chez un prestataire de billetterie revendu: ${frInt(c.k * 120)} adresses électroniques publiées sur un forum; analyse en cours.`,
      `Data leak reported at a ticket resale contractor: ${enInt(c.k * 120)} email addresses posted on a forum; analysis under way.`,
    ],
  ],
  sabotage: [
    (c) => [
      `Câbles de signalisation sectionnés ${c.at.fr}; trafic perturbé pendant ${(c.k % 4) + 2} h. Enquête ouverte pour dégradation de biens.`,
      `Signalling cables cut ${c.at.en}; traffic disrupted for ${(c.k % 4) + 2} hours. Investigation opened for criminal damage.`,
    ],
    (c) => [
      `Dégradation volontaire d’une armoire électrique alimentant l’éclairage ${c.at.fr}; réparée dans la nuit.`,
      `Deliberate damage to an electrical cabinet powering the lighting ${c.at.en}; repaired overnight.`,
    ],
  ],
  transport: [
    (c) => [
      `Interruption du trafic ${c.at.fr} pendant ${(c.k % 50) + 15} min en raison ${c.cause[0]}; voyageurs réorientés.`,
      `Traffic interrupted ${c.at.en} for ${(c.k % 50) + 15} min due to ${c.cause[1]}; passengers redirected.`,
    ],
    (c) => [
      `Fermeture temporaire de la station ${c.at.fr} pour saturation; flux régulés par les agents RATP et SNCF.`,
      `Temporary closure of the station ${c.at.en} due to overcrowding; flows managed by RATP and SNCF staff.`,
    ],
    (c) => [
      `Retard de ${(c.k % 30) + 10} min d’un convoi de délégation sur la voie olympique de l’A1 à la suite d’un accident matériel.`,
      `Delegation convoy delayed ${(c.k % 30) + 10} min on the A1 Olympic lane after a minor accident.`,
    ],
  ],
  suspicious_item: [
    (c) => [
      `Colis suspect signalé ${c.at.fr}; périmètre de sécurité, intervention des démineurs, levée de doute négative après ${(c.k % 60) + 20} min.`,
      `Suspicious package reported ${c.at.en}; cordon set up, bomb disposal unit intervened, all clear after ${(c.k % 60) + 20} min.`,
    ],
    (c) => [
      `Bagage abandonné ${c.at.fr}; évacuation partielle de la zone et neutralisation, ${(c.k % 60) + 20} min de perturbation.`,
      `Unattended bag ${c.at.en}; area partly evacuated and bag neutralised, ${(c.k % 60) + 20} min of disruption.`,
    ],
    (c) => [
      `Sac à dos oublié au contrôle d’accès ${c.at.fr}; levée de doute par l’équipe cynophile, rien de suspect.`,
      `Rucksack left at the access checkpoint ${c.at.en}; cleared by the dog team, nothing suspicious.`,
    ],
  ],
  intrusion: [
    (c) => [
      `Intrusion d’un spectateur sur l’aire de jeu ${vde(c)} pendant une rencontre; individu maîtrisé par les stadiers.${c.arr.fr}`,
      `A spectator ran onto the field of play at ${ven(c)} during a match; restrained by stewards.${c.arr.en}`,
    ],
    (c) => [
      `Tentative d’accès à la zone réservée aux accrédités ${vde(c)} avec une fausse accréditation.${c.arr.fr}`,
      `Attempted entry into the accredited-only area of ${ven(c)} with a forged accreditation.${c.arr.en}`,
    ],
    (c) => [
      `Individu découvert de nuit dans l’enceinte ${vde(c)} par une patrouille; matériel de prise de vue saisi.${c.arr.fr}`,
      `Individual found at night inside ${ven(c)} by a patrol; filming equipment seized.${c.arr.en}`,
    ],
  ],
  fraud: [
    (c) => [
      `Revente illicite de billets ${c.at.fr}; ${(c.k % 30) + 4} billets saisis.${c.arr.fr}`,
      `Illegal ticket touting ${c.at.en}; ${(c.k % 30) + 4} tickets seized.${c.arr.en}`,
    ],
    (c) => [
      `Saisie de ${frInt(c.k * 15)} articles de contrefaçon aux couleurs des Jeux ${c.at.fr}.${c.arr.fr}`,
      `Seizure of ${enInt(c.k * 15)} counterfeit Games-branded items ${c.at.en}.${c.arr.en}`,
    ],
    (c) => [
      `Escroquerie aux faux billets en ligne: plaintes de ${(c.k % 9) + 2} victimes ${c.nat ? frPlural(c.nat.fr) : 'étrangères'}; site frauduleux signalé.`,
      `Fake online ticket scam: complaints from ${(c.k % 9) + 2} ${natEn(c)} victims; fraudulent website reported.`,
    ],
    (c) => [
      `Utilisation frauduleuse de cartes bancaires dérobées dans des commerces ${c.at.fr}.${c.arr.fr}`,
      `Fraudulent use of stolen bank cards in shops ${c.at.en}.${c.arr.en}`,
    ],
  ],
  terrorism: [
    (c) => [
      `Menaces d’attentat visant le site ${vde(c)} publiées sur un réseau social; auteur identifié, enquête du parquet national antiterroriste (PNAT).${c.arr.fr}`,
      `Threats of an attack on ${ven(c)} posted on social media; author identified, investigation by the national anti-terrorism prosecutor (PNAT).${c.arr.en}`,
    ],
    (c) => [
      `Individu inscrit au FSPRT repéré ${c.at.fr}; contrôle et levée de doute, pas de suite.`,
      `Individual on the radicalisation watch list (FSPRT) spotted ${c.at.en}; checked and cleared, no further action.`,
    ],
    (c) => [
      `Apologie du terrorisme: message relayé sur un réseau social en lien avec les Jeux, auteur identifié.${c.arr.fr}`,
      `Glorification of terrorism: message about the Games shared on social media, author identified.${c.arr.en}`,
    ],
    (c) => [
      `Fausse alerte à la bombe par appel téléphonique visant le site ${vde(c)}; levée de doute négative, épreuves non interrompues.`,
      `Hoax bomb threat by phone against ${ven(c)}; all clear, competition not interrupted.`,
    ],
  ],
  consular: [
    (c) => [
      `Ressortissant ${natFr(c)} victime d’un malaise ${c.at.fr}, hospitalisé; autorités consulaires informées par l’officier de liaison.`,
      `${c.nat ? c.nat.en : 'Foreign'} national taken ill ${c.at.en}, hospitalised; consular authorities informed through the liaison officer.`,
    ],
    (c) => [
      `Vol du passeport d’un ressortissant ${natFr(c)} ${c.at.fr}; déclaration enregistrée, mise en relation avec le consulat.`,
      `Passport of a ${natEn(c)} national stolen ${c.at.en}; report filed, referred to the consulate.`,
    ],
    (c) => [
      `Enfant ${natFr(c)} signalé égaré ${c.at.fr}, remis à sa famille après ${(c.k % 50) + 10} min.`,
      `${c.nat ? c.nat.en : 'Foreign'} child reported lost ${c.at.en}, reunited with family after ${(c.k % 50) + 10} min.`,
    ],
    (c) => [
      `Ressortissant ${natFr(c)} interpellé pour conduite sous l’empire de l’alcool ${c.at.fr}; l’officier de liaison a été informé.${c.arr.fr}`,
      `${c.nat ? c.nat.en : 'Foreign'} national arrested for drink-driving ${c.at.en}; the liaison officer has been informed.${c.arr.en}`,
    ],
  ],
  road: [
    (c) => [
      `Accident de la circulation impliquant un bus de délégation ${c.at.fr}; pas de blessé, léger retard.`,
      `Road accident involving a delegation bus ${c.at.en}; no injuries, slight delay.`,
    ],
    (c) => [
      `Refus d’obtempérer lors d’un contrôle routier ${c.at.fr}.${noArrest(c, 'Véhicule retrouvé abandonné.', '').fr}`,
      `Failure to stop at a traffic check ${c.at.en}.${noArrest(c, '', 'Vehicle found abandoned.').en}`,
    ],
    (c) => [
      `Circulation non autorisée sur une voie olympique ${c.at.fr}: ${(c.k % 40) + 5} verbalisations.`,
      `Unauthorised use of an Olympic lane ${c.at.en}: ${(c.k % 40) + 5} fines issued.`,
    ],
    (c) => [
      `Collision entre une trottinette électrique et un piéton ${c.at.fr}; un blessé léger.${c.arr.fr}`,
      `Collision between an e-scooter and a pedestrian ${c.at.en}; one person slightly injured.${c.arr.en}`,
    ],
  ],
  other: [
    (c) => [
      `Malaises de ${(c.k % 12) + 3} spectateurs en raison de la chaleur ${c.at.fr}; prise en charge par les secours.`,
      `${(c.k % 12) + 3} spectators taken ill in the heat ${c.at.en}; treated by the emergency services.`,
    ],
    (c) => [
      `Accréditation officielle perdue retrouvée ${c.at.fr} et restituée au comité d’organisation.`,
      `Lost official accreditation found ${c.at.en} and returned to the organising committee.`,
    ],
    (c) => [
      `Départ de feu de poubelle ${c.at.fr}; maîtrisé par les sapeurs-pompiers, sans conséquence.`,
      `Bin fire ${c.at.en}; put out by the fire brigade, no consequences.`,
    ],
    (c) => [
      `Découverte d’un obus de la Seconde Guerre mondiale lors de travaux ${c.at.fr}; neutralisé par les démineurs, périmètre levé.`,
      `Second World War shell found during works ${c.at.en}; made safe by bomb disposal, cordon lifted.`,
    ],
  ],
};

const CYBER_ORGS = [
  ['d’une collectivité hôte des Jeux', 'a Games host local authority'],
  ['d’un opérateur de transport francilien', 'a Paris-region transport operator'],
  ['d’un musée national', 'a national museum'],
  ['d’une fédération sportive', 'a sports federation'],
  ['d’un ministère', 'a ministry'],
  ['d’un prestataire des Jeux', 'a Games contractor'],
  ['d’une chaîne hôtelière', 'a hotel chain'],
];
const CAUSES = [
  ['d’une personne sur les voies', 'a person on the tracks'],
  ['d’un colis suspect', 'a suspicious package'],
  ['d’un incident technique', 'a technical fault'],
  ['d’un malaise voyageur', 'a passenger taken ill'],
  ['d’un vol de câbles', 'cable theft'],
];

// Reporting streams: file, id prefix, sources, category weights, arrest behaviour
const STREAMS = {
  pp: {
    weights: {
      theft: 22,
      assault: 12,
      public_order: 12,
      demonstration: 6,
      drone: 6,
      suspicious_item: 10,
      fraud: 7,
      transport: 5,
      intrusion: 4,
      consular: 6,
      road: 4,
      terrorism: 2,
      other: 4,
    },
    sources: [
      ['PP', 6],
      ['Préfecture de police', 3],
      ['PP/DSPAP', 2],
      ['PP/DOPC', 1],
    ],
  },
  gn: {
    weights: {
      theft: 15,
      road: 14,
      drone: 9,
      public_order: 7,
      suspicious_item: 8,
      intrusion: 5,
      assault: 8,
      other: 8,
      sabotage: 2,
      demonstration: 3,
      consular: 3,
      fraud: 3,
      transport: 3,
      terrorism: 1,
    },
    sources: [
      ['DGGN', 6],
      ['GGD 78', 2],
      ['GGD 77', 2],
      ['COMGEND PF', 0],
    ],
  },
  dgpn: {
    weights: {
      theft: 20,
      assault: 12,
      public_order: 12,
      drone: 7,
      suspicious_item: 8,
      fraud: 6,
      demonstration: 5,
      road: 5,
      consular: 5,
      intrusion: 3,
      other: 4,
      terrorism: 1,
    },
    sources: [
      ['DGPN', 5],
      ['DIPN 13', 1],
      ['DIPN 69', 1],
      ['DIPN 59', 1],
    ],
  },
  sncf: {
    weights: { transport: 12, sabotage: 2, theft: 3, assault: 2, suspicious_item: 4 },
    sources: [
      ['SNCF', 3],
      ['SNCF Sûreté', 2],
      ['RATP/GPSR', 1],
    ],
  },
  anssi: { weights: { cyber: 1 }, sources: [['ANSSI', 1]] },
  dgsi: { weights: { terrorism: 1 }, sources: [['DGSI', 1]] },
};
const STREAM_FILE = { pp: 'pp', gn: 'gn', dgpn: 'national', sncf: 'national', anssi: 'national', dgsi: 'national' };
const STREAM_PREFIX = { pp: 'PP', gn: 'GN', dgpn: 'DGPN', sncf: 'SNCF', anssi: 'ANSSI', dgsi: 'DGSI' };

const ARREST_P = {
  theft: 0.55,
  assault: 0.6,
  public_order: 0.35,
  demonstration: 0.15,
  fraud: 0.5,
  intrusion: 0.65,
  drone: 0.15,
  terrorism: 0.35,
  road: 0.25,
  consular: 0.12,
};
const SEVERITY_W = {
  terrorism: { medium: 3, high: 5, critical: 1 },
  sabotage: { medium: 3, high: 5, critical: 1 },
  cyber: { low: 3, medium: 5, high: 2 },
  intrusion: { low: 2, medium: 5, high: 3 },
  suspicious_item: { low: 5, medium: 5, high: 1 },
  assault: { low: 3, medium: 6, high: 2 },
  public_order: { low: 5, medium: 5, high: 1 },
  demonstration: { low: 6, medium: 4, high: 1 },
  drone: { low: 6, medium: 4, high: 1 },
  transport: { low: 4, medium: 5, high: 2 },
  default: { low: 6, medium: 4, high: 0.4 },
};
const IMPACT_P = {
  transport: 0.45,
  sabotage: 0.7,
  suspicious_item: 0.3,
  intrusion: 0.3,
  drone: 0.12,
  cyber: 0.12,
  public_order: 0.1,
  terrorism: 0.2,
  road: 0.1,
  demonstration: 0.08,
};
const NAT_P = {
  consular: 1,
  theft: 0.4,
  assault: 0.3,
  fraud: 0.3,
  drone: 0.45,
  demonstration: 0.2,
  public_order: 0.2,
  road: 0.15,
  intrusion: 0.25,
  terrorism: 0.05,
};
const NEEDS_VENUE = new Set(['intrusion']);

// ---------------------------------------------------------------------------------------------
// Notable facts on their dates (public reports, details fictional). Fields as in SPEC plus
// `stream`, `hh`, `mm` (local time) and optional `fmt`.

const FIXED_INCIDENTS = {
  '2024-07-24': [
    {
      stream: 'pp',
      hh: 15,
      mm: 5,
      category: 'demonstration',
      severity: 'medium',
      venue: 'parc-des-princes',
      arrests: 0,
      tlp: 'GREEN',
      summary_fr:
        'Rassemblement d’environ 150 personnes en soutien à la Palestine aux abords du Parc des Princes avant la rencontre Israël–Mali; encadrement par les forces mobiles, pas d’incident.',
      summary_en:
        'Gathering of about 150 people in support of Palestine near the Parc des Princes before the Israel–Mali match; policed by mobile units, no incident.',
    },
    {
      stream: 'dgsi',
      hh: 7,
      mm: 40,
      category: 'terrorism',
      severity: 'high',
      departement: '42',
      commune: 'Saint-Étienne',
      arrests: 1,
      custody: 1,
      grading: 'A2',
      tlp: 'AMBER+STRICT',
      summary_fr:
        'Projet d’action violente déjoué: interpellation d’un homme de 18 ans se revendiquant de l’État islamique, qui envisageait de viser un événement de football retransmis en public. Garde à vue sous l’autorité du PNAT.',
      summary_en:
        'Violent plot foiled: arrest of an 18-year-old man claiming allegiance to Islamic State who was considering targeting a public screening of a football match. In custody under the authority of the PNAT.',
    },
  ],
  '2024-07-26': [
    {
      stream: 'sncf',
      hh: 4,
      mm: 15,
      category: 'sabotage',
      severity: 'critical',
      departement: '28',
      commune: 'Courtalain',
      games_impact: true,
      grading: 'A1',
      tlp: 'GREEN',
      fmt: 'offset',
      summary_fr:
        'Incendie volontaire d’installations de signalisation sur la LGV Atlantique à Courtalain (Eure-et-Loir); circulation interrompue vers l’Ouest et le Sud-Ouest. Acte coordonné avec d’autres sites.',
      summary_en:
        'Arson on signalling installations of the Atlantique high-speed line at Courtalain (Eure-et-Loir); traffic to the west and south-west halted. Act coordinated with other sites.',
    },
    {
      stream: 'sncf',
      hh: 4,
      mm: 40,
      category: 'sabotage',
      severity: 'critical',
      departement: '62',
      commune: 'Croisilles',
      games_impact: true,
      grading: 'A1',
      tlp: 'GREEN',
      fmt: 'offset',
      summary_fr:
        'Incendie volontaire d’installations de signalisation sur la LGV Nord à Croisilles (Pas-de-Calais); trafic Paris–Lille–Londres fortement perturbé.',
      summary_en:
        'Arson on signalling installations of the Nord high-speed line at Croisilles (Pas-de-Calais); Paris–Lille–London traffic heavily disrupted.',
    },
    {
      stream: 'sncf',
      hh: 5,
      mm: 5,
      category: 'sabotage',
      severity: 'critical',
      departement: '67',
      commune: 'Vendenheim',
      games_impact: true,
      grading: 'A1',
      tlp: 'GREEN',
      fmt: 'offset',
      summary_fr:
        'Incendie volontaire d’installations de signalisation sur la LGV Est (Bas-Rhin); circulation vers l’Est perturbée.',
      summary_en:
        'Arson on signalling installations of the Est high-speed line (Bas-Rhin); eastbound traffic disrupted.',
    },
    {
      stream: 'sncf',
      hh: 5,
      mm: 30,
      category: 'sabotage',
      severity: 'high',
      departement: '89',
      commune: 'Vergigny',
      games_impact: false,
      grading: 'B2',
      tlp: 'GREEN',
      summary_fr:
        'Tentative de sabotage déjouée sur la LGV Sud-Est (Yonne): des agents de maintenance ont mis en fuite des individus; matériel incendiaire retrouvé, pas d’impact sur le trafic.',
      summary_en:
        'Sabotage attempt foiled on the Sud-Est high-speed line (Yonne): maintenance staff chased off several individuals; incendiary material found, no impact on traffic.',
    },
    {
      stream: 'sncf',
      hh: 8,
      mm: 0,
      category: 'transport',
      severity: 'high',
      departement: '75',
      commune: 'Paris',
      games_impact: true,
      source: 'SNCF',
      tlp: 'CLEAR',
      summary_fr:
        'Conséquences des actes de malveillance sur les LGV: environ 800 000 voyageurs affectés sur le week-end, dont des spectateurs et des membres de délégations; plan de transport adapté.',
      summary_en:
        'Impact of the malicious acts on the high-speed lines: about 800,000 travellers affected over the weekend, including spectators and delegation members; adapted transport plan in place.',
    },
    {
      stream: 'pp',
      hh: 21,
      mm: 10,
      category: 'drone',
      severity: 'medium',
      departement: '75',
      commune: 'Paris',
      arrests: 2,
      custody: 1,
      games_impact: false,
      summary_fr:
        'Cérémonie d’ouverture: 9 drones détectés dans la zone d’interdiction de survol de la Seine, 7 neutralisés par brouillage; 2 télépilotes interpellés.',
      summary_en:
        'Opening ceremony: 9 drones detected in the Seine no-fly zone, 7 neutralised by jamming; 2 remote pilots arrested.',
    },
    {
      stream: 'pp',
      hh: 23,
      mm: 50,
      category: 'public_order',
      severity: 'low',
      venue: 'trocadero',
      arrests: 0,
      tlp: 'GREEN',
      summary_fr:
        'Fin de la cérémonie d’ouverture: dispersion des quelque 300 000 spectateurs des quais sous la pluie, sans incident majeur.',
      summary_en:
        'End of the opening ceremony: the roughly 300,000 spectators on the quays dispersed in the rain without major incident.',
    },
  ],
  '2024-07-27': [
    {
      stream: 'pp',
      hh: 10,
      mm: 20,
      category: 'theft',
      severity: 'medium',
      venue: 'olympic-village',
      nationalities: ['BRA'],
      arrests: 0,
      summary_fr:
        'Plainte d’une délégation pour le vol de bijoux et d’espèces dans un logement du Village des athlètes (préjudice estimé à 3 000 €).',
      summary_en:
        "Complaint from a delegation about the theft of jewellery and cash from accommodation in the Athletes' Village (loss estimated at EUR 3,000).",
    },
  ],
  '2024-07-28': [
    {
      stream: 'pp',
      hh: 16,
      mm: 5,
      category: 'theft',
      severity: 'medium',
      venue: 'olympic-village',
      nationalities: ['AUS'],
      arrests: 0,
      releasable_to: ['AUS', 'FRA'],
      summary_fr:
        'Vol de cartes bancaires dans les affaires d’athlètes au Village des athlètes; utilisations frauduleuses constatées. Deuxième plainte depuis l’ouverture.',
      summary_en:
        "Theft of bank cards from athletes' belongings in the Athletes' Village; fraudulent use found. Second complaint since the opening.",
    },
  ],
  '2024-07-29': [
    {
      stream: 'gn',
      hh: 3,
      mm: 30,
      category: 'sabotage',
      severity: 'high',
      departement: '26',
      commune: 'Drôme (plusieurs communes)',
      games_impact: false,
      grading: 'A2',
      tlp: 'GREEN',
      source: 'DGGN',
      summary_fr:
        'Sabotage de câbles de fibre optique d’opérateurs de télécommunications dans plusieurs départements (Drôme, Hérault, Bouches-du-Rhône, Oise, Meuse, Aube); coupures localisées, sites des Jeux non affectés.',
      summary_en:
        'Sabotage of telecom operators’ fibre-optic cables in several départements (Drôme, Hérault, Bouches-du-Rhône, Oise, Meuse, Aube); local outages, Games venues unaffected.',
    },
    {
      stream: 'pp',
      hh: 9,
      mm: 40,
      category: 'theft',
      severity: 'low',
      venue: 'olympic-village',
      nationalities: ['jp'],
      arrests: 0,
      summary_fr:
        'Vol d’un ordinateur portable dans un local de délégation du Village des athlètes; troisième plainte.',
      summary_en: "Laptop stolen from a delegation office in the Athletes' Village; third complaint.",
    },
  ],
  '2024-07-30': [
    {
      stream: 'pp',
      hh: 8,
      mm: 10,
      category: 'theft',
      severity: 'medium',
      venue: 'olympic-village',
      nationalities: ['ARG', 'KOR'],
      arrests: 0,
      summary_fr:
        'Deux nouvelles plaintes pour vols au Village des athlètes (vêtements, téléphone), soit cinq plaintes depuis l’ouverture; renforcement des contrôles d’accès aux bâtiments.',
      summary_en:
        "Two further complaints of theft in the Athletes' Village (clothing, a phone), five complaints since the opening; building access checks stepped up.",
    },
  ],
  '2024-07-31': [
    {
      stream: 'pp',
      hh: 6,
      mm: 0,
      category: 'fraud',
      severity: 'high',
      departement: '75',
      commune: 'Paris',
      arrests: 4,
      custody: 4,
      grading: 'A1',
      tlp: 'GREEN',
      source: 'Préfecture de police',
      summary_fr:
        'Démantèlement d’un réseau d’escroquerie à la billetterie piloté depuis l’étranger: 4 interpellations, une quarantaine de victimes identifiées. 338 sites frauduleux détectés depuis le début de l’opération, 51 fermés.',
      summary_en:
        'Ticket fraud network run from abroad dismantled: 4 arrests, about 40 victims identified. 338 fraudulent websites found since the start of the operation, 51 taken down.',
    },
  ],
  '2024-08-02': [
    {
      stream: 'dgpn',
      hh: 22,
      mm: 55,
      category: 'public_order',
      severity: 'medium',
      venue: 'stade-de-bordeaux',
      nationalities: ['ARG'],
      arrests: 3,
      custody: 2,
      tlp: 'GREEN',
      summary_fr:
        'Quart de finale France–Argentine: tensions entre supporters aux abords du stade à l’issue de la rencontre, jets de projectiles.',
      summary_en:
        'France–Argentina quarter-final: tension between supporters around the stadium after the match, objects thrown.',
    },
  ],
  '2024-08-10': [
    {
      stream: 'anssi',
      hh: 3,
      mm: 40,
      category: 'cyber',
      severity: 'high',
      departement: '75',
      commune: 'Paris',
      grading: 'A1',
      games_impact: false,
      summary_fr:
        'Attaque par rançongiciel visant le système d’information central d’un établissement public gérant une quarantaine de musées, dont le Grand Palais (site olympique); pas d’impact sur le déroulement des épreuves, ANSSI mobilisée.',
      summary_en:
        'Ransomware attack on the central information system of a public body running about forty museums, including the Grand Palais (Olympic venue); no impact on the competitions, ANSSI mobilised.',
    },
  ],
  '2024-08-11': [
    {
      stream: 'pp',
      hh: 15,
      mm: 20,
      category: 'intrusion',
      severity: 'high',
      departement: '75',
      commune: 'Paris 7e',
      arrests: 1,
      custody: 1,
      games_impact: true,
      tlp: 'CLEAR',
      fmt: 'offset',
      summary_fr:
        'Un homme escalade la tour Eiffel à mains nues au-dessus du deuxième étage, quelques heures avant la cérémonie de clôture; évacuation de la tour et du secteur, individu redescendu et interpellé par la BRI.',
      summary_en:
        'A man climbed the Eiffel Tower bare-handed above the second floor a few hours before the closing ceremony; the tower and surrounding area were evacuated, the man was brought down and arrested by the BRI.',
    },
    {
      stream: 'pp',
      hh: 23,
      mm: 55,
      category: 'public_order',
      severity: 'low',
      venue: 'stade-de-france',
      arrests: 0,
      tlp: 'GREEN',
      summary_fr:
        'Cérémonie de clôture: évacuation des 71 500 spectateurs du Stade de France sans incident notable; forte affluence dans les transports.',
      summary_en:
        'Closing ceremony: the 71,500 spectators left the Stade de France without notable incident; heavy crowds on public transport.',
    },
  ],
  '2024-08-12': [
    {
      stream: 'gn',
      hh: 10,
      mm: 0,
      category: 'transport',
      severity: 'medium',
      departement: '95',
      commune: 'Roissy-en-France',
      games_impact: true,
      source: 'DGGN',
      summary_fr:
        'Pic de départs des délégations et des spectateurs à Paris-Charles-de-Gaulle: temps d’attente jusqu’à 90 min aux contrôles; renfort de la gendarmerie des transports aériens.',
      summary_en:
        'Peak of delegation and spectator departures at Paris-Charles de Gaulle: waits of up to 90 min at checks; air transport gendarmerie reinforced.',
    },
  ],
  '2024-08-25': [
    {
      stream: 'pp',
      hh: 18,
      mm: 30,
      category: 'public_order',
      severity: 'low',
      venue: 'hotel-de-ville',
      arrests: 0,
      tlp: 'CLEAR',
      summary_fr:
        '80e anniversaire de la Libération de Paris: cérémonies et spectacle sur le parvis de l’Hôtel de Ville, environ 20 000 personnes, aucun incident.',
      summary_en:
        '80th anniversary of the Liberation of Paris: ceremonies and a show in front of the Hôtel de Ville, about 20,000 people, no incident.',
    },
  ],
  '2024-08-28': [
    {
      stream: 'pp',
      hh: 22,
      mm: 40,
      category: 'drone',
      severity: 'medium',
      venue: 'concorde',
      arrests: 1,
      custody: 1,
      summary_fr:
        'Cérémonie d’ouverture des Jeux Paralympiques: 5 drones détectés aux abords des Champs-Élysées et de la Concorde, tous neutralisés; un télépilote interpellé.',
      summary_en:
        'Paralympic opening ceremony: 5 drones detected near the Champs-Élysées and La Concorde, all neutralised; one remote pilot arrested.',
    },
  ],
  '2024-09-07': [
    {
      stream: 'pp',
      hh: 17,
      mm: 45,
      category: 'demonstration',
      severity: 'medium',
      departement: '75',
      commune: 'Paris 11e',
      arrests: 3,
      custody: 3,
      tlp: 'GREEN',
      summary_fr:
        'Manifestation contre la nomination du Premier ministre, de Bastille à Nation: environ 26 000 participants selon la préfecture; dégradations de vitrines en fin de cortège.',
      summary_en:
        'Demonstration against the appointment of the Prime Minister, from Bastille to Nation: about 26,000 people according to the prefecture; shop windows damaged at the end of the march.',
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Agenda specials: [date, HH:MM, end (ISO local or ''), kind, fr, en, venue, departement, risk, markings]

const AGENDA_SPECIALS = [
  [
    '2024-07-22',
    '10:00',
    '',
    'other',
    'Ouverture du CCI – accueil des officiers de liaison étrangers',
    'ICC opens – welcome of the foreign liaison officers',
    '',
    '75',
    'low',
  ],
  [
    '2024-07-22',
    '06:00',
    '2024-08-14T23:59',
    'transport',
    'Activation des voies olympiques sur le réseau routier francilien (A1, A13, périphérique)',
    'Olympic lanes activated on the Paris-region road network (A1, A13, ring road)',
    '',
    '75',
    'medium',
  ],
  [
    '2024-07-23',
    '18:00',
    '',
    'demonstration',
    'Rassemblement du collectif «Saccage 2024» contre les Jeux (Belleville)',
    "'Saccage 2024' collective rally against the Games (Belleville)",
    '',
    '75',
    'medium',
  ],
  [
    '2024-07-24',
    '15:00',
    '2024-07-24T17:00',
    'competition',
    'Football: Israël – Mali (tournoi masculin)',
    "Football: Israel v Mali (men's tournament)",
    'parc-des-princes',
    '',
    'high',
  ],
  [
    '2024-07-24',
    '13:00',
    '',
    'demonstration',
    'Rassemblement déclaré en soutien à la Palestine aux abords du Parc des Princes',
    'Declared rally in support of Palestine near the Parc des Princes',
    '',
    '75',
    'medium',
  ],
  [
    '2024-07-25',
    '17:00',
    '2024-07-25T20:00',
    'visit',
    'Sommet «Sport pour le développement durable» (Carrousel du Louvre), chefs d’État et de gouvernement',
    "'Sport for Sustainable Development' summit (Carrousel du Louvre), heads of state and government",
    '',
    '75',
    'high',
    { tlp: 'AMBER+STRICT' },
  ],
  [
    '2024-07-25',
    '09:00',
    '2024-07-26T23:59',
    'transport',
    'Fermeture de la Seine et des quais (périmètre de la cérémonie d’ouverture)',
    'Seine and quays closed (opening ceremony perimeter)',
    '',
    '75',
    'medium',
  ],
  [
    '2024-07-26',
    '12:30',
    '2024-07-26T15:00',
    'visit',
    'Réception officielle des chefs d’État et de gouvernement (musée du Louvre)',
    'Official reception for heads of state and government (Louvre Museum)',
    '',
    '75',
    'high',
    { special_france: 'oui' },
  ],
  [
    '2024-07-26',
    '19:30',
    '2024-07-26T23:30',
    'ceremony',
    'Cérémonie d’ouverture des Jeux Olympiques sur la Seine (d’Austerlitz au Trocadéro)',
    'Olympic Games opening ceremony on the Seine (Austerlitz to Trocadéro)',
    'trocadero',
    '',
    'high',
    { tlp: 'CLEAR' },
  ],
  [
    '2024-07-27',
    '17:00',
    '2024-07-27T19:00',
    'competition',
    'Football: Israël – Paraguay',
    'Football: Israel v Paraguay',
    'parc-des-princes',
    '',
    'high',
  ],
  [
    '2024-07-27',
    '14:30',
    '',
    'competition',
    'Cyclisme sur route: contre-la-montre (pont d’Iéna)',
    'Road cycling: time trial (Pont d’Iéna)',
    'trocadero',
    '',
    'medium',
  ],
  [
    '2024-07-29',
    '11:00',
    '',
    'visit',
    'Visite d’un chef d’État étranger au Village des athlètes',
    "Visit of a foreign head of state to the Athletes' Village",
    'olympic-village',
    '',
    'medium',
    { tlp: 'AMBER+STRICT' },
  ],
  [
    '2024-07-30',
    '17:00',
    '2024-07-30T19:00',
    'competition',
    'Football: Israël – Japon',
    'Football: Israel v Japan',
    'parc-des-princes',
    '',
    'high',
  ],
  [
    '2024-07-30',
    '08:00',
    '',
    'competition',
    'Triathlon masculin (reporté au 31 juillet en cas de mauvaise qualité de l’eau de la Seine)',
    "Men's triathlon (postponed to 31 July if the Seine water quality is poor)",
    'pont-alexandre-iii',
    '',
    'medium',
  ],
  [
    '2024-07-31',
    '15:00',
    '',
    'visit',
    'Visite de la ministre des Sports au CCI',
    'Visit of the Minister for Sport to the ICC',
    '',
    '75',
    'low',
  ],
  [
    '2024-08-01',
    '06:00',
    '2024-08-01T23:59',
    'strike',
    'Préavis de grève sur plusieurs lignes de bus RATP',
    'Strike notice on several RATP bus routes',
    '',
    '75',
    'low',
  ],
  [
    '2024-08-02',
    '21:00',
    '2024-08-02T23:00',
    'competition',
    'Football: quart de finale France – Argentine',
    'Football: quarter-final France v Argentina',
    'stade-de-bordeaux',
    '',
    'high',
  ],
  [
    '2024-08-03',
    '11:00',
    '2024-08-03T18:00',
    'competition',
    'Cyclisme sur route: course en ligne masculine (passage à Montmartre)',
    "Road cycling: men's road race (through Montmartre)",
    'trocadero',
    '',
    'high',
  ],
  [
    '2024-08-04',
    '21:55',
    '',
    'competition',
    'Athlétisme: finale du 100 m masculin',
    "Athletics: men's 100 m final",
    'stade-de-france',
    '',
    'medium',
  ],
  [
    '2024-08-05',
    '04:00',
    '2024-08-06T23:59',
    'strike',
    'Préavis de grève des agents de sûreté aéroportuaire (Paris-CDG, Orly)',
    'Strike notice by airport security staff (Paris-CDG, Orly)',
    '',
    '95',
    'medium',
  ],
  [
    '2024-08-07',
    '10:00',
    '',
    'visit',
    'Accueil au CCI d’une délégation d’observateurs de Los Angeles 2028 et Milan-Cortina 2026',
    'ICC hosts an observer delegation from Los Angeles 2028 and Milano Cortina 2026',
    '',
    '75',
    'low',
  ],
  [
    '2024-08-08',
    '16:00',
    '',
    'visit',
    'Visite du ministre de l’Intérieur au CCI',
    'Visit of the Minister of the Interior to the ICC',
    '',
    '75',
    'low',
    { tlp: 'AMBER+STRICT' },
  ],
  [
    '2024-08-09',
    '21:00',
    '2024-08-09T23:00',
    'competition',
    'Football: finale masculine France – Espagne',
    "Football: men's final France v Spain",
    'parc-des-princes',
    '',
    'high',
  ],
  [
    '2024-08-10',
    '08:00',
    '2024-08-10T11:00',
    'competition',
    'Marathon masculin (Hôtel de Ville – Versailles – Invalides)',
    "Men's marathon (Hôtel de Ville – Versailles – Invalides)",
    'hotel-de-ville',
    '',
    'high',
  ],
  [
    '2024-08-10',
    '21:00',
    '2024-08-11T01:00',
    'competition',
    'Marathon pour tous (20 000 coureurs, parcours olympique)',
    'Marathon Pour Tous (20,000 runners on the Olympic course)',
    'hotel-de-ville',
    '',
    'high',
  ],
  [
    '2024-08-11',
    '08:00',
    '2024-08-11T11:00',
    'competition',
    'Marathon féminin',
    "Women's marathon",
    'hotel-de-ville',
    '',
    'medium',
  ],
  [
    '2024-08-11',
    '21:00',
    '2024-08-11T23:45',
    'ceremony',
    'Cérémonie de clôture des Jeux Olympiques',
    'Olympic Games closing ceremony',
    'stade-de-france',
    '',
    'high',
    { tlp: 'CLEAR' },
  ],
  [
    '2024-08-12',
    '06:00',
    '2024-08-12T23:00',
    'transport',
    'Pic de départs des délégations et des spectateurs (aéroports Paris-CDG et Orly)',
    'Peak of delegation and spectator departures (Paris-CDG and Orly airports)',
    '',
    '95',
    'medium',
  ],
  [
    '2024-08-15',
    '10:00',
    '',
    'other',
    'Assomption: processions et rassemblements religieux (parvis de Notre-Dame)',
    'Assumption: processions and religious gatherings (Notre-Dame forecourt)',
    '',
    '75',
    'medium',
  ],
  [
    '2024-08-21',
    '14:00',
    '2024-08-25T23:59',
    'other',
    'Festival Rock en Seine (domaine national de Saint-Cloud)',
    'Rock en Seine festival (Saint-Cloud national estate)',
    '',
    '92',
    'low',
  ],
  [
    '2024-08-23',
    '21:00',
    '2024-08-23T23:00',
    'competition',
    'Football Ligue 1: PSG – Montpellier',
    'Football Ligue 1: PSG v Montpellier',
    'parc-des-princes',
    '',
    'medium',
  ],
  [
    '2024-08-24',
    '15:00',
    '',
    'demonstration',
    'Rassemblement pour la fête de l’indépendance de l’Ukraine (place de la République)',
    'Ukrainian Independence Day rally (Place de la République)',
    '',
    '75',
    'low',
  ],
  [
    '2024-08-25',
    '15:00',
    '2024-08-25T23:00',
    'visit',
    'Cérémonies du 80e anniversaire de la Libération de Paris, en présence des autorités',
    '80th anniversary of the Liberation of Paris ceremonies, with national authorities',
    'hotel-de-ville',
    '',
    'medium',
  ],
  [
    '2024-08-25',
    '10:00',
    '2024-08-28T18:00',
    'other',
    'Relais de la flamme paralympique (départ de Stoke Mandeville, arrivée à Paris le 28 août)',
    'Paralympic torch relay (from Stoke Mandeville, arriving in Paris on 28 August)',
    '',
    '62',
    'low',
  ],
  [
    '2024-08-28',
    '20:00',
    '2024-08-28T23:30',
    'ceremony',
    'Cérémonie d’ouverture des Jeux Paralympiques (Champs-Élysées – Concorde)',
    'Paralympic Games opening ceremony (Champs-Élysées – Concorde)',
    'concorde',
    '',
    'high',
    { tlp: 'CLEAR' },
  ],
  [
    '2024-09-01',
    '08:00',
    '',
    'competition',
    'Para triathlon (sous réserve de la qualité de l’eau de la Seine)',
    'Para triathlon (subject to the Seine water quality)',
    'pont-alexandre-iii',
    '',
    'medium',
  ],
  [
    '2024-09-01',
    '17:00',
    '2024-09-01T19:00',
    'competition',
    'Football Ligue 1: PSG – Lille',
    'Football Ligue 1: PSG v Lille',
    'parc-des-princes',
    '',
    'medium',
  ],
  [
    '2024-09-02',
    '08:00',
    '',
    'competition',
    'Para triathlon: épreuves reportées au lundi',
    'Para triathlon: races postponed to Monday',
    'pont-alexandre-iii',
    '',
    'medium',
  ],
  [
    '2024-09-04',
    '09:00',
    '2024-09-07T16:00',
    'competition',
    'Para cyclisme sur route (Clichy-sous-Bois)',
    'Para road cycling (Clichy-sous-Bois)',
    '',
    '93',
    'medium',
  ],
  [
    '2024-09-07',
    '14:00',
    '2024-09-07T19:00',
    'demonstration',
    'Manifestations contre la nomination du Premier ministre (Paris, Bastille – Nation, et en région)',
    'Demonstrations against the appointment of the Prime Minister (Paris, Bastille – Nation, and across France)',
    '',
    '75',
    'medium',
  ],
  [
    '2024-09-08',
    '08:00',
    '2024-09-08T12:00',
    'competition',
    'Marathon paralympique (Invalides)',
    'Paralympic marathon (Invalides)',
    'invalides',
    '',
    'medium',
  ],
  [
    '2024-09-08',
    '20:00',
    '2024-09-08T23:30',
    'ceremony',
    'Cérémonie de clôture des Jeux Paralympiques',
    'Paralympic Games closing ceremony',
    'stade-de-france',
    '',
    'high',
    { tlp: 'CLEAR' },
  ],
];

// ---------------------------------------------------------------------------------------------
// Intelligence assessments

const ASSESSMENTS = {
  terrorism: [
    (x) => [
      'Menace terroriste endogène',
      'Home-grown terrorist threat',
      `La menace terroriste reste portée principalement par des individus isolés, souvent jeunes, radicalisés en ligne et inspirés par la propagande de l’État islamique. Les rassemblements liés aux Jeux (${x.fr}) constituent des cibles d’opportunité.\nAucun projet structuré visant les sites n’est identifié à ce jour; la vigilance porte sur les passages à l’acte rapides et peu préparés.`,
      `The terrorist threat remains driven mainly by lone individuals, often young, radicalised online and inspired by Islamic State propaganda. Games-related gatherings (${x.en}) are targets of opportunity.\nNo structured plot against the venues has been identified to date; vigilance focuses on fast, poorly prepared attacks.`,
    ],
    (x) => [
      'Propagande djihadiste visant les Jeux',
      'Jihadist propaganda targeting the Games',
      `Des canaux proches de l’État islamique au Khorassan (EI-K) continuent de diffuser des visuels appelant à frapper les Jeux, en particulier ${x.fr}. Ces contenus, sans valeur opérationnelle avérée, peuvent servir de déclencheur pour des individus isolés.`,
      `Channels close to Islamic State Khorasan Province (ISKP) keep circulating images calling for attacks on the Games, in particular on ${x.en}. The content has no proven operational value but may trigger lone actors.`,
    ],
    () => [
      'Menace liée au contexte international',
      'Threat linked to the international context',
      'Le conflit au Proche-Orient demeure un puissant facteur de mobilisation. Les délégations, intérêts et lieux de culte israéliens et juifs restent des cibles privilégiées; le dispositif de protection de la délégation israélienne est maintenu au niveau le plus élevé.',
      'The Middle East conflict remains a powerful mobilising factor. Israeli and Jewish delegations, interests and places of worship remain priority targets; the protection of the Israeli delegation is kept at its highest level.',
    ],
    () => [
      'Mineurs radicalisés',
      'Radicalised minors',
      'La part des mineurs parmi les personnes interpellées pour des projets d’action violente continue de croître. Leur radicalisation, très rapide et essentiellement numérique, rend la détection plus difficile.',
      'The share of minors among people arrested for violent plots keeps rising. Their radicalisation, very fast and mostly online, makes detection harder.',
    ],
  ],
  violent_extremism: [
    () => [
      'Ultragauche: mobilisation contre les Jeux',
      'Far left: mobilisation against the Games',
      'Des collectifs opposés aux Jeux appellent à des actions de «perturbation». Le risque d’actions de sabotage contre des infrastructures (réseaux ferroviaires, télécommunications, énergie) demeure, sans revendication récente.',
      "Collectives opposed to the Games call for 'disruption' actions. The risk of sabotage against infrastructure (rail, telecoms, energy networks) remains, with no recent claim.",
    ],
    () => [
      'Ultradroite',
      'Far right',
      'La mouvance ultradroite exploite les faits divers pour diffuser des discours xénophobes. Le risque d’actions violentes contre des supporters étrangers est jugé faible à modéré.',
      'The far right exploits local incidents to spread xenophobic rhetoric. The risk of violent action against foreign supporters is assessed as low to moderate.',
    ],
    () => [
      'Activisme écologiste radical',
      'Radical environmental activism',
      'Des actions symboliques (peinture, blocages, banderoles) sont possibles aux abords des sites et contre des partenaires commerciaux des Jeux; le risque de perturbation des épreuves reste faible.',
      'Symbolic actions (paint, blockades, banners) are possible near venues and against Games sponsors; the risk of disrupting competitions remains low.',
    ],
  ],
  foreign_interference: [
    () => [
      'Campagnes de désinformation d’origine étrangère',
      'Foreign disinformation campaigns',
      'Viginum a détecté de nouveaux contenus inauthentiques (fausses vidéos attribuées à des médias, faux communiqués) visant à discréditer l’organisation des Jeux et à entretenir la peur d’un attentat. Le mode opératoire est cohérent avec la campagne «Matriochka».',
      "Viginum has detected new inauthentic content (fake videos attributed to media outlets, fake press releases) aimed at discrediting the Games' organisation and stoking fear of an attack. The modus operandi matches the 'Matriochka' campaign.",
    ],
    () => [
      'Activités de renseignement hostiles',
      'Hostile intelligence activity',
      'Des approches suspectes de membres de délégations et de personnels accrédités ont été signalées. Les partenaires sont invités à sensibiliser leurs délégations aux sollicitations inhabituelles.',
      'Suspicious approaches to delegation members and accredited staff have been reported. Partners are asked to brief their delegations on unusual solicitations.',
    ],
    () => [
      'Instrumentalisation des incidents',
      'Exploitation of incidents',
      'Tout incident (sécurité, qualité de l’eau de la Seine, transports) est susceptible d’être amplifié par des réseaux de comptes coordonnés. Une communication rapide et factuelle reste la meilleure parade.',
      'Any incident (security, Seine water quality, transport) is likely to be amplified by networks of coordinated accounts. Fast, factual communication remains the best counter.',
    ],
  ],
  cyber: [
    () => [
      'Menace cyber sur l’écosystème des Jeux',
      'Cyber threat to the Games ecosystem',
      'L’ANSSI relève une activité soutenue de groupes hacktivistes prorusses (attaques DDoS) visant des sites institutionnels et de transport. Aucune atteinte aux systèmes critiques de l’organisation n’est constatée; les rançongiciels restent la menace la plus impactante.',
      'ANSSI reports sustained activity by pro-Russian hacktivist groups (DDoS attacks) against government and transport websites. No impact on the organisation’s critical systems has been found; ransomware remains the most damaging threat.',
    ],
    () => [
      'Fraude en ligne à la billetterie',
      'Online ticketing fraud',
      'Plus de 300 sites frauduleux de revente de billets ont été détectés depuis le début de l’opération. Les victimes, souvent étrangères, sont invitées à porter plainte en ligne et à se rapprocher de leur officier de liaison.',
      'More than 300 fraudulent ticket resale websites have been found since the start of the operation. Victims, often foreign, are encouraged to file an online complaint and contact their liaison officer.',
    ],
    () => [
      'Hameçonnage ciblant les délégations',
      'Phishing aimed at delegations',
      'Des courriels usurpant l’identité du comité d’organisation et de services de transport ciblent des membres de délégations. Les pièces jointes contiennent un code malveillant de vol d’identifiants.',
      'Emails spoofing the organising committee and transport services target delegation members. The attachments carry credential-stealing malware.',
    ],
  ],
  drone: [
    () => [
      'Menace drone',
      'Drone threat',
      'Environ six drones sont interceptés chaque jour aux abords des sites, pour l’essentiel des appareils de loisir pilotés par des spectateurs ou des touristes ignorant les interdictions. Aucune intention malveillante n’a été établie.',
      'About six drones are intercepted each day near venues, mostly hobby drones flown by spectators or tourists unaware of the bans. No hostile intent has been established.',
    ],
    () => [
      'Risque d’usage malveillant de drones',
      'Risk of hostile drone use',
      'Le détournement d’un drone commercial pour perturber une épreuve ou une cérémonie reste le scénario le plus vraisemblable. Les moyens de détection et de neutralisation sont renforcés autour des sites en plein air.',
      'Misuse of a commercial drone to disrupt a competition or ceremony remains the most likely scenario. Detection and neutralisation assets are reinforced around outdoor venues.',
    ],
  ],
  organised_crime: [
    () => [
      'Réseaux de vols à la tire',
      'Pickpocketing networks',
      'Des équipes itinérantes, dont certaines venues d’autres pays européens, ciblent les touristes dans les transports et aux abords des sites. Europol appuie l’identification des membres de ces réseaux.',
      'Travelling teams, some from other European countries, target tourists on public transport and near venues. Europol is supporting the identification of network members.',
    ],
    () => [
      'Contrefaçon et revente illicite',
      'Counterfeiting and illegal resale',
      'La DNRED constate une hausse des saisies de produits contrefaits aux couleurs des Jeux, acheminés par fret express. La revente de billets à la sauvette se concentre aux abords des sites les plus demandés.',
      'DNRED reports a rise in seizures of counterfeit Games-branded goods shipped by express freight. Ticket touting is concentrated around the most sought-after venues.',
    ],
    () => [
      'Trafics dans les zones festives',
      'Trafficking in party areas',
      'Les zones de célébration et leurs abords attirent des trafics de stupéfiants de rue. Des opérations de voie publique ciblées sont conduites chaque soir.',
      'Celebration areas and their surroundings attract street drug dealing. Targeted street operations are carried out every evening.',
    ],
  ],
  public_order: [
    () => [
      'Rassemblements revendicatifs',
      'Protest gatherings',
      'Plusieurs rassemblements en soutien à la Palestine sont annoncés en marge des épreuves impliquant la délégation israélienne. Ils sont jusqu’ici restés pacifiques; le risque de débordements est jugé modéré.',
      'Several rallies in support of Palestine are announced alongside events involving the Israeli delegation. They have so far remained peaceful; the risk of unrest is assessed as moderate.',
    ],
    () => [
      'Supportérisme',
      'Supporters',
      'Les rencontres du tournoi de football mobilisent des groupes de supporters; des tensions ponctuelles sont possibles lors des matches à fort enjeu. Les échanges d’informations avec les officiers de liaison concernés sont renforcés.',
      'Football tournament matches draw supporter groups; occasional tension is possible at high-stakes matches. Information exchange with the liaison officers concerned is stepped up.',
    ],
    () => [
      'Mouvements sociaux',
      'Social movements',
      'Des préavis de grève ont été déposés dans les transports et la sûreté aéroportuaire. Leur impact sur les Jeux devrait rester limité, des accords ayant été conclus dans la plupart des secteurs.',
      'Strike notices have been filed in transport and airport security. Their impact on the Games should remain limited, as agreements have been reached in most sectors.',
    ],
  ],
  other: [
    () => [
      'Vague de chaleur',
      'Heatwave',
      'Météo-France annonce des températures supérieures à 33 °C en Île-de-France. Les malaises de spectateurs sur les sites en plein air et dans les files d’attente sont à anticiper.',
      'Météo-France forecasts temperatures above 33 °C in the Paris region. Spectators being taken ill at outdoor venues and in queues should be expected.',
    ],
    () => [
      'Risques sanitaires',
      'Health risks',
      'Aucune alerte sanitaire particulière; la surveillance épidémiologique renforcée se poursuit, notamment au Village des athlètes.',
      "No particular health alert; enhanced epidemiological surveillance continues, especially in the Athletes' Village.",
    ],
  ],
};

const ASSESS_SOURCES = {
  terrorism: ['DGSI', 'DGSI', 'DRPP', 'Europol', 'DGSE'],
  violent_extremism: ['DGSI', 'SCRT', 'DRPP'],
  foreign_interference: ['Viginum', 'DGSI', 'SGDSN'],
  cyber: ['ANSSI', 'ANSSI', 'COMCYBER-MI'],
  drone: ['SGDSN', 'Armée de l’Air et de l’Espace', 'DOPC'],
  organised_crime: ['DNRED', 'Europol', 'OFAST', 'Interpol'],
  public_order: ['DRPP', 'SCRT', 'DOPC'],
  other: ['Météo-France', 'Santé publique France', 'SGDSN'],
};

const FIXED_ASSESSMENTS = {
  '2024-07-22': [
    {
      theme: 'terrorism',
      level: 'very_high',
      hh: 7,
      mm: 45,
      source: 'DGSI',
      grading: 'A1',
      title_fr: 'État de la menace à l’ouverture du CCI',
      title_en: 'State of the threat as the ICC opens',
      body_fr:
        'La menace terroriste est très élevée. Le plan Vigipirate est au niveau «urgence attentat» depuis le 24 mars 2024. Plusieurs projets d’action violente ont été déjoués ces dernières semaines, dont un visant un événement sportif.',
      body_en:
        "The terrorist threat is very high. The Vigipirate plan has been at its highest level, 'urgence attentat', since 24 March 2024. Several violent plots have been foiled in recent weeks, one of them against a sporting event.",
    },
  ],
  '2024-07-26': [
    {
      theme: 'violent_extremism',
      level: 'high',
      hh: 8,
      mm: 50,
      source: 'DGSI',
      grading: 'B2',
      tlp: 'GREEN',
      title_fr: 'Sabotages coordonnés du réseau ferroviaire à grande vitesse',
      title_en: 'Coordinated sabotage of the high-speed rail network',
      body_fr:
        'Les incendies simultanés de la nuit sur les LGV Atlantique, Nord et Est, et la tentative sur la LGV Sud-Est, traduisent une action préparée et coordonnée visant à désorganiser les transports le jour de la cérémonie d’ouverture.\nAucune revendication à ce stade; plusieurs pistes sont étudiées, dont celle de la mouvance ultragauche. De nouvelles actions contre des infrastructures ne sont pas exclues.',
      body_en:
        'The simultaneous arson attacks overnight on the Atlantique, Nord and Est high-speed lines, and the attempt on the Sud-Est line, show a prepared, coordinated action to disrupt transport on the day of the opening ceremony.\nNo claim so far; several lines of inquiry are being followed, including the far left. Further action against infrastructure cannot be ruled out.',
    },
  ],
  '2024-07-29': [
    {
      theme: 'violent_extremism',
      level: 'high',
      hh: 8,
      mm: 30,
      source: 'DGSI',
      grading: 'B3',
      title_fr: 'Sabotage des réseaux de télécommunications',
      title_en: 'Sabotage of telecom networks',
      body_fr:
        'Les dégradations de câbles de fibre optique de la nuit dans six départements présentent des similitudes de mode opératoire avec les sabotages ferroviaires du 26 juillet, sans lien établi à ce stade.',
      body_en:
        'The fibre-optic cable damage overnight in six départements shows similarities in modus operandi with the rail sabotage of 26 July, with no link established so far.',
    },
  ],
  '2024-07-25': [
    {
      theme: 'foreign_interference',
      level: 'high',
      hh: 8,
      mm: 15,
      source: 'Viginum',
      grading: 'A2',
      exclude: ['RUS'],
      title_fr: 'Campagne «Matriochka» ciblant les Jeux',
      title_en: "'Matriochka' campaign targeting the Games",
      body_fr:
        'Une campagne coordonnée diffuse de fausses vidéos imitant des médias occidentaux et annonçant des attentats pendant la cérémonie d’ouverture. Les contenus sont signalés aux plateformes; leur audience organique reste faible.',
      body_en:
        'A coordinated campaign is spreading fake videos imitating Western media and announcing attacks during the opening ceremony. The content is being reported to the platforms; its organic reach remains low.',
    },
  ],
  '2024-08-10': [
    {
      theme: 'cyber',
      level: 'high',
      hh: 9,
      mm: 10,
      source: 'ANSSI',
      grading: 'A1',
      title_fr: 'Rançongiciel visant un réseau de musées',
      title_en: 'Ransomware attack on a museum network',
      body_fr:
        'L’attaque de la nuit vise l’informatique centralisée d’une quarantaine de musées, dont le Grand Palais. Les systèmes de billetterie et de sécurité des épreuves ne sont pas touchés.',
      body_en:
        'The overnight attack targets the central IT of about forty museums, including the Grand Palais. Ticketing and competition security systems are not affected.',
    },
  ],
  '2024-08-12': [
    {
      theme: 'terrorism',
      level: 'high',
      hh: 8,
      mm: 0,
      source: 'DGSI',
      grading: 'A2',
      title_fr: 'Bilan des Jeux Olympiques',
      title_en: 'Olympic Games review',
      body_fr:
        'Trois projets d’action violente ont été déjoués depuis le début des Jeux. La menace reste élevée pendant la période intermédiaire et les Jeux Paralympiques; le niveau «urgence attentat» est maintenu.',
      body_en:
        "Three violent plots have been foiled since the Games began. The threat remains high during the interim period and the Paralympic Games; the 'urgence attentat' level is maintained.",
    },
  ],
  '2024-08-28': [
    {
      theme: 'terrorism',
      level: 'very_high',
      hh: 7,
      mm: 30,
      source: 'DGSI',
      grading: 'B2',
      title_fr: 'Cérémonie d’ouverture des Jeux Paralympiques',
      title_en: 'Paralympic Games opening ceremony',
      body_fr:
        'La cérémonie sur les Champs-Élysées et la Concorde constitue une cible symbolique de premier plan. Aucune menace précise n’est identifiée; le dispositif de sécurité est porté à son niveau maximal.',
      body_en:
        'The ceremony on the Champs-Élysées and at La Concorde is a prime symbolic target. No specific threat has been identified; security is at its maximum level.',
    },
  ],
  '2024-09-07': [
    {
      theme: 'public_order',
      level: 'moderate',
      hh: 8,
      mm: 20,
      source: 'DRPP',
      grading: 'B2',
      title_fr: 'Manifestations contre la nomination du Premier ministre',
      title_en: 'Demonstrations against the appointment of the Prime Minister',
      body_fr:
        'Des appels à manifester sont relayés dans plus de 130 villes. À Paris, la présence d’éléments radicaux en fin de cortège est probable; les sites paralympiques sont éloignés du parcours.',
      body_en:
        'Calls to demonstrate are circulating in more than 130 towns. In Paris, radical elements are likely at the end of the march; the Paralympic venues are far from the route.',
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Key messages (day.yaml)

const KEY_FIXED = {
  '2024-07-22': {
    securite: [
      [
        'Ouverture du CCI: accueil des officiers de liaison; les points de situation ont lieu chaque jour à 9 h 30 et 11 h 30.',
        'The ICC opens: liaison officers welcomed; situation briefings are held daily at 9:30 and 11:30.',
      ],
    ],
    renseignement: [
      [
        'Le plan Vigipirate est au niveau «urgence attentat»; la menace terroriste est très élevée.',
        "The Vigipirate plan is at 'urgence attentat'; the terrorist threat is very high.",
      ],
    ],
  },
  '2024-07-24': {
    securite: [
      [
        'Début des tournois de football et de rugby à 7: rencontres sensibles au Parc des Princes (Israël – Mali).',
        'Football and rugby sevens tournaments begin: sensitive match at the Parc des Princes (Israel v Mali).',
      ],
    ],
  },
  '2024-07-26': {
    securite: [
      [
        'Sabotages coordonnés cette nuit sur les LGV Atlantique, Nord et Est: environ 800 000 voyageurs affectés ce week-end.',
        'Coordinated sabotage overnight on the Atlantique, Nord and Est high-speed lines: about 800,000 travellers affected this weekend.',
        { tlp: 'GREEN' },
      ],
      [
        'Cérémonie d’ouverture ce soir à 19 h 30 sur la Seine: dispositif de 45 000 policiers et gendarmes.',
        'Opening ceremony tonight at 19:30 on the Seine: 45,000 police officers and gendarmes deployed.',
      ],
    ],
    renseignement: [
      [
        'Sabotage ferroviaire: pas de revendication; de nouvelles actions contre des infrastructures ne sont pas exclues.',
        'Rail sabotage: no claim; further action against infrastructure cannot be ruled out.',
      ],
    ],
  },
  '2024-07-27': {
    securite: [
      [
        'Cérémonie d’ouverture: aucun incident majeur malgré la pluie; trafic ferroviaire en voie de rétablissement.',
        'Opening ceremony: no major incident despite the rain; rail traffic recovering.',
      ],
    ],
  },
  '2024-07-29': {
    renseignement: [
      [
        'Sabotage de câbles de télécommunications dans six départements cette nuit; sites des Jeux non affectés.',
        'Telecom cables sabotaged in six départements overnight; Games venues unaffected.',
      ],
    ],
  },
  '2024-07-31': {
    securite: [
      [
        'Démantèlement d’un réseau d’escroquerie à la billetterie: 4 interpellations.',
        'Ticket fraud network dismantled: 4 arrests.',
      ],
    ],
  },
  '2024-08-02': {
    securite: [
      [
        'Quart de finale France – Argentine ce soir à Bordeaux: rencontre classée à risque.',
        'France v Argentina quarter-final tonight in Bordeaux: classified as high-risk.',
      ],
    ],
  },
  '2024-08-10': {
    renseignement: [
      [
        'Rançongiciel contre un réseau de musées dont le Grand Palais: aucun impact sur les épreuves.',
        'Ransomware against a museum network including the Grand Palais: no impact on competitions.',
      ],
    ],
  },
  '2024-08-11': {
    securite: [
      [
        'Cérémonie de clôture ce soir au Stade de France: plus de 30 000 policiers et gendarmes mobilisés.',
        'Closing ceremony tonight at the Stade de France: more than 30,000 police officers and gendarmes deployed.',
      ],
    ],
  },
  '2024-08-12': {
    securite: [
      [
        'Tour Eiffel escaladée hier après-midi: secteur évacué, auteur interpellé; cérémonie de clôture sans incident majeur.',
        'Eiffel Tower climbed yesterday afternoon: area evacuated, climber arrested; closing ceremony without major incident.',
        { tlp: 'CLEAR' },
      ],
    ],
    renseignement: [
      [
        'Trois projets d’action violente déjoués depuis le début des Jeux; la vigilance est maintenue pour les Jeux Paralympiques.',
        'Three violent plots foiled since the Games began; vigilance maintained for the Paralympic Games.',
      ],
    ],
  },
  '2024-08-28': {
    securite: [
      [
        'Cérémonie d’ouverture des Jeux Paralympiques ce soir à 20 h (Champs-Élysées – Concorde).',
        'Paralympic opening ceremony tonight at 20:00 (Champs-Élysées – Concorde).',
      ],
    ],
  },
  '2024-09-07': {
    securite: [
      [
        'Manifestations cet après-midi contre la nomination du Premier ministre; parcours parisien Bastille – Nation.',
        'Demonstrations this afternoon against the appointment of the Prime Minister; Paris route Bastille – Nation.',
      ],
    ],
  },
  '2024-09-08': {
    securite: [
      [
        'Dernier jour du CCI: cérémonie de clôture des Jeux Paralympiques ce soir au Stade de France. Merci à tous les officiers de liaison.',
        'Last day of the ICC: Paralympic closing ceremony tonight at the Stade de France. Thank you to all the liaison officers.',
      ],
    ],
  },
};

const KEY_GENERIC = {
  securite: {
    games: [
      [
        'Aucun incident majeur n’a affecté le déroulement des épreuves au cours des dernières 24 heures.',
        'No major incident affected the competitions in the last 24 hours.',
      ],
      [
        'Forte affluence sur les sites parisiens et dans les zones de célébration; vigilance sur les vols à la tire dans les transports.',
        'Large crowds at Paris venues and celebration areas; watch for pickpocketing on public transport.',
      ],
      [
        'Lutte anti-drones: la posture reste active autour de tous les sites; les télépilotes sont systématiquement recherchés.',
        'Counter-drone: the posture remains active around all venues; remote pilots are systematically traced.',
      ],
      [
        'Les officiers de liaison sont invités à signaler au CCI tout ressortissant de leur pays impliqué dans un incident.',
        'Liaison officers are asked to report to the ICC any of their nationals involved in an incident.',
      ],
      [
        'Chaleur: malaises de spectateurs sur les sites en plein air; rappel des consignes d’hydratation.',
        'Heat: spectators taken ill at outdoor venues; hydration advice reiterated.',
      ],
    ],
    pre: [
      [
        'Montée en puissance du dispositif: périmètres de sécurité actifs autour de la Seine; «Pass Jeux» exigé pour les véhicules.',
        "Security ramping up: perimeters active around the Seine; 'Games Pass' required for vehicles.",
      ],
      [
        'Arrivées massives de délégations: fluidité constatée aux aéroports et sur les voies olympiques.',
        'Mass arrival of delegations: traffic flowing at airports and on Olympic lanes.',
      ],
    ],
    gap: [
      [
        'Période intermédiaire entre Jeux Olympiques et Paralympiques: dispositif allégé, vigilance maintenue sur les sites touristiques.',
        'Interim period between the Olympic and Paralympic Games: lighter deployment, vigilance maintained at tourist sites.',
      ],
      [
        'Démontage des installations temporaires: vigilance sur les vols de matériel.',
        'Dismantling of temporary facilities: watch for equipment theft.',
      ],
    ],
    para: [
      [
        'Jeux Paralympiques: dispositif adapté aux sites en activité; accessibilité des cheminements surveillée.',
        'Paralympic Games: deployment adapted to the venues in use; accessible routes monitored.',
      ],
      [
        'Aucun incident majeur sur les sites paralympiques au cours des dernières 24 heures.',
        'No major incident at Paralympic venues in the last 24 hours.',
      ],
    ],
  },
  renseignement: {
    all: [
      [
        'La menace terroriste demeure très élevée; le plan Vigipirate reste au niveau «urgence attentat».',
        "The terrorist threat remains very high; the Vigipirate plan remains at 'urgence attentat'.",
      ],
      [
        'Aucun élément ne fait état d’une menace ciblée et imminente visant les sites des Jeux à ce stade.',
        'No information points to a specific, imminent threat against Games venues at this stage.',
      ],
      [
        'Les campagnes de désinformation visant les Jeux se poursuivent; signaler au CCI tout contenu suspect.',
        'Disinformation campaigns targeting the Games continue; report any suspicious content to the ICC.',
      ],
      [
        'Cyber: activité hacktiviste soutenue, sans impact sur les systèmes critiques des Jeux.',
        'Cyber: sustained hacktivist activity, with no impact on critical Games systems.',
      ],
    ],
    restricted: [
      [
        'Suivi renforcé de deux individus signalés par un service partenaire; point détaillé réservé aux autorités nationales.',
        'Closer monitoring of two individuals reported by a partner service; details for national authorities only.',
        { special_france: 'oui' },
      ],
      [
        'Un service partenaire signale un intérêt accru de réseaux criminels pour la revente d’accréditations.',
        'A partner service reports increased interest of criminal networks in reselling accreditations.',
        { tlp: 'AMBER+STRICT' },
      ],
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// Deployments: national totals per force and phase, split per departement

const DEPLOY_TOTALS = {
  pre: {
    police: 19000,
    gendarmerie: 11000,
    military: 15000,
    private_security: 12000,
    foreign_police: 1500,
    civil_security: 4000,
    municipal_police: 1800,
  },
  opening: {
    police: 29000,
    gendarmerie: 16000,
    military: 18000,
    private_security: 22000,
    foreign_police: 1800,
    civil_security: 6500,
    municipal_police: 2400,
  },
  olympics: {
    police: 21500,
    gendarmerie: 13500,
    military: 18000,
    private_security: 17000,
    foreign_police: 1800,
    civil_security: 5000,
    municipal_police: 2000,
  },
  closing: {
    police: 19500,
    gendarmerie: 12000,
    military: 18000,
    private_security: 22000,
    foreign_police: 1800,
    civil_security: 5500,
    municipal_police: 2200,
  },
  gap: {
    police: 11000,
    gendarmerie: 6500,
    military: 10000,
    private_security: 5000,
    foreign_police: 0,
    civil_security: 2500,
    municipal_police: 1500,
  },
  para_opening: {
    police: 16000,
    gendarmerie: 9000,
    military: 8000,
    private_security: 10000,
    foreign_police: 350,
    civil_security: 4000,
    municipal_police: 1900,
  },
  paralympics: {
    police: 14000,
    gendarmerie: 8500,
    military: 8000,
    private_security: 9500,
    foreign_police: 350,
    civil_security: 3500,
    municipal_police: 1700,
  },
  para_closing: {
    police: 15000,
    gendarmerie: 9000,
    military: 8000,
    private_security: 10000,
    foreign_police: 350,
    civil_security: 3800,
    municipal_police: 1800,
  },
  games: {
    police: 21500,
    gendarmerie: 13500,
    military: 18000,
    private_security: 17000,
    foreign_police: 1800,
    civil_security: 5000,
    municipal_police: 2000,
  },
};
const DEPLOY_SPLIT = {
  police: { 75: 46, 93: 14, 92: 10, 94: 6, 13: 7, 59: 4, 69: 4, '06': 3, 44: 2, 33: 2, 42: 2 },
  gendarmerie: {
    75: 28,
    93: 8,
    92: 5,
    77: 13,
    78: 16,
    13: 6,
    36: 5,
    59: 3,
    69: 4,
    '06': 3,
    44: 3,
    33: 3,
    42: 2,
    987: 1,
  },
  military: { 75: 58, 93: 10, 92: 5, 94: 3, 13: 8, 77: 3, 78: 4, 59: 2, 69: 2, '06': 2, 987: 3 },
  private_security: { 75: 45, 93: 22, 92: 10, 77: 4, 78: 7, 13: 4, 59: 3, 69: 2, '06': 1, 44: 1, 33: 1 },
  foreign_police: { 75: 70, 93: 10, 92: 6, 13: 8, 69: 3, '06': 3 },
  civil_security: { 75: 45, 93: 15, 92: 10, 94: 5, 77: 6, 78: 7, 13: 7, 987: 5 },
  municipal_police: { 75: 40, 93: 15, 92: 10, 94: 8, 13: 12, '06': 8, 69: 7 },
};
const FORCE_ORDER = [
  'police',
  'gendarmerie',
  'military',
  'private_security',
  'foreign_police',
  'civil_security',
  'municipal_police',
];
const DEP_ORDER = [
  '75',
  '92',
  '93',
  '94',
  '77',
  '78',
  '91',
  '95',
  '13',
  '59',
  '69',
  '06',
  '44',
  '33',
  '42',
  '36',
  '987',
];
/** Every INSEE département (metropolitan, Corsica, overseas, plus 987), for `allDeployments`. */
const ALL_DEPARTEMENTS = [
  ...Array.from({ length: 95 }, (_, i) => pad(i + 1)).filter((d) => d !== '20'),
  '2A',
  '2B',
  '971',
  '972',
  '973',
  '974',
  '976',
  '987',
];

// ---------------------------------------------------------------------------------------------
// Volumes

function dailyIncidentTarget(date, rng) {
  switch (phaseOf(date)) {
    case 'pre':
      return rng.int(14, 20);
    case 'opening':
      return 48;
    case 'olympics':
      return rng.int(25, 37);
    case 'closing':
      return 45;
    case 'gap':
      return rng.int(8, 14);
    case 'para_opening':
      return 32;
    case 'paralympics':
      return rng.int(18, 26);
    case 'para_closing':
      return 30;
    default:
      return rng.int(20, 35);
  }
}
function dailyArrestTarget(date, rng) {
  switch (phaseOf(date)) {
    case 'pre':
      return rng.int(8, 12);
    case 'opening':
      return 36;
    case 'olympics':
      return rng.int(20, 28);
    case 'closing':
      return 35;
    case 'gap':
      return rng.int(5, 10);
    case 'para_opening':
      return 18;
    case 'paralympics':
      return rng.int(9, 15);
    case 'para_closing':
      return 15;
    default:
      return rng.int(15, 25);
  }
}

// ---------------------------------------------------------------------------------------------
// Markings

function tlpSpelling(tlp, r) {
  // Accepted spellings of SPEC §3
  const forms = {
    CLEAR: ['CLEAR', 'CLEAR', 'TLP:CLEAR', 'WHITE', 'clear'],
    GREEN: ['GREEN', 'GREEN', 'TLP:GREEN', 'green', 'Green'],
    AMBER: ['AMBER', 'TLP:AMBER', 'TLP:amber', 'amber'],
    'AMBER+STRICT': ['AMBER+STRICT', 'TLP:AMBER+STRICT', 'amber+strict'],
    RED: ['RED', 'TLP:RED'],
  };
  return r.pick(forms[tlp]);
}

/** Random markings for a record; returns canonical {tlp?, releasable_to?, exclude?, special_france?, status?} */
function randomMarkings(r, kind) {
  const m = {};
  const x = r.next();
  const weights =
    kind === 'assessment'
      ? [
          ['', 0.62],
          ['GREEN', 0.12],
          ['AMBER', 0.1],
          ['AMBER+STRICT', 0.08],
          ['CLEAR', 0.02],
          ['RED', 0.03],
          ['rel', 0.02],
          ['excl', 0.01],
        ]
      : [
          ['', 0.72],
          ['GREEN', 0.1],
          ['AMBER', 0.06],
          ['CLEAR', 0.05],
          ['AMBER+STRICT', 0.018],
          ['RED', 0.012],
          ['rel', 0.015],
          ['excl', 0.01],
        ];
  let acc = 0;
  let pick = '';
  for (const [v, w] of weights) {
    acc += w;
    if (x < acc) {
      pick = v;
      break;
    }
  }
  if (pick === 'rel')
    m.releasable_to = r.pick([
      ['DEU', 'FRA', 'BEL'],
      ['GBR', 'USA', 'CAN', 'AUS', 'NZL'],
      ['ESP', 'PRT', 'ITA'],
      ['NLD', 'BEL', 'LUX'],
      ['CHE', 'AUT', 'DEU'],
    ]);
  else if (pick === 'excl') m.exclude = r.pick([['RUS'], ['RUS', 'BLR'], ['CHN'], ['IRN']]);
  else if (pick) m.tlp = pick;
  if (r.chance(kind === 'assessment' ? 0.03 : 0.012)) m.special_france = true;
  if (r.chance(kind === 'assessment' ? 0.03 : 0.015)) m.status = 'draft';
  return m;
}

// ---------------------------------------------------------------------------------------------
// Building one day

function pickTime(r, phase) {
  const w =
    phase === 'opening' || phase === 'closing' || phase === 'para_opening'
      ? [3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 6, 6, 7, 8, 10, 12, 12, 10, 6]
      : [3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 9, 9, 8, 6, 4];
  const hh = r.weighted(w.map((x, i) => [i, x]));
  let mm = r.int(0, 59);
  if (r.chance(0.5)) mm -= mm % 5;
  return [hh, mm];
}

function makeNat(r, category) {
  if (!r.chance(NAT_P[category] ?? 0)) return [];
  const n = r.chance(0.12) ? 2 : 1;
  const out = [];
  while (out.length < n) {
    const c = r.weighted(NAT_WEIGHTS);
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

function placeFor(r, stream, category, date, phase) {
  const active = activeVenues(date).filter((v) => v.id !== 'olympic-village' || isGamesPhase(phase));
  const inStream = (v) => {
    if (stream === 'pp') return ['75', '92', '93', '94'].includes(v.departement);
    if (stream === 'gn') return ['77', '78', '36', '987'].includes(v.departement);
    if (stream === 'dgpn') return ['13', '59', '69', '06', '44', '33', '42'].includes(v.departement);
    return false;
  };
  let venues = active.filter(inStream);
  if (stream === 'pp' && isGamesPhase(phase)) venues.push(VENUE['olympic-village']);
  const wantVenue =
    NEEDS_VENUE.has(category) || ['drone', 'suspicious_item', 'public_order', 'terrorism'].includes(category)
      ? 0.75
      : 0.4;
  if (venues.length && (r.chance(wantVenue) || NEEDS_VENUE.has(category))) {
    // Teahupo'o only for a few kinds of fact
    if (!['theft', 'drone', 'public_order', 'other', 'consular', 'road'].includes(category))
      venues = venues.filter((v) => v.id !== 'teahupoo');
    if (venues.length) {
      const v = r.pick(venues);
      const inside =
        category === 'intrusion' ||
        (r.chance(0.3) && ['theft', 'assault', 'other', 'suspicious_item'].includes(category));
      return {
        v,
        at: { fr: `${inside ? 'dans l’enceinte' : 'aux abords'} ${v.de}`, en: `${inside ? 'inside' : 'near'} ${v.en}` },
        departement: v.departement,
        commune: v.commune,
      };
    }
  }
  const pool = PLACES[stream === 'anssi' || stream === 'dgsi' ? 'cyber' : stream] ?? PLACES.pp;
  const p = r.pick(pool.filter((x) => x[2] !== '987' || phase !== 'gap'));
  if (stream === 'dgsi')
    return { at: { fr: 'dans un lieu public', en: 'in a public place' }, departement: p[2], commune: p[3] };
  return { at: { fr: p[0], en: p[1] }, departement: p[2], commune: p[3] };
}

function buildIncidents(seed, date, idx, opts) {
  const r = rngFor(seed, date, 'incidents');
  const phase = opts.realistic ? phaseOf(date) : 'games';
  const tz = EVENT_TZ;
  const dstDay = isDstChangeDay(tz, date);
  const list = [];

  // Notable facts first
  const fixed = opts.realistic ? (FIXED_INCIDENTS[date] ?? []) : [];
  for (const f of fixed) {
    const { stream, hh, mm, fmt, ...rest } = f;
    const v = rest.venue ? VENUE[rest.venue] : undefined;
    list.push({
      stream,
      hh,
      mm,
      fixed: true,
      fmt,
      category: rest.category,
      severity: rest.severity ?? 'medium',
      venue: rest.venue,
      departement: rest.departement ?? v?.departement,
      commune: rest.commune ?? v?.commune,
      summary_fr: rest.summary_fr,
      summary_en: rest.summary_en,
      arrests: rest.arrests ?? 0,
      custody: rest.custody ?? 0,
      nationalities: rest.nationalities ?? [],
      games_impact: rest.games_impact ?? false,
      source: rest.source,
      grading: rest.grading,
      markings: {
        ...(rest.tlp ? { tlp: rest.tlp } : {}),
        ...(rest.releasable_to ? { releasable_to: rest.releasable_to } : {}),
      },
    });
  }

  const target = opts.incidentsPerDay ?? dailyIncidentTarget(date, r);
  // Aggregated counter-drone record of the day (≈6 drones a day near venues)
  if (isGamesPhase(phase) && list.length < target) {
    const n = r.int(3, 8);
    const k = Math.max(1, n - r.int(0, 2));
    const p = r.int(1, k);
    const sites = r
      .shuffle(
        activeVenues(date).filter((v) => ['75', '92', '93'].includes(v.departement) && v.id !== 'olympic-village'),
      )
      .slice(0, 3);
    const arr = r.chance(0.3) ? 1 : 0;
    list.push({
      stream: 'pp',
      hh: 8,
      mm: r.int(0, 50),
      category: 'drone',
      severity: 'low',
      departement: '75',
      commune: 'Paris',
      aggregate: { n, k, p, sites },
      arrests: arr,
      custody: arr,
      nationalities: [],
      games_impact: false,
      source: 'PP/DOPC',
      markings: {},
    });
  }
  while (list.length < target) {
    const stream = r.weighted({ pp: 55, gn: 20, dgpn: isGamesPhase(phase) ? 13 : 8, sncf: 6, anssi: 5, dgsi: 1 });
    let category = r.weighted(STREAMS[stream].weights);
    if (!isGamesPhase(phase) && (category === 'drone' || category === 'intrusion') && r.chance(0.6)) category = 'theft';
    const place = placeFor(r, stream, category, date, phase);
    if (NEEDS_VENUE.has(category) && !place.v) category = 'public_order';
    let [hh, mm] = place.v?.timezone ? [r.int(6, 11), r.int(0, 59)] : pickTime(r, phase);
    if (dstDay && hh >= 1 && hh <= 3) hh = 4;
    const sev = r.weighted(SEVERITY_W[category] ?? SEVERITY_W.default);
    let choices = TEMPLATES[category].map((_, i) => i).filter((i) => place.v || !templateNeeds(category, i).venue);
    if (category === 'transport' && stream !== 'pp') choices = choices.filter((i) => i !== 1);
    const t = r.pick(choices);
    const nats = makeNat(r, category);
    if (templateNeeds(category, t).nat && !nats.length) nats.push(r.weighted(NAT_WEIGHTS));
    list.push({
      stream,
      hh,
      mm,
      category,
      severity: sev,
      place,
      venue: place.v?.id,
      t,
      arrestable: templateTakesArrests(category, t),
      departement: place.departement,
      commune: place.commune,
      arrests: 0,
      custody: 0,
      nationalities: nats,
      games_impact: r.chance((IMPACT_P[category] ?? 0.02) * (isGamesPhase(phase) ? 1 : 0.3)),
      source: r.chance(0.85) ? r.weighted(STREAMS[stream].sources) : undefined,
      grading: r.chance(0.4) ? r.weighted(GRADINGS) : undefined,
      markings: randomMarkings(r, 'incident'),
    });
  }
  if (list.length > target && opts.incidentsPerDay !== undefined) list.length = target;

  // Times near the briefing boundaries (09:30 and 11:30) so windows are exercised
  const movable = list.filter((x) => !x.fixed && !x.aggregate && !x.place?.v?.timezone);
  const nBoundary = Math.min(movable.length, r.int(2, 4));
  for (const x of r.shuffle(movable).slice(0, nBoundary)) {
    const base = r.chance(0.5) ? 9 * 60 + 30 : 11 * 60 + 30;
    const d = r.pick([-12, -4, -1, 0, 0, 1, 3, 9]);
    x.hh = Math.floor((base + d) / 60);
    x.mm = (base + d) % 60;
  }

  // Arrests: category propensity, then adjusted to the day's target
  for (const x of list) {
    if (x.fixed || x.aggregate) continue;
    const p = x.arrestable ? (ARREST_P[x.category] ?? 0) : 0;
    if (r.chance(p))
      x.arrests = r.chance(0.75)
        ? 1
        : r.int(2, x.category === 'public_order' || x.category === 'demonstration' ? 6 : 3);
  }
  const capable = list.filter(
    (x) => !x.fixed && !x.aggregate && x.arrestable && (ARREST_P[x.category] ?? 0) > 0 && x.markings.tlp !== 'RED',
  );
  const arrestTarget =
    opts.incidentsPerDay !== undefined ? Math.round(opts.incidentsPerDay * 0.8) : dailyArrestTarget(date, r);
  let sum = list.reduce((s, x) => s + x.arrests, 0);
  for (let guard = 0; guard < 10000 && capable.length && sum !== arrestTarget; guard++) {
    if (sum < arrestTarget) {
      const x = r.pick(capable);
      if (x.arrests >= 6) continue;
      x.arrests += 1;
      sum += 1;
    } else {
      const withA = capable.filter((y) => y.arrests > 0);
      if (!withA.length) break;
      r.pick(withA).arrests -= 1;
      sum -= 1;
    }
  }
  for (const x of list) {
    if (x.fixed || x.aggregate) continue;
    let g = x.arrests;
    for (let i = 0; i < x.arrests; i++) if (r.chance(0.12)) g -= 1;
    x.custody = g;
  }

  // Texts
  for (const x of list) {
    if (x.fixed) continue;
    if (x.aggregate) {
      const { n, k, p, sites } = x.aggregate;
      const sfr = sites.length ? ` (${sites.map((s) => s.name).join(', ')})` : '';
      const sen = sites.length ? ` (${sites.map((s) => s.en.replace(/^the /, '')).join(', ')})` : '';
      const af = arrestPhrase(x.arrests, x.custody);
      x.summary_fr = `Lutte anti-drones, bilan des dernières 24 h: ${n} drones détectés aux abords des sites${sfr}, ${k} neutralisés par brouillage; ${p} télépilote${p > 1 ? 's' : ''} identifié${p > 1 ? 's' : ''} et verbalisé${p > 1 ? 's' : ''}.${af.fr}`;
      x.summary_en = `Counter-drone, last 24 hours: ${n} drones detected near venues${sen}, ${k} neutralised by jamming; ${p} remote pilot${p > 1 ? 's' : ''} identified and fined.${af.en}`;
      continue;
    }
    const tpls = TEMPLATES[x.category];
    const t = x.t;
    const nat = x.nationalities.length ? { fr: NAT[x.nationalities[0]][1], en: NAT[x.nationalities[0]][2] } : undefined;
    const c = {
      at: x.place.at,
      v: x.place.v,
      nat,
      a: x.arrests,
      arr: arrestPhrase(x.arrests, x.custody),
      k: r.int(3, 60),
      org: r.pick(CYBER_ORGS),
      cause: r.pick(CAUSES),
    };
    const [fr, en] = tpls[t](c);
    x.summary_fr = fr.replace(/\s+$/, '');
    x.summary_en = en.replace(/\s+$/, '');
    // Some records come in one language only (translation pending)
    const lang = r.next();
    if (lang < 0.04) delete x.summary_en;
    else if (lang < 0.05) delete x.summary_fr;
  }

  // Time text, absolute instant
  for (const x of list) {
    const tz2 = x.venue && VENUE[x.venue].timezone ? VENUE[x.venue].timezone : tz;
    x.tz = tz2;
    x.utc = localToUtc(tz2, date, x.hh, x.mm);
  }
  // Teahupo'o morning (UTC-10) is the evening of the same day in Paris: check the folder date
  for (const x of list) {
    const local = new Date(x.utc + tzOffsetMin(tz, x.utc) * 60000).toISOString().slice(0, 10);
    if (local !== date) throw new Error(`incident of ${date} falls on ${local} in ${tz}`);
  }
  list.sort((a, b) => a.utc - b.utc || a.stream.localeCompare(b.stream));
  const counters = {};
  for (const x of list) {
    const prefix = STREAM_PREFIX[x.stream];
    counters[prefix] = (counters[prefix] ?? 0) + 1;
    x.id = `${prefix}-${compact(date)}-${pad(counters[prefix], 4)}`;
    if (x.source === undefined && x.fixed) x.source = r.weighted(STREAMS[x.stream].sources);
    if (!x.fixed && x.source !== undefined) {
      if (x.stream === 'gn')
        x.source = ['77', '78', '36'].includes(x.departement) && r.chance(0.5) ? `GGD ${x.departement}` : 'DGGN';
      if (x.stream === 'dgpn')
        x.source = ['13', '59', '69'].includes(x.departement) && r.chance(0.5) ? `DIPN ${x.departement}` : 'DGPN';
    }
    if (x.venue === 'teahupoo' || (x.departement === '987' && x.stream === 'gn')) x.source = 'COMGEND PF';
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// Serialisation

function timeText(style, tz, utc, date, hh, mm) {
  const hm = `${pad(hh)}:${pad(mm)}`;
  const [y, m, d] = date.split('-');
  switch (style) {
    case 'offset':
      return `${date}T${hm}:00${offsetStr(tzOffsetMin(tz, utc))}`;
    case 'zulu':
      return new Date(utc).toISOString().replace('.000Z', 'Z');
    case 'local':
      return `${date}T${hm}`;
    case 'space':
      return `${date} ${hm}`;
    case 'fr':
      return `${d}/${m}/${y} ${hm}`;
    default:
      throw new Error(style);
  }
}

function countryText(codes, r, forCsv) {
  const styled = codes.map((c) => {
    if (/^[a-z]{2}$/.test(c)) return c; // already alpha-2 (fixed facts)
    const x = r.next();
    if (x < 0.15 && NAT[c]) return NAT[c][0];
    if (x < 0.2) return c.toLowerCase();
    return c;
  });
  if (forCsv) return styled.join(r.chance(0.7) ? '|' : ' ');
  return r.chance(0.85) ? styled : styled.join('|');
}

function boolText(b, r, style) {
  if (style === 'fr') return b ? 'oui' : 'non';
  const pairs = [
    ['true', 'false'],
    ['yes', 'no'],
    ['1', '0'],
    ['oui', 'non'],
  ];
  const p = r.pick(pairs);
  return b ? p[0] : p[1];
}

/** Canonical field order per record type (SPEC §1). */
const INCIDENT_FIELDS = [
  'id',
  'time',
  'category',
  'severity',
  'venue',
  'departement',
  'commune',
  'summary_fr',
  'summary_en',
  'arrests',
  'custody',
  'nationalities',
  'games_impact',
  'source',
  'grading',
  'tlp',
  'releasable_to',
  'exclude',
  'special_france',
  'status',
];
const ASSESSMENT_FIELDS = [
  'id',
  'time',
  'theme',
  'level',
  'title_fr',
  'title_en',
  'body_fr',
  'body_en',
  'source',
  'grading',
  'tlp',
  'releasable_to',
  'exclude',
  'special_france',
  'status',
];

function markingFields(m, r, csv, boolStyle) {
  const o = {};
  if (m.tlp) o.tlp = tlpSpelling(m.tlp, r);
  if (m.releasable_to) o.releasable_to = countryText(m.releasable_to, r, csv);
  if (m.exclude) o.exclude = countryText(m.exclude, r, csv);
  if (m.special_france) o.special_france = csv ? boolText(true, r, boolStyle) : r.pick([true, 'oui', 'yes', true]);
  if (m.status) o.status = m.status;
  else if (r.chance(0.02)) o.status = 'validated';
  return o;
}

function incidentRecord(x, r, fmt) {
  const csv = fmt.kind === 'csv';
  const o = { id: x.id };
  if (x.venue && VENUE[x.venue].timezone) {
    o.time = timeText(csv ? (fmt.excel ? 'fr' : 'space') : r.pick(['local', 'space']), x.tz, x.utc, ...localOf(x));
  } else if (x.fmt) {
    o.time = timeText(x.fmt, x.tz, x.utc, ...localOf(x));
  } else if (csv) {
    o.time = timeText(
      fmt.excel
        ? 'fr'
        : r.weighted([
            ['space', 5],
            ['offset', 4],
            ['local', 1],
          ]),
      x.tz,
      x.utc,
      ...localOf(x),
    );
  } else {
    o.time = timeText(
      r.weighted([
        ['offset', 6],
        ['local', 2],
        ['space', 2],
        ['zulu', 1],
      ]),
      x.tz,
      x.utc,
      ...localOf(x),
    );
  }
  o.category = x.category;
  if (x.severity !== 'medium' || r.chance(0.5)) o.severity = x.severity;
  if (x.venue) o.venue = x.venue;
  if (!x.venue || r.chance(0.4)) o.departement = x.departement;
  if (x.commune && (x.fixed || r.chance(0.7))) o.commune = x.commune;
  if (x.summary_fr !== undefined) o.summary_fr = x.summary_fr;
  if (x.summary_en !== undefined) o.summary_en = x.summary_en;
  if (x.arrests || r.chance(0.3)) o.arrests = x.arrests;
  if (x.custody || (x.arrests && r.chance(0.7))) o.custody = x.custody;
  if (x.nationalities.length) o.nationalities = countryText(x.nationalities, r, csv);
  if (x.games_impact)
    o.games_impact = csv ? boolText(true, r, fmt.excel ? 'fr' : '') : r.pick([true, true, true, 'yes', 'oui']);
  else if (csv && r.chance(0.3)) o.games_impact = boolText(false, r, fmt.excel ? 'fr' : '');
  if (x.source) o.source = x.source;
  if (x.grading) o.grading = x.grading;
  Object.assign(o, markingFields(x.markings, r, csv, fmt.excel ? 'fr' : ''));
  return o;
}
const localOf = (x) => {
  const off = tzOffsetMin(x.tz, x.utc);
  const d = new Date(x.utc + off * 60000).toISOString();
  return [d.slice(0, 10), x.hh, x.mm];
};

function csvCell(v, delim, quoteAll) {
  if (v === undefined || v === null) return '';
  const s = String(v);
  if ((quoteAll && s !== '' && !/^-?\d+$/.test(s)) || s.includes(delim) || /["\r\n]/.test(s) || /^\s|\s$/.test(s))
    return `"${s.replaceAll('"', '""')}"`;
  return s;
}

/** fmt: {excel: bool (cp1252, ';', CRLF), bom: bool, crlf: bool, quoteAll: bool} */
function csvBytes(fields, rows, fmt, label) {
  const used = fields.filter((f) => f === 'id' || rows.some((row) => row[f] !== undefined && row[f] !== ''));
  const delim = fmt.excel ? ';' : ',';
  const eol = fmt.excel || fmt.crlf ? '\r\n' : '\n';
  const lines = [
    used.join(delim),
    ...rows.map((row) => used.map((f) => csvCell(row[f], delim, fmt.quoteAll)).join(delim)),
  ];
  const text = lines.join(eol) + eol;
  if (fmt.excel) {
    const buf = iconv.encode(text, 'win1252');
    if (iconv.decode(buf, 'win1252') !== text) {
      const bad = [...text].find((ch) => iconv.decode(iconv.encode(ch, 'win1252'), 'win1252') !== ch);
      throw new Error(
        `${label}: character ${JSON.stringify(bad)} (U+${bad.codePointAt(0).toString(16)}) has no Windows-1252 form`,
      );
    }
    return buf;
  }
  return Buffer.from((fmt.bom ? '\ufeff' : '') + text, 'utf8');
}

const TIME_KEYS = new Set(['time', 'start', 'end', 'date']);
function yamlBytes(data, { quoteTimes = true, flowLists = true } = {}) {
  const doc = new YAML.Document(data);
  YAML.visit(doc, {
    Pair(_, pair) {
      const k = YAML.isScalar(pair.key) ? pair.key.value : undefined;
      if (k === 'departement' && YAML.isScalar(pair.value)) pair.value.type = 'QUOTE_DOUBLE';
      if (TIME_KEYS.has(k) && quoteTimes && YAML.isScalar(pair.value)) pair.value.type = 'QUOTE_DOUBLE';
      if (flowLists && YAML.isSeq(pair.value)) pair.value.flow = true;
    },
  });
  return Buffer.from(doc.toString({ lineWidth: 0, indentSeq: true }), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Assessments, agenda, deployments, day.yaml

function upcomingLabel(date) {
  const items = AGENDA_SPECIALS.filter((a) => a[0] >= date && a[0] <= addDays(date, 2) && a[8] === 'high');
  if (items.length) return { fr: lcFirst(items[0][4]), en: lcFirstEn(items[0][5]) };
  const ph = phaseOf(date);
  if (ph === 'gap') return { fr: 'les lieux touristiques et les fan zones', en: 'tourist sites and fan zones' };
  if (isPara(ph)) return { fr: 'les sites paralympiques', en: 'the Paralympic venues' };
  return { fr: 'les zones de célébration et les sites en plein air', en: 'celebration areas and outdoor venues' };
}
const lcFirst = (s) =>
  s.replace(/^(Cérémonie|Football|Cyclisme|Marathon)/, (m) => m.toLowerCase()).replace(/^(la |le )?/, '');
const lcFirstEn = (s) => (/^(Olympic|Paralympic|Football)/.test(s) ? `the ${s.replace(/^Football: /, '')}` : s);

function buildAssessments(seed, date, opts) {
  const r = rngFor(seed, date, 'assessments');
  const phase = opts.realistic ? phaseOf(date) : 'games';
  const out = [];
  for (const f of opts.realistic ? (FIXED_ASSESSMENTS[date] ?? []) : [])
    out.push({ ...f, markings: { ...(f.tlp ? { tlp: f.tlp } : {}), ...(f.exclude ? { exclude: f.exclude } : {}) } });
  const n = Math.max(out.length, r.int(2, 5));
  const used = new Set(out.map((a) => a.theme));
  const themeW = {
    terrorism: 8,
    violent_extremism: 3,
    foreign_interference: 3,
    cyber: 4,
    drone: 3,
    organised_crime: 3,
    public_order: 3,
    other: 1,
  };
  if (!used.has('terrorism') && !r.chance(0.15)) {
    used.add('terrorism');
    out.push({ theme: 'terrorism' });
  }
  while (out.length < n) {
    const th = r.weighted(themeW);
    if (used.has(th)) continue;
    used.add(th);
    out.push({ theme: th });
  }
  const up = upcomingLabel(date);
  const levels = {
    terrorism:
      phase === 'opening' || phase === 'closing' || phase === 'para_opening' || phase === 'pre'
        ? ['very_high']
        : ['high', 'high', 'very_high'],
    violent_extremism: ['moderate', 'moderate', 'high'],
    foreign_interference: ['moderate', 'high'],
    cyber: ['moderate', 'moderate', 'high'],
    drone: ['low', 'moderate', 'moderate'],
    organised_crime: ['moderate', 'low'],
    public_order: ['low', 'moderate', 'moderate', 'high'],
    other: ['low', 'low', 'moderate'],
  };
  for (const a of out) {
    if (a.title_fr) continue;
    const [tfr, ten, bfr, ben] = r.pick(ASSESSMENTS[a.theme])(up);
    Object.assign(a, {
      level: r.pick(levels[a.theme]),
      title_fr: tfr,
      title_en: ten,
      body_fr: bfr,
      body_en: ben,
      source: r.pick(ASSESS_SOURCES[a.theme]),
      grading: r.chance(0.9) ? r.weighted(GRADINGS) : undefined,
      markings: randomMarkings(r, 'assessment'),
    });
    // Times: mostly early morning before the 09:30 briefing, some at the boundary, some later
    const slot = r.weighted([
      ['morning', 7],
      ['boundary', 1],
      ['later', 2],
    ]);
    if (slot === 'morning') [a.hh, a.mm] = [r.int(5, 8), r.int(0, 59)];
    else if (slot === 'boundary')
      [a.hh, a.mm] = r.pick([
        [9, 29],
        [9, 30],
        [9, 31],
        [9, 25],
      ]);
    else [a.hh, a.mm] = [r.int(13, 22), r.int(0, 59)];
    if (r.chance(0.04)) delete a.body_en; // translation pending
  }
  for (const a of out) {
    a.utc = localToUtc(EVENT_TZ, date, a.hh, a.mm);
  }
  out.sort((a, b) => a.utc - b.utc);
  out.forEach((a, i) => {
    a.id = `RENS-${compact(date)}-${pad(i + 1)}`;
  });
  return out;
}

function assessmentRecord(a, r, csv) {
  const o = {
    id: a.id,
    time: timeText(
      r.weighted([
        ['offset', 6],
        ['local', 2],
        ['space', 1],
      ]),
      EVENT_TZ,
      a.utc,
      a.utc ? dateOfUtc(a.utc) : '',
      a.hh,
      a.mm,
    ),
  };
  o.theme = a.theme;
  o.level = a.level;
  o.title_fr = a.title_fr;
  o.title_en = a.title_en;
  if (a.body_fr) o.body_fr = a.body_fr;
  if (a.body_en) o.body_en = a.body_en;
  if (a.source) o.source = a.source;
  if (a.grading) o.grading = a.grading;
  Object.assign(o, markingFields(a.markings, r, csv, ''));
  return o;
}
const dateOfUtc = (utc) => new Date(utc + tzOffsetMin(EVENT_TZ, utc) * 60000).toISOString().slice(0, 10);

function buildAgenda(seed, days, opts) {
  // Returns Map date -> [records], each item in the folder of its start date (event time zone)
  const byDate = new Map(days.map((d) => [d, []]));
  const all = [];
  if (opts.realistic) {
    for (const [date, hm, end, kind, fr, en, venue, dep, risk, mk] of AGENDA_SPECIALS) {
      if (!byDate.has(date)) continue;
      all.push({ date, hm, end, kind, fr, en, venue, dep, risk, markings: mk ?? {} });
    }
  }
  for (const date of days) {
    const r = rngFor(seed, date, 'agenda');
    // No competition on the days of the opening ceremonies
    const progs =
      opts.realistic && (date === '2024-07-26' || date === '2024-08-28')
        ? []
        : PROGRAMME.filter((p) => p.from <= date && date <= p.to);
    const finals = progs.filter((p) => p.to === date || VENUE[p.venue].timezone); // Teahupo'o every day: local time
    const others = r.shuffle(progs.filter((p) => p.to !== date)).slice(0, r.int(2, 4));
    for (const p of [...finals, ...others]) {
      const final = p.to === date;
      const hm = r.pick(p.hours);
      const sensitive = [
        'stade-de-france',
        'concorde',
        'parc-des-princes',
        'trocadero',
        'pont-alexandre-iii',
        'hotel-de-ville',
        'eiffel-tower-stadium',
      ].includes(p.venue);
      const [h, m] = hm.split(':').map(Number);
      const endH = Math.min(23, h + 3);
      all.push({
        date,
        hm,
        end: `${date}T${pad(endH)}:${pad(endH === 23 ? 59 : m)}`,
        kind: 'competition',
        fr: `${p.fr}${where(p, 'fr')}: ${final ? 'finales' : p.fr === 'Football' ? 'rencontres du tournoi' : 'épreuves'}`,
        en: `${p.en}${where(p, 'en')}: ${final ? 'finals' : p.en === 'Football' ? 'tournament matches' : 'competition sessions'}`,
        venue: p.venue,
        dep: '',
        risk: final && sensitive ? 'high' : final || sensitive ? 'medium' : 'low',
        markings: r.chance(0.35) ? { tlp: r.pick(['CLEAR', 'GREEN']) } : {},
      });
    }
    if (!opts.realistic && r.chance(0.3)) {
      all.push({
        date,
        hm: '14:00',
        end: '',
        kind: 'demonstration',
        fr: 'Rassemblement déclaré',
        en: 'Declared rally',
        venue: '',
        dep: '75',
        risk: 'medium',
        markings: {},
      });
    }
    // `dailyAgenda: N`: N more items every day (own stream: the default output is unchanged)
    const rx = rngFor(seed, date, 'agenda-extra');
    for (let i = 0; i < (opts.dailyAgenda ?? 0); i++) {
      const [kind, fr, en] = rx.pick(EXTRA_AGENDA);
      all.push({
        date,
        hm: `${pad(rx.int(7, 21))}:${rx.pick(['00', '15', '30', '45'])}`,
        end: '',
        kind,
        fr,
        en,
        venue: '',
        dep: rx.pick(DEP_ORDER.slice(0, 16)),
        risk: rx.pick(['low', 'low', 'medium', 'high']),
        markings: rx.chance(0.3) ? { tlp: rx.pick(['CLEAR', 'GREEN']) } : {},
      });
    }
  }
  // Instants, folder date (Paris calendar), ids
  for (const a of all) {
    const tz = a.venue && VENUE[a.venue]?.timezone ? VENUE[a.venue].timezone : EVENT_TZ;
    const [h, m] = a.hm.split(':').map(Number);
    a.tz = tz;
    a.utc = localToUtc(tz, a.date, h, m);
    a.folder = dateOfUtc(a.utc);
    if (a.end) {
      const [ed, et] = a.end.split('T');
      const [eh, em] = et.split(':').map(Number);
      a.endUtc = localToUtc(tz, ed, eh, em);
      if (a.endUtc <= a.utc) a.endUtc = undefined;
      a.endParts = [ed, eh, em];
    }
  }
  all.sort((a, b) => a.utc - b.utc || a.fr.localeCompare(b.fr));
  const counters = {};
  for (const a of all) {
    if (!byDate.has(a.folder)) continue;
    counters[a.folder] = (counters[a.folder] ?? 0) + 1;
    a.id = `AG-${compact(a.folder)}-${pad(counters[a.folder])}`;
    byDate.get(a.folder).push(a);
  }
  return byDate;
}

const EXTRA_AGENDA = [
  ['demonstration', 'Rassemblement déclaré', 'Declared rally'],
  ['visit', 'Visite d’une délégation ministérielle étrangère', 'Visit of a foreign ministerial delegation'],
  ['strike', 'Préavis de grève dans les transports', 'Strike notice in public transport'],
  ['transport', 'Fermeture de voies et déviations', 'Road closures and diversions'],
  ['ceremony', 'Célébration des médaillés en fan zone', 'Medallists’ celebration in a fan zone'],
  ['other', 'Festival de musique en plein air', 'Open-air music festival'],
];

/** Sports held at several venues say where (football matches across France). */
function where(p, lang) {
  if (PROGRAMME.filter((q) => q.fr === p.fr).length < 2) return '';
  const c = VENUE[p.venue].commune.replace(/ \d+e$/, '');
  return lang === 'fr' ? ` (${c})` : ` (${c})`;
}

function agendaRecord(a, r) {
  const tahiti = a.tz !== EVENT_TZ;
  const style = tahiti
    ? 'local'
    : r.weighted([
        ['offset', 6],
        ['local', 2],
        ['space', 1],
      ]);
  const o = { id: a.id, start: timeText(style, a.tz, a.utc, a.date, ...a.hm.split(':').map(Number)) };
  if (a.endUtc !== undefined) o.end = timeText(style, a.tz, a.endUtc, ...a.endParts);
  o.kind = a.kind;
  o.title_fr = a.fr;
  o.title_en = a.en;
  if (a.venue) o.venue = a.venue;
  if (a.dep) o.departement = a.dep;
  o.risk = a.risk;
  Object.assign(o, markingFields(a.markings, r, false, ''));
  return o;
}

function buildDeployments(seed, date, opts) {
  const r = rngFor(seed, date, 'deployments');
  const phase = opts.realistic ? phaseOf(date) : 'games';
  const totals = { ...DEPLOY_TOTALS[phase] };
  if (phase === 'pre') {
    const ramp = 0.9 + 0.05 * Math.max(0, daysBetween('2024-07-22', date));
    for (const k of Object.keys(totals)) totals[k] = Math.round(totals[k] * ramp);
  }
  const rows = [];
  for (const force of FORCE_ORDER) {
    const total = totals[force];
    if (!total) continue;
    const noise = 1 + (r.next() - 0.5) * 0.06;
    const split = opts.allDeployments
      ? { ...Object.fromEntries(ALL_DEPARTEMENTS.map((d) => [d, 0.2])), ...DEPLOY_SPLIT[force] }
      : DEPLOY_SPLIT[force];
    const wsum = Object.values(split).reduce((s, w) => s + w, 0);
    for (const dep of opts.allDeployments ? ALL_DEPARTEMENTS : DEP_ORDER) {
      if (!split[dep]) continue;
      if (dep === '987' && !opts.allDeployments && !['pre', 'opening', 'olympics', 'games'].includes(phase)) continue;
      const count = Math.max(10, Math.round((total * noise * split[dep]) / wsum / 10) * 10);
      rows.push({ date, force, departement: dep, count });
    }
  }
  return rows;
}

function buildDay(seed, date, opts) {
  const r = rngFor(seed, date, 'day');
  const phase = opts.realistic ? phaseOf(date) : 'games';
  const km = { securite: [], renseignement: [] };
  const fixed = opts.realistic ? (KEY_FIXED[date] ?? {}) : {};
  for (const div of ['securite', 'renseignement']) {
    for (const [fr, en, mk] of fixed[div] ?? []) km[div].push({ fr, en, ...(mk ?? {}) });
    const pool =
      div === 'securite'
        ? KEY_GENERIC.securite[phase === 'pre' ? 'pre' : phase === 'gap' ? 'gap' : isPara(phase) ? 'para' : 'games']
        : KEY_GENERIC.renseignement.all;
    const want = Math.max(km[div].length, r.int(1, 3));
    for (const [fr, en] of r.shuffle(pool)) {
      if (km[div].length >= want) break;
      if (km[div].some((k) => k.fr === fr)) continue;
      km[div].push({ fr, en });
    }
    if (div === 'renseignement' && r.chance(0.18)) {
      const [fr, en, mk] = r.pick(KEY_GENERIC.renseignement.restricted);
      km[div].push({ fr, en, ...mk });
    }
  }
  // Now and then a message still in draft, or in one language only
  if (r.chance(0.08))
    km.securite.push({
      fr: 'Point de situation complémentaire en cours de validation.',
      en: 'Additional situation update awaiting validation.',
      status: 'draft',
    });
  if (r.chance(0.06))
    km.securite.push({
      fr: 'Rappel: les demandes d’information des officiers de liaison transitent par la permanence du CCI.',
    });
  return { threat_level: 'urgence_attentat', key_messages: km };
}

// ---------------------------------------------------------------------------------------------
// event.yaml

function eventYaml(opts) {
  const v = (x) => {
    const parts = [
      `id: ${x.id}`,
      `name: ${yq(x.name)}`,
      `commune: ${yq(x.commune)}`,
      `departement: "${x.departement}"`,
    ];
    if (x.timezone) parts.push(`timezone: ${x.timezone}`);
    const at = VENUE_LOCATIONS[x.id];
    if (at) parts.push(`lon: ${at[1]}`, `lat: ${at[0]}`);
    return `  - { ${parts.join(', ')} }`;
  };
  const countries = ['DEU', 'BRA', 'USA', 'GBR', 'ESP', 'ITA', 'BEL', 'NLD', 'CHE', 'CAN', 'MAR', 'JPN'];
  const lines = [
    '# Demo data of cci: the Paris 2024 international police cooperation centre (fictional records).',
    '# Generated by scripts/generate-demo.mjs; edit the script, not this file.',
    'event:',
    '  id: paris-2024',
    '  name_fr: Jeux Olympiques et Paralympiques de Paris 2024',
    '  name_en: Paris 2024 Olympic and Paralympic Games',
    '  centre_fr: Centre de coopération internationale (CCI)',
    '  centre_en: International Cooperation Centre (ICC)',
    '  timezone: Europe/Paris',
    `  opens: ${opts.from}            # day 1 of the serial number (J1)`,
    `  closes: ${opts.to}`,
    '  protection_mention: DIFFUSION RESTREINTE',
    '  host: FRA                   # French nationals are not foreign nationals here',
    'defaults:',
    '  tlp: AMBER',
    'areas:                        # the level records are placed in: the départements, in the field departement',
    '  field: departement',
    '  label_fr: Département',
    '  label_en: Department',
    '  heading_fr: département       # the same inside a heading ("Incidents par département"); default: the label as written',
    '  heading_en: department',
    '  codes: fr-departements      # the list cci ships (INSEE codes, 2A/2B, overseas 971–989); cci has its map too',
    'threat_scale:                 # the national threat scale, lowest level first',
    '  name_fr: Vigipirate',
    '  name_en: Vigipirate',
    '  levels:',
    '    - { id: vigilance, label_fr: Vigilance, label_en: Vigilance }',
    '    - { id: securite_renforcee, label_fr: Sécurité renforcée – risque attentat, label_en: Enhanced security – attack risk }',
    '    - { id: urgence_attentat, label_fr: Urgence attentat, label_en: Attack emergency }',
    'labels:                       # the event\'s own words (without them, neutral ones: « Jour de l’événement » / "Event day")',
    '  event_day_fr: Jour des Jeux       # beside the serial number (J15)',
    '  event_day_en: Games day',
    '  impact_fr: Impact sur les Jeux    # the pill of an incident with games_impact, and that field in the late reports',
    '  impact_en: Games impact',
    '  impact_figure_fr: Impact sur les Jeux   # the key figure counting those incidents (card, email, figure tables)',
    '  impact_figure_en: Affecting the Games',
    "forces:                       # the names of the deployment forces (ids of the deployments files); the others keep cci's",
    '  - { id: police, label_fr: Police nationale, label_en: National police }',
    '  - { id: gendarmerie, label_fr: Gendarmerie nationale, label_en: Gendarmerie }',
    'divisions:',
    '  renseignement:',
    '    time: "09:30"',
    '    title_fr: Briefing Renseignement',
    '    title_en: Intelligence briefing',
    '    records: [incidents, assessments, agenda]',
    '    categories: intelligence   # the categories flagged intelligence (terrorism, drone, cyber, sabotage, suspicious_item, intrusion)',
    '    sections: [key_messages, threat_level, key_figures, late_reports, assessments, intelligence_incidents, trend, outlook, country_notes]',
    '  securite:',
    '    time: "11:30"',
    '    title_fr: Briefing Sécurité générale',
    '    title_en: General security briefing',
    '    records: [incidents, deployments, agenda]',
    '    categories: all',
    '    sections: [key_messages, threat_level, key_figures, late_reports, forces, trend, notable_facts, by_category, by_area, map, nationals, outlook, country_notes]',
    'venues:',
    ...VENUES.map(v),
    `partners: [${partnerList(opts).join(', ')}]`,
    'distribution:',
    '  from: cci-briefings@example.org',
    '  securite:',
    '    partners: [cci-securite-partenaires@example.org, officiers-liaison@example.org]',
    '    national: [cabinet-dgpn@example.org, cabinet-dggn@example.org, permanence-ccmi@example.org]',
    '  renseignement:',
    '    partners: [cci-renseignement-partenaires@example.org, officiers-liaison@example.org]',
    '    national: [permanence-dgsi@example.org, uclat-permanence@example.org]',
    '  countries:',
    ...countries.map(
      (c) =>
        `    ${c}: [lo-${c.toLowerCase()}@example.org${c === 'DEU' || c === 'GBR' || c === 'ESP' ? `, lo-${c.toLowerCase()}-2@example.org` : ''}]`,
    ),
    '',
  ];
  return Buffer.from(lines.join('\n'), 'utf8');
}
function partnerList(opts) {
  if (opts.partners === undefined) return PARTNERS;
  const all = [...PARTNERS, ...MORE_PARTNERS];
  if (!(Number.isInteger(opts.partners) && opts.partners >= 1 && opts.partners <= all.length)) {
    throw new Error(`partners takes an integer from 1 to ${all.length}`);
  }
  return all.slice(0, opts.partners);
}
function yq(s) {
  return /^[\p{L}\p{N}][\p{L}\p{N} '’.-]*$/u.test(s) ? s : JSON.stringify(s);
}

// ---------------------------------------------------------------------------------------------
// Main

export const DEFAULTS = Object.freeze({ seed: 2024, from: '2024-07-22', to: '2024-09-08' });

function safeWipe(out, force) {
  if (!fs.existsSync(out)) return;
  const entries = fs.readdirSync(out);
  const ours = entries.every((e) => e === 'event.yaml' || /^\d{4}-\d{2}-\d{2}$/.test(e) || e.startsWith('.'));
  if (!ours && !force)
    throw new Error(
      `${out} holds files that are not a data folder (${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ', ...' : ''}); use --force to wipe it anyway`,
    );
  for (const e of entries) fs.rmSync(path.join(out, e), { recursive: true, force: true });
}

/**
 * Writes a data folder. options: { out, seed, incidentsPerDay, from, to, force } and, for
 * benchmarks (off by default): partners (how many partner countries in event.yaml, up to 143),
 * allDeployments (every force in every département every day), dailyAgenda (N more agenda
 * items every day).
 * Returns stats { days, incidents, arrests, custody, files, bytes, ... }.
 */
export function generateDemo(options = {}) {
  const opts = { ...DEFAULTS, ...options };
  opts.realistic = opts.incidentsPerDay === undefined;
  const out = path.resolve(opts.out ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data'));
  const seed = String(opts.seed);
  const n = daysBetween(opts.from, opts.to) + 1;
  if (!(n >= 1)) throw new Error(`--from ${opts.from} must not be after --to ${opts.to}`);
  const days = Array.from({ length: n }, (_, i) => addDays(opts.from, i));

  safeWipe(out, opts.force);
  fs.mkdirSync(out, { recursive: true });
  const files = new Map();
  files.set('event.yaml', eventYaml(opts));

  const agenda = buildAgenda(seed, days, opts);
  const stats = {
    days: n,
    incidents: 0,
    arrests: 0,
    custody: 0,
    assessments: 0,
    agenda: 0,
    deployments: 0,
    red: 0,
    draft: 0,
    excelDays: [],
    noDeploymentDays: [],
    byDate: {},
  };
  const skipDeploy = new Set(opts.realistic ? ['2024-08-04', '2024-09-01'] : []);

  days.forEach((date, idx) => {
    const dir = date;
    const r = rngFor(seed, date, 'format');
    const excel = idx % 3 === 0; // French Excel: Windows-1252, ';', CRLF
    const csvFmt = excel
      ? { kind: 'csv', excel: true }
      : { kind: 'csv', excel: false, bom: idx % 7 !== 5, crlf: idx % 2 === 1, quoteAll: idx % 4 === 1 };
    if (excel) stats.excelDays.push(date);

    // Incidents
    const incidents = buildIncidents(seed, date, idx, opts);
    const perFile = { pp: [], gn: [], national: [] };
    for (const x of incidents) perFile[STREAM_FILE[x.stream]].push(x);
    const rr = rngFor(seed, date, 'serialise');
    files.set(
      `${dir}/incidents-pp.csv`,
      csvBytes(
        INCIDENT_FIELDS,
        perFile.pp.map((x) => incidentRecord(x, rr, csvFmt)),
        csvFmt,
        `${dir}/incidents-pp.csv`,
      ),
    );
    const quoteTimes = idx % 5 !== 2; // now and then times left unquoted, as people write them
    if (perFile.gn.length)
      files.set(
        `${dir}/incidents-gn.yaml`,
        yamlBytes(
          perFile.gn.map((x) => incidentRecord(x, rr, { kind: 'yaml' })),
          { quoteTimes },
        ),
      );
    if (perFile.national.length)
      files.set(
        `${dir}/incidents-national.yml`,
        yamlBytes(
          perFile.national.map((x) => incidentRecord(x, rr, { kind: 'yaml' })),
          { quoteTimes },
        ),
      );
    let dA = 0,
      dC = 0;
    for (const x of incidents) {
      stats.incidents++;
      stats.arrests += x.arrests;
      stats.custody += x.custody;
      dA += x.arrests;
      dC += x.custody;
      if (x.markings.tlp === 'RED') stats.red++;
      if (x.markings.status === 'draft') stats.draft++;
    }
    stats.byDate[date] = { incidents: incidents.length, arrests: dA, custody: dC };

    // Deployments
    if (skipDeploy.has(date)) stats.noDeploymentDays.push(date);
    else {
      const rows = buildDeployments(seed, date, opts);
      stats.deployments += rows.length;
      if (excel) {
        const sep = r.pick([' ', nbsp]);
        files.set(
          `${dir}/deployments.csv`,
          csvBytes(
            ['date', 'force', 'departement', 'count'],
            rows.map((x) => ({ ...x, count: frInt(x.count, sep) })),
            csvFmt,
            `${dir}/deployments.csv`,
          ),
        );
      } else if (idx % 3 === 2) {
        const sep = r.pick(['\u202f', '', ',']);
        const fmt = { ...csvFmt, quoteAll: false };
        files.set(
          `${dir}/deployments.csv`,
          csvBytes(
            ['date', 'force', 'departement', 'count'],
            rows.map((x) => ({ ...x, count: sep === ',' ? String(x.count) : frInt(x.count, sep) })),
            fmt,
            `${dir}/deployments.csv`,
          ),
        );
      } else {
        files.set(`${dir}/deployments.yaml`, yamlBytes(rows));
      }
    }

    // Assessments
    const as = buildAssessments(seed, date, opts);
    stats.assessments += as.length;
    for (const a of as) {
      if (a.markings.tlp === 'RED') stats.red++;
      if (a.markings.status === 'draft') stats.draft++;
    }
    const ra = rngFor(seed, date, 'assessments-serialise');
    const csvAssess = opts.realistic && (date === '2024-08-01' || date === '2024-08-30');
    if (csvAssess) {
      const fmt = { kind: 'csv', excel: false, bom: true, crlf: true, quoteAll: true };
      files.set(
        `${dir}/assessments.csv`,
        csvBytes(
          ASSESSMENT_FIELDS,
          as.map((a) => assessmentRecord(a, ra, true)),
          fmt,
          `${dir}/assessments.csv`,
        ),
      );
    } else {
      files.set(`${dir}/assessments.yaml`, yamlBytes(as.map((a) => assessmentRecord(a, ra, false))));
    }

    // Agenda
    const items = agenda.get(date) ?? [];
    stats.agenda += items.length;
    const rg = rngFor(seed, date, 'agenda-serialise');
    if (items.length) files.set(`${dir}/agenda.yaml`, yamlBytes(items.map((a) => agendaRecord(a, rg))));

    // day.yaml
    const day = buildDay(seed, date, opts);
    const rk = rngFor(seed, date, 'day-serialise');
    for (const div of Object.keys(day.key_messages)) {
      day.key_messages[div] = day.key_messages[div].map((k) => {
        const { fr, en, tlp, special_france, status } = k;
        const o = { fr };
        if (en) o.en = en;
        Object.assign(o, markingFields({ tlp, special_france, status }, rk, false, ''));
        if (!status && o.status) delete o.status;
        return o;
      });
    }
    files.set(`${dir}/day.yaml`, yamlBytes(day, { flowLists: false }));
  });

  let bytes = 0;
  for (const name of [...files.keys()].sort()) {
    const p = path.join(out, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, files.get(name));
    bytes += files.get(name).length;
  }
  stats.files = files.size;
  stats.bytes = bytes;
  stats.out = out;
  return stats;
}

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--out') o.out = val();
    else if (a === '--seed') o.seed = val();
    else if (a === '--incidents-per-day') {
      o.incidentsPerDay = Number(val());
      if (!Number.isInteger(o.incidentsPerDay) || o.incidentsPerDay < 0)
        throw new Error('--incidents-per-day takes an integer ≥ 0');
    } else if (a === '--from') o.from = val();
    else if (a === '--to') o.to = val();
    else if (a === '--force') o.force = true;
    else if (a === '--partners') o.partners = Number(val());
    else if (a === '--all-deployments') o.allDeployments = true;
    else if (a === '--daily-agenda') o.dailyAgenda = Number(val());
    else if (a === '--quiet') o.quiet = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(
        'usage: node scripts/generate-demo.mjs [--out DIR] [--seed S] [--incidents-per-day N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--partners N] [--all-deployments] [--daily-agenda N] [--force] [--quiet]\n',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  for (const k of ['from', 'to'])
    if (o[k] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o[k])) throw new Error(`--${k} takes YYYY-MM-DD`);
  return o;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const o = parseArgs(process.argv.slice(2));
    const s = generateDemo(o);
    if (!o.quiet) {
      process.stderr.write(
        `wrote ${s.files} files (${(s.bytes / 1024).toFixed(0)} KiB) to ${s.out}: ${s.days} days, ${s.incidents} incidents, ` +
          `${s.arrests} arrests, ${s.custody} in custody, ${s.assessments} assessments, ${s.agenda} agenda items, ` +
          `${s.deployments} deployment rows; ${s.red} RED and ${s.draft} draft records\n`,
      );
    }
  } catch (e) {
    process.stderr.write(`generate-demo: ${e.message}\n`);
    process.exit(1);
  }
}
