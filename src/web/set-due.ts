import { readDay } from "../conversation/commands/coordinator.ts";
import { UserError } from "../errors.ts";
import { webActor } from "./actor.ts";
import type { Viewer, WebDeps } from "./deps.ts";

export interface DueInput {
  date: string;
  reason: string;
  /** The box that says "yes, a date already past" (the /setdue rule's "xác nhận"). */
  confirmed: boolean;
}

export type DueOutcome =
  | { ok: true; day: string }
  | { ok: false; key: string; args?: Record<string, string> };

const MAX_REASON = 500;

/**
 * /setdue's rule from a form: the same day parsing, the same "a past date only when confirmed",
 * the same store function; the reason is required here (a form has room for it). The change and
 * its audit row (date before, date after, reason) commit together.
 */
export async function setDueFromWeb(deps: WebDeps, viewer: Viewer, ref: string, input: DueInput) {
  let day: string;
  try {
    day = readDay(input.date);
  } catch (e) {
    if (e instanceof UserError) return { ok: false, key: "web-due-bad-date" } satisfies DueOutcome;
    throw e;
  }
  const reason = input.reason.trim().slice(0, MAX_REASON);
  if (!reason) return { ok: false, key: "web-due-no-reason" } satisfies DueOutcome;
  const today = deps.calendar.localDate(deps.now());
  if (day < today && !input.confirmed)
    return { ok: false, key: "web-due-past", args: { due: day, today } } satisfies DueOutcome;
  const done = await deps.store.transaction(async (tx) => {
    const task = await tx.catalog.liveTask(ref);
    const by = { source: "web" as const, at: deps.now().toISOString(), approvedBy: viewer.contactId, reason };
    if (!task || !(await tx.dueChanges.setTaskDue(ref, day, by))) return false;
    await tx.audit.record({
      ...webActor(viewer.contactId),
      at: deps.now(),
      action: "due.set",
      targetKind: "task",
      targetId: ref,
      before: { due: task.dueOverride ?? task.dueDate ?? null },
      after: { due: day, reason },
    });
    return true;
  });
  return (done ? { ok: true, day } : { ok: false, key: "web-task-gone" }) satisfies DueOutcome;
}
