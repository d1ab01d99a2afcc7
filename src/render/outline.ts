// The titles of a rendered briefing's headings, in document order: the bookmarks of its PDF.
// The two languages of a bilingual heading (its .fr and .en spans) are joined with " / ".

const HEADING = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  '#x60': '`',
  '#x3D': '=',
};

/** Text of a heading's markup: tags removed, entities decoded, the English part after " / ". */
function headingText(markup: string): string {
  const marked = markup.replace(/<span class="en"[^>]*>/g, '\u0000');
  const text = marked
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g,
      (all, name: string) =>
        ENTITIES[name] ??
        (name.startsWith('#x')
          ? String.fromCodePoint(parseInt(name.slice(2), 16))
          : name.startsWith('#')
            ? String.fromCodePoint(Number(name.slice(1)))
            : all),
    );
  return text
    .split('\u0000')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '')
    .join(' / ');
}

/** The titles of the document's h1–h6, in order (the outline Chromium builds has one item per heading). */
export function headingTitles(html: string): string[] {
  return [...html.matchAll(HEADING)].map((m) => headingText(m[2]!));
}
