import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { agencies } from "./catalog.ts";
import { contacts, reports } from "./people.ts";

/**
 * A person's leave, in local days (YYYY-MM-DD, both inclusive), and who stands in for them.
 * Ending a leave early moves `to_day` back and sets `ended_at`: the days actually away stay
 * on record, since the overdue ladder looks back at them (days nobody could answer).
 */
export const leaves = sqliteTable(
  "leaves",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    fromDay: text("from_day").notNull(),
    toDay: text("to_day").notNull(),
    deputyContactId: integer("deputy_contact_id").references(() => contacts.id),
    /** Who set it: the person, the agency's head or a coordinator. */
    setByContactId: integer("set_by_contact_id").references(() => contacts.id),
    createdAt: text("created_at").notNull(),
    endedAt: text("ended_at"),
  },
  (t) => [index("leaves_contact").on(t.contactId, t.toDay), index("leaves_agency").on(t.agencyId, t.toDay)],
);

/** A report a deputy made for a person on leave: who made it is the report's contact, this says for whom. */
export const reportOnBehalf = sqliteTable("report_on_behalf", {
  reportId: integer("report_id")
    .primaryKey()
    .references(() => reports.id),
  onBehalfOfContactId: integer("on_behalf_of_contact_id")
    .notNull()
    .references(() => contacts.id),
});
