import { and, asc, eq, isNull } from "drizzle-orm";
import type { DueChangeSource } from "../db/schema.ts";
import type { Q } from "./context.ts";

/** Who changed a deadline, how and why: what a row of due_changes records besides the dates. */
export interface DueChangeBy {
  source: DueChangeSource;
  at: string;
  requestedBy?: number | null;
  approvedBy?: number | null;
  reason?: string | null;
}

/**
 * A coordinator's date for every live task with that ref (/setdue, the console), each change
 * kept in due_changes as task-wide (no assignment). Returns how many tasks changed.
 * Call it inside the transaction that audits the change.
 */
async function setTaskDue(q: Q, ref: string, day: string, by: DueChangeBy): Promise<number> {
  const { tasks, dueChanges } = q.t;
  const live = await q.db
    .select({ id: tasks.id, override: tasks.dueOverride, due: tasks.dueDate })
    .from(tasks)
    .where(and(eq(tasks.ref, ref), isNull(tasks.archivedAt)));
  if (live.length === 0) return 0;
  await q.db
    .update(tasks)
    .set({ dueOverride: day })
    .where(and(eq(tasks.ref, ref), isNull(tasks.archivedAt)));
  await q.db.insert(dueChanges).values(
    live.map((t) => ({
      assignmentId: null,
      taskId: t.id,
      oldDue: t.override ?? t.due,
      newDue: day,
      changedAt: by.at,
      source: by.source,
      requestedBy: by.requestedBy ?? null,
      approvedBy: by.approvedBy ?? null,
      reason: by.reason ?? null,
    })),
  );
  return live.length;
}

/** A task's deadline history, oldest first: task-wide changes and each agency's extensions. */
async function dueHistory(q: Q, taskId: number) {
  const { dueChanges: d } = q.t;
  return q.db.select().from(d).where(eq(d.taskId, taskId)).orderBy(asc(d.changedAt), asc(d.id));
}

export const dueChanges = { setTaskDue, dueHistory };
