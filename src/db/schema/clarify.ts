import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { auditChannels } from "./audit.ts";
import { agencies, assignments } from "./catalog.ts";
import { contacts, reports } from "./people.ts";

/**
 * A coordinator's question to an agency about its report on one assignment, and the answer:
 * a plain reply, or the edited report (`answer_report_id`). The thread stays with the report
 * history; the first answer closes the question. `asked_via` is the chat channel or "web". Contacts are referenced, never copied: an
 * erased person's rows stay nameless, as their reports do.
 */
export const clarifications = sqliteTable(
  "clarifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    question: text("question").notNull(),
    askedBy: integer("asked_by")
      .notNull()
      .references(() => contacts.id),
    askedAt: text("asked_at").notNull(),
    askedVia: text("asked_via", { enum: auditChannels }).notNull(),
    answer: text("answer"),
    answeredBy: integer("answered_by").references(() => contacts.id),
    answeredAt: text("answered_at"),
    answerReportId: integer("answer_report_id").references(() => reports.id),
  },
  (t) => [index("clarifications_assignment").on(t.assignmentId, t.id)],
);
