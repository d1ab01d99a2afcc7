// What validating a record needs to know about the event, computed once per load.

import type { EventConfig, Venue } from '../model/types.js';
import { didYouMean } from './suggest.js';
import { instant, text } from './values.js';
import type { FieldParser } from './values.js';
import { t as msg } from '../i18n/messages.js';
import { quote } from './excerpt.js';

export interface ReadContext {
  event: EventConfig;
  venues: ReadonlyMap<string, Venue>;
  categoryIds: ReadonlySet<string>;
  /** Field parser: a venue id of event.yaml. */
  venue: FieldParser<string>;
  /** Field parser: a category id (built-in or event.yaml's). */
  category: FieldParser<string>;
  /** Field parser for a date and time in a zone (cached per zone). */
  instant(zone: string): FieldParser<Date>;
}

export function makeReadContext(event: EventConfig): ReadContext {
  const venues = new Map(event.venues.map((v) => [v.id, v]));
  const venueIds = [...venues.keys()];
  const categoryIds = new Set(event.categories.map((c) => c.id));
  const categoryList = [...categoryIds];
  const instants = new Map<string, FieldParser<Date>>();
  return {
    event,
    venues,
    categoryIds,
    venue: (f, r) => {
      const t = text(f, r);
      if (t === undefined) return undefined;
      if (venues.has(t)) return t;
      const lower = t.toLowerCase();
      if (venues.has(lower)) return lower;
      const hint = didYouMean(t, venueIds);
      const rest = hint || (venueIds.length <= 12 ? msg('data.expectedOneOf', { values: venueIds.join(', ') }) : '');
      r.at(f, msg('data.unknownVenue', { value: quote(t), rest }));
      return undefined;
    },
    category: (f, r) => {
      const t = text(f, r);
      if (t === undefined) return undefined;
      const v = t.toLowerCase();
      if (categoryIds.has(v)) return v;
      r.at(f, msg('data.unknownCategory', { value: quote(t), values: categoryList.join(', '), hint: didYouMean(v, categoryList) }));
      return undefined;
    },
    instant(zone) {
      let p = instants.get(zone);
      if (!p) {
        p = instant(zone);
        instants.set(zone, p);
      }
      return p;
    },
  };
}
