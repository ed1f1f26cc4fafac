import { index, integer, json, pgTable, text } from "drizzle-orm/pg-core";
import { auditActorKinds, auditChannels } from "../schema/audit.ts";

/** The audit trail for PostgreSQL; see src/db/schema/audit.ts. */
export const audit = pgTable(
  "audit",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: text("at").notNull(),
    actorKind: text("actor_kind", { enum: auditActorKinds }).notNull(),
    actorContactId: integer("actor_contact_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    targetKind: text("target_kind"),
    targetId: text("target_id"),
    before: json("before").$type<unknown>(),
    after: json("after").$type<unknown>(),
    channel: text("channel", { enum: auditChannels }).notNull(),
  },
  (t) => [index("audit_at").on(t.at), index("audit_action_at").on(t.action, t.at)],
);
