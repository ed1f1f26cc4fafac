import { eq, sql } from "drizzle-orm";
import type { DigestScope } from "../db/schema.ts";
import { type Q, raw, statement, transaction } from "./context.ts";
import { people } from "./people.ts";

const p = (name: string) => sql.placeholder(name);

const subscribedRow = statement("sub_by_chat", (q) =>
  q.db
    .select({ scope: q.t.subscriptions.scope })
    .from(q.t.subscriptions)
    .where(eq(q.t.subscriptions.chatId, p("chatId")))
    .prepare(),
);

/** The digest scope a chat subscribed to; undefined when it did not. */
async function subscription(q: Q, chatId: string): Promise<DigestScope | undefined> {
  const [row] = await subscribedRow(q).execute({ chatId });
  return row?.scope;
}

async function subscribed(q: Q, chatId: string): Promise<boolean> {
  return (await subscription(q, chatId)) !== undefined;
}

/**
 * The chat gets the digest of `planId` for `scope` (one subscription per chat, replaced): the
 * chat row is created if new and marked reachable, as a subscriber expects to hear from the bot.
 */
async function subscribe(
  q: Q,
  input: { chatId: string; planId: string; scope: DigestScope; lang: "vi" | "en" },
  now: string,
): Promise<void> {
  const { chatId, planId, scope, lang } = input;
  await people.ensureChat(q, chatId, now);
  await people.markReachable(q, chatId);
  await q.db
    .insert(q.t.subscriptions)
    .values({ chatId, planId, scope, lang, createdAt: now })
    .onConflictDoUpdate({ target: q.t.subscriptions.chatId, set: { planId, scope, lang } });
}

async function unsubscribe(q: Q, chatId: string): Promise<boolean> {
  const gone = await q.db
    .delete(q.t.subscriptions)
    .where(eq(q.t.subscriptions.chatId, chatId))
    .returning({ chatId: q.t.subscriptions.chatId });
  return gone.length > 0;
}

const oldChat = raw<{ title: string | null }>("select title from chats where id = ?");
const newChat = raw(
  `insert into chats (id, type, title, created_at) values (?, 'group', ?, ?)
   on conflict (id) do update set unreachable_at = null, unreachable_reason = null`,
);
// A person linked to both chats keeps one link: the old one is dropped below.
const moveLinks = raw(
  `update contact_chats set chat_id = ? where chat_id = ?
     and contact_id not in (select contact_id from contact_chats where chat_id = ?)`,
);
const dropLinks = raw("delete from contact_chats where chat_id = ?");
const subscriptionOf = raw("select 1 from subscriptions where chat_id = ?");
const dropSubscription = raw("delete from subscriptions where chat_id = ?");
const moveSubscription = raw("update subscriptions set chat_id = ? where chat_id = ?");
// The new chat's own conversation and menu win; the old chat's stay where they were.
const moveFlow = raw(
  "update flows set chat_id = ? where chat_id = ? and not exists (select 1 from flows f where f.chat_id = ?)",
);
const moveMenu = raw(
  "update chat_menus set chat_id = ? where chat_id = ? and not exists (select 1 from chat_menus m where m.chat_id = ?)",
);
const moveOutbox = raw("update outbox set chat_id = ? where chat_id = ? and state in ('pending', 'sending')");
const markUpgraded = raw("update chats set unreachable_at = ?, unreachable_reason = ? where id = ?");

/**
 * A Telegram group upgraded to a supergroup gets a new id; the old one is dead for sending.
 * Everything that belongs to the chat follows it, in one transaction: the chat row, its people,
 * its digest subscription, its conversation and menu, and its messages not yet sent. Moving
 * twice is harmless. False when the old chat is unknown or the ids are equal.
 */
async function moveChat(q: Q, from: string, to: string, now: Date): Promise<boolean> {
  if (from === to) return false;
  return transaction(q, async (tx) => {
    const old = await oldChat(tx).get(from);
    if (!old) return false;
    await newChat(tx).run(to, old.title, now.toISOString());
    await moveLinks(tx).run(to, from, to);
    await dropLinks(tx).run(from);
    if (await subscriptionOf(tx).get(to)) await dropSubscription(tx).run(from);
    else await moveSubscription(tx).run(to, from);
    await moveFlow(tx).run(to, from, to);
    await moveMenu(tx).run(to, from, to);
    await moveOutbox(tx).run(to, from);
    await markUpgraded(tx).run(now.toISOString(), `upgraded to supergroup ${to}`, from);
    return true;
  });
}

export const chats = { subscription, subscribed, subscribe, unsubscribe, moveChat };
