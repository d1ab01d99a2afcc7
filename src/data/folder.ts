// The layout of a data folder: event.yaml, one YYYY-MM-DD folder per day, and in each day
// folder files named after their kind (incidents*.csv|yaml|yml|xlsx, ..., day.yaml).

import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../errors.js';
import { dataRoot } from './read-data-file.js';
import { RECORD_KINDS } from './records.js';
import type { RecordKind } from './records.js';
import { closest } from './suggest.js';
import { parseDate } from './time.js';
import { t } from '../i18n/messages.js';
import { addDays } from '../window/calendar.js';

export type FileFormat = 'csv' | 'yaml' | 'xlsx';

export type Classified =
  | { kind: RecordKind; format: FileFormat }
  | { kind: 'day'; format: 'yaml' }
  | { kind: 'ignored' }
  | { kind: 'unknown'; message: string };

const KIND_RE = /^(incidents|deployments|assessments|agenda)([^/\\]*)\.(csv|ya?ml|xlsx)$/i;
/** Spreadsheet files cci does not read: macro-enabled, legacy binary, OpenDocument, Numbers. */
const SPREADSHEET_RE = /\.(xlsm|xlsb|xls|ods|numbers)$/i;

/** Copies kept aside: .bak, .old, .orig, .tmp, .swp, .save endings, or a trailing ~. */
const BACKUP_RE = /(\.(bak|old|orig|tmp|temp|swp|save|sav|backup|copy)|~)$/i;
/** Extensions cci reads, and those of text tables it reads under a .csv name. */
const DATA_EXT = new Set(['csv', 'yaml', 'yml', 'xlsx']);
const TABLE_EXT = new Set(['txt', 'tsv', 'tab']);

/** Editor and spreadsheet leftovers nobody means as data: .DS_Store, ~$x.xlsx, .~lock.x#. */
function isLeftover(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name === 'Thumbs.db' || name === 'desktop.ini';
}

/** What a file in a day folder is, from its name. */
export function classifyDayFile(name: string): Classified {
  if (isLeftover(name)) return { kind: 'ignored' };
  if (/^day\.ya?ml$/i.test(name)) return { kind: 'day', format: 'yaml' };
  const m = KIND_RE.exec(name);
  if (m) {
    const ext = m[3]!.toLowerCase();
    return {
      kind: m[1]!.toLowerCase() as RecordKind,
      format: ext === 'csv' ? 'csv' : ext === 'xlsx' ? 'xlsx' : 'yaml',
    };
  }
  if (SPREADSHEET_RE.test(name)) {
    return {
      kind: 'unknown',
      message: t('data.folder.spreadsheet'),
    };
  }
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const prefix = stem.split(/[-_ .]/)[0] ?? stem;
  const exactKind = RECORD_KINDS.includes(prefix.toLowerCase() as RecordKind) || prefix.toLowerCase() === 'day';
  let hint = '';
  if (BACKUP_RE.test(name)) {
    // incidents.csv.bak, incidents.yaml~, agenda.csv.old: a copy kept aside, not meant to be read
    hint = t('data.folder.backupCopy');
  } else {
    const kindGuess = closest(prefix, [...RECORD_KINDS, 'day']);
    // a name to suggest only for a text table or a data file whose kind is misspelt
    // (incident-pp.csv, incidents-pp.txt: Excel's "Unicode text", read under a .csv name)
    const target = DATA_EXT.has(ext) ? ext : TABLE_EXT.has(ext) ? 'csv' : undefined;
    if (kindGuess !== undefined && target !== undefined && !stem.includes('.')) {
      const rest = stem.slice(prefix.length);
      hint = t('data.didYouMean', {
        candidate: kindGuess === 'day' ? `day.${target === 'csv' ? 'yaml' : target}` : `${kindGuess}${rest}.${target}`,
      });
    } else if (exactKind) {
      hint = t('data.folder.badExtension');
    }
  }
  return { kind: 'unknown', message: t('data.folder.unknownFile', { hint }) };
}

export interface FolderScan {
  /** Day folders with a valid date name, sorted. */
  dates: string[];
  /** Problems with the folder's own layout (a link out of it), and warnings (folders and files it does not read). */
  problems: Problem[];
  /**
   * Entries named as a day (YYYY-MM-DD) that cannot be read as a day folder: a link that leads
   * nowhere, loops or leads out of the data folder, a file, a socket. Their problems are in
   * `problems` too; a briefing that reads up to such a day stops on them (its records would be
   * missing from running totals and trends without a word).
   */
  unreadDays: { date: string; problem: Problem }[];
}

const DAY_NAME_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Lists the top level of a data folder. */
export async function scanDataFolder(dataDir: string): Promise<FolderScan> {
  const dates: string[] = [];
  const problems: Problem[] = [];
  const unreadDays: FolderScan['unreadDays'] = [];
  const entries = await readdir(dataDir, { withFileTypes: true });
  const root = await dataRoot(dataDir);
  for (const e of entries) {
    const name = e.name;
    if (isLeftover(name)) continue;
    // named as a day of the calendar (2024-02-30 is a folder name cci warns about, no day)
    const dayName = DAY_NAME_RE.test(name) && parseDate(name).ok;
    // A link to a folder counts as that folder when it stays inside the data folder.
    const linked = e.isSymbolicLink() ? await linkedFolderOf(path.join(dataDir, name), root) : undefined;
    const linkedFolder = linked?.kind;
    if (dayName && !e.isDirectory() && linked?.kind !== 'inside') {
      // named as a day, but not a folder cci can read: its records would be left out silently
      const problem = { file: linked ? `${name}/` : name, message: notADayFolder(e, linked) };
      problems.push(problem);
      unreadDays.push({ date: name, problem });
      continue;
    }
    if (linkedFolder === 'outside') {
      problems.push({ file: `${name}/`, message: t('dataFile.outside') });
      continue;
    }
    if (e.isDirectory() || linkedFolder === 'inside') {
      if (DAY_NAME_RE.test(name)) {
        const p = parseDate(name);
        if (p.ok) dates.push(name);
        else
          problems.push({
            file: `${name}/`,
            message: t('data.folder.badDateFolder', { why: p.message.replace(/^"[^"]*" /, '') }),
            severity: 'warning',
          });
      } else {
        problems.push({ file: `${name}/`, message: t('data.folder.notDateFolder'), severity: 'warning' });
      }
      continue;
    }
    if (name === 'event.yaml') continue;
    const c = classifyDayFile(name);
    if (c.kind !== 'unknown' && c.kind !== 'ignored') {
      problems.push({ file: name, message: t('data.folder.fileAtTop'), severity: 'warning' });
    } else if (/^event\.(yml|yaml)$/i.test(name)) {
      problems.push({ file: name, message: t('data.folder.eventFileName'), severity: 'warning' });
    }
  }
  dates.sort();
  unreadDays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { dates, problems, unreadDays };
}

/**
 * The problems of the day-named entries a briefing on `dates` reads up to (every one when
 * `dates` is omitted): the day folders it would read, the latest date's and two days after it.
 */
export function unreadDayProblems(scan: FolderScan, dates?: readonly string[]): Problem[] {
  if (dates === undefined) return scan.unreadDays.map((d) => d.problem);
  if (dates.length === 0) return [];
  const last = addDays([...dates].sort().at(-1)!, 2);
  return scan.unreadDays.filter((d) => d.date <= last).map((d) => d.problem);
}

/** Why a day-named entry is not a day folder cci reads, said as the end of a sentence about it. */
function notADayFolder(e: Dirent, linked: Exclude<LinkedFolder, { kind: 'inside' }> | undefined): string {
  if (linked === undefined) return t('data.folder.dayNotFolder', { what: entryKind(e) });
  switch (linked.kind) {
    case 'outside':
      return t('data.folder.dayLinkOutside');
    case 'dangling':
      return t('data.folder.dayLinkDangling');
    case 'loop':
      return t('data.folder.dayLinkLoop');
    case 'unreadable':
      return t('data.folder.dayLinkUnreadable', { reason: linked.code });
    case 'other':
      return t('data.folder.dayLinkNotFolder', { what: linked.what });
  }
}

function entryKind(s: {
  isFile(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (s.isFile()) return t('dataFile.kind.file');
  if (s.isFIFO()) return t('dataFile.kind.fifo');
  if (s.isCharacterDevice() || s.isBlockDevice()) return t('dataFile.kind.device');
  if (s.isSocket()) return t('dataFile.kind.socket');
  return t('dataFile.kind.other');
}

type LinkedFolder =
  | { kind: 'inside' }
  | { kind: 'outside' | 'dangling' | 'loop' }
  | { kind: 'unreadable'; code: string }
  | { kind: 'other'; what: string };

/**
 * Where a symbolic link leads: a folder inside `root`, a folder outside it, nowhere (its target
 * does not exist), round in a loop, something that is not a folder, or where it cannot be told.
 */
async function linkedFolderOf(link: string, root: string): Promise<LinkedFolder> {
  try {
    const s = await stat(link);
    if (!s.isDirectory()) return { kind: 'other', what: entryKind(s) };
    const real = await realpath(link);
    return real === root || real.startsWith(root + path.sep) ? { kind: 'inside' } : { kind: 'outside' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'dangling' };
    if (code === 'ELOOP') return { kind: 'loop' };
    return { kind: 'unreadable', code };
  }
}

export interface DayFile {
  date: string;
  name: string;
  /** Path relative to the data folder, forward slashes. */
  rel: string;
  abs: string;
  kind: RecordKind | 'day';
  format: FileFormat;
}

/** The readable files of one day folder, sorted by name, problems with some others, and warnings about those not read. */
export async function listDayFolder(dataDir: string, date: string): Promise<{ files: DayFile[]; problems: Problem[] }> {
  const files: DayFile[] = [];
  const problems: Problem[] = [];
  const dir = path.join(dataDir, date);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let dayFiles = 0;
  for (const e of entries) {
    const rel = `${date}/${e.name}`;
    if (e.isDirectory()) {
      if (!isLeftover(e.name))
        problems.push({ file: `${rel}/`, message: t('data.folder.nestedFolder'), severity: 'warning' });
      continue;
    }
    const c = classifyDayFile(e.name);
    if (c.kind === 'ignored') continue;
    if (c.kind === 'unknown') {
      // a file cci does not read is said, and left alone: it never stops a briefing
      problems.push({ file: rel, message: c.message, severity: 'warning' });
      continue;
    }
    if (c.kind === 'day' && ++dayFiles > 1) {
      problems.push({ file: rel, message: t('data.folder.secondDayFile') });
      continue;
    }
    files.push({ date, name: e.name, rel, abs: path.join(dir, e.name), kind: c.kind, format: c.format });
  }
  return { files, problems };
}
