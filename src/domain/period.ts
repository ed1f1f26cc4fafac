import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, format, isValid, parseISO, subDays } from "date-fns";
import { UserError } from "../errors.ts";
import { DEFAULT_TIME_ZONE, isYmd } from "./working-time.ts";

/**
 * Reporting periods. The report on month M is due by the deadline day of M+1 (the shipped
 * plan's "trước ngày 10 hàng tháng"; RULES_FILE `cycle.deadlineDay` per plan), so up to that
 * day people report on the month just ended, and after it on the current month. The day has
 * no default here: every caller passes its plan's rule, so no corner can fall back to the 10th.
 */
export function periodOf(localDay: string, deadlineDay: number): string {
  const day = utcDay(localDay);
  if (day === undefined) return format(subDays(parseISO(localDay), deadlineDay), "yyyy-MM");
  return ymd(Date.UTC(day[0], day[1] - 1, day[2] - deadlineDay)).slice(0, 7);
}

/** The last day a period's report counts as on time: ("2026-11", 10) → "2026-12-10". */
export function periodDeadline(period: string, deadlineDay: number): string {
  const day = utcDay(`${period}-01`);
  if (day === undefined)
    return format(addDays(addMonths(parseISO(`${period}-01`), 1), deadlineDay - 1), "yyyy-MM-dd");
  return ymd(Date.UTC(day[0], day[1], deadlineDay));
}

/** The period whose cycle opens in the month of `localDay` (on the 1st of December: "2026-11"). */
export function periodOpenedIn(localDay: string): string {
  return format(addMonths(parseISO(`${localDay.slice(0, 7)}-01`), -1), "yyyy-MM");
}

/*
 * Calendar-day arithmetic on UTC dates: the same days as date-fns's local-time arithmetic in any
 * zone, without its format and parse, which were most of a conversation step's date work (the
 * period is read on several steps of every report). Anything but a real YYYY-MM-DD day of the
 * years a deployment sees goes through date-fns as before, errors included.
 */
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDay(value: string): [number, number, number] | undefined {
  const m = YMD.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 ? [y, mo, d] : undefined;
}

/** "YYYY-MM-DD" of a UTC midnight, as date-fns writes "yyyy-MM-dd". */
function ymd(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

export function isPeriod(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** Whole days from one calendar day to another; plain UTC arithmetic, hot in every tick. */
export function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((dayNumber(toDay) - dayNumber(fromDay)) / 86_400_000);
}

function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

export function addDay(day: string, n: number): string {
  const d = utcDay(day);
  if (d === undefined) return format(addDays(parseISO(day), n), "yyyy-MM-dd");
  return ymd(Date.UTC(d[0], d[1] - 1, d[2] + n));
}

/** "2026-11" → "11/2026", as Vietnamese documents write it. */
export function periodLabel(period: string): string {
  return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

/** "2026-12-10" → "10/12/2026". */
export function dayLabel(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** An instant as Vietnam reads it, "03/12/2026 09:05", whatever the server's zone. */
export function instantLabel(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return format(new TZDate(at.getTime(), timeZone), "dd/MM/yyyy HH:mm");
}

/** A calendar day typed by a person (YYYY-MM-DD), or a polite error. */
export function parseDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isValid(parseISO(value)))
    throw new UserError("err-date", { value });
  return value;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An instant typed by an operator ("2026-12-08T08:00:00+07:00"); one with no offset is read in
 * Vietnam's time (`timeZone`), never the server's. Impossible dates and times (30 February,
 * 25:00) are refused, not rolled over.
 */
export function parseInstant(value: string, timeZone = DEFAULT_TIME_ZONE): Date {
  const v = value.trim();
  const m = INSTANT.exec(v);
  const [hh, mm, ss] = [m?.[2], m?.[3], m?.[4] ?? "0"].map(Number) as [number, number, number];
  if (!m?.[1] || !isYmd(m[1]) || hh > 23 || mm > 59 || ss > 59) throw new UserError("err-instant", { value });
  if (m[5]) return new Date(v.replace(" ", "T"));
  const [y, mo, d] = m[1].split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, mo - 1, d, hh, mm, ss, timeZone).getTime());
}
