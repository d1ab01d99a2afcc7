// What validating a record needs to know about the event, computed once per load: its venues,
// categories, area codes and time zones, and the record schemas with the event's area field.

import { t as msg } from '../i18n/messages.js';
import type { EventConfig, Venue } from '../model/types.js';
import { areaCodeParser } from './areas.js';
import { instant, remembered, text } from './values.js';
import type { FieldParser } from './values.js';

export interface ReadContext {
  event: EventConfig;
  venues: ReadonlyMap<string, Venue>;
  categoryIds: ReadonlySet<string>;
  /** Field parser: a venue id of event.yaml. */
  venue: FieldParser<string>;
  /** Field parser: a category id (built-in or event.yaml's). */
  category: FieldParser<string>;
  /** Field parser: an area code of the event's list (free text when it has none). */
  area: FieldParser<string>;
  /** Field parser for a date and time in a zone (cached per zone). */
  instant(zone: string): FieldParser<Date>;
}

export function makeReadContext(event: EventConfig): ReadContext {
  const venues = new Map(event.venues.map((v) => [v.id, v]));
  const venueIds = [...venues.keys()];
  const categoryIds = new Set(event.categories.map((c) => c.id));
  const categoryList = [...categoryIds];
  const categoryById = new Map(categoryList.map((c) => [c, c]));
  const instants = new Map<string, FieldParser<Date>>();
  return {
    event,
    venues,
    categoryIds,
    // remembered: the same few venues and categories fill every row; the id returned is
    // event.yaml's string, one for every record that names it
    venue: remembered((f, r) => {
      const v = text(f, r);
      if (v === undefined) return undefined;
      const exact = venues.get(v) ?? venues.get(v.toLowerCase());
      if (exact !== undefined) return exact.id;
      const hint = r.hint(v, venueIds);
      const rest = hint || (venueIds.length <= 12 ? msg('data.expectedOneOf', { values: venueIds.join(', ') }) : '');
      r.at(f, msg('data.unknownVenue', { value: r.quote(v), rest }));
      return undefined;
    }),
    category: remembered((f, r) => {
      const v = text(f, r);
      if (v === undefined) return undefined;
      const lower = v.toLowerCase();
      const id = categoryById.get(lower);
      if (id !== undefined) return id;
      r.at(
        f,
        msg('data.unknownCategory', {
          value: r.quote(v),
          values: categoryList.join(', '),
          hint: r.hint(lower, categoryList),
        }),
      );
      return undefined;
    }),
    area: areaCodeParser(event.areas),
    instant(zone) {
      let p = instants.get(zone);
      if (!p) {
        p = instant(zone, event.dateOrder === 'month_first');
        instants.set(zone, p);
      }
      return p;
    },
  };
}
