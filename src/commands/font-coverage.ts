// Which scripts the data writes in, and whether an installed font draws each of them: for
// `cci doctor`. A character no font covers prints as an empty box in the PDF (Chromium takes its
// fonts from fontconfig), so each script the texts use is looked up with fc-list, as Chromium
// would find it: the families that cover every character of the script the data holds.

/** Unicode script names (the property) with their ISO 15924 code (for Intl.DisplayNames). */
const SCRIPT_CODES: Record<string, string> = {
  Latin: 'Latn',
  Greek: 'Grek',
  Cyrillic: 'Cyrl',
  Armenian: 'Armn',
  Hebrew: 'Hebr',
  Arabic: 'Arab',
  Syriac: 'Syrc',
  Thaana: 'Thaa',
  Devanagari: 'Deva',
  Bengali: 'Beng',
  Gurmukhi: 'Guru',
  Gujarati: 'Gujr',
  Oriya: 'Orya',
  Tamil: 'Taml',
  Telugu: 'Telu',
  Kannada: 'Knda',
  Malayalam: 'Mlym',
  Sinhala: 'Sinh',
  Thai: 'Thai',
  Lao: 'Laoo',
  Tibetan: 'Tibt',
  Myanmar: 'Mymr',
  Georgian: 'Geor',
  Hangul: 'Hang',
  Ethiopic: 'Ethi',
  Cherokee: 'Cher',
  Canadian_Aboriginal: 'Cans',
  Ogham: 'Ogam',
  Runic: 'Runr',
  Khmer: 'Khmr',
  Mongolian: 'Mong',
  Hiragana: 'Hira',
  Katakana: 'Kana',
  Bopomofo: 'Bopo',
  Han: 'Hani',
  Yi: 'Yiii',
  Tifinagh: 'Tfng',
  Nko: 'Nkoo',
  Vai: 'Vaii',
  Ol_Chiki: 'Olck',
  Javanese: 'Java',
  Balinese: 'Bali',
  Adlam: 'Adlm',
  Coptic: 'Copt',
  Common: 'Zyyy',
};

/** Scripts told apart in the report (ISO 15924 codes), by Unicode property; anything else is `Zzzz` (unknown). */
const SCRIPTS: readonly { code: string; re: RegExp }[] = [
  // Emoji first: many emoji are also "Common" symbols.
  { code: 'Zsye', re: /\p{Extended_Pictographic}|\p{Regional_Indicator}/u },
  ...Object.entries(SCRIPT_CODES).map(([name, code]) => ({ code, re: new RegExp(`\\p{Script=${name}}`, 'u') })),
];

/** The name of a script (ISO 15924 code) in a language: `arabe`, `Arabic`. */
export function scriptName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'script' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Characters that draw nothing of their own: spaces, controls, joiners, variation selectors. */
const SILENT = /[\p{White_Space}\p{Cc}\p{Cf}\p{Mn}\p{Me}\u{FE00}-\u{FE0F}\u{E0020}-\u{E007F}]/u;

/** Most characters of a script looked up at once (fontconfig's pattern stays short). */
const SAMPLE = 64;

export interface ScriptUse {
  /** ISO 15924 code: `Latn`, `Arab`, `Zsye` (emoji), `Zzzz` (a script not told apart). */
  script: string;
  /** Distinct code points of the script in the texts, in order of first use (at most SAMPLE). */
  chars: number[];
}

/** The scripts of the texts beyond plain ASCII, in order of first use, each with its characters. */
export function scriptsUsed(texts: Iterable<string>): ScriptUse[] {
  const byScript = new Map<string, Set<number>>();
  for (const text of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80 || SILENT.test(ch)) continue;
      const script = SCRIPTS.find((s) => s.re.test(ch))?.code ?? 'Zzzz';
      let set = byScript.get(script);
      if (!set) byScript.set(script, (set = new Set()));
      if (set.size < SAMPLE) set.add(cp);
    }
  }
  return [...byScript].map(([script, set]) => ({ script, chars: [...set] }));
}

/** Every string in a value (objects, arrays, maps and sets, walked once each). */
export function stringsIn(value: unknown, out: string[] = [], seen = new Set<object>()): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    const items =
      value instanceof Map
        ? [...value.keys(), ...value.values()]
        : value instanceof Set || Array.isArray(value)
          ? [...value]
          : value instanceof Date
            ? []
            : Object.values(value);
    for (const v of items) stringsIn(v, out, seen);
  }
  return out;
}

/** Lists the families of the installed fonts that cover every character of `chars` (fc-list). */
export type FontLookup = (chars: readonly number[]) => Promise<string[]>;

export interface ScriptCoverage {
  script: string;
  chars: number[];
  /** Families covering all of `chars`; empty when none does. */
  families: string[];
  /** The characters no installed font covers (looked up one by one when no family covers them all). */
  missing: number[];
}

/** Looks each script up, and, for a script no single font covers, each of its characters. */
export async function coverage(uses: readonly ScriptUse[], lookup: FontLookup): Promise<ScriptCoverage[]> {
  const out: ScriptCoverage[] = [];
  for (const u of uses) {
    const families = await lookup(u.chars);
    const missing: number[] = [];
    if (families.length === 0) {
      for (const cp of u.chars) if ((await lookup([cp])).length === 0) missing.push(cp);
    }
    out.push({ script: u.script, chars: u.chars, families, missing });
  }
  return out;
}

/** `U+1F6A8 🚨` for a message. */
export function describeChar(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${String.fromCodePoint(cp)}`;
}

/** A fontconfig pattern asking for fonts that cover all these characters. */
export function charsetPattern(chars: readonly number[]): string {
  return `:charset=${chars.map((c) => c.toString(16)).join(' ')}`;
}
