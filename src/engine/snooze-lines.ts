import { SNOOZE_PLACEHOLDER } from "../choice-data.ts";
import type { Lang } from "../i18n/index.ts";
import type { Choice } from "../messages.ts";
import type { FrequentSnooze } from "../store/snoozes.ts";
import type { ComposeContext } from "./compose.ts";
import type { WorkItem } from "./snapshot.ts";

/** From the third time a person puts a task off, the head's next escalation names them. */
export const SNOOZES_TOLD_TO_HEAD = 3;

/** "⏰ Remind me later": delivery binds it to the row it goes out with (choice-data.ts). */
export const snoozeChoice = (ctx: ComposeContext, lang: Lang): Choice => ({
  label: ctx.i18n.t(lang, "snooze-button"),
  data: SNOOZE_PLACEHOLDER,
});

/** Frequent snoozes by assignment, as the snapshot hands them to the composers. */
export function byAssignment(rows: FrequentSnooze[]): Map<number, FrequentSnooze[]> {
  const out = new Map<number, FrequentSnooze[]>();
  for (const r of rows) out.set(r.assignmentId, [...(out.get(r.assignmentId) ?? []), r]);
  return out;
}

/**
 * The lines telling a head who keeps putting these tasks off: one per person, with the most
 * times they put one of them off and which tasks (a nudge snoozed puts off every task it lists).
 * Only snoozes of the chase the head's message is about count (`chaseOf`, domain/snooze.ts):
 * the reporting period of the cycle's escalation, the date of an overdue step.
 */
export function snoozeLines(
  ctx: ComposeContext,
  lang: Lang,
  items: WorkItem[],
  chaseOf: (w: WorkItem) => string | null,
): string[] {
  if (!ctx.snoozes?.size) return [];
  const people = new Map<number, { name: string | null; count: number; refs: string[] }>();
  for (const w of items)
    for (const s of ctx.snoozes.get(w.assignmentId) ?? []) {
      if (s.chase !== chaseOf(w)) continue;
      const p = people.get(s.contactId) ?? { name: s.name, count: 0, refs: [] };
      p.count = Math.max(p.count, s.count);
      p.refs.push(w.ref);
      people.set(s.contactId, p);
    }
  return [...people.values()].map((p) =>
    ctx.i18n.t(lang, "snooze-head-line", {
      name: p.name ?? ctx.i18n.t(lang, "snooze-someone"),
      count: p.count,
      ref: p.refs.join(", "),
    }),
  );
}
