import { isYmd } from "../domain/working-time.ts";
import { foldAccents } from "../text/normalize.ts";
import { readRef } from "./input.ts";

/**
 * How people ask for more time, typed on a phone without accents: "xin gia han V.9 den 20/12
 * vi cho huong dan", "em xin gia han den 20/12 a", "/giahan V.6 20/01/2027 ly do: cho kinh phi".
 * What is missing (the task, the date, the reason) is asked for afterwards.
 */
export interface ExtensionAsk {
  ref?: string;
  /** ISO day; a day written without a year is the next one on or after today. */
  day?: string;
  /** The words of a date that is not one ("31/02"), to say which. */
  badDay?: string;
  reason?: string;
}

const OPENING = new Set(["em", "toi", "minh", "chung", "xin", "de", "nghi", "kinh", "please", "request"]);
const ASK = [
  ["gia", "han"],
  ["giahan"],
  ["extend"],
  ["extension"],
  ["cho"],
  ["nhiem", "vu"],
  ["nv"],
  ["task"],
];
const BEFORE_DAY = new Set([
  "den",
  "toi",
  "ngay",
  "han",
  "thanh",
  "to",
  "until",
  "till",
  "moi",
  "sang",
  "lui",
]);
const REASON = [
  ["ly", "do"],
  ["li", "do"],
  ["vi"],
  ["do"],
  ["because"],
  ["reason"],
  ["since"],
  ["boi", "vi"],
];
const CLOSING = new Set(["a", "nhe", "nha", "please", "thanks", "", "cam", "on"]);

const DAY = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?[.,;:]?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[.,;:]?$/;

/** A day as typed, given today's ISO day: 20/12, 20/12/2026, 20-12-26, 2026-12-20. */
export function readAskedDay(word: string, today: string): string | undefined {
  const iso = ISO.exec(word);
  if (iso) return isYmd(`${iso[1]}-${iso[2]}-${iso[3]}`) ? `${iso[1]}-${iso[2]}-${iso[3]}` : undefined;
  const m = DAY.exec(word);
  if (!m) return undefined;
  const dd = (m[1] ?? "").padStart(2, "0");
  const mm = (m[2] ?? "").padStart(2, "0");
  if (m[3]) {
    const yyyy = m[3].length === 2 ? `20${m[3]}` : m[3];
    return isYmd(`${yyyy}-${mm}-${dd}`) ? `${yyyy}-${mm}-${dd}` : undefined;
  }
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const day = `${y}-${mm}-${dd}`;
    if (isYmd(day) && day >= today) return day;
  }
  return undefined;
}

const looksLikeDay = (w: string) => DAY.test(w) || ISO.test(w);

function startsWith(folded: string[], at: number, phrase: string[]): boolean {
  return phrase.every((w, i) => folded[at + i] === w);
}

/** Skips the words at `at` that any phrase of `phrases` (or any word of `words`) begins. */
function skip(folded: string[], at: number, phrases: string[][], words = new Set<string>()): number {
  let i = at;
  for (let moved = true; moved && i < folded.length; ) {
    moved = false;
    if (words.has(folded[i] ?? "")) {
      i++;
      moved = true;
      continue;
    }
    const p = phrases.find((ph) => startsWith(folded, i, ph));
    if (p) {
      i += p.length;
      moved = true;
    }
  }
  return i;
}

/** Reads a request typed as one sentence (the command's argument, or the whole message). */
export function readExtensionAsk(text: string, today: string): ExtensionAsk {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const folded = words.map((w) => foldAccents(w).replace(/[.,;:!?]+$/, ""));
  const out: ExtensionAsk = {};
  const rest: number[] = [];
  for (let i = skip(folded, 0, ASK, OPENING); i < folded.length; i++) {
    const f = folded[i] ?? "";
    const ref = out.ref === undefined ? readRef(f) : undefined;
    if (ref) {
      out.ref = ref;
      continue;
    }
    if (looksLikeDay(f) && out.day === undefined && out.badDay === undefined) {
      const day = readAskedDay(f, today);
      if (day) out.day = day;
      else out.badDay = words[i];
      while (rest.length && BEFORE_DAY.has(folded[rest.at(-1) ?? -1] ?? "")) rest.pop();
      continue;
    }
    rest.push(i);
  }
  const reason = reasonOf(
    rest.map((i) => words[i] ?? ""),
    rest.map((i) => folded[i] ?? ""),
  );
  if (reason) out.reason = reason;
  return out;
}

/** The words left once the task and the date are taken, without "vì"/"lý do" before nor "ạ" after. */
function reasonOf(words: string[], folded: string[]): string | undefined {
  let end = folded.length;
  while (end > 0 && CLOSING.has(folded[end - 1] ?? "")) end--;
  const start = skip(folded.slice(0, end), 0, REASON);
  const reason = words
    .slice(start, end)
    .join(" ")
    .replace(/^[:\-–,.\s]+/, "")
    .trim();
  return reason || undefined;
}
