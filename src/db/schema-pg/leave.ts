import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { agencies } from "./catalog.ts";
import { contacts, reports } from "./people.ts";

/** Leave and deputies for PostgreSQL; see src/db/schema/leave.ts. */
export const leaves = pgTable(
  "leaves",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    fromDay: text("from_day").notNull(),
    toDay: text("to_day").notNull(),
    deputyContactId: integer("deputy_contact_id").references(() => contacts.id),
    setByContactId: integer("set_by_contact_id").references(() => contacts.id),
    createdAt: text("created_at").notNull(),
    endedAt: text("ended_at"),
  },
  (t) => [index("leaves_contact").on(t.contactId, t.toDay), index("leaves_agency").on(t.agencyId, t.toDay)],
);

export const reportOnBehalf = pgTable("report_on_behalf", {
  reportId: integer("report_id")
    .primaryKey()
    .references(() => reports.id),
  onBehalfOfContactId: integer("on_behalf_of_contact_id")
    .notNull()
    .references(() => contacts.id),
});
