import type Database from "better-sqlite3";
import { dayLabel } from "../domain/period.ts";
import { reachableChats } from "../people/reachable.ts";
import type { EngineDeps, MissedWork } from "./deps.ts";
import { missedKey, recipientKey, unreachableKey } from "./keys.ts";
import type { NewMessage } from "./outbox.ts";

/** Every reachable chat of every coordinator (but `except`). */
const coordinators = (sqlite: Database.Database, except?: string) =>
  reachableChats(sqlite, { role: "coordinator", exceptChat: except });

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
  const sendAfter = deps.calendar.nextSendTime(now).toISOString();
  return deps.outbox.add(
    coordinators(sqlite, chatId).map((c) => ({
      dedupeKey: recipientKey(unreachableKey(chatId, since), c.contactId, c.chatId),
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

/**
 * The coordinators' notice after a gap in the ticks: how many reminders the catch-up window
 * cut off and on which days they were due, and how many chasing messages expired unsent. Keyed
 * on the last tick before the gap, so it is written once per gap.
 */
export function missedWorkNotice(deps: EngineDeps, missed: MissedWork, now: Date): NewMessage[] {
  const sendAfter = deps.calendar.nextSendTime(now).toISOString();
  const days = missed.days.map(dayLabel);
  const shown = days.length > 12 ? [...days.slice(0, 12), "…"] : days;
  return coordinators(deps.sqlite).map((c) => ({
    dedupeKey: recipientKey(missedKey(missed.since), c.contactId, c.chatId),
    chatId: c.chatId,
    contactId: c.contactId,
    kind: "missed-work",
    text: deps.i18n.t(c.lang, "engine-missed-work", {
      since: dayLabel(deps.calendar.localDate(missed.since)),
      skipped: missed.skipped,
      days: shown.join(", ") || "—",
      expired: missed.expired,
    }),
    sendAfter,
  }));
}
