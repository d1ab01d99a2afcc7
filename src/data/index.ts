// The data layer: reading and validating a data folder into the types of model/types.ts.

export { loadDataset, validateFolder, checkFolder, readRecordText, checkCsvHeader, emptyCollected } from './dataset.js';
export type { Collected } from './dataset.js';
export { loadEvent, readEvent, parseEventText, EVENT_FILE } from './event.js';
export type { EventRead } from './event.js';
export { parseDayText } from './day.js';
export { decodeData, decodeText, decodeTextInfo } from './decode.js';
export type { DecodedText, DecodeFailure, Encoding } from './decode.js';
export { parseCsv, detectDelimiter } from './csv.js';
export type { CsvResult, CsvHeaderCell } from './csv.js';
export { parseYaml, yamlRecords, MAX_ALIAS_NODES } from './yaml.js';
export type { YNode } from './yaml.js';
export {
  parseLocalTime,
  resolveLocal,
  parseDate,
  parseClock,
  isDateString,
  isValidTimeZone,
  zoneOffsetMs,
  formatOffset,
  daysInMonth,
} from './time.js';
export type { Parsed, LocalDateTime, LocalResolution } from './time.js';
export { parseCount, parseBoolean, parseTlp, isEmail, Reporter } from './values.js';
export { AREA_FIELD, AREA_LISTS, areaCodeParser, parseAreaListText, shippedAreaList } from './areas.js';
export { toAlpha3 } from './countries.js';
export { builtinCategories, BUILTIN_CATEGORY_LABELS } from './categories.js';
export { classifyDayFile, scanDataFolder, listDayFolder, unreadDayProblems } from './folder.js';
export { RECORD_KINDS, schemasFor, assessmentSchema } from './records.js';
export type { RecordKind, RecordSchema, Schemas } from './records.js';
export { makeReadContext } from './context.js';
export type { ReadContext } from './context.js';
export { closest, didYouMean } from './suggest.js';
