import { and, asc, desc, eq, sql } from "drizzle-orm";
import { type Q, serialize, transaction } from "./context.ts";

/** What a focal point asks for: a later date for one assignment, and why. */
export interface NewExtension {
  assignmentId: number;
  taskId: number;
  agencyId: string;
  requestedBy: number;
  requestedAt: string;
  oldDue: string | null;
  newDue: string;
  reason: string;
  late: boolean;
}

/** A coordinator's answer: the date granted (the one asked for, or their own), or none. */
export interface Decision {
  status: "approved" | "rejected";
  by: number | null;
  at: string;
  due?: string;
}

/**
 * Opens a request; undefined when the assignment already has an open one (the partial unique
 * index decides, so two people asking at once cannot both open one).
 */
async function request(q: Q, r: NewExtension): Promise<number | undefined> {
  const { extensionRequests: x } = q.t;
  const [row] = await q.db.insert(x).values(r).onConflictDoNothing().returning({ id: x.id });
  return row?.id;
}

/** The open request of an assignment, if any. */
async function openFor(q: Q, assignmentId: number) {
  const { extensionRequests: x } = q.t;
  const [row] = await q.db
    .select()
    .from(x)
    .where(and(eq(x.assignmentId, assignmentId), eq(x.status, "open")))
    .limit(1);
  return row;
}

/** Requests with what a message about one names: the task, the agency, the date in force. */
function views(q: Q) {
  const { extensionRequests: x, tasks: t, agencies: a, assignments: as } = q.t;
  return q.db
    .select({
      request: x,
      ref: t.ref,
      title: t.title,
      planId: t.planId,
      agencyName: a.name,
      /** The date in force now, which a coordinator's /dathan may have moved since the request. */
      due: sql<string | null>`coalesce(${as.dueOverride}, ${t.dueOverride}, ${t.dueDate})`,
    })
    .from(x)
    .innerJoin(t, eq(t.id, x.taskId))
    .innerJoin(as, eq(as.id, x.assignmentId))
    .innerJoin(a, eq(a.id, x.agencyId));
}

/** One request with what a message about it names. */
async function byId(q: Q, id: number) {
  const [row] = await views(q).where(eq(q.t.extensionRequests.id, id)).limit(1);
  return row;
}

/** Every request still waiting for an answer, oldest first: what the tick follows up. */
async function waiting(q: Q) {
  const x = q.t.extensionRequests;
  return views(q).where(eq(x.status, "open")).orderBy(asc(x.requestedAt), asc(x.id));
}

/**
 * Closes a request nobody answered before the date it asked for: it is no longer open, so the
 * agency may ask again. Undefined when it was answered (or closed) meanwhile.
 */
async function expire(q: Q, id: number, at: string) {
  const x = q.t.extensionRequests;
  const [row] = await q.db
    .update(x)
    .set({ status: "expired", decidedAt: at })
    .where(and(eq(x.id, id), eq(x.status, "open")))
    .returning();
  return row;
}

/** An assignment's requests, newest first (tests, and what the console may show later). */
async function ofAssignment(q: Q, assignmentId: number) {
  const { extensionRequests: x } = q.t;
  return q.db.select().from(x).where(eq(x.assignmentId, assignmentId)).orderBy(desc(x.id));
}

/**
 * Closes an open request with the coordinator's answer; an approval moves that assignment's
 * deadline and keeps the change in due_changes, all in one transaction. Undefined when the
 * request is not open any more (another coordinator answered first): nothing changes then.
 */
async function decide(q: Q, id: number, d: Decision) {
  return transaction(q, async (tx) => {
    await serialize(tx, `extension:${id}`);
    const { extensionRequests: x, assignments: a, tasks: t, dueChanges } = tx.t;
    const [closed] = await tx.db
      .update(x)
      .set({ status: d.status, decidedBy: d.by, decidedAt: d.at, decidedDue: d.due ?? null })
      .where(and(eq(x.id, id), eq(x.status, "open")))
      .returning();
    if (!closed || d.status !== "approved" || !d.due) return closed;
    const [before] = await tx.db
      .select({ due: sql<string | null>`coalesce(${a.dueOverride}, ${t.dueOverride}, ${t.dueDate})` })
      .from(a)
      .innerJoin(t, eq(t.id, a.taskId))
      .where(eq(a.id, closed.assignmentId));
    await tx.db.update(a).set({ dueOverride: d.due }).where(eq(a.id, closed.assignmentId));
    await tx.db.insert(dueChanges).values({
      assignmentId: closed.assignmentId,
      taskId: closed.taskId,
      oldDue: before?.due ?? closed.oldDue,
      newDue: d.due,
      changedAt: d.at,
      source: "extension",
      requestedBy: closed.requestedBy,
      approvedBy: d.by,
      reason: closed.reason,
    });
    return closed;
  });
}

export const extensions = { request, openFor, byId, waiting, expire, ofAssignment, decide };
