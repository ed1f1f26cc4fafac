/**
 * The working-time calendar: when the bot may send. Pure; the holiday list comes from the caller
 * (see src/calendar/holidays.ts), so tests and other years need no I/O.
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

export type DayEntry = { date: string /* YYYY-MM-DD */; name: string; kind: "holiday" | "workday" };

export type WorkingCalendarOptions = {
  start?: string /* HH:MM */;
  end?: string /* HH:MM */;
  timeZone?: string;
};

export type WorkingCalendar = {
  readonly timeZone: string;
  isWorkingDay(ymd: string): boolean;
  holidayName(ymd: string): string | undefined;
  /** What the calendar says of a day it lists (a holiday's name, or which day a make-up day stands for). */
  dayName(ymd: string): string | undefined;
  /** The earliest instant ≥ `at` inside working time on a working day (`at`'s own instant if already inside). */
  nextSendTime(at: Date): Date;
  workingDayOnOrBefore(ymd: string): string;
  workingDayOnOrAfter(ymd: string): string;
  isWorkingTime(at: Date): boolean;
  localDate(at: Date): string;
};

export const DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";
export const DEFAULT_WORK_START = "07:30";
export const DEFAULT_WORK_END = "17:30";

// Longest real break (Tết plus weekends) is ~10 days; 60 leaves room for operator overrides while
// still failing fast on a calendar that marks everything as a holiday.
const MAX_SEARCH_DAYS = 60;
const QUARTER_HOUR_MS = 15 * 60 * 1000;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isYmd(value: string): boolean {
  const m = YMD.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parseYmd(ymd: string): [number, number, number] {
  if (!isYmd(ymd)) throw new Error(`Not a YYYY-MM-DD date: "${ymd}"`);
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return [y, m, d];
}

// Calendar-day arithmetic is zone-free, so plain UTC dates avoid any offset surprises.
function addDaysYmd(ymd: string, days: number): string {
  const [y, m, d] = parseYmd(ymd);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function isWeekend(ymd: string): boolean {
  const [y, m, d] = parseYmd(ymd);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function parseHhmm(value: string, label: string): number {
  const m = HHMM.exec(value);
  if (!m) throw new Error(`Working ${label} must be HH:MM, got "${value}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function createWorkingCalendar(
  entries: DayEntry[],
  opts: WorkingCalendarOptions = {},
): WorkingCalendar {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const startMin = parseHhmm(opts.start ?? DEFAULT_WORK_START, "start");
  const endMin = parseHhmm(opts.end ?? DEFAULT_WORK_END, "end");
  if (startMin >= endMin) throw new Error(`Working start ${opts.start} must be before end ${opts.end}`);

  const byDate = new Map<string, DayEntry>();
  for (const entry of entries) {
    parseYmd(entry.date);
    byDate.set(entry.date, entry); // later entries win, matching the loader's merge order
  }

  const isWorkingDay = (ymd: string): boolean => {
    const entry = byDate.get(ymd);
    if (entry?.kind === "workday") return true;
    if (entry?.kind === "holiday") return false;
    return !isWeekend(ymd);
  };

  // Every incoming message asks for today's date, and formatting through the time zone costs
  // more than the rest of a conversation step; every zone's offsets and changes fall on quarter
  // hours, so one quarter hour has one local date and the last one answered is kept.
  let memo = { quarter: Number.NaN, day: "" };
  const localDate = (at: Date): string => {
    const quarter = Math.floor(at.getTime() / QUARTER_HOUR_MS);
    if (quarter !== memo.quarter)
      memo = { quarter, day: format(new TZDate(at.getTime(), timeZone), "yyyy-MM-dd") };
    return memo.day;
  };

  const instantAt = (ymd: string, minutes: number): Date => {
    const [y, m, d] = parseYmd(ymd);
    const local = new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, timeZone);
    return new Date(local.getTime());
  };

  const searchWorkingDay = (ymd: string, step: 1 | -1): string => {
    for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
      const day = addDaysYmd(ymd, i * step);
      if (isWorkingDay(day)) return day;
    }
    throw new Error(`No working day within ${MAX_SEARCH_DAYS} days of ${ymd}`);
  };

  const isWorkingTime = (at: Date): boolean => {
    const day = localDate(at);
    if (!isWorkingDay(day)) return false;
    // [start, end): a reminder due exactly at closing time waits for the next morning.
    return (
      at.getTime() >= instantAt(day, startMin).getTime() && at.getTime() < instantAt(day, endMin).getTime()
    );
  };

  const nextSendTime = (at: Date): Date => {
    const today = localDate(at);
    if (isWorkingDay(today)) {
      const opens = instantAt(today, startMin);
      if (at.getTime() < opens.getTime()) return opens;
      if (at.getTime() < instantAt(today, endMin).getTime()) return new Date(at.getTime());
    }
    return instantAt(searchWorkingDay(addDaysYmd(today, 1), 1), startMin);
  };

  return {
    timeZone,
    isWorkingDay,
    holidayName: (ymd) => {
      const entry = byDate.get(ymd);
      return entry?.kind === "holiday" ? entry.name : undefined;
    },
    dayName: (ymd) => byDate.get(ymd)?.name,
    nextSendTime,
    workingDayOnOrBefore: (ymd) => searchWorkingDay(ymd, -1),
    workingDayOnOrAfter: (ymd) => searchWorkingDay(ymd, 1),
    isWorkingTime,
    localDate,
  };
}
