import { readFileSync } from "node:fs";
import { TZDate } from "@date-fns/tz";
import { addMonths, format } from "date-fns";
import { parseDayEntries, SHIPPED_HOLIDAYS_FILE } from "../calendar/holidays.ts";
import type { Config } from "../config.ts";
import { rulesFor } from "../domain/rules.ts";
import { loadRulesFile } from "../domain/rules-file.ts";
import { cycleStepsOn } from "../domain/schedule.ts";
import type { WorkingCalendar } from "../domain/working-time.ts";
import { TICK_INTERVAL_MS } from "../jobs/schedulers.ts";
import type { Store } from "../store/index.ts";
import type { Check } from "./check.ts";

const TZ = "Asia/Ho_Chi_Minh";
/** engine/tick.ts keeps the instant of the last tick under this key. */
const TICK_MINUTES = TICK_INTERVAL_MS / 60_000;
const FAILED_WINDOW_DAYS = 7;

const local = (at: Date) => format(new TZDate(at, TZ), "dd/MM/yyyy HH:mm");

export async function checkRedis(url: string): Promise<Check> {
  const { connectNow, redactUrl } = await import("../jobs/redis.ts");
  try {
    const redis = await connectNow(url);
    await redis.ping().finally(() => redis.disconnect());
    return { name: "redis", status: "ok", key: "doctor-redis-ok", args: { url: redactUrl(url) } };
  } catch {
    return { name: "redis", status: "problem", key: "doctor-redis-down", args: { url: redactUrl(url) } };
  }
}

export async function checkPlan(store: Store): Promise<{ check: Check; planId?: string }> {
  const plan = await store.checks.firstPlan();
  if (!plan) return { check: { name: "plan", status: "problem", key: "doctor-plan-none" } };
  const tasks = await store.checks.openTaskCount(plan.id);
  return {
    planId: plan.id,
    check: {
      name: "plan",
      status: tasks > 0 ? "ok" : "problem",
      key: "doctor-plan-ok",
      args: { plan: plan.id, tasks },
    },
  };
}

/** Agencies that lead open work but have nobody the bot can reach as focal point: no reminder reaches them. */
export async function checkFocalPoints(store: Store): Promise<Check> {
  const reached = new Set((await store.people.reachableChats({ role: "focal" })).map((c) => c.agencyId));
  const rows = (await store.checks.leadAgencies()).filter((id) => !reached.has(id));
  if (rows.length === 0) return { name: "focal-points", status: "ok", key: "doctor-focal-ok" };
  const shown = rows.slice(0, 5).join(", ") + (rows.length > 5 ? ", …" : "");
  return {
    name: "focal-points",
    status: "problem",
    key: "doctor-focal-missing",
    args: { count: rows.length, agencies: shown },
  };
}

export async function checkOutbox(store: Store, now: Date): Promise<Check> {
  const since = new Date(now.getTime() - FAILED_WINDOW_DAYS * 86_400_000);
  const { failed, unreachable, pending } = await store.checks.outboxHealth(since, now);
  const args = { failed, unreachable, pending, days: FAILED_WINDOW_DAYS };
  return { name: "outbox", status: failed > 0 ? "problem" : "ok", key: "doctor-outbox", args };
}

/** The last tick (a problem when older than two intervals: nothing runs the rules), the next tick and cycle step. */
export async function checkSchedule(
  store: Store,
  config: Config,
  calendar: WorkingCalendar,
  planId: string | undefined,
  now: Date,
): Promise<Check[]> {
  const next = new Date(Math.floor(now.getTime() / (TICK_MINUTES * 60_000) + 1) * TICK_MINUTES * 60_000);
  const last = await store.engine.lastTickAt();
  const checks: Check[] = [];
  if (!last)
    checks.push({ name: "tick", status: "problem", key: "doctor-tick-never", args: { next: local(next) } });
  else {
    const age = Math.round((now.getTime() - last.getTime()) / 60_000);
    const late = age > 2 * TICK_MINUTES;
    checks.push({
      name: "tick",
      status: late ? "problem" : "ok",
      key: late ? "doctor-tick-late" : "doctor-tick-ok",
      args: { last: local(last), minutes: age, next: local(next) },
    });
  }
  const rules = rulesFor(loadRulesFile(config.RULES_FILE), planId ?? "");
  const [h = 8, m = 0] = rules.cycle.time.split(":").map(Number);
  for (let i = 0; i < 70; i++) {
    const day = calendar.localDate(new Date(now.getTime() + i * 86_400_000));
    const [y = 0, mo = 1, d = 1] = day.split("-").map(Number);
    const at = new TZDate(y, mo - 1, d, h, m, 0, TZ);
    const steps = cycleStepsOn(day, rules, calendar);
    if (steps.length > 0 && at.getTime() > now.getTime()) {
      const step = steps[0]?.step ?? "";
      checks.push({
        name: "cycle",
        status: "ok",
        key: "doctor-cycle-next",
        args: { step, period: steps[0]?.period ?? "", at: local(at) },
      });
      break;
    }
  }
  return checks;
}

/**
 * The official breaks (full Tết, nghỉ bù) come from the shipped list and HOLIDAYS_FILE, year by year;
 * a year of the next 12 months with none would be reminded through Tết.
 */
export function checkHolidays(config: Config, now: Date): Check {
  const years = new Set<number>();
  for (const file of [SHIPPED_HOLIDAYS_FILE, config.HOLIDAYS_FILE].filter((f): f is string => !!f)) {
    try {
      for (const e of parseDayEntries(readFileSync(file, "utf8"), file))
        years.add(Number(e.date.slice(0, 4)));
    } catch (e) {
      return {
        name: "holidays",
        status: "problem",
        key: "doctor-holidays-file",
        args: { file, reason: e instanceof Error ? e.message : "" },
      };
    }
  }
  const from = new TZDate(now, TZ);
  const until = addMonths(from, 12);
  const missing = [];
  for (let y = from.getFullYear(); y <= until.getFullYear(); y++) if (!years.has(y)) missing.push(y);
  const until_ = format(until, "dd/MM/yyyy");
  if (missing.length > 0)
    return {
      name: "holidays",
      status: "problem",
      key: "doctor-holidays-missing",
      args: { years: missing.join(", "), until: until_ },
    };
  return { name: "holidays", status: "ok", key: "doctor-holidays-ok", args: { until: until_ } };
}
