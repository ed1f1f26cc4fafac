import { readReportData } from "../choice-data.ts";
import type { Store } from "../store/index.ts";

/**
 * The first button of a replied-to bot message that `read` understands, or undefined when the
 * message carried none (or is unknown). A long message is split into parts and only the last
 * one has the buttons; a reply to an earlier part counts too.
 */
export async function repliedChoice<T>(
  store: Store,
  chatId: string,
  platformMessageId: string,
  read: (data: string) => T | undefined,
): Promise<T | undefined> {
  const parts = await store.reports.sentChoices(chatId, platformMessageId);
  for (const choices of parts ?? [])
    for (const c of choices.flat()) {
      const found = read(c.data);
      if (found !== undefined) return found;
    }
  return undefined;
}

/**
 * The assignment a replied-to reminder was about: a number, null (a general reminder), or
 * undefined when the message carried no report button (a digest, a notice, an escalation).
 */
export function remindedAssignment(
  store: Store,
  chatId: string,
  platformMessageId: string,
): Promise<number | null | undefined> {
  return repliedChoice(store, chatId, platformMessageId, readReportData);
}
