import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TZDate } from "@date-fns/tz";
import type Database from "better-sqlite3";
import type { CapabilitiesOf } from "../channels/capabilities.ts";
import { groupBy } from "../collections.ts";
import type { DigestScope } from "../db/schema.ts";
import { addDay, periodDeadline, periodOf } from "../domain/period.ts";
import { type Rules, type rulesFileSchema, rulesFor } from "../domain/rules.ts";
import {
  type CycleStep,
  cycleStepsOn,
  daysFromTo,
  dueOffsetOn,
  isDigestDay,
  overdueStepOn,
} from "../domain/schedule.ts";
import type { WorkingCalendar } from "../domain/working-time.ts";
import type { I18n } from "../i18n/index.ts";
import { digestChartModel, renderChart } from "../reports/chart.ts";
import { reportedShares } from "./collapse.ts";
import {
  agencyDeadlines,
  type ComposeContext,
  cycleChase,
  cycleOpen,
  groupByAgency,
  missingForCoordinators,
  overdueForCoordinators,
} from "./compose.ts";
import { buildDigest, renderDigest } from "./digest.ts";
import { lastTickAt, recordLastTick } from "./last-tick.ts";
import { missedWorkNotice } from "./notices.ts";
import type { NewMessage, Outbox } from "./outbox.ts";
import { completeness, isClosed, requiredByAgency, Snapshot, type WorkItem } from "./snapshot.ts";

export interface EngineDeps {
  sqlite: Database.Database;
  /** Where digest charts are written for the channels that send photos; none, no charts. */
  chartDir?: string;
  /** What the chat's platform carries (photos for charts); without it, no charts. */
  capabilitiesOf?: CapabilitiesOf;
  i18n: I18n;
  calendar: WorkingCalendar;
  outbox: Outbox;
  rulesFile?: ReturnType<typeof rulesFileSchema.parse>;
}

export interface TickResult {
  from: Date;
  at: Date;
  ids: number[];
  /** Set when this tick could not tell everything that fell due since the last one. */
  missed?: MissedWork;
}

/** What an outage cost: told to the coordinators in one notice and logged by the runner. */
export interface MissedWork {
  /** The last tick before the gap. */
  since: Date;
  /** Messages older than the catch-up window, never written, and the days they were due to go out. */
  skipped: number;
  days: string[];
  /** Chasing messages whose deadline passed while nothing ran: dropped, not sent as if on time. */
  expired: number;
}

/** Longer than any run of days off (Tết with its weekends is about ten). */
const DEFERRAL_DAYS = 14;

function instant(day: string, time: string, zone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, 0, zone).getTime());
}

/**
 * Runs every time-based rule as if it were `at`: whatever fell due after the previous tick
 * (at most `catchUpDays` back) is written to the outbox under deterministic keys, so running
 * twice, or on two instances, writes nothing twice. A tick for an instant at or before the
 * last one (an operator re-running a missed day) looks back to the start of that day.
 * After a gap, what the window cuts off and what expired meanwhile are counted, and the
 * coordinators are told (see MissedWork).
 */
export function runTick(deps: EngineDeps, at: Date): TickResult {
  const { sqlite, calendar } = deps;
  const zone = calendar.timeZone;
  const last = lastTickAt(sqlite);
  const dayStart = instant(calendar.localDate(at), "00:00", zone);
  let from = last && last < at ? last : new Date(dayStart.getTime() - 1);
  const floor = new Date(at.getTime() - rulesFor(deps.rulesFile, "").catchUpDays * 86_400_000);
  const cutOff = from < floor ? from : undefined;
  if (from < floor) from = floor;

  const snapshot = new Snapshot(sqlite);
  // Rules missed while nothing ran are told as things stand on the day they can actually go out.
  const tellDay = calendar.localDate(calendar.nextSendTime(at));
  const { messages, expired } = collect(deps, snapshot, from, at, tellDay);
  let missed: MissedWork | undefined;
  if (cutOff || expired > 0) {
    const skipped = cutOff ? collect(deps, snapshot, cutOff, floor) : undefined;
    missed = {
      since: cutOff ?? from,
      skipped: skipped?.messages.length ?? 0,
      days: [...(skipped?.days ?? [])].sort(),
      expired,
    };
    messages.push(...missedWorkNotice(deps, missed, at));
  }
  const ids = deps.outbox.add(messages);
  recordLastTick(sqlite, at);
  return { from, at, ids, ...(missed ? { missed } : {}) };
}

interface Collected {
  messages: NewMessage[];
  /** The days the messages were due to go out. */
  days: Set<string>;
  expired: number;
}

/**
 * The messages of every rule whose send time falls in (from, at]. With `tellDay`, a rule whose
 * send day was earlier (nothing ran then) is told as of `tellDay`, and an opening or nudge whose
 * period deadline has passed by then is counted as expired instead of written.
 */
function collect(deps: EngineDeps, snapshot: Snapshot, from: Date, at: Date, tellDay?: string): Collected {
  const { calendar } = deps;
  const zone = calendar.timeZone;
  const out: Collected = { messages: [], days: new Set(), expired: 0 };
  const shared = lazy(() => ({
    names: snapshot.agencyNames(),
    kinds: snapshot.agencyKinds(),
    recipients: snapshot.recipients(),
  }));
  const inWindow = (t: Date) => t > from && t <= at;
  const toldOn = (day: string) => (tellDay && day < tellDay ? tellDay : day);
  const add = (day: string, list: NewMessage[]) => {
    if (list.length > 0) out.days.add(day);
    out.messages.push(...list);
  };
  for (const plan of snapshot.plans()) {
    const rules = rulesFor(deps.rulesFile, plan.id);
    // A rule that falls on a day off is worked out when it can be sent, at the next working start,
    // so it tells what is true then: an agency that reported over the weekend is not chased on
    // Monday, and a task due on Monday is "due today", not Sunday's "due tomorrow".
    const sendDayOf = (day: string, time: string): string | undefined => {
      const t = calendar.nextSendTime(instant(day, time, zone));
      return inWindow(t) ? toldOn(calendar.localDate(t)) : undefined;
    };
    const work = lazy(() => snapshot.work(plan.id));
    const ctx = lazy<ComposeContext>(() => ({
      i18n: deps.i18n,
      ...shared(),
      sendAfter: calendar.nextSendTime(at).toISOString(),
      planId: plan.id,
      rules,
    }));
    // From far enough back to reach a step deferred over the longest break (Tết).
    const days = daysFromTo(addDay(calendar.localDate(from), -DEFERRAL_DAYS), calendar.localDate(at));
    const late = (day: string, time: string) => {
      const t = calendar.nextSendTime(instant(day, time, zone));
      return tellDay !== undefined && calendar.localDate(t) < tellDay;
    };
    for (const day of days) {
      const steps = cycleStepsOn(day, rules, calendar);
      if (steps.length > 0) {
        const sendDay = sendDayOf(day, rules.cycle.time);
        const expired = (s: CycleStep) =>
          sendDay !== undefined &&
          late(day, rules.cycle.time) &&
          (s.step === "open" || s.step === "nudge") &&
          sendDay >= periodDeadline(s.period, rules.cycle.deadlineDay);
        if (sendDay) {
          add(
            sendDay,
            cycleMessages(
              ctx(),
              steps.filter((s) => !expired(s)),
              sendDay,
              work,
              snapshot,
            ),
          );
          out.expired += cycleMessages(ctx(), steps.filter(expired), sendDay, work, snapshot).length;
        }
      }
      if (isDigestDay(day, rules)) {
        const sendDay = sendDayOf(day, rules.digest.time);
        if (sendDay) add(sendDay, digestMessages(deps, ctx(), snapshot, plan.id, day, sendDay));
      }
    }
    // The days off before a working day are told together on it, one message per agency.
    for (const [sendDay, ruleDays] of groupBy(days, (d) => sendDayOf(d, rules.due.time))) {
      if (!sendDay) continue;
      add(sendDay, dueMessages({ ctx: ctx(), rules, days: ruleDays, sendDay, work: work() }));
      // Dates that came and went while nothing ran: no "due in 3 days" for a day already past.
      const lateDays = ruleDays.filter((d) => late(d, rules.due.time));
      for (const [nominal, nominalDays] of groupBy(lateDays, (d) =>
        calendar.localDate(calendar.nextSendTime(instant(d, rules.due.time, zone))),
      ))
        out.expired += dueMessages({
          ...{ ctx: ctx(), rules, days: nominalDays, sendDay: nominal, work: work() },
          until: sendDay,
        }).length;
    }
    for (const [sendDay, ruleDays] of groupBy(days, (d) => sendDayOf(d, rules.overdue.time)))
      if (sendDay)
        add(
          sendDay,
          overdueMessages({ ctx: ctx(), rules, days: ruleDays, sendDay, work: work() }, (day) =>
            reportedShares(
              completeness(
                requiredByAgency(work()),
                snapshot.reportedIn(periodOf(day, rules.cycle.deadlineDay), plan.id),
              ),
            ),
          ),
        );
  }
  return out;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

/** A day's cycle steps, told as of `sendDay` (the same day unless theirs was a day off). */
function cycleMessages(
  ctx: ComposeContext,
  steps: CycleStep[],
  sendDay: string,
  work: () => WorkItem[],
  snapshot: Snapshot,
): NewMessage[] {
  const out: NewMessage[] = [];
  for (const step of steps) {
    if (step.step === "open") {
      out.push(...cycleOpen(ctx, step.period, sendDay, work(), snapshot.partnerCounts(ctx.planId)));
      continue;
    }
    const incomplete = completeness(
      requiredByAgency(work()),
      snapshot.reportedIn(step.period, ctx.planId),
    ).filter((c) => c.missing.length > 0);
    if (step.step === "nudge")
      out.push(...cycleChase(ctx, { kind: "nudge", ...step }, step.period, sendDay, incomplete));
    if (step.step === "escalate-head")
      out.push(...cycleChase(ctx, { kind: "escalate-head" }, step.period, sendDay, incomplete));
    if (step.step === "missing-coordinator")
      out.push(...missingForCoordinators(ctx, step.period, incomplete, sendDay));
  }
  return out;
}

/** The rule days `days` (a working day and the days off before it), told on `sendDay`. */
interface Told {
  ctx: ComposeContext;
  rules: Rules;
  days: string[];
  sendDay: string;
  work: WorkItem[];
}

/**
 * Due-date reminders for the rule days, told on the send day. A date already past by then is
 * left to the overdue ladder, whose first step falls on the same send day.
 */
function dueMessages({ ctx, rules, days, sendDay, work, until }: Told & { until?: string }): NewMessage[] {
  const hits: WorkItem[] = [];
  for (const w of work) {
    if (w.role !== "lead" || isClosed(w)) continue;
    for (const date of w.milestones ?? (w.due ? [w.due] : [])) {
      if (until && date >= until) continue;
      if (date >= sendDay && days.some((d) => dueOffsetOn(d, date, rules) !== undefined))
        hits.push({ ...w, due: date });
    }
  }
  return [...groupByAgency(hits)].flatMap(([agencyId, items]) =>
    agencyDeadlines(ctx, "due", sendDay, agencyId, items),
  );
}

/** `shares` (each agency's share of the period's reports, on a day) orders equally late agencies. */
function overdueMessages(
  { ctx, rules, days, sendDay, work }: Told,
  shares: (day: string) => Map<string, number>,
): NewMessage[] {
  const steps = { focal: [] as WorkItem[], head: [] as WorkItem[], coordinator: [] as WorkItem[] };
  for (const w of work) {
    if (w.role !== "lead" || isClosed(w) || !w.due || w.kind === "milestones") continue;
    const due = w.due;
    // Over a long break one item may reach two steps; each step names it once.
    const reached = new Set(days.map((d) => overdueStepOn(d, due, rules)));
    for (const step of reached) if (step) steps[step].push(w);
  }
  return [
    ...[...groupByAgency(steps.focal)].flatMap(([a, items]) =>
      agencyDeadlines(ctx, "overdue-focal", sendDay, a, items),
    ),
    ...[...groupByAgency(steps.head)].flatMap(([a, items]) =>
      agencyDeadlines(ctx, "overdue-head", sendDay, a, items),
    ),
    ...(steps.coordinator.length
      ? overdueForCoordinators(ctx, sendDay, steps.coordinator, shares(sendDay))
      : []),
  ];
}

function digestMessages(
  deps: EngineDeps,
  ctx: ComposeContext,
  snapshot: Snapshot,
  planId: string,
  day: string,
  sendDay: string,
): NewMessage[] {
  const subs = deps.sqlite
    .prepare(
      `select s.chat_id chatId, s.scope scope, s.lang lang from subscriptions s join chats c on c.id = s.chat_id
       where s.plan_id = ? and c.unreachable_at is null order by s.chat_id`,
    )
    .all(planId) as { chatId: string; scope: string; lang: "vi" | "en" }[];
  return subs.map((s) => {
    const scope = JSON.parse(s.scope) as DigestScope;
    const model = buildDigest(snapshot, deps.sqlite, planId, scope, sendDay, ctx.rules);
    return {
      dedupeKey: `digest:${day}:${planId}:${s.chatId}`,
      chatId: s.chatId,
      planId,
      kind: "digest",
      text: renderDigest(deps.i18n, s.lang, model, ctx.names, ctx.rules),
      attachment: deps.capabilitiesOf?.(s.chatId).photos
        ? digestChart(deps, snapshot, planId, s, model, ctx)
        : null,
      sendAfter: ctx.sendAfter,
    };
  });
}

/** The digest's chart as a PNG file for a channel that sends photos; the outbox keeps its path. */
function digestChart(
  deps: EngineDeps,
  snapshot: Snapshot,
  planId: string,
  sub: { chatId: string; lang: "vi" | "en" },
  model: ReturnType<typeof buildDigest>,
  ctx: ComposeContext,
) {
  if (!deps.chartDir) return null;
  try {
    const t = (key: string, args?: Record<string, string | number>) => deps.i18n.t(sub.lang, key, args);
    const png = renderChart(digestChartModel(model, ctx.names, t, snapshot.work(planId)));
    const name = `digest-${model.day}-${planId}-${sub.chatId.replace(/[^A-Za-z0-9-]/g, "_")}.png`;
    mkdirSync(deps.chartDir, { recursive: true });
    const path = join(deps.chartDir, name);
    writeFileSync(path, png);
    return { kind: "photo" as const, path, name };
  } catch {
    return null; // the text alone still says everything the chart shows
  }
}
