import { index, integer, json, pgTable, text } from "drizzle-orm/pg-core";
import { outboxStates } from "../schema/engine.ts";

/** The outbox and engine state for PostgreSQL; see src/db/schema/engine.ts for what they hold. */
export const outbox = pgTable(
  "outbox",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    chatId: text("chat_id").notNull(),
    contactId: integer("contact_id"),
    agencyId: text("agency_id"),
    planId: text("plan_id"),
    kind: text("kind").notNull(),
    text: text("text").notNull(),
    choices: json("choices").$type<{ label: string; data: string }[][]>(),
    attachment: json("attachment").$type<{ kind: "photo" | "document"; path: string; name: string }>(),
    guard: json("guard").$type<{
      period?: string;
      deadline?: string;
      assignments: number[];
      dues?: Record<string, string>;
    }>(),
    state: text("state", { enum: outboxStates }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    sendAfter: text("send_after").notNull(),
    claimedAt: text("claimed_at"),
    sentAt: text("sent_at"),
    platformMessageId: text("platform_message_id"),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("outbox_chat_state").on(t.chatId, t.state, t.sendAfter),
    index("outbox_state").on(t.state, t.sendAfter),
  ],
);

export const engineState = pgTable("engine_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
