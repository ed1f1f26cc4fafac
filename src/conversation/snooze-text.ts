import type { SnoozeOption } from "../choice-data.ts";
import { looseKey } from "./input.ts";

/**
 * "Remind me later" as people type it outside any question: "nhac lai sau 2 tieng",
 * "mai nhac lai", "de thu hai a", "nhac lai sau". Only a message that asks for a reminder later
 * counts (a word of reminding or putting off, and nothing else it could mean); a time that is
 * not one of the offered ones, or two of them at once, asks which.
 */
export type SnoozeAsk = { option: SnoozeOption } | { ask: true };

// "hoan" alone would also be "hoàn thành" (done): only "hoãn lại", "hoãn nhắc"… count.
const INTENT =
  /\b(nhac lai|nhac sau|nhac em|nhac toi|nhac minh|hoan (lai|nhac|sau|den)|remind)\b|\bde (sau|mai|sang mai|thu (hai|2)|t2)\b/;
const LATER = /\b(nhac lai sau|nhac lai|nhac sau|hoan nhac|remind me later|later)\b/;
const OPTIONS: [SnoozeOption, RegExp][] = [
  ["h2", /\b(2|hai) ?(tieng|gio|h|hours?)\b/],
  ["am", /\b(mai|sang mai|tomorrow)\b/],
  ["mo", /\b(thu (hai|2)|t2|monday)\b/],
];
/** Longer messages are sentences about something else that happen to contain the words. */
const MAX_WORDS = 12;

export function readSnoozeText(text: string): SnoozeAsk | undefined {
  const key = looseKey(text);
  if (!key || key.split(" ").length > MAX_WORDS || !INTENT.test(key)) return undefined;
  // "hai tieng" contains "hai", which must not also read as Monday ("thu hai").
  const found = OPTIONS.filter(([, re]) => re.test(key)).map(([o]) => o);
  if (found.length === 1 && found[0]) return { option: found[0] };
  if (found.length > 1 || LATER.test(key)) return { ask: true };
  return undefined;
}
