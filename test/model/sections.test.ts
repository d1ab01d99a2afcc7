// The section registry: every section id has its partial, its line in the dispatcher of
// briefing.hbs, its heading in both catalogues and a builder of exactly the model parts it
// declares; a division's default sections follow its record kinds.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import { SECTION_PARTS } from '../../src/aggregate/sections.js';
import { lookup } from '../../src/i18n/catalogue.js';
import { catalogues } from '../../src/i18n/document-messages.js';
import {
  defaultSections,
  SECTION_IDS,
  SECTIONS,
  sectionUnavailable,
  type SectionId,
} from '../../src/model/sections.js';
import { templatesDir } from '../../src/package-files.js';
import { assessment, agenda, dataset, deployment, division, event, incident, keyMessage } from '../helpers/dataset.js';

const TEMPLATES = templatesDir();

describe('the section registry', () => {
  it('names a partial that exists for every section, and briefing.hbs renders each exactly once', () => {
    const main = readFileSync(join(TEMPLATES, 'briefing.hbs'), 'utf8');
    for (const id of SECTION_IDS) {
      const { partial } = SECTIONS[id];
      expect(existsSync(join(TEMPLATES, 'partials', `${partial}.hbs`)), partial).toBe(true);
      const line = `{{#if (eq id "${id}")}}{{> ${partial}}}{{/if}}`;
      expect(main.split(line).length - 1, `briefing.hbs: ${line}`).toBe(1);
    }
    // and dispatches no section the registry does not know
    const dispatched = [...main.matchAll(/\{\{#if \(eq id "([a-z_]+)"\)\}\}/g)].map((m) => m[1]);
    expect(dispatched.sort()).toEqual([...SECTION_IDS].sort());
  });

  it('has the heading of every section in both catalogues', () => {
    for (const id of SECTION_IDS) {
      for (const lang of ['fr', 'en'] as const)
        expect(lookup(catalogues[lang], SECTIONS[id].heading), `${lang} ${id}`).toBeTypeOf('string');
    }
  });

  it('builds for each section only the model parts it declares', () => {
    const ev = event({ partners: ['DEU'] });
    const data = dataset({
      event: ev,
      incidents: [
        incident('2024-08-05T08:00:00+02:00', { nationalities: ['DEU'], severity: 'high', category: 'drone' }),
      ],
      deployments: [deployment('2024-08-05', 'police', 100)],
      assessments: [assessment('2024-08-05T07:00:00+02:00')],
      agenda: [agenda('2024-08-05T20:00:00+02:00')],
      days: new Map([
        [
          '2024-08-05',
          {
            date: '2024-08-05',
            threatLevel: 'vigilance',
            keyMessages: [keyMessage('solo')],
            source: { file: 'x', line: 1 },
          },
        ],
      ]),
    });
    const core = new Set(
      Object.keys(
        buildBriefing(
          {
            ...data,
            event: { ...ev, divisions: [division('solo', '11:30', { en: 'Solo' }, { sections: [] as SectionId[] })] },
          },
          { division: 'solo', date: '2024-08-05', audience: { kind: 'country', country: 'DEU' }, draft: false },
        ).model,
      ),
    );
    for (const id of SECTION_IDS) {
      const solo = division('solo', '11:30', { en: 'Solo' }, { sections: [id] });
      const { model } = buildBriefing(
        { ...data, event: { ...ev, divisions: [solo] } },
        {
          division: 'solo',
          date: '2024-08-05',
          audience: { kind: 'country', country: 'DEU' },
          draft: false,
        },
      );
      expect(model.sections).toEqual([id]);
      const extra = Object.keys(model).filter((k) => !core.has(k));
      const declared: readonly string[] = SECTIONS[id].parts;
      for (const k of extra) expect(declared, `${id} builds ${k}`).toContain(k);
      expect(typeof SECTION_PARTS[id]).toBe('function');
    }
  });

  it('gives a division without sections every section its record kinds allow, in the usual order', () => {
    expect(defaultSections(['incidents', 'deployments', 'assessments', 'agenda'], true)).toEqual([
      'key_messages',
      'threat_level',
      'key_figures',
      'late_reports',
      'forces',
      'trend',
      'notable_facts',
      'by_category',
      'by_area',
      'nationals',
      'assessments',
      'outlook',
      'country_notes',
    ]);
    expect(defaultSections(['assessments'], false)).toEqual(['key_messages', 'late_reports', 'assessments']);
    expect(defaultSections(['deployments', 'agenda'], true)).toEqual([
      'key_messages',
      'threat_level',
      'key_figures',
      'forces',
      'outlook',
    ]);
  });

  it('says what a section needs that a division lacks', () => {
    expect(sectionUnavailable('forces', ['incidents'], true)).toEqual({ needs: ['deployments'] });
    expect(sectionUnavailable('threat_level', ['incidents'], false)).toEqual({ needsThreatScale: true });
    expect(sectionUnavailable('key_figures', ['deployments'], false)).toBeUndefined();
    expect(sectionUnavailable('key_messages', [], false)).toBeUndefined();
    expect(sectionUnavailable('map', ['incidents'], true)).toEqual({ needsGeometry: true });
    expect(sectionUnavailable('map', ['incidents'], false, true)).toBeUndefined();
    expect(sectionUnavailable('map', ['deployments'], false, true)).toEqual({ needs: ['incidents'] });
  });

  it('puts the map right after the list by area when the event has a map geometry', () => {
    expect(defaultSections(['incidents'], false, true)).toEqual([
      'key_messages',
      'key_figures',
      'late_reports',
      'trend',
      'notable_facts',
      'by_category',
      'by_area',
      'map',
      'nationals',
      'country_notes',
    ]);
    expect(defaultSections(['incidents'], false)).not.toContain('map');
  });
});
