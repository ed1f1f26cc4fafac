import { index, integer, pgTable, text } from "drizzle-orm/pg-core";

/** Snoozed reminders for PostgreSQL; see src/db/schema/snooze.ts. */
export const snoozes = pgTable(
  "snoozes",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    contactId: integer("contact_id").notNull(),
    assignmentId: integer("assignment_id").notNull(),
    fromOutboxId: integer("from_outbox_id").notNull(),
    outboxId: integer("outbox_id").notNull(),
    option: text("option").notNull(),
    until: text("until").notNull(),
    createdAt: text("created_at").notNull(),
    chase: text("chase"),
  },
  (t) => [
    index("snoozes_contact_assignment").on(t.contactId, t.assignmentId),
    index("snoozes_assignment").on(t.assignmentId),
  ],
);
