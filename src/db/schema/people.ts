import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { agencies, assignments, plans, tasks } from "./catalog.ts";

export const roles = ["focal", "head", "coordinator", "admin"] as const;
export type Role = (typeof roles)[number];

/** A chat on some platform, by channel-prefixed id ("tg:123", "zalo:abc", "console:an"). */
export const chats = sqliteTable("chats", {
  id: text("id").primaryKey(),
  type: text("type", { enum: ["private", "group"] })
    .notNull()
    .default("private"),
  title: text("title"),
  /** Set when the platform says the bot can no longer reach it (blocked, removed). */
  unreachableAt: text("unreachable_at"),
  unreachableReason: text("unreachable_reason"),
  createdAt: text("created_at").notNull(),
});

/** A person acting for an agency in one role; the same person in two roles is two contacts. */
export const contacts = sqliteTable(
  "contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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

export const contactChats = sqliteTable(
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

export type DigestScope =
  | { kind: "plan" }
  | { kind: "sections"; sections: string[] }
  | { kind: "agencies"; agencies: string[] };

/** A chat (usually a group) that gets the weekly digest for a scope of one plan. */
export const subscriptions = sqliteTable("subscriptions", {
  chatId: text("chat_id")
    .primaryKey()
    .references(() => chats.id),
  planId: text("plan_id")
    .notNull()
    .references(() => plans.id),
  scope: text("scope", { mode: "json" }).$type<DigestScope>().notNull(),
  lang: text("lang", { enum: ["vi", "en"] })
    .notNull()
    .default("vi"),
  createdAt: text("created_at").notNull(),
});

export const reportStatuses = ["not_started", "in_progress", "done", "blocked", "not_applicable"] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/**
 * Progress reports: one row per submission, never overwritten. An edit adds a row and marks
 * the one it replaces `superseded_at`, so the history stays whole.
 */
export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** The month reported on, "YYYY-MM"; due by the 10th of the month after. */
    period: text("period").notNull(),
    status: text("status", { enum: reportStatuses }).notNull(),
    percent: integer("percent"),
    description: text("description"),
    /** Items delivered this year, for recurring tasks with a quota. */
    count: integer("count"),
    evidence: text("evidence", { mode: "json" }).$type<
      { kind: string; url?: string; fileId?: string; name?: string }[]
    >(),
    contactId: integer("contact_id").references(() => contacts.id),
    chatId: text("chat_id"),
    channel: text("channel"),
    submittedAt: text("submitted_at").notNull(),
    supersededAt: text("superseded_at"),
  },
  (t) => [
    index("reports_assignment_period").on(t.assignmentId, t.period),
    index("reports_agency_period").on(t.agencyId, t.period),
    // The latest current report of an assignment (max(id) where superseded_at is null): one
    // backward step in this index. With superseded_at as a key column instead, PostgreSQL
    // could not read ids in order after an IS NULL and scanned every month of the history.
    index("reports_current").on(t.assignmentId, t.id).where(sql`superseded_at is null`),
    // One current report per assignment and month, held by the database: saves made at once
    // on PostgreSQL meet here instead of behind a lock taken in a transaction of their own.
    uniqueIndex("reports_one_current").on(t.assignmentId, t.period).where(sql`superseded_at is null`),
  ],
);

/**
 * Invite codes tried and refused, per chat, so guessing codes is slow: a few attempts per
 * quarter hour (see conversation/invites.ts). Old rows are pruned as new ones are written.
 */
export const inviteAttempts = sqliteTable(
  "invite_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: text("chat_id").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("invite_attempts_chat").on(t.chatId, t.at)],
);
