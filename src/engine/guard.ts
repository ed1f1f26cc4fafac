/**
 * What a chasing message is about, so delivery can drop it if that was settled in the
 * meantime: a nudge written on Saturday goes out on Monday, and an agency that reported on
 * Sunday must not be told it has not. The check is store.engine.settledReason.
 */
import type { Guard } from "../store/outbox-types.ts";
import type { WorkItem } from "./snapshot.ts";

export type { Guard };

/**
 * The guard of a message chasing these items' dates (a due reminder, an overdue step): it
 * names the date each was chased for, so a message written before an extension or a new date
 * from a coordinator is dropped instead of chasing the old one. Milestone dates are the
 * task's own and never move with an extension; they are left out.
 */
export function deadlineGuard(items: WorkItem[], deadline?: string): Guard {
  const dues: Record<string, string> = {};
  for (const w of items) if (w.due && !w.milestones) dues[String(w.assignmentId)] = w.due;
  return {
    assignments: items.map((w) => w.assignmentId),
    ...(deadline ? { deadline } : {}),
    ...(Object.keys(dues).length > 0 ? { dues } : {}),
  };
}
