/** Text helpers shared by the plan reader, the gazetteer and user-input matching. */

/** Removes HTML tags from a table cell; footnote markers like `<sup>3</sup>` vanish, list markers stay. */
export function stripTags(text: string): string {
  return text
    .replace(/<sup>\s*\d+\s*<\/sup>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/\\([_*])/g, "$1");
}

/**
 * Invisible format characters (zero-width space and joiners, bidi marks and embeddings, soft
 * hyphen, BOM) that text copied from Word or PDF documents carries between letters.
 */
const FORMAT_CHARS = /\p{Cf}/gu;

/** Collapses runs of whitespace and trims; keeps Vietnamese diacritics (NFC). */
export function tidy(text: string): string {
  return stripTags(text).normalize("NFC").replace(FORMAT_CHARS, "").replace(/\s+/g, " ").trim();
}

/**
 * Lower case, no diacritics, đ → d: how people type on phones, and how we compare names.
 * NFKC first turns fullwidth letters and compatibility spaces into plain ones.
 */
export function foldAccents(text: string): string {
  return text
    .normalize("NFKC")
    .replace(FORMAT_CHARS, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

/** A URL- and id-safe slug: "Sở Y tế" → "so-y-te". */
export function slugify(text: string): string {
  return foldAccents(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
