import type { ReportStatus } from "../../db/schema.ts";
import type { Evidence, Reply } from "../../messages.ts";
import type { FlowState } from "../../store/flows.ts";
import { shortTitle } from "../../text/title.ts";
import { flowChoice, type Turn } from "../context.ts";
import { pageOf } from "../paging.ts";
import { isOpen, type OpenAssignment } from "../queries.ts";

export interface ReportData {
  agencyId: string;
  assignmentId?: number;
  page: number;
  first?: number;
  status?: ReportStatus;
  percent?: number | null;
  count?: number | null;
  description?: string | null;
  evidence?: Evidence[];
  /** Changing one answer from the summary: after it, back to the summary. */
  editing?: boolean;
  /** The period of the earlier report these answers started from. */
  prefilled?: string;
  /** A coordinator's question this edit answers (flows/clarify.ts): the saved report is the answer. */
  clarificationId?: number;
}

export type S = FlowState<ReportData>;

export const MAX_DESCRIPTION = 2000;
export const STATUSES: [string, ReportStatus][] = [
  ["ns", "not_started"],
  ["ip", "in_progress"],
  ["dn", "done"],
  ["bl", "blocked"],
  ["na", "not_applicable"],
];
/** Statuses whose percent is typed; the others imply it. */
export const TYPED_PERCENT: ReportStatus[] = ["in_progress", "blocked"];

const cancel = (turn: Turn, s: S) => flowChoice(s, turn.t("flow-cancel"), "x");

/**
 * The flow stored at the question `reply` asks, with the choices it offers, in one write: a
 * report takes seven or eight questions, and storing the state and then its choices was two.
 */
async function ask(turn: Turn, s: S, reply: Reply): Promise<Reply[]> {
  await turn.flows.save(s, turn.now, reply.choices?.flat());
  turn.stored = reply.choices;
  return [reply];
}

/** "Hiện tại: …" under a question asked again from the summary. */
function currentLine(turn: Turn, s: S, value: string | undefined): string {
  return s.data.editing && value ? `\n${turn.t("report-current", { value })}` : "";
}

export async function askTask(turn: Turn, s: S, known?: OpenAssignment[]): Promise<Reply[]> {
  const open = known ?? (await turn.deps.store.reports.assignmentsOf(s.data.agencyId)).filter(isOpen);
  const first = open.find((a) => a.assignmentId === s.data.first);
  const ordered = first ? [first, ...open.filter((a) => a !== first)] : open;
  const { items, page, pages, nav } = pageOf(turn, s, ordered, s.data.page);
  const rows = items.map((a) => [
    flowChoice(s, `${a.ref} · ${shortTitle(a.title, 48)}`, `a${a.assignmentId}`),
  ]);
  s.step = "task";
  s.data.page = page;
  return ask(turn, s, {
    text: turn.t("report-ask-task", { page: page + 1, pages }),
    choices: [...rows, ...(nav.length ? [nav] : []), [cancel(turn, s)]],
  });
}

export async function askStatus(turn: Turn, s: S, a: OpenAssignment): Promise<Reply[]> {
  s.step = "status";
  const buttons = STATUSES.map(([code, status]) => flowChoice(s, turn.t(`status-${status}`), `s${code}`));
  const now = s.data.status ? turn.t(`status-${s.data.status}`) : undefined;
  return ask(turn, s, {
    text:
      turn.t("report-ask-status", { ref: a.ref, title: shortTitle(a.title, 200) }) +
      currentLine(turn, s, now),
    choices: [
      buttons.slice(0, 2),
      buttons.slice(2, 4),
      buttons.slice(4),
      [...(s.data.editing ? [] : [flowChoice(s, turn.t("report-other-task"), "chg")]), cancel(turn, s)],
    ],
  });
}

export async function askPercent(turn: Turn, s: S): Promise<Reply[]> {
  s.step = "percent";
  const now = typeof s.data.percent === "number" ? `${s.data.percent}%` : undefined;
  return ask(turn, s, {
    text: turn.t("report-ask-percent") + currentLine(turn, s, now),
    freeNumber: true,
    choices: [[0, 25, 50, 75, 90].map((p) => flowChoice(s, `${p}%`, `%${p}`)), [cancel(turn, s)]],
  });
}

export async function askCount(turn: Turn, s: S, a: OpenAssignment, year: string): Promise<Reply[]> {
  const quota = (a.quota ?? undefined) as { count: number; item: string } | undefined;
  s.step = "count";
  const now = typeof s.data.count === "number" ? String(s.data.count) : undefined;
  return ask(turn, s, {
    text:
      turn.t("report-ask-count", { item: quota?.item ?? "", count: quota?.count ?? 1, year }) +
      currentLine(turn, s, now),
    choices: [[flowChoice(s, turn.t("flow-skip"), "skip"), cancel(turn, s)]],
  });
}

export async function askDescription(turn: Turn, s: S): Promise<Reply[]> {
  s.step = "description";
  const required = s.data.status === "blocked";
  return ask(turn, s, {
    text:
      turn.t(required ? "report-ask-description-required" : "report-ask-description", {
        max: MAX_DESCRIPTION,
      }) + currentLine(turn, s, s.data.description ?? undefined),
    choices: [[...(required ? [] : [flowChoice(s, turn.t("flow-skip"), "skip")]), cancel(turn, s)]],
  });
}

export async function askEvidence(turn: Turn, s: S): Promise<Reply[]> {
  s.step = "evidence";
  return ask(turn, s, {
    text: turn.t("report-ask-evidence"),
    choices: [[flowChoice(s, turn.t("flow-skip"), "skip"), cancel(turn, s)]],
  });
}

export async function summary(turn: Turn, s: S, a: OpenAssignment): Promise<Reply[]> {
  s.step = "confirm";
  s.data.editing = false;
  const d = s.data;
  const lines = [
    ...(d.prefilled
      ? [turn.t("report-prefilled", { period: d.prefilled.split("-").reverse().join("/") })]
      : []),
    turn.t("report-summary", { ref: a.ref, title: shortTitle(a.title, 200) }),
    turn.t("report-summary-status", { status: turn.t(`status-${d.status}`) }),
    ...(d.percent !== null && d.percent !== undefined
      ? [turn.t("report-summary-percent", { percent: d.percent })]
      : []),
    ...(d.count !== null && d.count !== undefined
      ? [turn.t("report-summary-count", { count: d.count })]
      : []),
    ...(d.description ? [turn.t("report-summary-description", { description: d.description })] : []),
    ...(d.evidence?.length ? [turn.t("report-summary-evidence", { count: d.evidence.length })] : []),
  ];
  return ask(turn, s, {
    text: lines.join("\n"),
    choices: [
      [flowChoice(s, turn.t("report-confirm"), "ok")],
      [flowChoice(s, turn.t("report-edit"), "edit"), cancel(turn, s)],
    ],
  });
}

/** "✏️ Sửa lại": which answer to change; the others stay as they are. */
export async function askEdit(turn: Turn, s: S, a: OpenAssignment): Promise<Reply[]> {
  s.step = "edit";
  const fields: [string, string][] = [
    ["es", "report-field-status"],
    ...(s.data.status && TYPED_PERCENT.includes(s.data.status)
      ? [["ep", "report-field-percent"] as [string, string]]
      : []),
    ...(a.kind === "recurring" && a.quota ? [["ec", "report-field-count"] as [string, string]] : []),
    ["ed", "report-field-description"],
    ["ee", "report-field-evidence"],
  ];
  return ask(turn, s, {
    text: turn.t("report-ask-edit"),
    choices: [
      ...fields.map(([code, key]) => [flowChoice(s, turn.t(key), code)]),
      [flowChoice(s, turn.t("report-field-back"), "back"), cancel(turn, s)],
    ],
  });
}
