import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { agencies, targets } from "./catalog.ts";
import { contacts, roles } from "./people.ts";

/** A conversation in progress, one per chat; it survives restarts and expires after 24 hours. */
export const flows = sqliteTable("flows", {
  chatId: text("chat_id").primaryKey(),
  contactId: integer("contact_id"),
  kind: text("kind").notNull(),
  step: text("step").notNull(),
  /** Random per flow: buttons of an older flow carry another nonce and are refused. */
  nonce: text("nonce").notNull(),
  data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  /** The choices the open question offered (cleared when the step changes): "2" answers this question. */
  choices: text("choices", { mode: "json" }).$type<{ label: string; data: string }[]>(),
  updatedAt: text("updated_at").notNull(),
  expiresAt: text("expires_at").notNull(),
});

/**
 * The choices of the last message outside a flow (a reminder, a command's reply), so "1" or a
 * label answers it later. A flow's own question keeps its choices on the flow row instead.
 */
export const chatMenus = sqliteTable("chat_menus", {
  chatId: text("chat_id").primaryKey(),
  choices: text("choices", { mode: "json" }).$type<{ label: string; data: string }[]>().notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const invites = sqliteTable(
  "invites",
  {
    code: text("code").primaryKey(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    role: text("role", { enum: roles }).notNull(),
    createdBy: text("created_by"),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    usedByChat: text("used_by_chat"),
  },
  (t) => [index("invites_agency").on(t.agencyId)],
);

/** Annex I values reported by the tracking agencies (/kpi), one row per submission. */
export const targetReports = sqliteTable(
  "target_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    targetId: integer("target_id")
      .notNull()
      .references(() => targets.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    period: text("period").notNull(),
    valueText: text("value_text").notNull(),
    value: real("value"),
    contactId: integer("contact_id").references(() => contacts.id),
    chatId: text("chat_id"),
    submittedAt: text("submitted_at").notNull(),
  },
  (t) => [index("target_reports_target").on(t.targetId, t.submittedAt)],
);
