import { dayLabel } from "../domain/period.ts";
import type { EngineDeps, MissedWork } from "./deps.ts";
import { missedKey, recipientKey, unreachableKey } from "./keys.ts";
import type { NewMessage } from "./outbox.ts";

/**
 * A chat the platform says is gone: it is marked unreachable, everything waiting for it
 * stops, and the coordinators are told once per incident. Returns the outbox ids written.
 */
export async function chatUnreachable(
  deps: EngineDeps,
  chatId: string,
  reason: string,
  now = new Date(),
): Promise<number[]> {
  const { store } = deps;
  const { since } = await store.engine.chatGone(chatId, reason, now);
  const who = await store.engine.chatOwner(chatId);
  const sendAfter = deps.calendar.nextSendTime(now).toISOString();
  return deps.outbox.add(
    (await store.engine.coordinators(chatId)).map((c) => ({
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
export async function missedWorkNotice(
  deps: EngineDeps,
  missed: MissedWork,
  now: Date,
): Promise<NewMessage[]> {
  const sendAfter = deps.calendar.nextSendTime(now).toISOString();
  const days = missed.days.map(dayLabel);
  const shown = days.length > 12 ? [...days.slice(0, 12), "…"] : days;
  return (await deps.store.engine.coordinators()).map((c) => ({
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
