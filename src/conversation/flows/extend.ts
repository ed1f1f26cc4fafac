import { dayLabel } from "../../domain/period.ts";
import type { Reply } from "../../messages.ts";
import { type FlowState, newFlow } from "../../store/flows.ts";
import { contactActor } from "../../store/index.ts";
import { shortTitle } from "../../text/title.ts";
import { type FlowDefinition, flowChoice, type StepInput, type Turn } from "../context.ts";
import { notifyCoordinators } from "../extend-notify.ts";
import { type ExtensionAsk, readExtensionAsk } from "../extend-read.ts";
import { readRef } from "../input.ts";
import { pageOf, readPageValue } from "../paging.ts";
import { isOpen, type OpenAssignment } from "../queries.ts";

interface Data {
  agencyId: string;
  assignmentId?: number;
  day?: string;
  reason?: string;
  page: number;
}
type S = FlowState<Data> & { contactId: number };

const MAX_REASON = 500;

/** Who may ask for an agency: its focal point, else its head (never a coordinator as such). */
function askerOf(turn: Turn) {
  const contacts = turn.actor?.contacts ?? [];
  return contacts.find((c) => c.role === "focal") ?? contacts.find((c) => c.role === "head");
}

/** What an extension can move: the agency's open lead tasks with one date (not milestones). */
async function extendable(turn: Turn, agencyId: string): Promise<OpenAssignment[]> {
  return (await turn.deps.store.reports.assignmentsOf(agencyId)).filter(
    (a) => a.role === "lead" && a.due !== null && a.kind !== "milestones" && isOpen(a),
  );
}

const today = (turn: Turn) => turn.deps.calendar.localDate(turn.now);

/**
 * /giahan (with whatever was typed after it), "xin gia han …" on its own, or the due reminder's
 * "Xin gia hạn" (with its assignment): asks for what is missing, then sends the request.
 */
export async function startExtension(turn: Turn, typed: string, assignmentId?: number): Promise<Reply[]> {
  if (turn.incoming.chatType === "group") return [{ text: turn.t("err-private-only") }];
  const contact = askerOf(turn);
  if (!contact) return [{ text: turn.t("extend-not-agency") }];
  const ask: ExtensionAsk = readExtensionAsk(typed, today(turn));
  if (ask.badDay) return [{ text: turn.t("err-day", { value: ask.badDay }) }];
  const open = await extendable(turn, contact.agencyId);
  if (open.length === 0) return [{ text: turn.t("extend-nothing", { agency: contact.agencyName }) }];
  const picked = open.find((a) => a.assignmentId === assignmentId || (ask.ref && a.ref === ask.ref));
  const s = newFlow(turn.incoming.chatId, contact.id, "extend", "task", {
    agencyId: contact.agencyId,
    page: 0,
    ...(picked ? { assignmentId: picked.assignmentId } : {}),
    ...(ask.day ? { day: ask.day } : {}),
    ...(ask.reason ? { reason: ask.reason.slice(0, MAX_REASON) } : {}),
  }) as unknown as S;
  const unknown = ask.ref && !picked ? [{ text: turn.t("extend-ref-unknown", { ref: ask.ref }) }] : [];
  return [...unknown, ...(await next(turn, s, open))];
}

/** Asks for the first thing still missing (task, date, reason), or sends the request. */
async function next(turn: Turn, s: S, known?: OpenAssignment[]): Promise<Reply[]> {
  const open = known ?? (await extendable(turn, s.data.agencyId));
  const a = open.find((x) => x.assignmentId === s.data.assignmentId);
  if (!a) return askTask(turn, s, open);
  const pending = await turn.deps.store.extensions.openFor(a.assignmentId);
  if (pending) {
    await turn.flows.clear(s.chatId);
    return [
      {
        text: turn.t("extend-already-open", {
          ref: a.ref,
          asked: dayLabel(pending.newDue),
          since: dayLabel(turn.deps.calendar.localDate(new Date(pending.requestedAt))),
        }),
      },
    ];
  }
  const problem = s.data.day ? dayProblem(turn, a, s.data.day) : undefined;
  if (!s.data.day || problem) {
    delete s.data.day;
    return ask(turn, s, "date", [
      ...(problem ? [problem] : []),
      turn.t("extend-ask-date", { ref: a.ref, title: shortTitle(a.title, 80), due: dayLabel(a.due ?? "") }),
    ]);
  }
  if (!s.data.reason) return ask(turn, s, "reason", [turn.t("extend-ask-reason")]);
  return submit(turn, s, a, s.data.day, s.data.reason);
}

/** A date that would not extend anything: not after the date in force, or already past. */
function dayProblem(turn: Turn, a: OpenAssignment, day: string): string | undefined {
  if (a.due && day <= a.due) return turn.t("extend-not-later", { due: dayLabel(a.due), day: dayLabel(day) });
  if (day < today(turn)) return turn.t("extend-past", { day: dayLabel(day), today: dayLabel(today(turn)) });
  return undefined;
}

async function ask(turn: Turn, s: S, step: string, lines: string[]): Promise<Reply[]> {
  s.step = step;
  const choices = [[flowChoice(s, turn.t("flow-cancel"), "x")]];
  await turn.flows.save(s, turn.now, choices.flat());
  turn.stored = choices;
  return [{ text: lines.join("\n"), choices }];
}

async function askTask(turn: Turn, s: S, open: OpenAssignment[]): Promise<Reply[]> {
  const { items, page, pages, nav } = pageOf(turn, s, open, s.data.page);
  s.step = "task";
  s.data.page = page;
  const choices = [
    ...items.map((a) => [
      flowChoice(s, `${a.ref} · ${shortTitle(a.title, 40)} (${dayLabel(a.due ?? "")})`, `a${a.assignmentId}`),
    ]),
    ...(nav.length ? [nav] : []),
    [flowChoice(s, turn.t("flow-cancel"), "x")],
  ];
  await turn.flows.save(s, turn.now, choices.flat());
  turn.stored = choices;
  return [{ text: turn.t("extend-ask-task", { page: page + 1, pages }), choices }];
}

/** The request and its audit row together; the one-open-request index has the last word. */
async function submit(turn: Turn, s: S, a: OpenAssignment, day: string, reason: string): Promise<Reply[]> {
  const { store } = turn.deps;
  const late = a.due !== null && today(turn) > a.due;
  const id = await store.transaction(async (tx) => {
    const made = await tx.extensions.request({
      assignmentId: a.assignmentId,
      taskId: a.taskId,
      agencyId: s.data.agencyId,
      requestedBy: s.contactId,
      requestedAt: turn.now.toISOString(),
      oldDue: a.due,
      newDue: day,
      reason,
      late,
    });
    if (made !== undefined)
      await tx.audit.record({
        ...contactActor(s.contactId, turn.incoming.userId),
        at: turn.now,
        action: "extension.request",
        targetKind: "assignment",
        targetId: a.assignmentId,
        before: { due: a.due },
        after: { asked: day, late, reason, request: made, ref: a.ref, agency: s.data.agencyId },
      });
    return made;
  });
  await turn.flows.clear(s.chatId);
  if (id === undefined) return next(turn, s);
  const view = await store.extensions.byId(id);
  const told = view ? await notifyCoordinators(turn, view) : 0;
  const args = { ref: a.ref, day: dayLabel(day), due: dayLabel(a.due ?? "") };
  return [
    {
      text: [
        turn.t("extend-sent", args),
        ...(late ? [turn.t("extend-sent-late", args)] : []),
        ...(told === 0 ? [turn.t("extend-no-coordinator")] : []),
      ].join("\n"),
    },
  ];
}

async function step(turn: Turn, state: FlowState, input: StepInput): Promise<Reply[]> {
  const s = state as unknown as S;
  const text = input.text?.trim() ?? "";
  if (s.step === "task") {
    const page = readPageValue(input.value);
    if (page !== undefined) s.data.page = page;
    const ref = readRef(text) ?? readExtensionAsk(text, today(turn)).ref;
    const open = await extendable(turn, s.data.agencyId);
    const picked = input.value?.startsWith("a")
      ? open.find((a) => a.assignmentId === Number(input.value?.slice(1)))
      : open.find((a) => a.ref === ref);
    if (picked) s.data.assignmentId = picked.assignmentId;
    return next(turn, s, open);
  }
  if (s.step === "date") {
    const ask = readExtensionAsk(text, today(turn));
    if (!ask.day) return [{ text: turn.t("err-day", { value: text.slice(0, 40) }) }];
    s.data.day = ask.day;
    if (ask.reason && !s.data.reason) s.data.reason = ask.reason.slice(0, MAX_REASON);
    return next(turn, s);
  }
  if (s.step === "reason" && text) {
    s.data.reason = text.slice(0, MAX_REASON);
    return next(turn, s);
  }
  return [{ text: turn.t("flow-use-buttons") }];
}

export const extendFlow: FlowDefinition = {
  kind: "extend",
  inputOf: (state) => (state.step === "task" ? "choice" : "text"),
  step,
};
