import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { assignments, tasks } from "./catalog.ts";

export const dueChangeSources = ["extension", "setdue", "web"] as const;
export type DueChangeSource = (typeof dueChangeSources)[number];

/** `expired`: nobody answered before the date asked for (engine/extension-followup.ts). */
export const extensionStatuses = ["open", "approved", "rejected", "expired"] as const;
export type ExtensionStatus = (typeof extensionStatuses)[number];

/**
 * Every change of a deadline, whoever made it: an approved extension (one assignment), or a
 * coordinator's date for the whole task (/setdue, the console; `assignment_id` null). The
 * tallies read the deadline in force on a day from here. Contact ids carry no foreign key, as
 * in the audit trail: a person erased must not take the history with them.
 */
export const dueChanges = sqliteTable(
  "due_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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

/**
 * An agency's request for more time on one assignment, and the coordinator's answer. At most
 * one open request per assignment (the partial unique index), so two focal points asking at
 * once, or a second instance, cannot open two. `late`: asked after the deadline in force.
 * `decided_due` is the date granted: the one asked for, or the coordinator's own.
 */
export const extensionRequests = sqliteTable(
  "extension_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
    late: integer("late", { mode: "boolean" }).notNull().default(false),
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
