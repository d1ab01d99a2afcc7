// The ids of the files a run counts from the tally cache, known unique among themselves by an
// earlier run: a warm run then checks only the ids it reads against them, instead of adding the
// 94,000 ids of earlier days to its index one by one.
//
// The set is the sorted first 64 bits of each id's keyed hash (tally-cache.ts). It is made by a
// run that found no problem at all while every cached file's ids went into its index, and is
// used only by a run that counts exactly the same entries from the cache (the same entry keys,
// which hash the files' bytes, names and reading context). A read id whose 64 bits are in the
// set may be a duplicate of an id of the cache: the run is then done again in full
// (dataset.ts), so that the duplicate is reported at its place as before.

import { createHash } from 'node:crypto';
import { ID_WORDS } from './tally-cache.js';

/** What the ids' set is for: the digest of the entry keys of the cached files, in reading order. */
export function knownIdsKey(entryKeys: readonly string[]): string {
  const h = createHash('sha256').update('known ids\0');
  for (const k of entryKeys) h.update(k).update('\0');
  return h.digest('hex');
}

/** The sorted 64-bit prefixes of the keyed id hashes of some cached files (ID_WORDS words per id). */
export function knownIdsOf(idLists: readonly Uint32Array[]): BigUint64Array {
  let n = 0;
  for (const ids of idLists) n += ids.length / ID_WORDS;
  const prefixes = new BigUint64Array(n);
  const words = new Uint32Array(prefixes.buffer);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  let at = 0;
  for (const ids of idLists) {
    for (let i = 0; i < ids.length; i += ID_WORDS) {
      // the high word is ids[i], the low word ids[i + 1], in the machine's byte order
      words[at + (little ? 1 : 0)] = ids[i]!;
      words[at + (little ? 0 : 1)] = ids[i + 1]!;
      at += 2;
    }
  }
  return prefixes.sort();
}

/** Whether an id hash (ID_WORDS words of `hash` at `at`) may be in the sorted prefixes: a binary search. */
export function mayBeKnown(prefixes: BigUint64Array, hash: Uint32Array, at: number): boolean {
  const x = (BigInt(hash[at]!) << 32n) | BigInt(hash[at + 1]!);
  let lo = 0;
  let hi = prefixes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = prefixes[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** A set read back from the cache: sorted, as made. */
export function isKnownIds(x: unknown): x is BigUint64Array {
  if (!(x instanceof BigUint64Array)) return false;
  for (let i = 1; i < x.length; i++) if (x[i - 1]! > x[i]!) return false;
  return true;
}
