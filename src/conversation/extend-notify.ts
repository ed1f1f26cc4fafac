import { dayLabel } from "../domain/period.ts";
import {
  agencyRoutes,
  type ExtensionView,
  extensionMessages,
  requestArgs,
  requestBody,
} from "../engine/extension-followup.ts";
import type { NewMessage } from "../engine/outbox.ts";
import type { Turn } from "./context.ts";
import { today } from "./leave-actions.ts";

export { type ExtensionView, requestArgs };

/** Writes the messages through the outbox and sends them now (as /remind does). */
async function send(turn: Turn, messages: NewMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  await turn.deps.outbox.add(messages);
  await turn.deps.engine?.dispatchNow(turn.now);
  return messages.length;
}

/** The request to every coordinator, with their three answers (numbered where there are no buttons). */
export async function notifyCoordinators(turn: Turn, r: ExtensionView): Promise<number> {
  const { i18n, store } = turn.deps;
  const to = await store.engine.coordinators();
  return send(
    turn,
    extensionMessages(r, "asked", to, turn.now.toISOString(), (lang) => requestBody(i18n, r, lang)),
  );
}

/** The answer to the agency's focal points and heads (the asker among them), around leave. */
export async function notifyAgency(turn: Turn, r: ExtensionView, due: string | undefined): Promise<number> {
  const { i18n, store } = turn.deps;
  const to = await agencyRoutes(store, i18n, r.request.agencyId, today(turn));
  const args = { ...requestArgs(r), due: due ? dayLabel(due) : "—" };
  const key = !due
    ? "extend-rejected"
    : due === r.request.newDue
      ? "extend-approved"
      : "extend-approved-other";
  const step = due ? "approved" : "rejected";
  return send(
    turn,
    extensionMessages(r, step, to, turn.now.toISOString(), (lang) => ({ text: i18n.t(lang, key, args) })),
  );
}
