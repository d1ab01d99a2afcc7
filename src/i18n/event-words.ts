// The event's own words (event.yaml `labels:` and `forces:`) over the document catalogues: the
// word beside the serial number, the name of an incident that affects the event and of its
// key figure, the names of the deployment forces. The catalogues hold neutral words; the Paris
// demo's ("Jour des Jeux", "Police nationale"...) are in its event.yaml, as `cci init` writes them.

import type { Bilingual } from '../model/bilingual.js';
import { message } from './document-messages.js';
import type { Lang } from './lang.js';

/** The keys of event.yaml `labels:` (each with _fr and _en), and the catalogue messages each replaces. */
export const LABEL_KEYS: Readonly<Record<string, readonly string[]>> = {
  /** Beside the serial number in the title block (J12 · Jour des Jeux). */
  event_day: ['title.serialLabel'],
  /** The pill of an incident with games_impact, and that field's name in the late reports. */
  impact: ['common.gamesImpact', 'late.fields.games_impact'],
  /** The key figure counting those incidents: card, email, figure tables. */
  impact_figure: ['figures.gamesImpact', 'email.figures.gamesImpact'],
  /**
   * The stamp of a national document that includes a `special_france` record (SPEC §3): page
   * header and footer, marking bar, email subject and body, STIX statement; default SPÉCIAL FRANCE.
   */
  special: ['marking.specialFrance', 'email.specialFrance'],
};

/** The catalogue message a force's name replaces. */
export function forceKey(force: string): string {
  return `enums.force.${force}`;
}

/** Catalogue key → the event's text for it, in both languages (event.yaml's words). */
export type EventWords = Readonly<Record<string, Bilingual>>;

/** The event's word for a catalogue message in a language, or undefined when it gives none. */
export function eventWord(words: EventWords | undefined, lang: Lang, key: string): string | undefined {
  if (!words || !Object.hasOwn(words, key)) return undefined;
  const s = words[key]![lang];
  return typeof s === 'string' && s.trim() !== '' ? s : undefined;
}

/**
 * The stamp of a national document that includes a `special_france` record, in a language: the
 * event's word (labels: special) or the catalogue's SPÉCIAL FRANCE. Every place that prints it
 * (marking bar, page header and footer, PDF metadata, STIX) takes the document's first language,
 * as the marking bar does.
 */
export function specialStamp(words: EventWords | undefined, lang: Lang): string {
  return eventWord(words, lang, 'marking.specialFrance') ?? message(lang, 'marking.specialFrance');
}
