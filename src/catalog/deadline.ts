import { endOfMonth, format } from "date-fns";
import type { DeadlineKind } from "../db/schema.ts";
import { foldAccents, tidy } from "./text.ts";

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
const DEPENDENT = /^(theo tien do|sau khi|ngay sau khi|theo van ban|theo ke hoach|theo huong dan)\b/;

/** Parses a bare date phrase: "Tháng 9/2026", "Quý II/2027", "Năm 2026". */
export function parseDatePhrase(text: string): { kind: "month" | "quarter" | "year"; due: string } | null {
  const f = foldAccents(tidy(text));
  let m = /^thang (\d{1,2})\/(\d{4})$/.exec(f);
  if (m) {
    const month = Number(m[1]);
    if (month < 1 || month > 12) return null;
    return { kind: "month", due: lastDayOfMonth(Number(m[2]), month) };
  }
  m = /^quy ([iv]+)\/(\d{4})$/.exec(f);
  const quarter = m ? ROMAN[m[1] ?? ""] : undefined;
  if (m && quarter) return { kind: "quarter", due: lastDayOfMonth(Number(m[2]), quarter * 3) };
  m = /^nam (\d{4})$/.exec(f);
  if (m) return { kind: "year", due: `${m[1]}-12-31` };
  return null;
}

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

  const date = parseDatePhrase(text);
  if (date) return { ...base, ...date };

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

/** "(Mỗi đơn vị ít nhất 1 khóa học/năm)" → { count: 1, per: "year", item: "khóa học" }. */
function parseQuota(inner: string, whole: string): Quota {
  const m = /ít nhất\s+(\d+)\s+(.+?)\s*\/\s*(năm|quý|tháng)$/i.exec(inner);
  const per = m ? PERIODS[foldAccents(m[3] ?? "")] : undefined;
  if (!m || !per) throw new DeadlineError(whole);
  return { count: Number(m[1]), per, item: (m[2] ?? "").trim() };
}
