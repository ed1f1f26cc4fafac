import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * "Remind me later", one row per snoozed assignment: who put it off, from which delivered
 * message, to which new outbox row and until when. Counted per contact, assignment and chase,
 * so the head hears of the third time a person put off the same deadline or period. No foreign keys: a person's erasure or a plan's re-import must
 * not be blocked by the count (readers join contacts and drop what no longer matches).
 */
export const snoozes = sqliteTable(
  "snoozes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id").notNull(),
    assignmentId: integer("assignment_id").notNull(),
    /** The delivered message the person chose to snooze. */
    fromOutboxId: integer("from_outbox_id").notNull(),
    /** The message written to go out again at `until`. */
    outboxId: integer("outbox_id").notNull(),
    option: text("option").notNull(),
    until: text("until").notNull(),
    createdAt: text("created_at").notNull(),
    /**
     * What the message chased for this assignment (domain/snooze.ts, chaseOf): `period:<p>` or
     * `due:<day>`. A new period or a moved date is a new chase and starts the count again;
     * null on rows from before chases were kept, which count towards none.
     */
    chase: text("chase"),
  },
  (t) => [
    index("snoozes_contact_assignment").on(t.contactId, t.assignmentId),
    index("snoozes_assignment").on(t.assignmentId),
  ],
);
