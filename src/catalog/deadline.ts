import { endOfMonth, format } from "date-fns";
import type { DeadlineKind } from "../db/schema.ts";
import { foldAccents, tidy } from "../text/normalize.ts";

/** A "Thời gian thực hiện" cell, made structured. Dates are Vietnam calendar dates. */
export interface Deadline {
  kind: DeadlineKind;
  /** YYYY-MM-DD or null (recurring; dependent with no date given). */
  due: string | null;
  /** True when the date comes from brackets after a condition: a forecast, not a firm date. */
  indicative: boolean;
  milestones: string[] | null;
  condition: string | null;
  quota: Quota | null;
  text: string;
  /** First day of a range, or of an open-ended yearly task; absent otherwise. */
  start?: string;
  /** "year" for "Hằng năm"; absent for tasks reported every month. */
  every?: "year";
}

export interface Quota {
  count: number;
  per: "year" | "quarter" | "month";
  item: string;
}

export class DeadlineError extends Error {
  constructor(readonly text: string) {
    super(`unrecognised deadline "${text}"`);
    this.name = "DeadlineError";
  }
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const PERIODS: Record<string, Quota["per"]> = { nam: "year", quy: "quarter", thang: "month" };
const DEPENDENT =
  /^(theo tien do|sau khi|ngay sau khi|theo van ban|theo ke hoach|theo huong dan|theo lo trinh|theo chi dao|khi co)\b/;
/** "2025 và những năm tiếp theo", "Bắt đầu triển khai từ năm 2026": every year from then on. */
const FROM_YEAR = [
  /^(?:nam )?(\d{4}) va (?:nhung|cac) nam (?:tiep theo|sau)$/,
  /^(?:bat dau )?(?:trien khai |thuc hien )?tu nam (\d{4})(?: tro di| tro ve sau)?$/,
];
const YEARLY = /^(?:thuc hien )?hang nam$/;
const CONTINUOUS = /^(?:nhiem vu |thuc hien )?thuong xuyen$/;

export interface DatePhrase {
  kind: "month" | "quarter" | "year" | "date";
  due: string;
  /** The first day of the period the phrase names. */
  start: string;
}

/**
 * Parses a bare date phrase: "Tháng 9/2026", "12/2025", "Quý II/2027", "Quí IV-2025",
 * "Năm 2026", "2026", "30/09/2025", "Trước ngày 30/11/2025".
 */
export function parseDatePhrase(text: string): DatePhrase | null {
  const f = foldAccents(tidy(text));
  let m = /^(?:thang )?(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(f);
  if (m) {
    const month = Number(m[1]);
    if (month < 1 || month > 12) return null;
    const year = Number(m[2]);
    return { kind: "month", due: lastDayOfMonth(year, month), start: firstDay(year, month) };
  }
  m = /^qu[yi] ([iv]+|[1-4])\s*[/-]\s*(?:nam )?(\d{4})$/.exec(f);
  const quarter = m ? (ROMAN[m[1] ?? ""] ?? Number(m[1])) : undefined;
  if (m && quarter) {
    const year = Number(m[2]);
    return {
      kind: "quarter",
      due: lastDayOfMonth(year, quarter * 3),
      start: firstDay(year, quarter * 3 - 2),
    };
  }
  m = /^(?:nam )?(\d{4})$/.exec(f);
  if (m) return { kind: "year", due: `${m[1]}-12-31`, start: `${m[1]}-01-01` };
  m = /^(?:(?:truoc|den|trong|han) )?(?:ngay )?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(f);
  if (m) {
    const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
    const iso = date.toISOString().slice(0, 10);
    return { kind: "date", due: iso, start: iso };
  }
  return null;
}

const firstDay = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}-01`;

function lastDayOfMonth(year: number, month: number): string {
  return format(endOfMonth(new Date(year, month - 1, 1)), "yyyy-MM-dd");
}

/** Splits "text (bracketed)" where the brackets close the text, allowing nested parentheses. */
function trailingBracket(text: string): { head: string; inner: string } | null {
  if (!text.endsWith(")")) return null;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ")") depth++;
    else if (text[i] === "(" && --depth === 0) {
      return { head: text.slice(0, i).trim(), inner: text.slice(i + 1, -1).trim() };
    }
  }
  return null;
}

export function parseDeadline(raw: string): Deadline {
  const text = tidy(raw).replace(/\(\s+/g, "(").replace(/\s+\)/g, ")");
  const base = { indicative: false, milestones: null, condition: null, quota: null, text };
  const folded = foldAccents(text);

  if (/^(thuc hien )?thuong xuyen\b/.test(folded)) {
    const bracket = trailingBracket(text);
    const rest = foldAccents(bracket ? bracket.head : text)
      .replace(/^(thuc hien )?thuong xuyen/, "")
      .trim();
    if (rest !== "") throw new DeadlineError(text);
    return { ...base, kind: "recurring", due: null, quota: bracket ? parseQuota(bracket.inner, text) : null };
  }

  if (folded === "") return { ...base, kind: "none", due: null };
  if (CONTINUOUS.test(folded)) return { ...base, kind: "recurring", due: null };
  if (YEARLY.test(folded)) return { ...base, kind: "recurring", due: null, every: "year" };
  for (const re of FROM_YEAR) {
    const y = re.exec(folded)?.[1];
    if (y) return { ...base, kind: "recurring", due: null, start: `${y}-01-01`, every: "year" };
  }

  const date = parseDatePhrase(text);
  if (date) return { ...base, kind: date.kind, due: date.due };
  const range = parseRange(text);
  if (range) return { ...base, kind: "range", due: range.due, start: range.start };

  const milestones = /^danh gia theo cac moc nam ((?:\d{4}\s*,\s*)*\d{4})$/.exec(folded);
  if (milestones?.[1]) {
    const days = milestones[1].split(",").map((y) => `${y.trim()}-12-31`);
    return { ...base, kind: "milestones", due: days[0] ?? null, milestones: days };
  }

  if (DEPENDENT.test(folded)) {
    const bracket = trailingBracket(text);
    const forecast = bracket ? parseDatePhrase(bracket.inner) : null;
    if (bracket && forecast) {
      return { ...base, kind: "dependent", due: forecast.due, indicative: true, condition: bracket.head };
    }
    return { ...base, kind: "dependent", due: null, condition: text };
  }
  throw new DeadlineError(text);
}

/** "2025 - 2026", "Năm 2025-2030", "Quý IV/2025 - Quý II/2026", "Từ tháng 3/2026 đến tháng 6/2026". */
function parseRange(text: string): { start: string; due: string } | null {
  const t = tidy(text);
  const f = foldAccents(t);
  const words = /^tu (.+) den (.+)$/.exec(f);
  const candidates: [string, string][] = words ? [[words[1] ?? "", words[2] ?? ""]] : [];
  // Try every dash: "Quí IV-2025 - Quí II-2026" has dashes inside its ends too.
  for (const m of f.matchAll(/\s*[-–—]\s*/g)) {
    const at = m.index ?? 0;
    candidates.push([f.slice(0, at), f.slice(at + m[0].length)]);
  }
  for (const [a, b] of candidates) {
    const from = parseDatePhrase(a);
    const prefix = /^nam /.test(a) ? "nam " : "";
    const to = parseDatePhrase(prefix + b) ?? parseDatePhrase(b);
    if (from && to && from.start <= to.due) return { start: from.start, due: to.due };
  }
  return null;
}

/** "(Mỗi đơn vị ít nhất 1 khóa học/năm)" → { count: 1, per: "year", item: "khóa học" }. */
function parseQuota(inner: string, whole: string): Quota {
  const m = /ít nhất\s+(\d+)\s+(.+?)\s*\/\s*(năm|quý|tháng)$/i.exec(inner);
  const per = m ? PERIODS[foldAccents(m[3] ?? "")] : undefined;
  if (!m || !per) throw new DeadlineError(whole);
  return { count: Number(m[1]), per, item: (m[2] ?? "").trim() };
}
