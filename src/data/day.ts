// day.yaml: national threat level and key messages (BLUF) per division.

import type { Problem } from '../errors.js';
import type { DayInfo, EventConfig, KeyMessage } from '../model/types.js';
import { hiddenValuesOf, MARKING_FIELDS, RecordReader, unknownFieldMessage } from './reader.js';
import { didYouMean } from './suggest.js';
import { Reporter, text, textUpTo, type FieldParser } from './values.js';
import { TEXT_LIMITS } from './limits.js';
import { describeNode, mapToRecord, parseYaml, toRawValue } from './yaml.js';
import { t } from '../i18n/messages.js';
import { quote } from './excerpt.js';

const DAY_KEYS = ['threat_level', 'key_messages'];
const MESSAGE_KEYS = new Set(['fr', 'en', ...MARKING_FIELDS]);
const messageText = textUpTo(TEXT_LIMITS.keyMessage);

/** A level of the event's threat scale (event.yaml threat_scale), any case; none without a scale. */
function threatLevelOf(event: EventConfig): FieldParser<string> {
  return (f, r) => {
    const v = text(f, r);
    if (v === undefined) return undefined;
    const scale = event.threatScale;
    if (!scale) {
      r.at(f, t('data.day.noThreatScale'));
      return undefined;
    }
    const ids = scale.levels.map((l) => l.id);
    const lower = v.trim().toLowerCase();
    if (ids.includes(lower)) return lower;
    r.at(
      f,
      t('data.notOneOf', { name: f.name, value: quote(v), values: ids.join(', '), hint: didYouMean(lower, ids) }),
    );
    return undefined;
  };
}

/** Parses the text of a day folder's day.yaml. `file` is its path relative to the data folder. */
export function parseDayText(
  source: string,
  file: string,
  date: string,
  event: EventConfig,
): { day?: DayInfo; problems: Problem[] } {
  const { root, problems } = parseYaml(source, file);
  if (problems.length > 0) return { problems };
  const rep = new Reporter(file, problems);
  const day: DayInfo = { date, keyMessages: [], source: { file, line: 1 } };
  if (!root || (root.kind === 'scalar' && root.value === null)) return { day, problems };
  if (root.kind !== 'map') {
    rep.at(root, t('data.day.notMapping', { found: describeNode(root) }));
    return { problems };
  }
  for (const [k, e] of root.entries) {
    if (!DAY_KEYS.includes(k)) rep.at(e.key, unknownFieldMessage(k, DAY_KEYS));
  }
  const tl = root.entries.get('threat_level');
  if (tl) {
    const value = toRawValue(tl.value);
    if (value) {
      const v = threatLevelOf(event)(
        { ...value, name: 'threat_level', line: tl.value.line, column: tl.value.column, key: tl.key },
        rep,
      );
      if (v !== undefined) day.threatLevel = v;
    }
  }
  const km = root.entries.get('key_messages');
  if (km && !(km.value.kind === 'scalar' && km.value.value === null)) {
    if (km.value.kind !== 'map') {
      rep.at(km.value, t('data.day.keyMessagesNotMapping', { found: describeNode(km.value) }));
    } else {
      const divIds = event.divisions.map((d) => d.id);
      for (const [div, e] of km.value.entries) {
        if (!divIds.includes(div)) {
          rep.at(e.key, t('data.day.unknownDivision', { division: quote(div), divisions: divIds.join(', ') }));
          continue;
        }
        if (e.value.kind === 'scalar' && e.value.value === null) continue;
        if (e.value.kind !== 'seq') {
          rep.at(e.value, t('data.day.messagesNotList', { division: div, found: describeNode(e.value) }));
          continue;
        }
        for (const item of e.value.items) {
          if (item.kind !== 'map') {
            rep.at(item, t('data.day.messageNotMapping', { found: describeNode(item) }));
            continue;
          }
          const record = mapToRecord(item, file);
          rep.hidden = hiddenValuesOf(record, event.defaultTlp);
          const rd = new RecordReader(record, MESSAGE_KEYS, rep);
          const fr = rd.get('fr', messageText);
          const en = rd.get('en', messageText);
          if (!rd.has('fr') && !rd.has('en')) rd.problem(t('data.day.messageEmpty'));
          const markings = rd.markings(event.defaultTlp);
          rep.hidden = undefined;
          if (rd.failed) continue;
          const msg: KeyMessage = {
            kind: 'key_message',
            division: div,
            text: {},
            ...markings,
            source: { file, line: item.line },
          };
          if (fr !== undefined) msg.text.fr = fr;
          if (en !== undefined) msg.text.en = en;
          day.keyMessages.push(msg);
        }
      }
    }
  }
  return { day, problems };
}
