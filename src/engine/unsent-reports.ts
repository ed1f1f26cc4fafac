import { instantLabel, periodOf } from "../domain/period.ts";
import { rulesFor } from "../domain/rules.ts";
import { shortTitle } from "../text/title.ts";
import type { EngineDeps } from "./deps.ts";
import { recipientKey, unsentKey } from "./keys.ts";
import type { NewMessage } from "./outbox.ts";

/** How long a report left at its summary waits before its writer is told it was never sent. */
export const UNSENT_AFTER_MS = 2 * 3_600_000;

/**
 * Reports written to the end and never sent: the person answered every question, saw the
 * summary, and went on to something else (a command, a call, the end of the day). The flow
 * expires 24 hours after its last step and the answers with it, so once it has sat for
 * UNSENT_AFTER_MS the writer is told, in working time, with the summary's own buttons (the
 * flow's nonce, so they answer it). Once per flow; dropped at delivery if a report for that
 * task and month exists by then (sent meanwhile, or the one an unsent change would have
 * replaced, which stands), and not written when working time comes only after the flow expires.
 */
export async function unsentReports(deps: EngineDeps, from: Date, at: Date): Promise<NewMessage[]> {
  const { store, calendar, i18n } = deps;
  const idle = await store.flows.idleAt(
    "report",
    "confirm",
    new Date(from.getTime() - UNSENT_AFTER_MS),
    new Date(at.getTime() - UNSENT_AFTER_MS),
  );
  const out: NewMessage[] = [];
  for (const flow of idle) {
    const data = flow.data as { agencyId?: string; assignmentId?: number };
    if (flow.contactId === null || !data.agencyId || data.assignmentId === undefined) continue;
    const a = await store.reports.assignmentFor(data.agencyId, data.assignmentId);
    if (!a) continue;
    const sendAfter = calendar.nextSendTime(new Date(Date.parse(flow.updatedAt) + UNSENT_AFTER_MS));
    if (sendAfter.toISOString() >= flow.expiresAt) continue;
    const lang = await store.people.chatLang(flow.chatId);
    const deadlineDay = rulesFor(deps.rulesFile, a.planId).cycle.deadlineDay;
    const written = new Date(flow.updatedAt);
    out.push({
      dedupeKey: recipientKey(unsentKey(flow.nonce), flow.contactId, flow.chatId),
      chatId: flow.chatId,
      contactId: flow.contactId,
      agencyId: data.agencyId,
      planId: a.planId,
      kind: "report-unsent",
      text: i18n.t(lang, "report-unsent", {
        ref: a.ref,
        title: shortTitle(a.title, 80),
        when: instantLabel(written, calendar.timeZone),
      }),
      choices: (flow.choices ?? []).map((c) => [c]),
      guard: { period: periodOf(calendar.localDate(written), deadlineDay), assignments: [a.assignmentId] },
      sendAfter: sendAfter.toISOString(),
    });
  }
  return out;
}
