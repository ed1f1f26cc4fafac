import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** `skipped`: what the message chased was settled (reported, done) before it could go out. */
export const outboxStates = ["pending", "sending", "sent", "failed", "unreachable", "skipped"] as const;
export type OutboxState = (typeof outboxStates)[number];

/**
 * Every outbound message, written before it is sent. The dedupe key is deterministic, so a
 * rule that fires twice (two ticks, two instances) finds its row already there.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dedupeKey: text("dedupe_key").notNull().unique(),
    chatId: text("chat_id").notNull(),
    contactId: integer("contact_id"),
    agencyId: text("agency_id"),
    planId: text("plan_id"),
    kind: text("kind").notNull(),
    text: text("text").notNull(),
    choices: text("choices", { mode: "json" }).$type<{ label: string; data: string }[][]>(),
    /** A PNG or document to send with the text, where the channel takes one. */
    attachment: text("attachment", { mode: "json" }).$type<{
      kind: "photo" | "document";
      path: string;
      name: string;
    }>(),
    /** What makes the message pointless once true, checked just before sending (see engine/guard.ts). */
    guard: text("guard", { mode: "json" }).$type<{
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

/** Small durable facts of the engine, such as the instant of the last tick. */
export const engineState = sqliteTable("engine_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
