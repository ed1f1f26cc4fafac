import { sql } from "drizzle-orm";
import { index, integer, json, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { type DigestScope, reportStatuses, roles } from "../schema/people.ts";
import { agencies, assignments, plans, tasks } from "./catalog.ts";

/** Chats, contacts, subscriptions and reports for PostgreSQL; see src/db/schema/people.ts. */
export const chats = pgTable("chats", {
  id: text("id").primaryKey(),
  type: text("type", { enum: ["private", "group"] })
    .notNull()
    .default("private"),
  title: text("title"),
  unreachableAt: text("unreachable_at"),
  unreachableReason: text("unreachable_reason"),
  createdAt: text("created_at").notNull(),
});

export const contacts = pgTable(
  "contacts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    role: text("role", { enum: roles }).notNull(),
    name: text("name"),
    lang: text("lang", { enum: ["vi", "en"] })
      .notNull()
      .default("vi"),
    createdAt: text("created_at").notNull(),
    removedAt: text("removed_at"),
    /** The version of the notice the person agreed to, and when (src/privacy/notice.ts); null: never asked. */
    consentVersion: text("consent_version"),
    consentAt: text("consent_at"),
    /** Set when the person's data was erased: name and chats are gone, the row stays for their reports. */
    erasedAt: text("erased_at"),
  },
  (t) => [index("contacts_agency_role").on(t.agencyId, t.role)],
);

export const contactChats = pgTable(
  "contact_chats",
  {
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.chatId] }), index("contact_chats_chat").on(t.chatId)],
);

export const subscriptions = pgTable("subscriptions", {
  chatId: text("chat_id")
    .primaryKey()
    .references(() => chats.id),
  planId: text("plan_id")
    .notNull()
    .references(() => plans.id),
  scope: json("scope").$type<DigestScope>().notNull(),
  lang: text("lang", { enum: ["vi", "en"] })
    .notNull()
    .default("vi"),
  createdAt: text("created_at").notNull(),
});

export const reports = pgTable(
  "reports",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    period: text("period").notNull(),
    status: text("status", { enum: reportStatuses }).notNull(),
    percent: integer("percent"),
    description: text("description"),
    count: integer("count"),
    evidence: json("evidence").$type<{ kind: string; url?: string; fileId?: string; name?: string }[]>(),
    contactId: integer("contact_id").references(() => contacts.id),
    chatId: text("chat_id"),
    channel: text("channel"),
    submittedAt: text("submitted_at").notNull(),
    supersededAt: text("superseded_at"),
  },
  (t) => [
    index("reports_assignment_period").on(t.assignmentId, t.period),
    index("reports_agency_period").on(t.agencyId, t.period),
    index("reports_current").on(t.assignmentId, t.id).where(sql`superseded_at is null`),
    uniqueIndex("reports_one_current").on(t.assignmentId, t.period).where(sql`superseded_at is null`),
  ],
);

export const inviteAttempts = pgTable(
  "invite_attempts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    chatId: text("chat_id").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("invite_attempts_chat").on(t.chatId, t.at)],
);
