import { reportData } from "../choice-data.ts";
import { isClosed } from "../domain/closed.ts";
import { dayLabel, daysBetween, periodDeadline, periodLabel } from "../domain/period.ts";
import type { CycleStep } from "../domain/schedule.ts";
import { periodChase } from "../domain/snooze.ts";
import {
  type ComposeContext,
  chaseButtons,
  fanOut,
  groupByAgency,
  line,
  missingLines,
  reportButton,
} from "./compose.ts";
import { cycleKey, missingKey } from "./keys.ts";
import { agencyFanOut, focalFanOut, headsAwayBlock } from "./leave-routing.ts";
import type { NewMessage } from "./outbox.ts";
import type { WorkItem } from "./snapshot.ts";
import { type Completeness, completeness, requiredByAgency, type Snapshot } from "./snapshot.ts";
import { snoozeLines } from "./snooze-lines.ts";

/** A day's cycle steps, told as of `sendDay` (the same day unless theirs was a day off). */
export function cycleMessages(
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

/** The 1st of the month: each agency's focal points get their tasks for the period. */
export function cycleOpen(
  ctx: ComposeContext,
  period: string,
  day: string,
  work: WorkItem[],
  partnerCounts: Map<string, number>,
): NewMessage[] {
  const byAgency = groupByAgency(work);
  for (const agencyId of partnerCounts.keys()) if (!byAgency.has(agencyId)) byAgency.set(agencyId, []);
  const horizon = ctx.rules.cycle.lookaheadDays;
  const out: NewMessage[] = [];
  for (const [agencyId, items] of byAgency) {
    if (!ctx.recipients.has(`focal:${agencyId}`)) continue;
    const open = items.filter((w) => !isClosed(w));
    const groups: [string, WorkItem[]][] = [
      ["engine-cycle-overdue", open.filter((w) => w.due && w.due < day)],
      [
        "engine-cycle-upcoming",
        open.filter((w) => w.due && w.due >= day && daysBetween(day, w.due) <= horizon),
      ],
      ["engine-cycle-recurring", open.filter((w) => w.kind === "recurring")],
      ["engine-cycle-dependent", open.filter((w) => w.kind === "dependent" && !w.due)],
    ];
    const partners = partnerCounts.get(agencyId) ?? 0;
    const key = cycleKey(period, "open", ctx.planId, agencyId);
    out.push(
      ...focalFanOut(ctx, day, agencyId, key, "cycle-open", (lang) => {
        const t = (k: string, a: Record<string, string | number> = {}) => ctx.i18n.t(lang, k, a);
        const head = t("engine-cycle-open", {
          period: periodLabel(period),
          agency: ctx.names.get(agencyId) ?? agencyId,
          deadline: dayLabel(periodDeadline(period, ctx.rules.cycle.deadlineDay)),
        });
        const sections = groups
          .filter(([, list]) => list.length > 0)
          .map(([k, list]) =>
            [t(k, { days: horizon }), ...list.map((w) => line(ctx, lang, w, day))].join("\n"),
          );
        if (sections.length === 0) sections.push(t("engine-cycle-none"));
        if (partners > 0) sections.push(t("engine-cycle-partner", { count: partners }));
        return {
          text: [head, ...sections, t("engine-how-to-report")].join("\n\n"),
          choices: reportButton(ctx, lang),
        };
      }),
    );
  }
  return out;
}

/** Nudges (focal) and the head's escalation, for agencies whose report is incomplete. */
export function cycleChase(
  ctx: ComposeContext,
  step: { kind: "nudge"; nudge: number; count: number } | { kind: "escalate-head" },
  period: string,
  day: string,
  incomplete: Completeness[],
): NewMessage[] {
  const lastDay = periodDeadline(period, ctx.rules.cycle.deadlineDay);
  const deadline = dayLabel(lastDay);
  return incomplete.flatMap((c) => {
    const role = step.kind === "nudge" ? "focal" : "head";
    const stepKey = step.kind === "nudge" ? (`nudge${step.nudge}` as const) : "escalate-head";
    const key = cycleKey(period, stepKey, ctx.planId, c.agencyId);
    return agencyFanOut(
      ctx,
      role,
      day,
      c.agencyId,
      key,
      `cycle-${stepKey}`,
      (lang) => {
        const args = {
          period: periodLabel(period),
          agency: ctx.names.get(c.agencyId) ?? c.agencyId,
          deadline,
          reported: c.reported,
          required: c.required,
          n: step.kind === "nudge" ? step.count : 0,
        };
        const head = ctx.i18n.t(lang, step.kind === "nudge" ? "engine-nudge" : "engine-escalate-head", args);
        const missing = [
          ctx.i18n.t(lang, "engine-missing-items"),
          ...c.missing.map((w) => line(ctx, lang, w, day)),
        ];
        const told =
          step.kind === "nudge" ? [] : snoozeLines(ctx, lang, c.missing, () => periodChase(period));
        return {
          text: [head, missing.join("\n"), ...(told.length ? [told.join("\n")] : [])].join("\n\n"),
          choices: step.kind === "nudge" ? chaseButtons(ctx, lang, { report: reportData() }) : undefined,
        };
      },
      {
        period,
        ...(step.kind === "nudge" ? { deadline: lastDay } : {}),
        assignments: c.missing.map((w) => w.assignmentId),
      },
    );
  });
}

/** Day 12: coordinators get the list of agencies that still have not reported in full. */
export function missingForCoordinators(
  ctx: ComposeContext,
  period: string,
  incomplete: Completeness[],
  day: string,
): NewMessage[] {
  if (incomplete.length === 0) return [];
  const key = missingKey(period, ctx.planId);
  return fanOut(ctx, ctx.recipients.get("coordinator:*"), key, "cycle-missing", null, (lang) => ({
    text: [
      ctx.i18n.t(lang, "engine-missing-coordinator", {
        period: periodLabel(period),
        deadline: dayLabel(periodDeadline(period, ctx.rules.cycle.deadlineDay)),
        count: incomplete.length,
      }),
      ...missingLines(ctx.i18n, lang, incomplete, ctx.names, ctx.kinds, day),
      ...headsAwayBlock(ctx, lang, incomplete, day).map((block) => `\n${block}`),
    ].join("\n"),
  }));
}
