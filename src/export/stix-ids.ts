// Deterministic STIX identifiers: UUIDv5 (RFC 9562 §5.5, SHA-1 name-based) of a name under
// cci's namespace, so the same event and record always give the same id and a receiving
// platform (MISP, OpenCTI) updates an object instead of duplicating it.
//
// node:crypto rather than the `uuid` package: version 5 is a SHA-1 of 16 + n bytes with six
// bits set, a dozen lines over a hash Node ships, and no runtime dependency for it; the tests
// hold it to the `uuid` package and to RFC 9562's published example.

import { createHash } from 'node:crypto';

/** cci's namespace for STIX ids (a random UUIDv4 drawn once for cci; never change it). */
export const CCI_STIX_NAMESPACE = '5e4c1d2a-8f3b-4c7e-9a61-2b7d0f9e4c38';

/** The UUIDv5 of `name` (UTF-8) in `namespace`, lower-case hex with dashes. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new TypeError(`not a UUID: ${namespace}`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // variant 10
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `type--uuidv5(parts joined by "/")` under cci's namespace: `stixId('incident', 'paris-2024', 'PP-001')`. */
export function stixId(type: string, ...parts: string[]): string {
  return `${type}--${uuidV5(parts.map((p) => p.replace(/\//g, '//')).join('/'), CCI_STIX_NAMESPACE)}`;
}
