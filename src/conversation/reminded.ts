import { readReportData } from "../choice-data.ts";
import type { Store } from "../store/index.ts";

/**
 * The assignment a replied-to reminder was about: a number, null (a general reminder), or
 * undefined when the message carried no report button (a digest, a notice, an escalation).
 * A long reminder is split into parts and only the last one has the button; a reply to an
 * earlier part counts too.
 */
export async function remindedAssignment(
  store: Store,
  chatId: string,
  platformMessageId: string,
): Promise<number | null | undefined> {
  const parts = await store.reports.sentChoices(chatId, platformMessageId);
  for (const choices of parts ?? [])
    for (const c of choices.flat()) {
      const assignment = readReportData(c.data);
      if (assignment !== undefined) return assignment;
    }
  return undefined;
}
