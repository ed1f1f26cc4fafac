import { mondayOf, workWeekOf } from "../domain/leave.ts";
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
const THIS_WEEK = /\b(tuan nay|this week)\b/;
const NEXT_WEEK = /\b(tuan (sau|toi)|next week)\b/;
const PERIODS: [RegExp, (today: string) => { from: string; to: string }][] = [
  [/\b(hom nay|today)\b/, (d) => ({ from: d, to: d })],
  [/\b(ngay mai|tomorrow)\b/, (d) => ({ from: addDay(d, 1), to: addDay(d, 1) })],
  [THIS_WEEK, (d) => workWeekOf(d)],
  [NEXT_WEEK, (d) => workWeekOf(addDay(mondayOf(d), 7))],
];
// "thứ 2" … "thứ 7", "chủ nhật": Monday is 0. Only with a digit: Thu is a given name too.
const WEEKDAY = /\b(?:thu\s*([2-7])|chu\s*nhat)\b/g;

/**
 * "từ thứ 2 đến thứ 4 tuần sau", "thứ 6": days of a week named, or else the coming ones (on
 * or after today, the second on or after the first).
 */
function weekdaySpan(folded: string, today: string): { from: string; to: string } | undefined {
  const offsets = [...folded.matchAll(WEEKDAY)].map((m) => (m[1] ? Number(m[1]) - 2 : 6));
  if (offsets.length === 0) return undefined;
  const first = offsets[0] as number;
  const last = offsets.at(-1) as number;
  const week = NEXT_WEEK.test(folded)
    ? addDay(mondayOf(today), 7)
    : THIS_WEEK.test(folded)
      ? mondayOf(today)
      : undefined;
  if (week) return { from: addDay(week, first), to: addDay(week, last) };
  const onOrAfter = (day: string, offset: number) =>
    addDay(day, (offset - daysBetween(mondayOf(day), day) + 7) % 7);
  const from = onOrAfter(today, first);
  return { from, to: onOrAfter(from, last) };
}
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
  "i'm",
  "i’m",
  "im",
  "will",
  "be",
  "taking",
  "la",
  "thay",
]);
const TRAILING = new Set(["a", "nhe", "nha", "voi", "please", "thanks", "cam", "on", "thank", "you"]);

/** "mai a" → "mai": the closing words of a polite sentence taken off (folded text). */
export function withoutPoliteEnd(folded: string): string {
  const words = folded.split(/\s+/);
  while (words.length > 1 && TRAILING.has(words[words.length - 1] as string)) words.pop();
  return words.join(" ");
}

/**
 * The words of `text` that fold to `rest` (readLeaveWords' leftover), as they were typed:
 * "Không tìm thấy ai tên “Nguyễn Văn Khổng”" quotes the person, not our folded copy.
 */
export function asTyped(text: string, rest: string): string {
  const words = text
    .replace(/[,;!?]+/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const folded = words.map((w) => foldAccents(w).replace(/\.+$/, ""));
  const want = rest.split(" ");
  for (let i = 0; i + want.length <= words.length; i++)
    if (want.every((w, k) => folded[i + k] === w)) return words.slice(i, i + want.length).join(" ");
  return rest;
}

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
  folded = folded.replace(DATE, ` ${MARK} `);
  let span = weekdaySpan(folded, today);
  folded = folded.replace(WEEKDAY, ` ${MARK} `);
  for (const [re, make] of PERIODS)
    if (re.test(folded)) {
      span ??= make(today);
      folded = folded.replace(re, ` ${MARK} `);
    }
  if (days.length > 0) span = { from: days[0] as string, to: days.at(-1) as string };
  const words = folded
    .replace(/\.+(\s|$)/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const rest = trimFiller(words)
    .filter((w) => w !== MARK && !CONNECTORS.has(w))
    .join(" ");
  const cancel = !span && CANCEL.test(rest);
  return { ...span, cancel, rest: cancel ? rest.replace(CANCEL, "").trim() : rest };
}

/** Where a date or "hôm nay" stood: the words after the last one are the sentence's ending. */
const MARK = "@";

function trimFiller(words: string[]): string[] {
  let start = 0;
  while (
    start < words.length &&
    (LEADING.has(words[start] as string) || CONNECTORS.has(words[start] as string))
  )
    start++;
  let end = words.length;
  // "ạ" after the dates ends a sentence; in "Nguyễn Văn A 10/12" it ends a name.
  const last = words.lastIndexOf(MARK);
  const ending = (w: string) => TRAILING.has(w) && (last >= 0 || w.length > 1);
  while (end > Math.max(start, last + 1) && ending(words[end - 1] as string)) end--;
  return words.slice(start, end);
}

function dayOf(m: RegExpMatchArray, today: string, after: string | undefined): string | undefined {
  const [, d = "", mo = "", y] = m;
  const pad = (n: string) => n.padStart(2, "0");
  const year = y ? (y.length === 2 ? `20${y}` : y) : today.slice(0, 4);
  let day = `${year}-${pad(mo)}-${pad(d)}`;
  if (!isYmd(day)) return undefined;
  if (!y) {
    const floor = after ?? addDay(today, -60);
    const next = `${Number(year) + 1}${day.slice(4)}`;
    // "28/12 05/01" crosses the new year; "20/12 10/12" is the wrong way round, and is told so.
    if (day < floor && isYmd(next) && (!after || daysBetween(after, next) <= MAX_LEAVE_DAYS)) day = next;
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
