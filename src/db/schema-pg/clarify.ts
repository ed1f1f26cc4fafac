import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { auditChannels } from "../schema/audit.ts";
import { agencies, assignments } from "./catalog.ts";
import { contacts, reports } from "./people.ts";

/** Questions to agencies about their reports, for PostgreSQL; see src/db/schema/clarify.ts. */
export const clarifications = pgTable(
  "clarifications",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
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
