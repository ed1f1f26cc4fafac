import type { EngineDeps } from "./tick.ts";

/**
 * A chat the platform says is gone: it is marked unreachable, everything waiting for it
 * stops, and the coordinators are told once per incident. Returns the outbox ids written.
 */
export function chatUnreachable(
  deps: EngineDeps,
  chatId: string,
  reason: string,
  now = new Date(),
): number[] {
  const { sqlite } = deps;
  const at = now.toISOString();
  sqlite
    .prepare("insert into chats (id, type, created_at) values (?, 'private', ?) on conflict(id) do nothing")
    .run(chatId, at);
  sqlite
    .prepare(
      "update chats set unreachable_at = ?, unreachable_reason = ? where id = ? and unreachable_at is null",
    )
    .run(at, reason.slice(0, 200), chatId);
  deps.outbox.markChatUnreachable(chatId, reason);
  const since = (
    sqlite.prepare("select unreachable_at a from chats where id = ?").get(chatId) as { a: string }
  ).a;
  const who = sqlite
    .prepare(
      `select c.name name, a.name agency from contact_chats cc join contacts c on c.id = cc.contact_id
       join agencies a on a.id = c.agency_id where cc.chat_id = ? order by c.id limit 1`,
    )
    .get(chatId) as { name: string | null; agency: string } | undefined;
  const coordinators = sqlite
    .prepare(
      `select c.id contactId, cc.chat_id chatId, c.lang lang from contacts c
       join contact_chats cc on cc.contact_id = c.id join chats ch on ch.id = cc.chat_id
       where c.role = 'coordinator' and c.removed_at is null and ch.unreachable_at is null and cc.chat_id <> ?`,
    )
    .all(chatId) as { contactId: number; chatId: string; lang: "vi" | "en" }[];
  const sendAfter = deps.calendar.nextSendTime(now).toISOString();
  return deps.outbox.add(
    coordinators.map((c) => ({
      dedupeKey: `unreachable:${chatId}:${since}:contact-${c.contactId}:${c.chatId}`,
      chatId: c.chatId,
      contactId: c.contactId,
      kind: "unreachable",
      text: deps.i18n.t(c.lang, "engine-unreachable", {
        who: who?.name ?? chatId,
        agency: who?.agency ?? "—",
        chat: chatId.split(":")[0] ?? "",
        reason: reason.slice(0, 200),
      }),
      sendAfter,
    })),
  );
}
