// Canonical JSON (the JSON Canonicalization Scheme's rule for what cci writes: object keys in
// code-unit order at every depth, no whitespace, strings and numbers as JSON.stringify writes
// them): the same value gives the same bytes on every machine and in every run, so a SHA-256 of
// it names the value. Used for the content digest of records and of briefing models.

/**
 * The canonical JSON text of a value made of objects, arrays, strings, finite numbers, booleans
 * and null. Keys whose value is undefined are left out, as JSON.stringify does. Throws a
 * TypeError on anything else (a function, a non-finite number, a Date: convert it first).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: not a finite number: ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new TypeError('canonical JSON: only plain objects');
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON: cannot write a ${typeof value}`);
  }
}
