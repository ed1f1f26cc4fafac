import type { ClarifyAction } from "../../choice-data.ts";
import type { Reply } from "../../messages.ts";
import type { ClarificationRow } from "../../store/clarifications.ts";
import { type FlowState, newFlow } from "../../store/flows.ts";
import { type AuditActor, channelOf, contactActor } from "../../store/index.ts";
import { auditActor } from "../actor.ts";
import { answerQuestion, askAgency, type ClarifyDeps, checkText, MAX_CLARIFY } from "../clarify.ts";
import { type FlowDefinition, flowChoice, type Turn } from "../context.ts";
import { begin } from "./report-pick.ts";
import type { S as ReportState } from "./report-questions.ts";

/** A coordinator typing a question about an assignment, or an agency's contact typing an answer. */
type Data = { mode: "question"; assignmentId: number; agencyId: string } | { mode: "answer"; id: number };
type S = FlowState<Data>;

const text = (t: string): Reply[] => [{ text: t }];

export function clarifyDeps(turn: Turn): ClarifyDeps {
  return { store: turn.deps.store, outbox: turn.deps.outbox, i18n: turn.deps.i18n, now: turn.now };
}

/** The speaker's coordinator (or admin) contact: only they ask. */
function coordinatorOf(turn: Turn) {
  return turn.actor?.contacts.find((c) => c.role === "coordinator" || c.role === "admin");
}

/** The speaker's contact in the asked agency: only the agency's own people answer. */
function memberOf(turn: Turn, agencyId: string) {
  return turn.actor?.contacts.find((c) => c.agencyId === agencyId);
}

/** Sends a coordinator's question and says to whom it went, or why it did not. */
export async function sendQuestion(
  turn: Turn,
  target: { assignmentId: number; agencyId: string },
  question: string,
): Promise<Reply[]> {
  const coordinator = coordinatorOf(turn);
  if (!coordinator) return text(turn.t("err-coordinators-only"));
  const out = await askAgency(clarifyDeps(turn), {
    ...target,
    question,
    askedBy: coordinator.id,
    actor: auditActor(turn),
    via: channelOf(turn.incoming.chatId),
  });
  if (!out.ok) return text(turn.t(out.key, out.args));
  await turn.deps.engine?.dispatchNow(turn.now);
  return text(turn.t("clarify-sent", { agency: out.agency, ref: out.ref, count: out.recipients }));
}

/** Opens the question flow: the next text the coordinator types is the question. */
export async function promptQuestion(
  turn: Turn,
  target: { assignmentId: number; agencyId: string; agency: string; ref: string },
): Promise<Reply[]> {
  const coordinator = coordinatorOf(turn);
  if (!coordinator) return text(turn.t("err-coordinators-only"));
  const s = newFlow(turn.incoming.chatId, coordinator.id, "clarify", "question", {
    mode: "question",
    assignmentId: target.assignmentId,
    agencyId: target.agencyId,
  });
  return prompt(turn, s, turn.t("clarify-ask-question", { agency: target.agency, ref: target.ref }));
}

async function prompt(turn: Turn, s: FlowState, question: string): Promise<Reply[]> {
  const choices = [[flowChoice(s, turn.t("flow-cancel"), "x")]];
  await turn.flows.save(s, turn.now, choices.flat());
  turn.stored = choices;
  return [{ text: question, choices }];
}

/**
 * A question's or an answer's button, or a reply to such a message (`typed`): everything in
 * the button is checked again against the database, since button data is never trusted.
 */
export async function clarifyPressed(
  turn: Turn,
  pressed: { id: number; action: ClarifyAction },
  typed?: string,
): Promise<Reply[]> {
  if (turn.incoming.chatType === "group") return text(turn.t("err-private-only"));
  const row = await turn.deps.store.clarifications.get(pressed.id);
  if (!row) return text(turn.t("flow-stale-button"));
  if (pressed.action === "follow-up") {
    if (!coordinatorOf(turn)) return text(turn.t("err-coordinators-only"));
    if (typed?.trim()) return sendQuestion(turn, row, typed);
    return promptQuestion(turn, { ...row, agency: row.agencyName });
  }
  const member = memberOf(turn, row.agencyId);
  if (!member) return text(turn.t("err-not-allowed"));
  if (row.answeredAt !== null)
    return text(turn.t("clarify-already-answered", { who: row.answererName ?? row.agencyName }));
  // Words replied to the question answer it, whichever of its buttons was read first.
  if (typed?.trim()) return answerInWords(turn, member.id, row, typed);
  if (pressed.action === "edit") return openReport(turn, member.id, row);
  const s = newFlow(turn.incoming.chatId, member.id, "clarify", "answer", { mode: "answer", id: row.id });
  return prompt(turn, s, turn.t("clarify-ask-answer", { ref: row.ref, question: row.question }));
}

/**
 * The report flow on the asked assignment itself (never the speaker's latest or first open
 * one), starting from its current answers, with the question it answers kept in the flow.
 */
async function openReport(turn: Turn, contactId: number, row: ClarificationRow): Promise<Reply[]> {
  const a = await turn.deps.store.reports.assignmentFor(row.agencyId, row.assignmentId);
  if (!a) return text(turn.t("report-task-gone"));
  const state = newFlow(turn.incoming.chatId, contactId, "report", "status", {
    agencyId: row.agencyId,
    page: 0,
    first: a.assignmentId,
    clarificationId: row.id,
  }) as unknown as ReportState;
  return begin(turn, state, a);
}

async function answerInWords(
  turn: Turn,
  contactId: number,
  row: ClarificationRow,
  words: string,
): Promise<Reply[]> {
  const checked = checkText(words);
  if ("key" in checked) return text(turn.t(checked.key, { max: MAX_CLARIFY }));
  const actor = contactActor(contactId, turn.incoming.userId);
  const done = await answerQuestion(clarifyDeps(turn), { id: row.id, contactId, text: checked.text, actor });
  await turn.flows.clear(turn.incoming.chatId);
  if (!done) return text(turn.t("clarify-already-answered", { who: row.agencyName }));
  await turn.deps.engine?.dispatchNow(turn.now);
  return text(turn.t("clarify-answer-sent", { who: row.askerName ?? row.agencyName }));
}

/** After an edited report is saved: it answers the question the flow was opened from. */
export async function answeredByReport(
  turn: Turn,
  clarificationId: number,
  report: { id: number; contactId: number; description: string | null },
): Promise<string> {
  const actor: AuditActor = contactActor(report.contactId, turn.incoming.userId);
  const done = await answerQuestion(clarifyDeps(turn), {
    id: clarificationId,
    contactId: report.contactId,
    text: report.description,
    reportId: report.id,
    actor,
  });
  if (!done) return "";
  await turn.deps.engine?.dispatchNow(turn.now);
  const row = await turn.deps.store.clarifications.get(clarificationId);
  return turn.t("clarify-report-sent", { who: row?.askerName ?? row?.agencyName ?? "" });
}

export const clarifyFlow: FlowDefinition = {
  kind: "clarify",
  inputOf: () => "text",
  async step(turn, state, input) {
    const s = state as unknown as S;
    const typed = input.text?.trim();
    if (!typed) return text(turn.t("clarify-type-words"));
    if (s.data.mode === "question") {
      const checked = checkText(typed);
      if ("key" in checked) return text(turn.t(checked.key, { max: MAX_CLARIFY }));
      await turn.flows.clear(turn.incoming.chatId);
      return sendQuestion(turn, s.data, checked.text);
    }
    const row = await turn.deps.store.clarifications.get(s.data.id);
    const member = row && memberOf(turn, row.agencyId);
    if (!row || !member) {
      await turn.flows.clear(turn.incoming.chatId);
      return text(turn.t("err-not-allowed"));
    }
    return answerInWords(turn, member.id, row, typed);
  },
};
