import type { Reply } from "../../messages.ts";
import { type FlowState, newFlow } from "../../store/flows.ts";
import { reportingContact } from "../actor.ts";
import type { FlowDefinition, StepInput, Turn } from "../context.ts";
import { readRef } from "../input.ts";
import { readPageValue } from "../paging.ts";
import { isOpen } from "../queries.ts";
import { ANSWERS } from "./report-answers.ts";
import { begin, pickTyped } from "./report-pick.ts";
import { askTask, type S } from "./report-questions.ts";

/**
 * Starts a report for the actor's agency at the task named in its words ("/baocao II.10", "em
 * muốn báo cáo nhiệm vụ ii10 ạ"), else at `assignmentId` (the reminder replied to), else the list.
 */
export async function startReport(turn: Turn, assignmentId?: number, words = ""): Promise<Reply[]> {
  const contact = turn.actor ? reportingContact(turn.actor) : undefined;
  if (!contact) return [{ text: turn.t("report-not-linked") }];
  const open = (await turn.deps.store.reports.assignmentsOf(contact.agencyId)).filter(isOpen);
  if (open.length === 0) return [{ text: turn.t("report-nothing-open", { agency: contact.agencyName }) }];
  // A task named in the words wins over the reminder the words answered.
  const ref = refIn(words);
  const pre = ref
    ? open.find((a) => a.ref === ref)
    : open.find((a) => assignmentId !== undefined && a.assignmentId === assignmentId);
  // The questions store the flow: one write for the first step, not two.
  const state = newFlow(turn.incoming.chatId, contact.id, "report", pre ? "status" : "task", {
    agencyId: contact.agencyId,
    page: 0,
    first: pre?.assignmentId,
  }) as unknown as S;
  if (pre) return begin(turn, state, pre);
  const unknown = ref ? [{ text: turn.t("report-ref-unknown", { ref }) }] : [];
  return [...unknown, ...(await askTask(turn, state, open))];
}

/** The first word that reads as a task's ref ("ii10", "V.6,"), if any. */
function refIn(words: string): string | undefined {
  for (const word of words.split(/\s+/)) {
    const ref = readRef(word.replace(/[,;:!?]+$/, ""));
    if (ref) return ref;
  }
  return undefined;
}

async function current(turn: Turn, s: S) {
  if (s.data.assignmentId === undefined) return undefined;
  // Read with the flow itself where the engine does that in one round trip (store/turns.ts).
  if (turn.reportAssignment) return turn.reportAssignment.value;
  return turn.deps.store.reports.assignmentFor(s.data.agencyId, s.data.assignmentId);
}

/** The first question: which task, by button (a<id>), page (p<n>), or typed ref or title. */
async function answerTask(turn: Turn, s: S, input: StepInput): Promise<Reply[]> {
  const v = input.value;
  const page = readPageValue(v);
  if (page !== undefined) {
    s.data.page = page;
    return askTask(turn, s);
  }
  if (!v && input.text?.trim()) return pickTyped(turn, s, input.text);
  // The task and the answers it was last reported with, in one read.
  const picked = v?.startsWith("a")
    ? await turn.deps.store.reports.picked(s.data.agencyId, Number(v.slice(1)))
    : undefined;
  if (!picked || !isOpen(picked.assignment))
    return [{ text: turn.t("report-pick-task") }, ...(await askTask(turn, s))];
  return begin(turn, s, picked.assignment, picked);
}

async function step(turn: Turn, state: FlowState, input: StepInput): Promise<Reply[]> {
  const s = state as unknown as S;
  if (s.step === "task") return answerTask(turn, s, input);
  const a = await current(turn, s);
  if (!a) {
    await turn.flows.clear(turn.incoming.chatId);
    return [{ text: turn.t("report-task-gone") }];
  }
  const answer = Object.hasOwn(ANSWERS, s.step) ? ANSWERS[s.step] : undefined;
  return answer ? answer(turn, s, a, input) : [{ text: turn.t("flow-use-buttons") }];
}

const INPUT: Record<string, "number" | "text"> = {
  percent: "number",
  count: "number",
  description: "text",
  evidence: "text",
};

export const reportFlow: FlowDefinition = {
  kind: "report",
  inputOf: (state) => INPUT[state.step] ?? "choice",
  step,
};
