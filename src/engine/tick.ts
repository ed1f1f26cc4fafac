import { groupBy } from "../collections.ts";
import { periodDeadline, periodOf } from "../domain/period.ts";
import { rulesFor } from "../domain/rules.ts";
import { type CycleStep, cycleStepsOn, isDigestDay } from "../domain/schedule.ts";
import { reportedShares } from "./collapse.ts";
import type { ComposeContext } from "./compose.ts";
import { cycleMessages } from "./cycle-messages.ts";
import { dueMessages, overdueMessages } from "./deadline-messages.ts";
import type { EngineDeps, MissedWork, TickResult } from "./deps.ts";
import { buildDigest, type DigestModel, renderDigest } from "./digest.ts";
import { digestChartModel } from "./digest-chart.ts";
import { extensionFollowUps } from "./extension-followup.ts";
import { digestKey } from "./keys.ts";
import { missedWorkNotice } from "./notices.ts";
import type { NewMessage } from "./outbox.ts";
import { type Collected, instant, lazy, type PlanWindow, planWindow } from "./plan-window.ts";
import { completeness, requiredByAgency, Snapshot } from "./snapshot.ts";
import { unsentReports } from "./unsent-reports.ts";
import { welcomeBack } from "./welcome-back.ts";

export type { EngineDeps, MissedWork, TickResult };

/**
 * Runs every time-based rule as if it were `at`: whatever fell due after the previous tick
 * (at most `catchUpDays` back) is written to the outbox under deterministic keys, so running
 * twice, or on two instances, writes nothing twice. A tick for an instant at or before the
 * last one (an operator re-running a missed day) looks back to the start of that day.
 * After a gap, what the window cuts off and what expired meanwhile are counted, and the
 * coordinators are told (see MissedWork).
 */
export async function runTick(deps: EngineDeps, at: Date): Promise<TickResult> {
  const { store, calendar } = deps;
  const zone = calendar.timeZone;
  const last = await store.engine.lastTickAt();
  const dayStart = instant(calendar.localDate(at), "00:00", zone);
  let from = last && last < at ? last : new Date(dayStart.getTime() - 1);
  const floor = new Date(at.getTime() - rulesFor(deps.rulesFile, "").catchUpDays * 86_400_000);
  const cutOff = from < floor ? from : undefined;
  if (from < floor) from = floor;

  const snapshot = new Snapshot(store);
  // Rules missed while nothing ran are told as things stand on the day they can actually go out.
  const tellDay = calendar.localDate(calendar.nextSendTime(at));
  const { messages, expired } = await collect(deps, snapshot, from, at, tellDay);
  let missed: MissedWork | undefined;
  if (cutOff || expired > 0) {
    const skipped = cutOff ? await collect(deps, snapshot, cutOff, floor) : undefined;
    missed = {
      since: cutOff ?? from,
      skipped: skipped?.messages.length ?? 0,
      days: [...(skipped?.days ?? [])].sort(),
      expired,
    };
    messages.push(...(await missedWorkNotice(deps, missed, at)));
  }
  messages.push(...(await extensionFollowUps(deps, from, at)));
  messages.push(...(await unsentReports(deps, from, at)));
  const ids = await deps.outbox.add(messages);
  await store.engine.recordLastTick(at);
  return { from, at, ids, ...(missed ? { missed } : {}) };
}

/**
 * The messages of every rule whose send time falls in (from, at]. With `tellDay`, a rule whose
 * send day was earlier (nothing ran then) is told as of `tellDay`, and an opening or nudge whose
 * period deadline has passed by then is counted as expired instead of written.
 */
async function collect(
  deps: EngineDeps,
  snapshot: Snapshot,
  from: Date,
  at: Date,
  tellDay?: string,
): Promise<Collected> {
  const out: Collected = { messages: [], days: new Set(), expired: 0 };
  const shared = lazy(() => ({
    names: snapshot.agencyNames(),
    kinds: snapshot.agencyKinds(),
    recipients: snapshot.recipients(),
    away: snapshot.away(),
    snoozes: snapshot.frequentSnoozes(),
  }));
  await snapshot.loadPlans();
  for (const plan of snapshot.plans()) {
    const w = planWindow(deps, snapshot, plan.id, { from, at, tellDay }, shared, out);
    await collectDays(w);
    await collectDue(w);
    await collectOverdue(w);
  }
  for (const { day, messages } of await welcomeBack(deps, snapshot, from, at)) {
    if (messages.length > 0) out.days.add(day);
    out.messages.push(...messages);
  }
  return out;
}

/**
 * Loads what a plan's rules read before they run on it, and only once some rule falls due in
 * the window: most ticks find nothing due and read nothing but the plans.
 */
async function ready(w: PlanWindow, periods: Iterable<string> = []): Promise<void> {
  await w.snapshot.loadShared();
  await w.snapshot.loadWork(w.planId);
  await w.snapshot.loadReported(w.planId, periods);
}

/** Day by day: the cycle's steps, then the digest. */
async function collectDays(w: PlanWindow): Promise<void> {
  const { rules, snapshot, out } = w;
  for (const day of w.days) {
    const steps = cycleStepsOn(day, rules, w.deps.calendar);
    const cycleDay = steps.length > 0 ? w.sendDayOf(day, rules.cycle.time) : undefined;
    if (cycleDay) {
      await ready(
        w,
        steps.filter((s) => s.step !== "open").map((s) => s.period),
      );
      if (steps.some((s) => s.step === "open")) await snapshot.loadPartnerCounts(w.planId);
      const expired = (s: CycleStep) =>
        w.late(day, rules.cycle.time) &&
        (s.step === "open" || s.step === "nudge") &&
        cycleDay >= periodDeadline(s.period, rules.cycle.deadlineDay);
      const onTime = steps.filter((s) => !expired(s));
      w.add(cycleDay, cycleMessages(w.ctx(), onTime, cycleDay, w.work, snapshot));
      out.expired += cycleMessages(w.ctx(), steps.filter(expired), cycleDay, w.work, snapshot).length;
    }
    if (isDigestDay(day, rules)) {
      const sendDay = w.sendDayOf(day, rules.digest.time);
      if (!sendDay) continue;
      await ready(w);
      w.add(sendDay, await digestMessages(w.deps, w.ctx(), snapshot, w.planId, day, sendDay));
    }
  }
}

/** The days off before a working day are told together on it, one message per agency. */
async function collectDue(w: PlanWindow): Promise<void> {
  const { rules, deps } = w;
  const { calendar } = deps;
  for (const [sendDay, ruleDays] of groupBy(w.days, (d) => w.sendDayOf(d, rules.due.time))) {
    if (!sendDay) continue;
    await ready(w);
    w.add(sendDay, dueMessages({ ctx: w.ctx(), rules, days: ruleDays, sendDay, work: w.work() }));
    // Dates that came and went while nothing ran: no "due in 3 days" for a day already past.
    const lateDays = ruleDays.filter((d) => w.late(d, rules.due.time));
    for (const [nominal, nominalDays] of groupBy(lateDays, (d) =>
      calendar.localDate(calendar.nextSendTime(instant(d, rules.due.time, calendar.timeZone))),
    ))
      w.out.expired += dueMessages({
        ...{ ctx: w.ctx(), rules, days: nominalDays, sendDay: nominal, work: w.work() },
        until: sendDay,
      }).length;
  }
}

/** The overdue ladder; equally late agencies ordered by their share of the period's reports. */
async function collectOverdue(w: PlanWindow): Promise<void> {
  const { rules, snapshot, planId } = w;
  const shares = (day: string) =>
    reportedShares(
      completeness(
        requiredByAgency(w.work()),
        snapshot.reportedIn(periodOf(day, rules.cycle.deadlineDay), planId),
      ),
    );
  for (const [sendDay, ruleDays] of groupBy(w.days, (d) => w.sendDayOf(d, rules.overdue.time))) {
    if (!sendDay) continue;
    await ready(w, [periodOf(sendDay, rules.cycle.deadlineDay)]);
    w.add(sendDay, overdueMessages({ ctx: w.ctx(), rules, days: ruleDays, sendDay, work: w.work() }, shares));
  }
}

async function digestMessages(
  deps: EngineDeps,
  ctx: ComposeContext,
  snapshot: Snapshot,
  planId: string,
  day: string,
  sendDay: string,
): Promise<NewMessage[]> {
  const out: NewMessage[] = [];
  for (const s of await deps.store.snapshot.digestSubscriptions(planId)) {
    const model = await buildDigest(snapshot, deps.store, planId, s.scope, sendDay, ctx.rules, {
      timeZone: deps.calendar.timeZone,
    });
    out.push({
      dedupeKey: digestKey(day, planId, s.chatId),
      chatId: s.chatId,
      planId,
      kind: "digest",
      text: renderDigest(deps.i18n, s.lang, model, ctx.names, ctx.rules),
      attachment: deps.capabilitiesOf?.(s.chatId).photos
        ? digestChart(deps, snapshot, planId, s, model, ctx)
        : null,
      sendAfter: ctx.sendAfter,
    });
  }
  return out;
}

/** The digest's chart as a picture for a channel that sends photos; the outbox keeps its path. */
function digestChart(
  deps: EngineDeps,
  snapshot: Snapshot,
  planId: string,
  sub: { chatId: string; lang: "vi" | "en" },
  model: DigestModel,
  ctx: ComposeContext,
) {
  if (!deps.drawChart) return null;
  try {
    const t = (key: string, args?: Record<string, string | number>) => deps.i18n.t(sub.lang, key, args);
    const chart = digestChartModel(model, ctx.names, t, snapshot.work(planId));
    const stem = `digest-${model.day}-${planId}-${sub.chatId.replace(/[^A-Za-z0-9-]/g, "_")}`;
    return { kind: "photo" as const, ...deps.drawChart(chart, stem) };
  } catch {
    return null; // the text alone still says everything the chart shows
  }
}
