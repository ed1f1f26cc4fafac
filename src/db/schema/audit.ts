import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const auditActorKinds = ["contact", "operator", "system"] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];

/** `engine`: what the bot does by itself on a tick (an extension request expiring). */
export const auditChannels = ["tg", "zalo", "console", "cli", "web", "engine"] as const;
export type AuditChannel = (typeof auditChannels)[number];

/**
 * Who did what, when, to what, and the value before and after: one row per coordinator or
 * operator action, appended and never updated or deleted (the one exception: the actor's label
 * is replaced when that person's data is erased). `actor_contact_id` has no foreign key on
 * purpose: a contact erased under the data-protection law must not take its history with it
 * nor be kept alive by it.
 */
export const audit = sqliteTable(
  "audit",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    actorKind: text("actor_kind", { enum: auditActorKinds }).notNull(),
    actorContactId: integer("actor_contact_id"),
    /** A display name at the time (a contact's name, the CLI's OS user, "cli"). */
    actorLabel: text("actor_label"),
    /** A short stable name: `due.set`, `invite.create`, `contact.role`, `web.*`… */
    action: text("action").notNull(),
    targetKind: text("target_kind"),
    targetId: text("target_id"),
    before: text("before", { mode: "json" }).$type<unknown>(),
    after: text("after", { mode: "json" }).$type<unknown>(),
    channel: text("channel", { enum: auditChannels }).notNull(),
  },
  (t) => [index("audit_at").on(t.at), index("audit_action_at").on(t.action, t.at)],
);
