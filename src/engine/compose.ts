import { reportData } from "../choice-data.ts";
import { groupBy } from "../collections.ts";
import { dayLabel, daysBetween } from "../domain/period.ts";
import type { Rules } from "../domain/rules.ts";
import type { I18n, Lang } from "../i18n/index.ts";
import type { Choice } from "../messages.ts";
import type { FrequentSnooze } from "../store/snoozes.ts";
import { shortTitle } from "../text/title.ts";
import { collapseByTask, collapseMissing, type ManyLine } from "./collapse.ts";
import type { Guard } from "./guard.ts";
import { recipientKey } from "./keys.ts";
import type { Away } from "./leave-routing.ts";
import type { NewMessage } from "./outbox.ts";
import type { Completeness, Recipient, WorkItem } from "./snapshot.ts";
import { snoozeChoice } from "./snooze-lines.ts";

/** What every composer needs: text, names, and when the messages may go out. */
export interface ComposeContext {
  i18n: I18n;
  names: Map<string, string>;
  /** Agency kinds, so a count of communes reads "135 xã, phường"; without them, "đơn vị". */
  kinds?: Map<string, string>;
  recipients: Map<string, Recipient[]>;
  /** Who is on leave, to route focal points' reminders around them (engine/leave-routing.ts). */
  away?: Away;
  sendAfter: string;
  planId: string;
  rules: Rules;
  /** Who put an assignment off at least three times, by assignment (the head is told). */
  snoozes?: Map<number, FrequentSnooze[]>;
}

export const reportButton = (ctx: ComposeContext, lang: Lang, data = reportData()): Choice[][] => [
  [{ label: ctx.i18n.t(lang, "engine-button-report"), data }],
];

/**
 * A chasing message's choices: "remind me later" always; report when the reader reports; and,
 * on a row of its own, ask for more time when the reader may (conversation/flows/extend.ts).
 */
export function chaseButtons(
  ctx: ComposeContext,
  lang: Lang,
  data: { report?: string; extend?: string } = {},
): Choice[][] {
  const { report, extend } = data;
  return [
    report === undefined
      ? [snoozeChoice(ctx, lang)]
      : [{ label: ctx.i18n.t(lang, "engine-button-report"), data: report }, snoozeChoice(ctx, lang)],
    ...(extend === undefined ? [] : [[{ label: ctx.i18n.t(lang, "extend-button"), data: extend }]]),
  ];
}

/** One message per reachable chat of each recipient, each with its own deterministic key. */
export function fanOut(
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
      dedupeKey: recipientKey(key, r.contactId, r.chatId),
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

export function line(ctx: ComposeContext, lang: Lang, w: WorkItem, day: string): string {
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
