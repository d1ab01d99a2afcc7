// Chinese, Japanese and Korean share code points whose glyphs differ (直, 骨, 令): a name of the
// host's is drawn in the host's forms, not in those the document's language would pick (French
// or English say nothing of them). The page (templates/briefing.css `.cjk-*`) and the PDF's
// running header and footer (src/pdf/header-footer.ts) use the same family.

/** The regional glyph forms of Noto Sans CJK: simplified Chinese, traditional, Hong Kong, Japanese, Korean. */
export type CjkForms = 'sc' | 'tc' | 'hk' | 'jp' | 'kr';

const BY_HOST: Readonly<Record<string, CjkForms>> = {
  JPN: 'jp',
  KOR: 'kr',
  PRK: 'kr',
  TWN: 'tc',
  HKG: 'hk',
  MAC: 'hk',
};

/** The font family of each (fonts-noto-cjk installs them all). */
export const CJK_FAMILY: Readonly<Record<CjkForms, string>> = {
  sc: 'Noto Sans CJK SC',
  tc: 'Noto Sans CJK TC',
  hk: 'Noto Sans CJK HK',
  jp: 'Noto Sans CJK JP',
  kr: 'Noto Sans CJK KR',
};

/** The CJK forms for an event's host (alpha-3): JPN, KOR and PRK, TWN, HKG and MAC; else simplified Chinese. */
export function cjkFormsOf(host: string | undefined): CjkForms {
  return (host !== undefined && BY_HOST[host]) || 'sc';
}
