import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { AuditChannel } from "../db/schema.ts";
import type { Q } from "./context.ts";

export interface NewClarification {
  assignmentId: number;
  agencyId: string;
  question: string;
  askedBy: number;
  askedVia: AuditChannel;
  at: Date;
}

/** One question with its answer, the task and agency it is about, and who asked and answered. */
export interface ClarificationRow {
  id: number;
  assignmentId: number;
  agencyId: string;
  agencyName: string;
  taskId: number;
  ref: string;
  title: string;
  question: string;
  askedBy: number;
  askerName: string | null;
  askedAt: string;
  askedVia: AuditChannel;
  answer: string | null;
  answeredBy: number | null;
  answererName: string | null;
  answeredAt: string | null;
  answerReportId: number | null;
  /** The edited report's status and percent, when the answer was a report. */
  reportStatus: string | null;
  reportPercent: number | null;
}

async function add(q: Q, c: NewClarification): Promise<number> {
  const [row] = await q.db
    .insert(q.t.clarifications)
    .values({
      assignmentId: c.assignmentId,
      agencyId: c.agencyId,
      question: c.question,
      askedBy: c.askedBy,
      askedAt: c.at.toISOString(),
      askedVia: c.askedVia,
    })
    .returning({ id: q.t.clarifications.id });
  if (!row) throw new Error("store: clarification not inserted");
  return row.id;
}

/**
 * Closes an open question with its answer; false when it was answered already (the first
 * answer stands, a second focal point's is refused) or does not exist.
 */
async function answer(
  q: Q,
  a: { id: number; contactId: number; text: string | null; reportId?: number; at: Date },
): Promise<boolean> {
  const c = q.t.clarifications;
  const rows = await q.db
    .update(c)
    .set({
      answer: a.text,
      answeredBy: a.contactId,
      answeredAt: a.at.toISOString(),
      answerReportId: a.reportId ?? null,
    })
    .where(and(eq(c.id, a.id), isNull(c.answeredAt)))
    .returning({ id: c.id });
  return rows.length > 0;
}

function threads(q: Q) {
  const { clarifications: c, assignments: a, tasks: t, agencies: ag, reports: r } = q.t;
  return q.db
    .select({
      id: c.id,
      assignmentId: c.assignmentId,
      agencyId: c.agencyId,
      agencyName: ag.name,
      taskId: t.id,
      ref: t.ref,
      title: t.title,
      question: c.question,
      askedBy: c.askedBy,
      askedAt: c.askedAt,
      askedVia: c.askedVia,
      answer: c.answer,
      answeredBy: c.answeredBy,
      answeredAt: c.answeredAt,
      answerReportId: c.answerReportId,
      reportStatus: r.status,
      reportPercent: r.percent,
    })
    .from(c)
    .innerJoin(a, eq(a.id, c.assignmentId))
    .innerJoin(t, eq(t.id, a.taskId))
    .innerJoin(ag, eq(ag.id, c.agencyId))
    .leftJoin(r, eq(r.id, c.answerReportId));
}

/** Names of the askers and answerers, read apart: one table joined twice is not portable here. */
async function named(q: Q, rows: Awaited<ReturnType<typeof threads>>): Promise<ClarificationRow[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.askedBy, r.answeredBy ?? r.askedBy]))];
  const people = ids.length
    ? await q.db
        .select({ id: q.t.contacts.id, name: q.t.contacts.name })
        .from(q.t.contacts)
        .where(inArray(q.t.contacts.id, ids))
    : [];
  const name = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    ...r,
    askerName: name.get(r.askedBy) ?? null,
    answererName: r.answeredBy === null ? null : (name.get(r.answeredBy) ?? null),
  }));
}

async function get(q: Q, id: number): Promise<ClarificationRow | undefined> {
  const [row] = await named(q, await threads(q).where(eq(q.t.clarifications.id, id)));
  return row;
}

/** Every question asked about a task, to any of its agencies, oldest first. */
async function ofTask(q: Q, taskId: number): Promise<ClarificationRow[]> {
  return named(q, await threads(q).where(eq(q.t.tasks.id, taskId)).orderBy(asc(q.t.clarifications.id)));
}

/** The chats a contact can still be written to (live contact, chat not gone): where an answer goes. */
async function chatsOf(q: Q, contactId: number): Promise<{ chat: string; lang: "vi" | "en" }[]> {
  const { contacts: c, contactChats: cc, chats: ch } = q.t;
  return q.db
    .select({ chat: cc.chatId, lang: c.lang })
    .from(c)
    .innerJoin(cc, eq(cc.contactId, c.id))
    .innerJoin(ch, eq(ch.id, cc.chatId))
    .where(and(eq(c.id, contactId), isNull(c.removedAt), isNull(ch.unreachableAt), eq(ch.type, "private")))
    .orderBy(asc(cc.chatId));
}

/** A task's live assignments, leads first: who a question about it can go to. */
async function askable(q: Q, taskId: number) {
  const { assignments: a, agencies: ag } = q.t;
  return q.db
    .select({ assignmentId: a.id, agencyId: a.agencyId, name: ag.name, role: a.role })
    .from(a)
    .innerJoin(ag, eq(ag.id, a.agencyId))
    .where(and(eq(a.taskId, taskId), isNull(a.archivedAt)))
    .orderBy(asc(a.role), asc(a.id));
}

export const clarifications = { add, answer, get, ofTask, chatsOf, askable };
