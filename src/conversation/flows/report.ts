import { prepared } from "../../db/statements.ts";
import { periodLabel } from "../../domain/period.ts";
import type { Reply } from "../../messages.ts";
import { countReport } from "../../metrics.ts";
import { reportingContact } from "../actor.ts";
import type { FlowDefinition, StepInput, Turn } from "../context.ts";
import { deadlineLabel, periodNow } from "../cycle.ts";
import { readNumber } from "../input.ts";
import { assignmentFor, assignmentsOf, isOpen, type OpenAssignment } from "../queries.ts";
import type { FlowState } from "../state.ts";
import { begin, pickTyped } from "./report-pick.ts";
import {
  askCount,
  askDescription,
  askEdit,
  askEvidence,
  askPercent,
  askStatus,
  askTask,
  MAX_DESCRIPTION,
  type S,
  STATUSES,
  summary,
  TYPED_PERCENT,
} from "./report-questions.ts";

/** Starts a report for the actor's agency; `assignmentId` (from a reminder) is preselected. */
export function startReport(turn: Turn, assignmentId?: number): Reply[] {
  const contact = turn.actor ? reportingContact(turn.actor) : undefined;
  if (!contact) return [{ text: turn.t("report-not-linked") }];
  const open = assignmentsOf(turn.deps.database.sqlite, contact.agencyId).filter(isOpen);
  if (open.length === 0) return [{ text: turn.t("report-nothing-open", { agency: contact.agencyName }) }];
  const pre = assignmentId !== undefined ? open.find((a) => a.assignmentId === assignmentId) : undefined;
  // The questions store the flow: one write for the first step, not two.
  const state = turn.flows.begin(turn.incoming.chatId, contact.id, "report", pre ? "status" : "task", {
    agencyId: contact.agencyId,
    page: 0,
    first: pre?.assignmentId,
  }) as unknown as S;
  return pre ? begin(turn, state, pre) : askTask(turn, state, open);
}

function current(turn: Turn, s: S): OpenAssignment | undefined {
  return s.data.assignmentId === undefined
    ? undefined
    : assignmentFor(turn.deps.database.sqlite, s.data.agencyId, s.data.assignmentId);
}

/** After an answer: the next question not yet answered, or the summary when changing one answer. */
function next(turn: Turn, s: S, a: OpenAssignment): Reply[] {
  const d = s.data;
  if (d.status && TYPED_PERCENT.includes(d.status) && (d.percent === undefined || d.percent === null))
    return askPercent(turn, s);
  if (d.editing) {
    if (d.status === "blocked" && !d.description) return askDescription(turn, s);
    return summary(turn, s, a);
  }
  if (a.kind === "recurring" && a.quota && d.count === undefined)
    return askCount(turn, s, a, periodNow(turn, a.planId).slice(0, 4));
  if (d.description === undefined) return askDescription(turn, s);
  if (d.evidence === undefined) return askEvidence(turn, s);
  return summary(turn, s, a);
}

function save(turn: Turn, s: S, a: OpenAssignment): Reply[] {
  const { sqlite } = turn.deps.database;
  const contact = turn.actor?.contacts.find((c) => c.id === s.contactId);
  if (!contact || contact.agencyId !== s.data.agencyId) return [{ text: turn.t("err-not-allowed") }];
  const period = periodNow(turn, a.planId);
  const at = turn.now.toISOString();
  sqlite.transaction(() => {
    prepared(
      sqlite,
      "update reports set superseded_at = ? where assignment_id = ? and period = ? and superseded_at is null",
    ).run(at, a.assignmentId, period);
    prepared(
      sqlite,
      `insert into reports (assignment_id, task_id, agency_id, period, status, percent, description, count, evidence,
           contact_id, chat_id, channel, submitted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      a.assignmentId,
      a.taskId,
      s.data.agencyId,
      period,
      s.data.status,
      s.data.percent ?? null,
      s.data.description ?? null,
      s.data.count ?? null,
      s.data.evidence?.length ? JSON.stringify(s.data.evidence) : null,
      contact.id,
      turn.incoming.chatId,
      turn.incoming.channel,
      at,
    );
    // The flow ends in the same commit as the report it produced.
    turn.flows.clear(turn.incoming.chatId);
  })();
  countReport("task", turn.incoming.channel);
  return [
    {
      text: turn.t("report-saved", {
        ref: a.ref,
        period: periodLabel(period),
        deadline: deadlineLabel(turn, a.planId, period),
      }),
      choices: [[{ label: turn.t("report-another"), data: "rp" }]],
    },
  ];
}

const IMPLIED: Record<string, number | null> = { done: 100, not_started: 0, not_applicable: null };

function step(turn: Turn, state: FlowState, input: StepInput): Reply[] {
  const s = state as unknown as S;
  const again = (key: string, args = {}) => [{ text: turn.t(key, args) }];
  const v = input.value;
  if (s.step === "task") {
    if (v?.startsWith("p")) {
      s.data.page = Number(v.slice(1)) || 0;
      return askTask(turn, s);
    }
    if (!v && input.text?.trim()) return pickTyped(turn, s, input.text);
    const a = v?.startsWith("a")
      ? assignmentFor(turn.deps.database.sqlite, s.data.agencyId, Number(v.slice(1)))
      : undefined;
    if (!a || !isOpen(a)) return [...again("report-pick-task"), ...askTask(turn, s)];
    return begin(turn, s, a);
  }
  const a = current(turn, s);
  if (!a) {
    turn.flows.clear(turn.incoming.chatId);
    return again("report-task-gone");
  }
  switch (s.step) {
    case "status": {
      if (v === "chg" && !s.data.editing) {
        s.data = { agencyId: s.data.agencyId, page: 0, first: s.data.first };
        return askTask(turn, s);
      }
      const status = STATUSES.find(([code]) => v === `s${code}`)?.[1];
      if (!status) return [...again("flow-use-buttons"), ...askStatus(turn, s, a)];
      const was = s.data.status;
      s.data.status = status;
      if (status in IMPLIED) s.data.percent = IMPLIED[status];
      // A percent typed for "in progress" still holds when the task becomes blocked, and back.
      else if (!was || !TYPED_PERCENT.includes(was)) s.data.percent = undefined;
      return next(turn, s, a);
    }
    case "percent": {
      const typed = readNumber(input.text ?? "");
      const n = v?.startsWith("%") ? Number(v.slice(1)) : typed && !typed.unit ? typed.value : undefined;
      if (n === undefined || Number.isNaN(n) || n < 0 || n > 100) return again("report-bad-percent");
      s.data.percent = n;
      return next(turn, s, a);
    }
    case "count": {
      if (v === "skip") s.data.count = null;
      else {
        const n = readNumber(input.text ?? "");
        if (!n || n.percent || !Number.isInteger(n.value) || n.value < 0 || n.value > 99_999)
          return again("report-bad-count");
        s.data.count = n.value;
      }
      return next(turn, s, a);
    }
    case "description": {
      if (v === "skip" && s.data.status !== "blocked") {
        if (!s.data.editing) s.data.description = null;
        return next(turn, s, a);
      }
      const text = input.text?.trim() ?? "";
      if (text.length > MAX_DESCRIPTION)
        return again("report-too-long", { max: MAX_DESCRIPTION, length: text.length });
      if (text === "")
        return again(s.data.status === "blocked" ? "report-description-required" : "report-ask-description", {
          max: MAX_DESCRIPTION,
        });
      s.data.description = text;
      return next(turn, s, a);
    }
    case "evidence": {
      if (v === "skip") {
        s.data.evidence ??= [];
        return summary(turn, s, a);
      }
      const url = /^https?:\/\/\S+$/i.exec(input.text?.trim() ?? "")?.[0];
      const evidence = input.attachment ?? (url ? { kind: "link" as const, url } : undefined);
      if (!evidence) return again("report-bad-evidence");
      s.data.evidence = [...(s.data.evidence ?? []), evidence];
      return summary(turn, s, a);
    }
    case "confirm": {
      if (v === "ok") return save(turn, s, a);
      if (v === "edit") return askEdit(turn, s, a);
      return [...again("flow-use-buttons"), ...summary(turn, s, a)];
    }
    case "edit": {
      s.data.editing = true;
      if (v === "es") return askStatus(turn, s, a);
      if (v === "ep") return askPercent(turn, s);
      if (v === "ec") return askCount(turn, s, a, periodNow(turn, a.planId).slice(0, 4));
      if (v === "ed") return askDescription(turn, s);
      if (v === "ee") return askEvidence(turn, s);
      if (v === "back") return summary(turn, s, a);
      s.data.editing = false;
      return [...again("flow-use-buttons"), ...askEdit(turn, s, a)];
    }
  }
  return again("flow-use-buttons");
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
