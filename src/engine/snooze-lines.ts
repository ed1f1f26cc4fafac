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

/** The lines telling a head who keeps putting which of these tasks off, and how many times. */
export function snoozeLines(ctx: ComposeContext, lang: Lang, items: WorkItem[]): string[] {
  if (!ctx.snoozes?.size) return [];
  return items.flatMap((w) =>
    (ctx.snoozes?.get(w.assignmentId) ?? []).map((s) =>
      ctx.i18n.t(lang, "snooze-head-line", {
        name: s.name ?? ctx.i18n.t(lang, "snooze-someone"),
        count: s.count,
        ref: w.ref,
      }),
    ),
  );
}
