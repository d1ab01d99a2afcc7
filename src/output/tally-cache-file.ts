// The tally cache's entries kept on disk (what an entry is: src/data/tally-cache.ts), in a
// private folder of the user.
//
// One file per data folder: a first line naming the format, then one record per entry:
// its length, its key, its MAC, the data file it is about and the entry itself, serialised with
// Node's structured serialisation (v8.serialize: typed arrays are written as their bytes and read
// back as they are, with no parsing per row). The MAC (HMAC-SHA-256 with the cache's key over the
// key, the file name and the entry's bytes) is checked before an entry is used, then its shape
// (tally-cache.ts): an entry edited by hand, damaged, or copied from another cache is a miss,
// never counted. The key (32 random bytes) is kept in the cache folder itself (file `key`): it
// stops accidental damage and edits made without it, not someone who can read the user's files
// (they can recompute the MAC, as they can edit the data folder itself). The folder is made
// private (0700; one readable by others is made so, one owned by another user is not used) and
// its files are 0600. The file is rewritten whole (durable-write.ts) when entries were added,
// entries not used by the run copied as they were; entries for files read again with other
// contents are dropped, so it does not grow with edits. A cache that cannot be read or written is
// ignored: it only saves time.

import { createHash, createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { isKnownIds } from '../data/known-ids.js';
import type { FileIdentity } from '../data/read-data-file.js';
import type { EventConfig } from '../model/types.js';
import {
  isTallyCacheEntry,
  NO_TALLY_CACHE,
  TALLY_CACHE_FORMAT,
  type TallyCache,
  type TallyCacheEntry,
} from '../data/tally-cache.js';
import { t } from '../i18n/messages.js';
import { createFileDurably, removeStaleTemps, replaceFileDurably } from './durable-write.js';
import { ensureFolder } from './ensure-folder.js';
import { ownFolderProblem } from './own-folder.js';
import { causeText } from './write-error.js';

function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const KEY_FILE = 'key';
const KEY_BYTES = 32;
/** Files of the first format held RED rows and ids in clear: removed wherever found. */
const OLD_FORMAT_FILE = /^tally-[0-9a-f]{24}\.json$/;
/**
 * The first line of a cache file: the format, and the byte order of the machine that wrote it
 * (typed arrays are stored as their bytes). A file of another format is not read, and is
 * replaced at the next write.
 */
const HEADER = Buffer.from(`${TALLY_CACHE_FORMAT} ${endianness()}\n`);
const CACHE_FILE = /^tally-[0-9a-f]{24}\.cache$/;

type Warn = (message: string) => void;

/**
 * Makes the cache folder private: created 0700; an existing one of this user readable by
 * others is made 0700 (with a warning); one of another user, or not a folder, is not used.
 */
async function privateCacheFolder(dir: string, warn: Warn): Promise<boolean> {
  try {
    await ensureFolder(path.dirname(dir));
    await mkdir(dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const s = await stat(dir);
    const problem = ownFolderProblem(s);
    if (problem === 'notFolder' || problem === 'notOurs') {
      warn(problem === 'notFolder' ? t('cache.notFolder', { dir }) : t('cache.notOurs', { dir }));
      return false;
    }
    if (problem === 'notPrivate') {
      await chmod(dir, 0o700);
      warn(t('cache.madePrivate', { dir, mode: (s.mode & 0o777).toString(8).padStart(4, '0') }));
    }
    return true;
  } catch (error) {
    warn(t('cache.unusable', { dir, reason: causeText((error as NodeJS.ErrnoException).code ?? 'EIO') }));
    return false;
  }
}

/** Reads a small file of ours without following a link; undefined when missing or not a regular file. */
async function readOwnFile(file: string, limit: number): Promise<Buffer | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const s = await handle.stat();
    if (!s.isFile() || s.size > limit) return undefined;
    if ((s.mode & 0o077) !== 0) await handle.chmod(0o600);
    return await handle.readFile();
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

/** The cache's secret key: read, or made once (of two runs making it, the first one wins). */
async function cacheKey(dir: string): Promise<Buffer | undefined> {
  const file = path.join(dir, KEY_FILE);
  for (let tries = 0; tries < 2; tries++) {
    const text = (await readOwnFile(file, 1024))?.toString('utf8').trim();
    if (text !== undefined && /^[0-9a-f]{64}$/.test(text)) return Buffer.from(text, 'hex');
    const fresh = randomBytes(KEY_BYTES);
    try {
      if (text === undefined) {
        await createFileDurably(file, `${fresh.toString('hex')}\n`);
      } else {
        // a damaged key: the entries it signed can no longer be checked, and are removed
        await removeCacheFiles(dir, CACHE_FILE);
        await replaceFileDurably(file, `${fresh.toString('hex')}\n`);
      }
      return fresh;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }
  }
  return undefined;
}

async function removeCacheFiles(dir: string, pattern: RegExp): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names)
    if (pattern.test(name)) await rm(path.join(dir, name), { force: true }).catch(() => undefined);
}

interface StoredEntry {
  /** The data file the entry is about, relative to the data folder. */
  file: string;
  mac: Buffer;
  payload: Buffer;
  /** Deserialised and checked; null when it failed. */
  entry?: TallyCacheEntry | null;
}

const KEY_LENGTH = 32;
const MAC_LENGTH = 32;
/** Length of the entry (4 bytes), of the file name (2), the key and the MAC. */
const RECORD_HEAD = 6 + KEY_LENGTH + MAC_LENGTH;

/** A cache file's records, by key (hex); a truncated or malformed tail is dropped. */
export function readCacheRecords(bytes: Buffer): Map<string, StoredEntry> {
  const stored = new Map<string, StoredEntry>();
  if (bytes.length < HEADER.length || !bytes.subarray(0, HEADER.length).equals(HEADER)) return stored;
  let at = HEADER.length;
  while (at + RECORD_HEAD <= bytes.length) {
    const length = bytes.readUInt32LE(at);
    const nameLength = bytes.readUInt16LE(at + 4);
    const key = bytes.toString('hex', at + 6, at + 6 + KEY_LENGTH);
    const mac = bytes.subarray(at + 6 + KEY_LENGTH, at + RECORD_HEAD);
    const nameEnd = at + RECORD_HEAD + nameLength;
    const end = nameEnd + length;
    if (end > bytes.length) break;
    stored.set(key, {
      file: bytes.toString('utf8', at + RECORD_HEAD, nameEnd),
      mac,
      payload: bytes.subarray(nameEnd, end),
    });
    at = end;
  }
  return stored;
}

/** A cache file's bytes: the header, then each record. */
export function writeCacheRecords(records: Iterable<[string, Pick<StoredEntry, 'file' | 'mac' | 'payload'>]>): Buffer {
  const chunks: Buffer[] = [HEADER];
  for (const [key, s] of records) {
    const name = Buffer.from(s.file, 'utf8');
    const head = Buffer.alloc(6);
    head.writeUInt32LE(s.payload.length, 0);
    head.writeUInt16LE(name.length, 4);
    chunks.push(head, Buffer.from(key, 'hex'), s.mac, name, s.payload);
  }
  return Buffer.concat(chunks);
}

/**
 * Opens (or starts) the cache of one data folder. A folder that cannot be made private, or
 * whose key cannot be read or made, gives a cache that keeps nothing (with a warning).
 */
export async function openTallyCache(
  cacheDir: string,
  dataDir: string,
  opts: { warn?: Warn | undefined; /** The clock (epoch ms) identities are noted with. */ now?: () => number } = {},
): Promise<TallyCache> {
  const warn = opts.warn ?? (() => undefined);
  if (!(await privateCacheFolder(cacheDir, warn))) return NO_TALLY_CACHE;
  await removeCacheFiles(cacheDir, OLD_FORMAT_FILE);
  await removeStaleTemps(cacheDir);
  const key = await cacheKey(cacheDir);
  if (!key) {
    warn(t('cache.unusable', { dir: cacheDir, reason: KEY_FILE }));
    return NO_TALLY_CACHE;
  }
  const file = path.join(cacheDir, `tally-${digestOf(Buffer.from(path.resolve(dataDir))).slice(0, 24)}.cache`);
  const mac = (entryKey: string, name: string, payload: Uint8Array) =>
    createHmac('sha256', key)
      .update('entry\0')
      .update(entryKey)
      .update('\0')
      .update(name)
      .update('\0')
      .update(payload)
      .digest();
  const idPrefix = `${key.toString('hex')}\0id\0`;
  const stored = readCacheRecords((await readOwnFile(file, MAX_CACHE_BYTES)) ?? Buffer.alloc(0));
  const identities = readIdentities(stored.get(IDENTITIES_KEY), mac);
  stored.delete(IDENTITIES_KEY);
  let known = readKnownIds(stored.get(KNOWN_IDS_KEY), mac);
  stored.delete(KNOWN_IDS_KEY);
  const now = opts.now ?? Date.now;
  let changed = false;
  return {
    stores: true,
    get(entryKey) {
      const s = stored.get(entryKey);
      if (s === undefined) return undefined;
      if (s.entry === undefined) s.entry = verified(entryKey, s, mac);
      if (s.entry === null) {
        stored.delete(entryKey);
        changed = true;
        return undefined;
      }
      return s.entry;
    },
    set(entryKey, entry) {
      const s = stored.get(entryKey);
      if (s?.entry && s.file === entry.file) return; // already there
      // an entry made from other contents of the same file is stale
      for (const [k, e] of stored) if (k !== entryKey && e.file === entry.file) stored.delete(k);
      const { file: name, ...rest } = entry;
      const payload = serialize(rest);
      stored.set(entryKey, { file: name, mac: mac(entryKey, name, payload), payload, entry });
      changed = true;
    },
    idHash(id, into, at) {
      // a keyed hash: SHA-256 over the secret key and the id, its first 128 bits as four words
      // (one call: 98,000 ids a cold run)
      const h = hash('sha256', idPrefix + id, 'binary');
      for (let w = 0; w < 4; w++) {
        const o = w * 4;
        into[at + w] =
          (h.charCodeAt(o) | (h.charCodeAt(o + 1) << 8) | (h.charCodeAt(o + 2) << 16) | (h.charCodeAt(o + 3) << 24)) >>>
          0;
      }
    },
    knownDigest(name, identityOf) {
      const n = identities.get(name);
      if (n === undefined) return undefined;
      const identity = identityOf();
      return identity !== undefined && n.id === identity.id && trusted(n, identity) ? n.digest : undefined;
    },
    noteDigest(name, identity, digest) {
      const n = identities.get(name);
      const at = now();
      // noted again only when that changes something: other bytes, or a record that becomes trusted
      if (n !== undefined && n.id === identity.id && n.digest === digest) {
        if (trusted(n, identity) || !trusted({ ...n, at }, identity)) return;
      }
      identities.set(name, { id: identity.id, digest, at });
      changed = true;
    },
    knownIds(key) {
      return known.find((k) => k.key === key)?.prefixes;
    },
    noteKnownIds(key, prefixes) {
      // the last few sets: runs for other dates of the same folder (a preview, a rerun) keep theirs
      known = [{ key, prefixes }, ...known.filter((k) => k.key !== key)].slice(0, KNOWN_ID_SETS);
      changed = true;
    },
    async save() {
      if (!changed) return;
      try {
        const special = (k: string, payload: Buffer): [string, Pick<StoredEntry, 'file' | 'mac' | 'payload'>] => [
          k,
          { file: '', mac: mac(k, '', payload), payload },
        ];
        const records = [...stored, special(IDENTITIES_KEY, serialize(identities))];
        if (known.length > 0) records.push(special(KNOWN_IDS_KEY, serialize(known)));
        await replaceFileDurably(file, writeCacheRecords(records), { mode: 0o600 });
        changed = false;
      } catch {
        // only an accelerator: the next run reads the files again
      }
    },
  };
}

/** A cache file larger than this is not read (it would be the product of a bug or an accident). */
const MAX_CACHE_BYTES = 1 << 30;

// ---------------------------------------------------------------------------------------------
// The data files' identities (read-data-file.ts: device, inode, size, modification and status-
// change times), each with the digest of the bytes read under it, kept in one record of the
// cache file: a run finds an earlier day's file unchanged with one stat instead of reading and
// hashing it (git's index does the same). A record is trusted only when it was noted at least
// SETTLE_MS after the file last changed: on a file system whose times are coarse (2 s on FAT), a
// file written twice within one tick keeps the same times, and such a file is read and hashed
// until it has settled ("racily clean", in git's words). A status-change time cannot be set back
// by a user, so an edit made later always changes the identity.

/** The record holding the ids known unique of the last set of cached files (src/data/known-ids.ts). */
const KNOWN_IDS_KEY = digestOf(Buffer.from('cci: the ids of the cached files'));

/** How many sets of known ids are kept (one per recent set of cached files). */
const KNOWN_ID_SETS = 4;

interface KnownIdSet {
  key: string;
  prefixes: BigUint64Array;
}

/** The known ids record read back: its MAC checked, then its shape; no set when either fails. */
function readKnownIds(
  s: StoredEntry | undefined,
  mac: (k: string, name: string, payload: Uint8Array) => Buffer,
): KnownIdSet[] {
  if (s === undefined || s.file !== '') return [];
  const expected = mac(KNOWN_IDS_KEY, '', s.payload);
  if (s.mac.length !== expected.length || !timingSafeEqual(s.mac, expected)) return [];
  try {
    const sets: unknown = deserialize(s.payload);
    if (!Array.isArray(sets) || sets.length > KNOWN_ID_SETS) return [];
    for (const k of sets as ({ key?: unknown; prefixes?: unknown } | null)[]) {
      if (typeof k !== 'object' || k === null || typeof k.key !== 'string' || !isKnownIds(k.prefixes)) return [];
    }
    return sets as KnownIdSet[];
  } catch {
    return [];
  }
}

/** The record holding the identities: not a data file's entry key (those hash other inputs). */
const IDENTITIES_KEY = digestOf(Buffer.from('cci: the identities of the data files'));
/** How long after its last change a file's identity can be trusted: time granularity and clock skew. */
const SETTLE_MS = 5000;

interface NotedIdentity {
  id: string;
  /** contentDigest of the bytes read under this identity. */
  digest: string;
  /** When it was noted (epoch ms). */
  at: number;
}

function trusted(n: NotedIdentity, identity: FileIdentity): boolean {
  return identity.changedMs + SETTLE_MS <= n.at;
}

/** The identities record read back: its MAC checked, then its shape; an empty map when either fails. */
function readIdentities(
  s: StoredEntry | undefined,
  mac: (k: string, name: string, payload: Uint8Array) => Buffer,
): Map<string, NotedIdentity> {
  const none = new Map<string, NotedIdentity>();
  if (s === undefined || s.file !== '') return none;
  const expected = mac(IDENTITIES_KEY, '', s.payload);
  if (s.mac.length !== expected.length || !timingSafeEqual(s.mac, expected)) return none;
  try {
    const m: unknown = deserialize(s.payload);
    if (!(m instanceof Map)) return none;
    for (const [k, v] of m as Map<unknown, unknown>) {
      const n = v as Partial<NotedIdentity> | null;
      if (
        typeof k !== 'string' ||
        typeof n !== 'object' ||
        n === null ||
        typeof n.id !== 'string' ||
        typeof n.digest !== 'string' ||
        !/^[0-9a-f]{64}$/.test(n.digest) ||
        typeof n.at !== 'number' ||
        !Number.isFinite(n.at)
      )
        return none;
    }
    return m as Map<string, NotedIdentity>;
  } catch {
    return none;
  }
}

/** An entry read back from disk: its MAC checked, then its shape; null when either fails. */
function verified(
  entryKey: string,
  s: StoredEntry,
  mac: (k: string, name: string, payload: Uint8Array) => Buffer,
): TallyCacheEntry | null {
  const expected = mac(entryKey, s.file, s.payload);
  if (s.mac.length !== expected.length || !timingSafeEqual(s.mac, expected)) return null;
  try {
    const e: unknown = deserialize(s.payload);
    if (typeof e !== 'object' || e === null || 'file' in e) return null;
    const entry = { ...e, file: s.file };
    return isTallyCacheEntry(entry) ? entry : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// event.yaml as last parsed without problems, in a file of its own beside the tally cache
// (`event-….cache`, same folder, same key, same record format): a run whose event.yaml has the
// same bytes, read by the same code, takes the event from it instead of parsing and checking it
// again (about 50 ms of a run's start, and the YAML library's loading when nothing else needs
// it). Only an event.yaml that names no file of the data folder (area list, geometry) is kept.

/** The events kept: one per data folder, the last one parsed. */
export interface EventCacheFile {
  /** The event parsed from the event.yaml of this key (readingDigest of its bytes), if kept. */
  get(key: string): EventConfig | undefined;
  /** Keeps the event parsed from the event.yaml of this key, in place of the previous one; never throws. */
  set(key: string, event: EventConfig): Promise<void>;
}

/**
 * Opens the event cache of one data folder; undefined unless the cache folder is already there,
 * private and the user's (the tally cache, opened later in the run, makes it so or says why not).
 */
export async function openEventCache(cacheDir: string, dataDir: string): Promise<EventCacheFile | undefined> {
  const s = await stat(cacheDir).catch(() => undefined);
  const uid = process.getuid?.();
  if (!s?.isDirectory() || (uid !== undefined && s.uid !== uid) || (s.mode & 0o077) !== 0) return undefined;
  const key = await cacheKey(cacheDir);
  if (!key) return undefined;
  const file = path.join(cacheDir, `event-${digestOf(Buffer.from(path.resolve(dataDir))).slice(0, 24)}.cache`);
  const mac = (entryKey: string, payload: Uint8Array) =>
    createHmac('sha256', key).update('event\0').update(entryKey).update('\0').update(payload).digest();
  const stored = readCacheRecords((await readOwnFile(file, MAX_EVENT_BYTES)) ?? Buffer.alloc(0));
  return {
    get(entryKey) {
      const s = stored.get(entryKey);
      if (s === undefined || s.file !== EVENT_NAME) return undefined;
      const expected = mac(entryKey, s.payload);
      if (s.mac.length !== expected.length || !timingSafeEqual(s.mac, expected)) return undefined;
      try {
        const event: unknown = deserialize(s.payload);
        return typeof event === 'object' && event !== null ? (event as EventConfig) : undefined;
      } catch {
        return undefined;
      }
    },
    async set(entryKey, event) {
      try {
        const payload = serialize(event);
        const record = { file: EVENT_NAME, mac: mac(entryKey, payload), payload };
        await replaceFileDurably(file, writeCacheRecords([[entryKey, record]]), { mode: 0o600 });
      } catch {
        // only an accelerator (an event that cannot be serialised is parsed every run)
      }
    },
  };
}

const EVENT_NAME = 'event.yaml';
/** An event cache file larger than this is not read. */
const MAX_EVENT_BYTES = 64 << 20;
