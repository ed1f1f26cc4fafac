import type { ExtensionAnswer } from "../../choice-data.ts";
import { dayLabel } from "../../domain/period.ts";
import type { Reply } from "../../messages.ts";
import type { FlowState } from "../../store/flows.ts";
import { auditActor, isCoordinator } from "../actor.ts";
import { type FlowDefinition, flowChoice, type StepInput, type Turn } from "../context.ts";
import { type ExtensionView, notifyAgency, requestArgs } from "../extend-notify.ts";
import { readExtensionAsk } from "../extend-read.ts";

const today = (turn: Turn) => turn.deps.calendar.localDate(turn.now);

/** Why a request cannot be answered now, or undefined: a coordinator, in private, an open request. */
async function refusal(turn: Turn, id: number): Promise<{ text: string } | { view: ExtensionView }> {
  if (!isCoordinator(turn.actor)) return { text: turn.t("err-coordinators-only") };
  if (turn.incoming.chatType === "group") return { text: turn.t("err-private-only") };
  const view = await turn.deps.store.extensions.byId(id);
  if (!view) return { text: turn.t("flow-stale-button") };
  if (view.request.status !== "open") return { text: decidedText(turn, view) };
  return { view };
}

function decidedText(turn: Turn, v: ExtensionView): string {
  if (v.request.status === "expired") return turn.t("extend-already-expired", requestArgs(v));
  return turn.t("extend-already-decided", {
    ...requestArgs(v),
    status: v.request.status,
    due: v.request.decidedDue ? dayLabel(v.request.decidedDue) : "—",
  });
}

/**
 * A coordinator's answer from the request's choices (xd:<id>:<a|r|p>). Nothing in the data is
 * trusted: the actor, the chat and the request's state are read again here.
 */
export async function answerExtension(turn: Turn, id: number, answer: ExtensionAnswer): Promise<Reply[]> {
  const checked = await refusal(turn, id);
  if ("text" in checked) return [{ text: checked.text }];
  const v = checked.view;
  if (answer === "a") return decide(turn, v, v.request.newDue);
  if (answer === "r") return decide(turn, v, undefined);
  const coordinator = auditActor(turn).actorContactId ?? null;
  const s = await turn.flows.start(
    turn.incoming.chatId,
    coordinator,
    "extend_counter",
    "date",
    { id },
    turn.now,
  );
  const choices = [[flowChoice(s, turn.t("flow-cancel"), "x")]];
  await turn.flows.offer(turn.incoming.chatId, s.nonce, choices.flat());
  turn.stored = choices;
  return [{ text: turn.t("extend-ask-other-date", requestArgs(v)), choices }];
}

/**
 * Closes the request (approved with `due`, or refused without), with its audit row in the same
 * transaction, then tells the agency. A request another coordinator answered first is left alone.
 */
async function decide(turn: Turn, v: ExtensionView, due: string | undefined): Promise<Reply[]> {
  const actor = auditActor(turn);
  const { request } = v;
  const status = due ? "approved" : "rejected";
  const closed = await turn.deps.store.transaction(async (tx) => {
    const done = await tx.extensions.decide(request.id, {
      status,
      by: actor.actorContactId ?? null,
      at: turn.now.toISOString(),
      ...(due ? { due } : {}),
    });
    if (done)
      await tx.audit.record({
        ...actor,
        at: turn.now,
        action: due ? "extension.approve" : "extension.reject",
        targetKind: "extension",
        targetId: request.id,
        before: { due: request.oldDue, asked: request.newDue, late: request.late },
        after: { status, due: due ?? request.oldDue, ref: v.ref, agency: request.agencyId },
      });
    return done;
  });
  if (!closed) {
    const now = await turn.deps.store.extensions.byId(request.id);
    return [{ text: now ? decidedText(turn, now) : turn.t("flow-stale-button") }];
  }
  const told = await notifyAgency(turn, v, due);
  const args = { ...requestArgs(v), due: dayLabel(due ?? request.oldDue ?? ""), count: told };
  return [{ text: turn.t(due ? "extend-approved-done" : "extend-rejected-done", args) }];
}

/** "Đề xuất ngày khác": the coordinator's date, then the request is approved with it. */
async function step(turn: Turn, state: FlowState, input: StepInput): Promise<Reply[]> {
  const id = Number((state.data as { id?: unknown }).id);
  const text = input.text?.trim() ?? "";
  const day = readExtensionAsk(text, today(turn)).day;
  if (!day) return [{ text: turn.t("err-day", { value: text.slice(0, 40) || "—" }) }];
  const checked = await refusal(turn, id);
  if ("text" in checked) {
    await turn.flows.clear(turn.incoming.chatId);
    return [{ text: checked.text }];
  }
  const { request } = checked.view;
  if ((request.oldDue && day <= request.oldDue) || day < today(turn))
    return [{ text: turn.t("extend-other-not-later", { ...requestArgs(checked.view), day: dayLabel(day) }) }];
  await turn.flows.clear(turn.incoming.chatId);
  return decide(turn, checked.view, day);
}

export const extendCounterFlow: FlowDefinition = { kind: "extend_counter", inputOf: () => "text", step };
