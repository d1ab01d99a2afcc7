// Limits that validation and printing share, so that whatever validates prints.

/**
 * The longest protection mention (event.yaml `event.protection_mention`), in characters. The
 * running header and footer give it up to three lines across the page at 9 to 7 pt
 * (src/pdf/header-footer.ts); 160 characters fit there even in the widest capitals (W, M).
 */
export const PROTECTION_MENTION_MAX = 160;
