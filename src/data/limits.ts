// How long a text of the data folder may be, in characters (Unicode code points). A longer text
// is a problem of `cci validate` stating the limit, so that whatever validates also prints: a
// document of texts at these limits prints through Chromium in the usual time
// (test/e2e/text-limits.test.ts). The limits are far above what an officer writes (a summary of
// 5,000 characters is about a page and a half): they exist to refuse a pasted file or a runaway
// export, never a real text.

export const TEXT_LIMITS = {
  /** Names, labels, communes, sources, codes, ids: every text not named below. */
  short: 200,
  /**
   * event.yaml `event.protection_mention`. The running header and footer of every PDF page give
   * it up to three lines across the page at 9 to 7 pt (src/pdf/header-footer.ts); 160 characters
   * fit there even in the widest capitals (W, M).
   */
  protectionMention: 160,
  /**
   * event.yaml `labels: special_fr / special_en`: the SPÉCIAL FRANCE stamp's own words, one boxed
   * line in the running header and footer beside the TLP label and the protection mention.
   */
  specialStamp: 40,
  /** title_fr / title_en of assessments and agenda items. */
  title: 500,
  /** fr / en of a key message of day.yaml. */
  keyMessage: 2_000,
  /** summary_fr / summary_en of incidents. */
  summary: 5_000,
  /** body_fr / body_en of assessments. */
  body: 10_000,
  /** A list written as text (`DEU|BEL|ESP`): its whole text. */
  listText: 2_000,
  /** A list field (nationalities, releasable_to, exclude): its number of items. */
  listItems: 300,
} as const;

/** Whether a text has more than `max` characters (code points). */
export function longerThan(text: string, max: number): boolean {
  return text.length > max && codePoints(text) > max; // UTF-16 units ≥ code points
}

/** The number of characters (code points) of a text. */
export function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
