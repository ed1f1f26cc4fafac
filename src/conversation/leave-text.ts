import { workWeekOf } from "../domain/leave.ts";
import { addDay, daysBetween } from "../domain/period.ts";
import { isYmd } from "../domain/working-time.ts";
import { foldAccents } from "../text/normalize.ts";

/** What a leave or deputy message says: dates, "call it off", and the words left (a name). */
export interface LeaveWords {
  from?: string;
  to?: string;
  cancel: boolean;
  /** The words left once dates and the usual phrasing are taken out, accents folded. */
  rest: string;
}

const DATE = /(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?/g;
const PERIODS: [RegExp, (today: string) => { from: string; to: string }][] = [
  [/\b(hom nay|today)\b/, (d) => ({ from: d, to: d })],
  [/\b(ngay mai|tomorrow)\b/, (d) => ({ from: addDay(d, 1), to: addDay(d, 1) })],
  [/\b(tuan nay|this week)\b/, (d) => workWeekOf(d)],
];
const CANCEL = /^(huy|ket thuc|cancel|end)\b/;
const CONNECTORS = new Set(["tu", "den", "toi", "from", "to", "until", "-", "ngay", "on"]);
const LEADING = new Set([
  "em",
  "anh",
  "chi",
  "co",
  "chu",
  "ong",
  "ba",
  "ban",
  "dong",
  "toi",
  "minh",
  "xin",
  "nghi",
  "phep",
  "cho",
  "dang",
  "ky",
  "se",
  "uy",
  "quyen",
  "i",
  "am",
  "on",
  "leave",
  "deputy",
  "la",
  "thay",
]);
const TRAILING = new Set(["a", "nhe", "nha", "voi", "please", "thanks", "cam", "on"]);

/**
 * Reads "em nghi phep tu 10/12 den 20/12 a", "10/12 20/12", "hom nay", "tuan nay", "huy".
 * A date without its year is the coming one: typed in December, 05/01 is next January, and a
 * second date before the first is in the year after it. Undefined: a date that does not exist.
 */
export function readLeaveWords(text: string, today: string): LeaveWords | undefined {
  let folded = foldAccents(text)
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, "$3/$2/$1")
    .replace(/[,;!?]+/g, " ");
  const days: string[] = [];
  for (const m of folded.matchAll(DATE)) {
    const day = dayOf(m, today, days[0]);
    if (!day) return undefined;
    days.push(day);
  }
  folded = folded.replace(DATE, " ");
  let span: { from: string; to: string } | undefined;
  for (const [re, make] of PERIODS)
    if (re.test(folded)) {
      span ??= make(today);
      folded = folded.replace(re, " ");
    }
  if (days.length > 0) span = { from: days[0] as string, to: days.at(-1) as string };
  const rest = trimFiller(
    folded
      .replace(/\.+(\s|$)/g, " ")
      .split(/\s+/)
      .filter((w) => w && !CONNECTORS.has(w)),
  );
  const cancel = !span && CANCEL.test(rest);
  return { ...span, cancel, rest: cancel ? rest.replace(CANCEL, "").trim() : rest };
}

function trimFiller(words: string[]): string {
  let start = 0;
  while (start < words.length && LEADING.has(words[start] as string)) start++;
  let end = words.length;
  // One trailing word only: "ạ" ends a sentence, but "Nguyễn Văn A" ends a name.
  if (end - start > 1 && TRAILING.has(words[end - 1] as string)) end--;
  return words.slice(start, end).join(" ");
}

function dayOf(m: RegExpMatchArray, today: string, after: string | undefined): string | undefined {
  const [, d = "", mo = "", y] = m;
  const pad = (n: string) => n.padStart(2, "0");
  const year = y ? (y.length === 2 ? `20${y}` : y) : today.slice(0, 4);
  let day = `${year}-${pad(mo)}-${pad(d)}`;
  if (!isYmd(day)) return undefined;
  if (!y) {
    const floor = after ?? addDay(today, -60);
    if (day < floor) day = `${Number(year) + 1}${day.slice(4)}`;
    if (!isYmd(day)) return undefined;
  }
  return day;
}

/** The longest leave the bot takes at once: longer ones are typos ("10/12 20/11"). */
export const MAX_LEAVE_DAYS = 92;

export function leaveProblem(from: string, to: string, today: string): string | undefined {
  if (to < from) return "leave-err-order";
  if (to < today) return "leave-err-past";
  if (daysBetween(from, to) > MAX_LEAVE_DAYS) return "leave-err-long";
  return undefined;
}
