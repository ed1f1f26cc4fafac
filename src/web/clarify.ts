import { askAgency, type ClarifyOutcome } from "../conversation/clarify.ts";
import { webActor } from "./actor.ts";
import type { Viewer, WebDeps } from "./deps.ts";

export interface AskInput {
  /** The assignment id the form names (one of the task's lead agencies). */
  assignment: string;
  question: string;
}

/**
 * /hoilai from the task page: the agency is checked again to be a live lead of this task
 * (the form's value is never trusted), then the same rule as in chat sends the question to its
 * focal points and records it, with the web as its channel.
 */
export async function askFromWeb(
  deps: WebDeps,
  viewer: Viewer,
  taskId: number,
  input: AskInput,
): Promise<ClarifyOutcome> {
  const id = /^\d{1,9}$/.test(input.assignment) ? Number(input.assignment) : Number.NaN;
  const leads = (await deps.store.clarifications.askable(taskId)).filter((a) => a.role === "lead");
  const target = leads.find((a) => a.assignmentId === id);
  if (!target) return { ok: false, key: "web-clarify-bad-agency" };
  return askAgency(
    { store: deps.store, outbox: deps.outbox, i18n: deps.i18n, now: deps.now() },
    {
      assignmentId: target.assignmentId,
      agencyId: target.agencyId,
      question: input.question,
      askedBy: viewer.contactId,
      actor: webActor(viewer.contactId),
      via: "web",
    },
  );
}
