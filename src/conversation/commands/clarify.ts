import { lookupAgency } from "../../catalog/agency-lookup.ts";
import { dayLabel } from "../../domain/period.ts";
import { UserError } from "../../errors.ts";
import type { Reply } from "../../messages.ts";
import { shortTitle } from "../../text/title.ts";
import { answerBody } from "../clarify.ts";
import type { Turn } from "../context.ts";
import { promptQuestion, sendQuestion } from "../flows/clarify.ts";
import { argRef } from "../input.ts";

/** An agency's name is a few words; the rest of a long message is the question. */
const MAX_AGENCY_WORDS = 8;

type Askable = Awaited<ReturnType<Turn["deps"]["store"]["clarifications"]["askable"]>>[number];

/**
 * The agency at the start of `words`, matched as /remind and /status match one (id, alias or a
 * unique part of the name, without accents), the longest prefix that names one of the task's
 * agencies; the words after it are the question. "so y te: da xong chua" splits at the colon.
 */
async function splitAgency(turn: Turn, rest: string, askable: Askable[]) {
  const colon = rest.indexOf(":");
  const heads = colon > 0 ? [rest.slice(0, colon)] : [];
  const words = rest.split(/\s+/).filter(Boolean);
  for (let k = Math.min(words.length, MAX_AGENCY_WORDS); k >= 1; k--) heads.push(words.slice(0, k).join(" "));
  let named: string | undefined;
  for (const head of heads) {
    const agency = await lookupAgency(turn.deps.store, head).catch((e: unknown) => {
      if (e instanceof UserError) return undefined;
      throw e;
    });
    if (!agency) continue;
    const target = askable.find((a) => a.agencyId === agency.id);
    if (!target) {
      named ??= agency.name;
      continue;
    }
    const question = rest.slice(rest.indexOf(head) + head.length).replace(/^\s*:?\s*/, "");
    return { target, question };
  }
  return { named };
}

/**
 * /ask <ref> <agency> <question> (/hoilai): a coordinator's question to the agency's focal
 * points about its report on that task; without the question, the next message is it.
 */
export async function askCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const [rawRef = "", ...words] = arg.split(/\s+/);
  const rest = words.join(" ").trim();
  if (!rawRef || !rest) throw new UserError("usage-ask");
  const ref = argRef(rawRef);
  const task = await turn.deps.store.catalog.liveTask(ref);
  if (!task) throw new UserError("err-task-unknown", { ref });
  const askable = await turn.deps.store.clarifications.askable(task.id);
  const found = await splitAgency(turn, rest, askable);
  if (!("target" in found) || !found.target) {
    const leads = askable.filter((a) => a.role === "lead");
    const agencies =
      leads.length <= 5
        ? leads.map((a) => a.name).join(", ")
        : turn.t("clarify-many-agencies", { count: leads.length, ref });
    return [
      {
        text: found.named
          ? turn.t("clarify-not-assigned", { agency: found.named, ref, agencies })
          : turn.t("clarify-agency-unknown", { ref, agencies }),
      },
    ];
  }
  const target = { assignmentId: found.target.assignmentId, agencyId: found.target.agencyId };
  if (!found.question) return promptQuestion(turn, { ...target, agency: found.target.name, ref });
  return sendQuestion(turn, target, found.question);
}

/** The questions asked about a task and their answers, for /task's history; none, no lines. */
export async function clarifyLines(turn: Turn, taskId: number): Promise<string[]> {
  const rows = await turn.deps.store.clarifications.ofTask(taskId);
  if (rows.length === 0) return [];
  const day = (at: string) => dayLabel(turn.deps.calendar.localDate(new Date(at)));
  return [
    turn.t("clarify-history", { count: rows.length }),
    ...rows.map((r) =>
      turn.t("clarify-history-line", {
        day: day(r.askedAt),
        asker: r.askerName ?? "—",
        agency: r.agencyName,
        question: shortTitle(r.question, 200),
        answer:
          r.answeredAt === null
            ? turn.t("clarify-history-waiting")
            : turn.t("clarify-history-answer", {
                who: r.answererName ?? r.agencyName,
                day: day(r.answeredAt),
                answer: shortTitle(answerBody(turn.t, r), 200),
              }),
      }),
    ),
  ];
}
