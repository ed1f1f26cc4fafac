import type { Evidence, Reply } from "../../messages.ts";
import type { LastReport } from "../../store/reports.ts";
import { shortTitle } from "../../text/title.ts";
import { flowChoice, type Turn, whichOne } from "../context.ts";
import { periodNow } from "../cycle.ts";
import { matchLabel, readRef } from "../input.ts";
import { isOpen, type OpenAssignment } from "../queries.ts";
import { askStatus, askTask, type S, summary } from "./report-questions.ts";

/**
 * A task picked: reported before, it starts from those answers (at the summary, so a person
 * changes one thing); otherwise from the status question.
 */
export async function begin(
  turn: Turn,
  s: S,
  a: OpenAssignment,
  known?: { last: LastReport | undefined },
): Promise<Reply[]> {
  s.data.assignmentId = a.assignmentId;
  const last = known ? known.last : await turn.deps.store.reports.lastReport(a.assignmentId);
  if (!last) return askStatus(turn, s, a);
  const sameYear = last.period.slice(0, 4) === periodNow(turn, a.planId).slice(0, 4);
  Object.assign(s.data, {
    status: last.status,
    percent: last.percent,
    count: sameYear ? last.count : undefined,
    description: last.description,
    evidence: (last.evidence as Evidence[] | null) ?? undefined,
    prefilled: last.period,
  });
  return summary(turn, s, a);
}

/** A typed task: its ref exactly, on any page ("ii.1" is II.1, never II.10), or its title. */
export async function pickTyped(turn: Turn, s: S, text: string): Promise<Reply[]> {
  const open = (await turn.deps.store.reports.assignmentsOf(s.data.agencyId)).filter(isOpen);
  const ref = readRef(text);
  if (ref) {
    const a = open.find((x) => x.ref === ref);
    return a
      ? begin(turn, s, a)
      : [{ text: turn.t("report-ref-unknown", { ref }) }, ...(await askTask(turn, s, open))];
  }
  const m = matchLabel(text, open, (a) => a.title, { contains: true });
  if (m && "one" in m) return begin(turn, s, m.one);
  if (m && "many" in m) {
    const choices = m.many.map((a) =>
      flowChoice(s, `${a.ref} · ${shortTitle(a.title, 48)}`, `a${a.assignmentId}`),
    );
    return whichOne(turn, text, choices, flowChoice(s, turn.t("flow-cancel"), "x"));
  }
  return [{ text: turn.t("report-pick-task") }, ...(await askTask(turn, s, open))];
}
