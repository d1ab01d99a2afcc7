// Message catalogues: nested objects whose leaves are strings with `{name}` placeholders.
// Pure functions; where a catalogue comes from is the business of cli-messages.ts (the
// command line's words) and document-messages.ts (the briefing's, the PDF's and the email's).

export interface Catalogue {
  [key: string]: string | Catalogue;
}

export function isCatalogue(v: unknown): v is Catalogue {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.values(v).every((x) => typeof x === 'string' || isCatalogue(x));
}

/** The message at a dotted key, or undefined when the key is absent or not a leaf. */
export function lookup(cat: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = cat;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Replaces `{name}` placeholders; an unknown placeholder is a bug, so it throws. */
export function interpolate(msg: string, params: Readonly<Record<string, string>>): string {
  return msg.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`message "${msg}": no value for {${name}}`);
    return v;
  });
}

/** Every leaf key of a catalogue, dotted, sorted. */
export function catalogueKeys(cat: Catalogue, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(cat)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') keys.push(key);
    else for (const k of catalogueKeys(v, key)) keys.push(k);
  }
  return keys.sort();
}
