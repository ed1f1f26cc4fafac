/** Text helpers shared by the plan reader, the gazetteer and user-input matching. */

/** Removes HTML tags from a table cell; footnote markers like `<sup>3</sup>` vanish, list markers stay. */
export function stripTags(text: string): string {
  return text
    .replace(/<sup>\s*\d+\s*<\/sup>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/\\([_*])/g, "$1");
}

/** Collapses runs of whitespace and trims; keeps Vietnamese diacritics (NFC). */
export function tidy(text: string): string {
  return stripTags(text).normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Lower case, no diacritics, đ → d: how people type on phones, and how we compare names. */
export function foldAccents(text: string): string {
  return text
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
