import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { dueChangeSources, extensionStatuses } from "../schema/extensions.ts";
import { assignments, tasks } from "./catalog.ts";

/** Deadline history and extension requests for PostgreSQL; see src/db/schema/extensions.ts. */
export const dueChanges = pgTable(
  "due_changes",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    assignmentId: integer("assignment_id").references(() => assignments.id),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    oldDue: text("old_due"),
    newDue: text("new_due").notNull(),
    changedAt: text("changed_at").notNull(),
    source: text("source", { enum: dueChangeSources }).notNull(),
    requestedBy: integer("requested_by"),
    approvedBy: integer("approved_by"),
    reason: text("reason"),
  },
  (t) => [
    index("due_changes_task").on(t.taskId, t.changedAt),
    index("due_changes_assignment").on(t.assignmentId),
  ],
);

export const extensionRequests = pgTable(
  "extension_requests",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    agencyId: text("agency_id").notNull(),
    requestedBy: integer("requested_by"),
    requestedAt: text("requested_at").notNull(),
    oldDue: text("old_due"),
    newDue: text("new_due").notNull(),
    reason: text("reason").notNull(),
    late: boolean("late").notNull().default(false),
    status: text("status", { enum: extensionStatuses }).notNull().default("open"),
    decidedBy: integer("decided_by"),
    decidedAt: text("decided_at"),
    decidedDue: text("decided_due"),
  },
  (t) => [
    uniqueIndex("extension_requests_one_open").on(t.assignmentId).where(sql`status = 'open'`),
    index("extension_requests_status").on(t.status, t.requestedAt),
  ],
);
