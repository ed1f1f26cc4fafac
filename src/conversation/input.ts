import type { Choice } from "../messages.ts";
import { foldAccents } from "../text/normalize.ts";

/**
 * How people type on phones, read one way everywhere: labels without accents or with Telex
 * leftovers ("hoanf thanhf"), Vietnamese numbers ("85,5", "1.234", "60 phần trăm"), refs in
 * any spelling ("ii.1", "II 1", "Ⅱ.1").
 */

/** A Telex tone key left at a word's end (s f r x j): no Vietnamese syllable ends in one. */
const TELEX_TONE = /(?<=[a-z])[sfrxj]$/;

/**
 * The comparable form of a label or an answer: no accents, no emoji or punctuation, Telex
 * vowel and tone keys undone ("hoanf thanhf", "dduwowcj" → as typed with accents). Both sides
 * of a comparison go through it, so English labels stay comparable too.
 */
export function looseKey(text: string): string {
  return foldAccents(text.normalize("NFKC"))
    .replace(/[^a-z0-9%]+/g, " ")
    .trim()
    .split(" ")
    .map((w) =>
      w
        .replace(/dd/g, "d")
        .replace(/aa|aw/g, "a")
        .replace(/ee/g, "e")
        .replace(/oo|ow/g, "o")
        .replace(/uw/g, "u")
        .replace(TELEX_TONE, "")
        // A vowel key typed after the consonant ("macws" for "mắc") modifies nothing we compare.
        .replace(/w/g, ""),
    )
    .join(" ");
}

/**
 * Labels are few and said again and again (buttons, task titles): their keys are kept, and a
 * typed answer is matched against every offered label on each message.
 */
const labelKeys = new Map<string, string>();
const MAX_LABEL_KEYS = 10_000;

function labelKey(label: string): string {
  let key = labelKeys.get(label);
  if (key === undefined) {
    key = looseKey(label);
    if (labelKeys.size < MAX_LABEL_KEYS) labelKeys.set(label, key);
  }
  return key;
}

export type LabelMatch<T> = { one: T } | { many: T[] } | undefined;

/**
 * An exact match first, then a prefix shared by exactly one label (at least 3 letters);
 * several labels with that prefix come back as candidates. `contains` (long titles) also
 * looks for the words anywhere, from 5 letters on.
 */
export function matchLabel<T>(
  text: string,
  items: T[],
  labelOf: (item: T) => string,
  opts: { contains?: boolean } = {},
): LabelMatch<T> {
  const key = looseKey(text);
  if (!key) return undefined;
  const keyed = items.map((item) => ({ item, label: labelKey(labelOf(item)) }));
  const exact = keyed.filter((k) => k.label === key);
  if (exact.length === 1 && exact[0]) return { one: exact[0].item };
  if (exact.length > 1) return { many: exact.map((k) => k.item) };
  if (key.length < 3) return undefined;
  let found = keyed.filter((k) => k.label.startsWith(key));
  if (found.length === 0 && opts.contains && key.length >= 5)
    found = keyed.filter((k) => k.label.includes(key));
  if (found.length === 1 && found[0]) return { one: found[0].item };
  return found.length > 1 ? { many: found.map((k) => k.item) } : undefined;
}

/** A choice by its number in a numbered menu ("2", "số 2"), or undefined. */
export function choiceByNumber(text: string, choices: Choice[]): Choice | undefined {
  const m = /^\s*(?:so\s*)?(\d{1,2})\s*[.)]?\s*$/.exec(foldAccents(text));
  return m ? choices[Number(m[1]) - 1] : undefined;
}

/** Words in front of a number that change nothing: "đạt 60%", "được 3", "khoảng 40". */
const LEAD_WORDS = /^(?:(?:da|dat|duoc|la|khoang|khoang chung|tong|tong cong|con)\s+)+/;
const PERCENT_WORDS = /\s*(?:%|phan tram|pt)$/;
const DIGIT_WORDS = ["khong", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi"];

export interface ReadNumber {
  value: number;
  percent: boolean;
  /** What followed the number, accent-free ("tai lieu"): a unit the caller may check. */
  unit: string;
}

/**
 * A number as Vietnamese write it: "," is the decimal mark and "." groups thousands
 * ("85,5", "1.234", "1.234,5"); "1.5" (one dot, not three digits after) is read as a decimal
 * too, as phones with English keyboards type it. Small numbers in words ("hai") count.
 */
export function readNumber(text: string): ReadNumber | undefined {
  let t = foldAccents(text.normalize("NFKC")).trim().replace(/\s+/g, " ");
  t = t.replace(LEAD_WORDS, "");
  const percent = PERCENT_WORDS.test(t);
  t = t.replace(PERCENT_WORDS, "");
  const m = /^(-?[\d.,]*\d)\s*([a-z][a-z ]*)?$/.exec(t);
  if (!m) {
    // One number word and a unit ("hai tài liệu"); "năm mươi" (fifty) is more than we read.
    const [first = "", ...rest] = t.split(" ");
    const word = DIGIT_WORDS.indexOf(first);
    const compound = rest.some(
      (w) => DIGIT_WORDS.includes(w) || /^(tram|nghin|ngan|trieu|lam|tu|linh|le|\d+)$/.test(w),
    );
    return word >= 0 && !compound ? { value: word, percent, unit: rest.join(" ") } : undefined;
  }
  const value = vietnameseNumber(m[1] ?? "");
  return value === undefined ? undefined : { value, percent, unit: (m[2] ?? "").trim() };
}

function vietnameseNumber(raw: string): number | undefined {
  let s = raw;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, "").replace(",", ".");
  else if (/^-?\d{1,3}(,\d{3}){2,}$/.test(s)) s = s.replace(/,/g, "");
  else if (/^-?\d+[.,]\d+$/.test(s)) s = s.replace(",", ".");
  else if (!/^-?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A ref as people type it: "ii.1", "II 1", "Ⅱ.1", "nv II-1", "II,1" → "II.1". Undefined for
 * anything that is not a section numeral and a number.
 */
export function readRef(text: string): string | undefined {
  const t = text
    .normalize("NFKC")
    .trim()
    .replace(/^(?:nv|nhiem vu|nhiệm vụ|ct|chi tieu|chỉ tiêu|muc|mục)\s*/i, "");
  const m = /^([ivxlIVXL]{1,5})\s*[.,\-_/:\s]?\s*(\d{1,3})\s*\.?$/.exec(t);
  if (!m) return undefined;
  return `${(m[1] ?? "").toUpperCase()}.${Number(m[2])}`;
}

/** A ref typed as a command's argument: read as readRef reads one, else as typed, upper case (for the reply). */
export function argRef(text: string): string {
  return readRef(text) ?? text.trim().toUpperCase();
}
