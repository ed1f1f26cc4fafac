import type { Database } from "better-sqlite3";

/**
 * A Telegram group upgraded to a supergroup gets a new id; the old one is dead for sending.
 * Everything that belongs to the chat follows it: the chat row, its people, its digest
 * subscription, its conversation and menu, and its messages not yet sent. One transaction;
 * moving twice (the service message and a send both report it) is harmless.
 */
export function moveChat(sqlite: Database, from: string, to: string, now = new Date()): boolean {
  if (from === to) return false;
  const move = sqlite.transaction(() => {
    const old = sqlite.prepare("select type, title, created_at from chats where id = ?").get(from) as
      | { type: string; title: string | null; created_at: string }
      | undefined;
    if (!old) return false;
    sqlite
      .prepare(
        `insert into chats (id, type, title, created_at) values (?, 'group', ?, ?)
         on conflict(id) do update set unreachable_at = null, unreachable_reason = null`,
      )
      .run(to, old.title, now.toISOString());
    sqlite.prepare("update or ignore contact_chats set chat_id = ? where chat_id = ?").run(to, from);
    sqlite.prepare("delete from contact_chats where chat_id = ?").run(from);
    const sub = sqlite.prepare("select 1 from subscriptions where chat_id = ?").get(to);
    if (sub) sqlite.prepare("delete from subscriptions where chat_id = ?").run(from);
    else sqlite.prepare("update subscriptions set chat_id = ? where chat_id = ?").run(to, from);
    for (const table of ["flows", "chat_menus"])
      sqlite.prepare(`update or ignore ${table} set chat_id = ? where chat_id = ?`).run(to, from);
    sqlite
      .prepare("update outbox set chat_id = ? where chat_id = ? and state in ('pending', 'sending')")
      .run(to, from);
    sqlite
      .prepare("update chats set unreachable_at = ?, unreachable_reason = ? where id = ?")
      .run(now.toISOString(), `upgraded to supergroup ${to}`, from);
    return true;
  });
  return move();
}
