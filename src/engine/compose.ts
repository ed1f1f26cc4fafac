import { groupBy } from "../collections.ts";
import { dayLabel, daysBetween, periodDeadline, periodLabel } from "../domain/period.ts";
import type { Rules } from "../domain/rules.ts";
import type { I18n, Lang } from "../i18n/index.ts";
import type { Choice } from "../messages.ts";
import { shortTitle } from "../text/title.ts";
import { collapseByTask, collapseMissing, type ManyLine } from "./collapse.ts";
import type { Guard } from "./guard.ts";
import type { NewMessage } from "./outbox.ts";
import { type Completeness, isClosed, type Recipient, type WorkItem } from "./snapshot.ts";

/** What every composer needs: text, names, and when the messages may go out. */
export interface ComposeContext {
  i18n: I18n;
  names: Map<string, string>;
  /** Agency kinds, so a count of communes reads "135 xã, phường"; without them, "đơn vị". */
  kinds?: Map<string, string>;
  recipients: Map<string, Recipient[]>;
  sendAfter: string;
  planId: string;
  rules: Rules;
}

const reportButton = (ctx: ComposeContext, lang: Lang, data = "rp"): Choice[][] => [
  [{ label: ctx.i18n.t(lang, "engine-button-report"), data }],
];

/** One message per reachable chat of each recipient, each with its own deterministic key. */
function fanOut(
  ctx: ComposeContext,
  who: Recipient[] | undefined,
  key: string,
  kind: string,
  agencyId: string | null,
  body: (lang: Lang) => { text: string; choices?: Choice[][] },
  guard: Guard | null = null,
): NewMessage[] {
  return (who ?? []).map((r) => {
    const { text, choices } = body(r.lang);
    return {
      dedupeKey: `${key}:contact-${r.contactId}:${r.chatId}`,
      chatId: r.chatId,
      contactId: r.contactId,
      agencyId,
      planId: ctx.planId,
      kind,
      text,
      choices: choices ?? null,
      guard,
      sendAfter: ctx.sendAfter,
    };
  });
}

/** Items by agency, in the order they come. */
export function groupByAgency(items: WorkItem[]): Map<string, WorkItem[]> {
  return groupBy(items, (w) => w.agencyId);
}

/**
 * A task's line depends on the task, the day and the language, not on the agency: at
 * national scale the same line is written for hundreds of agencies, so it is made once.
 */
const lineCache = new WeakMap<ComposeContext, Map<string, string>>();

function line(ctx: ComposeContext, lang: Lang, w: WorkItem, day: string): string {
  let cache = lineCache.get(ctx);
  if (!cache) {
    cache = new Map();
    lineCache.set(ctx, cache);
  }
  const key = `${lang}|${w.taskId}|${w.due}|${day}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const text = makeLine(ctx, lang, w, day);
  cache.set(key, text);
  return text;
}

function makeLine(ctx: ComposeContext, lang: Lang, w: WorkItem, day: string): string {
  const t = (key: string, args: Record<string, string | number> = {}) => ctx.i18n.t(lang, key, args);
  const base = { ref: w.ref, title: shortTitle(w.title) };
  if (!w.due) return t("engine-item", base);
  const indicative = w.indicative ? t("engine-indicative") : "";
  const late = daysBetween(w.due, day);
  if (late > 0) return t("engine-item-overdue", { ...base, due: dayLabel(w.due), days: late });
  return t("engine-item-left", { ...base, due: dayLabel(w.due), indicative, left: -late });
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
    const focal = ctx.recipients.get(`focal:${agencyId}`);
    if (!focal) continue;
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
    const key = `cycle:${period}:open:${ctx.planId}:${agencyId}`;
    out.push(
      ...fanOut(ctx, focal, key, "cycle-open", agencyId, (lang) => {
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
  const deadline = dayLabel(periodDeadline(period, ctx.rules.cycle.deadlineDay));
  return incomplete.flatMap((c) => {
    const role = step.kind === "nudge" ? "focal" : "head";
    const stepKey = step.kind === "nudge" ? `nudge${step.nudge}` : "escalate-head";
    const key = `cycle:${period}:${stepKey}:${ctx.planId}:${c.agencyId}`;
    return fanOut(
      ctx,
      ctx.recipients.get(`${role}:${c.agencyId}`),
      key,
      `cycle-${stepKey}`,
      c.agencyId,
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
        return {
          text: [head, missing.join("\n")].join("\n\n"),
          choices: step.kind === "nudge" ? reportButton(ctx, lang) : undefined,
        };
      },
      { period, assignments: c.missing.map((w) => w.assignmentId) },
    );
  });
}

/** A task late or unreported at many agencies, as one line pointing at its detail. */
export function manyText(
  i18n: I18n,
  lang: Lang,
  key: "list-many-overdue" | "list-many-missing",
  m: ManyLine,
  day: string,
): string {
  return i18n.t(lang, key, {
    ref: m.ref,
    title: shortTitle(m.title, 80),
    due: m.due ? dayLabel(m.due) : "—",
    days: m.due ? daysBetween(m.due, day) : 0,
    count: m.count,
    kind: m.kind,
  });
}

/** The missing list's lines: tasks many agencies owe, then agencies fewest reported first. */
export function missingLines(
  i18n: I18n,
  lang: Lang,
  incomplete: Completeness[],
  names: Map<string, string>,
  kinds: Map<string, string> | undefined,
  day: string,
): string[] {
  const { many, agencies } = collapseMissing(incomplete, names, kinds);
  return [
    ...many.map((m) => manyText(i18n, lang, "list-many-missing", m, day)),
    ...agencies.map((c) =>
      i18n.t(lang, "engine-missing-line", {
        agency: names.get(c.agencyId) ?? c.agencyId,
        reported: c.reported,
        required: c.required,
      }),
    ),
  ];
}

/** Day 12: coordinators get the list of agencies that still have not reported in full. */
export function missingForCoordinators(
  ctx: ComposeContext,
  period: string,
  incomplete: Completeness[],
  day: string,
): NewMessage[] {
  if (incomplete.length === 0) return [];
  const key = `cycle:${period}:missing:${ctx.planId}`;
  return fanOut(ctx, ctx.recipients.get("coordinator:*"), key, "cycle-missing", null, (lang) => ({
    text: [
      ctx.i18n.t(lang, "engine-missing-coordinator", {
        period: periodLabel(period),
        deadline: dayLabel(periodDeadline(period, ctx.rules.cycle.deadlineDay)),
        count: incomplete.length,
      }),
      ...missingLines(ctx.i18n, lang, incomplete, ctx.names, ctx.kinds, day),
    ].join("\n"),
  }));
}

/** Per agency and day: the due-date reminders and the focal/head steps of the overdue ladder. */
export function agencyDeadlines(
  ctx: ComposeContext,
  kind: "due" | "overdue-focal" | "overdue-head",
  day: string,
  agencyId: string,
  items: WorkItem[],
): NewMessage[] {
  const role = kind === "overdue-head" ? "head" : "focal";
  const key = `${kind}:${day}:${ctx.planId}:${agencyId}`;
  const titleKey = {
    due: "engine-due",
    "overdue-focal": "engine-overdue-focal",
    "overdue-head": "engine-overdue-head",
  }[kind];
  const choice = items.length === 1 && items[0] ? `rp:${items[0].assignmentId}` : "rp";
  return fanOut(
    ctx,
    ctx.recipients.get(`${role}:${agencyId}`),
    key,
    kind,
    agencyId,
    (lang) => ({
      text: [
        ctx.i18n.t(lang, titleKey, {
          agency: ctx.names.get(agencyId) ?? agencyId,
          days: ctx.rules.overdue.headAfterDays,
        }),
        ...items.map((w) => line(ctx, lang, w, day)),
      ].join("\n"),
      choices: kind === "overdue-head" ? undefined : reportButton(ctx, lang, choice),
    }),
    { assignments: items.map((w) => w.assignmentId) },
  );
}

/**
 * Late lead assignments for coordinators: tasks late at many agencies as one line each, then
 * the other agencies, the longest late first; equal ones by the share of the period's reports
 * sent (`shares`), then by name.
 */
export function overdueBlocks(
  i18n: I18n,
  lang: Lang,
  items: WorkItem[],
  names: Map<string, string>,
  kinds: Map<string, string> | undefined,
  day: string,
  shares?: Map<string, number>,
): string[] {
  const { many, rest } = collapseByTask(items, kinds);
  const late = (list: WorkItem[]) => Math.max(...list.map((w) => daysBetween(w.due ?? day, day)));
  const name = (id: string) => names.get(id) ?? id;
  // Worst first; among equally late, the agency that reported least this period, then by name.
  const share = (id: string) => shares?.get(id) ?? 1;
  const agencies = [...groupByAgency(rest)].sort(
    ([a, x], [b, y]) => late(y) - late(x) || share(a) - share(b) || name(a).localeCompare(name(b), "vi"),
  );
  return [
    ...(many.length ? [many.map((m) => manyText(i18n, lang, "list-many-overdue", m, day)).join("\n")] : []),
    ...agencies.map(([agencyId, list]) =>
      [
        i18n.t(lang, "overdue-agency", { agency: name(agencyId), count: list.length }),
        ...[...list]
          .sort((a, b) => (a.due ?? "").localeCompare(b.due ?? ""))
          .map((w) =>
            i18n.t(lang, "engine-item-overdue", {
              ref: w.ref,
              title: shortTitle(w.title, 80),
              due: dayLabel(w.due ?? day),
              days: daysBetween(w.due ?? day, day),
            }),
          ),
      ].join("\n"),
    ),
  ];
}

/** The coordinators' step of the overdue ladder: one message a day for the whole plan. */
export function overdueForCoordinators(
  ctx: ComposeContext,
  day: string,
  items: WorkItem[],
  shares?: Map<string, number>,
): NewMessage[] {
  if (items.length === 0) return [];
  const key = `overdue-coordinator:${day}:${ctx.planId}`;
  return fanOut(ctx, ctx.recipients.get("coordinator:*"), key, "overdue-coordinator", null, (lang) => ({
    text: [
      ctx.i18n.t(lang, "engine-overdue-coordinator", { days: ctx.rules.overdue.coordinatorAfterDays }),
      ...overdueBlocks(ctx.i18n, lang, items, ctx.names, ctx.kinds, day, shares),
    ].join("\n\n"),
  }));
}
