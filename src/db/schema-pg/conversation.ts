import { doublePrecision, index, integer, json, pgTable, text } from "drizzle-orm/pg-core";
import { roles } from "../schema/people.ts";
import { agencies, targets } from "./catalog.ts";
import { contacts } from "./people.ts";

/** Conversations, menus, invites and target reports for PostgreSQL; see src/db/schema/conversation.ts. */
export const flows = pgTable("flows", {
  chatId: text("chat_id").primaryKey(),
  contactId: integer("contact_id"),
  kind: text("kind").notNull(),
  step: text("step").notNull(),
  nonce: text("nonce").notNull(),
  data: json("data").$type<Record<string, unknown>>().notNull(),
  choices: json("choices").$type<{ label: string; data: string }[]>(),
  updatedAt: text("updated_at").notNull(),
  expiresAt: text("expires_at").notNull(),
});

export const chatMenus = pgTable("chat_menus", {
  chatId: text("chat_id").primaryKey(),
  choices: json("choices").$type<{ label: string; data: string }[]>().notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const invites = pgTable(
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

export const targetReports = pgTable(
  "target_reports",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    targetId: integer("target_id")
      .notNull()
      .references(() => targets.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    period: text("period").notNull(),
    valueText: text("value_text").notNull(),
    value: doublePrecision("value"),
    contactId: integer("contact_id").references(() => contacts.id),
    chatId: text("chat_id"),
    submittedAt: text("submitted_at").notNull(),
  },
  (t) => [index("target_reports_target").on(t.targetId, t.submittedAt)],
);
